/**
 * The progress log of a run (`part="log"`): while the run goes on, the newest events in a scroller
 * pinned to the bottom, {@link WINDOW} rows at a time ("Show earlier" pages back); once the run is
 * over, one line — "42 progress events · show" (`part="log-summary"`) — so the result comes first
 * (issue 13 §3). It counts progress, not status changes; a log of status changes only (a Parallel
 * run that ended while it waited for a connection: queued → running → completed) says "2 status
 * changes". Events that could not be read are one muted line, with what went wrong on demand
 * (`part="unreadable"`, §6). Long rows are clipped with "Show all" (§8).
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { isTerminalStatus, type TaskRun } from '../../core/providers/task-event.js';
import type { EventRows } from './event-rows.js';
import { renderEventRow, type RowContext } from './render-event.js';
import { t } from './strings.js';

/** Rows rendered at once; older ones are reached page by page ("Show earlier"). Bounds the DOM. */
export const WINDOW = 100;


/** The log's view state for the shown run; `reset()` when another run is shown. */
export class LogView {
  /** Index after the last row shown; null: follow the tail. */
  windowEnd: number | null = null;
  /** The reader stays at the newest event (not scrolled up). */
  stickToBottom = true;
  /** The reader opened the log of a finished run. */
  open = false;
  readonly expanded = new Set<string>();

  constructor(private readonly host: ReactiveControllerHost) {}

  reset(): void {
    this.windowEnd = null;
    this.stickToBottom = true;
    this.open = false;
    this.expanded.clear();
  }

  /** Opens the log (the reader asked for its events). */
  show(): void {
    this.open = true;
    this.host.requestUpdate();
  }

  /** Rows are about to be appended: reading away from the tail freezes the window. */
  beforeAppend(rowCount: number): void {
    if (!this.stickToBottom && this.windowEnd === null) this.windowEnd = rowCount;
  }

  /** Rows were put before the shown ones: a window away from the tail keeps showing the same rows. */
  prepended(count: number): void {
    if (this.windowEnd !== null) this.windowEnd += count;
  }

  #update = (change: () => void) => () => {
    change();
    this.host.requestUpdate();
  };

  #toggleRow = (key: string): void => {
    if (!this.expanded.delete(key)) this.expanded.add(key);
    this.host.requestUpdate();
  };

  #onScroll = (event: Event): void => {
    // The scroller is a reversed flex column: scrollTop is 0 at the bottom and negative above it.
    this.stickToBottom = Math.abs((event.currentTarget as HTMLElement).scrollTop) < 32;
  };

  render(run: TaskRun, rows: EventRows, answer: string | undefined): TemplateResult {
    const count = rows.rows.length;
    const collapsed = isTerminalStatus(run.status) && !this.open && count > 0;
    const unreadable = html`${renderFinalStateOnly(run, rows)}${renderUnreadable(rows)}`;
    if (collapsed) {
      return html`<section part="log" class="log" aria-label=${t('stream.log')}>
        <p part="log-summary" class="log-summary">${logCount(rows)} ·
          <button type="button" class="link-button" aria-expanded="false" @click=${this.#update(() => (this.open = true))}>${t('stream.show')}</button></p>
        ${unreadable}
      </section>`;
    }
    const ctx: RowContext = { answer, expanded: this.expanded, toggle: this.#toggleRow };
    const end = this.windowEnd ?? count;
    const start = Math.max(0, end - WINDOW);
    const shown = rows.rows.slice(start, end);
    return html`<section part="log" class="log" aria-label=${t('stream.log')}>
      ${this.open && isTerminalStatus(run.status)
        ? html`<p part="log-summary" class="log-summary">${logCount(rows)} ·
            <button type="button" class="link-button" aria-expanded="true" @click=${this.#update(() => (this.open = false))}>${t('stream.hide')}</button></p>`
        : nothing}
      ${start > 0
        ? html`<button type="button" class="page" @click=${this.#update(() => {
            this.windowEnd = Math.max(WINDOW, end - WINDOW);
            this.stickToBottom = false;
          })}>${t('stream.earlier', { count: start })}</button>`
        : nothing}
      ${count > 0
        ? html`<div class="events-scroller" tabindex="0" role="region" aria-label=${t('stream.eventList')} @scroll=${this.#onScroll}>
            <ol class="events" aria-label=${t('stream.events')}>${repeat(shown, (row) => row.key, (row) => renderEventRow(row, ctx))}</ol>
          </div>`
        : nothing}
      ${this.windowEnd !== null
        ? html`<button type="button" class="page" @click=${this.#update(() => {
            this.windowEnd = null;
            this.stickToBottom = true;
          })}>${count > end ? t('stream.latestNew', { count: count - end }) : t('stream.latest')}</button>`
        : nothing}
      ${unreadable}
      ${count === 0 && !run.eventsEvicted && !isTerminalStatus(run.status) ? html`<p class="muted">${t('stream.noEvents')}</p>` : nothing}
    </section>`;
  }
}

/** What the log holds, in words: its progress events, not counting status changes; a log of status changes only says so. */
function logCount(rows: EventRows): string {
  const count = rows.rows.length;
  const statuses = rows.rows.filter(({ event }) => event.kind === 'status').length;
  return statuses === count && count > 0 ? t('stream.logStatusCount', { count }) : t('stream.logCount', { count: count - statuses });
}

/**
 * A Parallel run first seen after it had finished: Parallel answers a connection to a finished run
 * with its final state only (its current SSE guide; specs/parallel-task-api.md §7.4 said the whole
 * trace), so there are no steps to show, and the reader should know that nothing was lost here.
 * Seen live, a run has a status event that was not final, or progress messages.
 */
function renderFinalStateOnly(run: TaskRun, rows: EventRows): TemplateResult | typeof nothing {
  if (!isTerminalStatus(run.status) || run.eventsEvicted) return nothing;
  // Known here while active, its progress never came: its first stream started after its end (core/store/lost-progress.ts).
  if (run.logIncomplete) return html`<p part="log-note" class="muted">${t('stream.logNotRecorded')}</p>`;
  if (run.provider !== 'parallel') return nothing;
  const seenLive = rows.rows.some(({ event }) => event.kind !== 'status' || !isTerminalStatus(event.status));
  if (seenLive) return nothing;
  return html`<p part="log-note" class="muted">${t('stream.finalStateNote')}</p>`;
}

/** "1 event could not be read · details": what was wrong, in words, with the data on demand. */
function renderUnreadable(rows: EventRows): TemplateResult | typeof nothing {
  const bad = rows.unreadable;
  if (!bad.length) return nothing;
  return html`<details part="unreadable" class="unreadable">
    <summary>${t('stream.unreadable', { count: bad.length })}</summary>
    <p>${t('stream.unreadableText', { count: bad.length })}</p>
    <ul>${bad.slice(0, 20).map((event) => html`<li><span class="muted">${event.source || t('stream.unreadableSource')}:</span>
      <code class="sample">${event.sample.slice(0, 200)}</code> <span class="muted">(${event.reason})</span></li>`)}</ul>
  </details>`;
}
