import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { isActiveStatus, isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import type { StoreChange } from '../../core/store/task-store.js';
import { TaskCompleteEvent, TaskConnectionEvent, TaskProgressEvent, TaskStateEvent } from '../shared/events.js';
import { statusLabel } from '../shared/format.js';
import { CustomStatesController } from '../shared/custom-states.js';
import { TaskElement } from '../shared/task-element.js';
import { EventRows } from './event-rows.js';
import { renderEventRow } from './render-event.js';
import { renderHeader, renderProgress } from './render-header.js';
import { outputText, renderLiveTexts, renderOutput } from './render-output.js';
import { renderEvicted } from './render-evicted.js';
import { copyText, downloadRun, renderControls } from './render-controls.js';
import { taskStreamStyles } from './task-stream.styles.js';

/** Rows rendered at once; older ones are reached page by page ("Show earlier"). Bounds the DOM. */
const WINDOW = 100;
/**
 * Shortest time between two renders of the list while events flood in (a replay, a token stream):
 * events are still applied per frame, but the list's layout is paid for ~8 times a second at most.
 */
const MIN_RENDER_INTERVAL_MS = 120;

/**
 * Shows one run live: status, connection, progress, every event exactly once, and the result with
 * its sources. Follows the store's selection unless `run-id` is set.
 *
 * @tagname task-stream
 * @summary Live view of a running research task.
 * @cssstate empty - No run is shown.
 * @cssstate queued - The run's status (one of `queued`, `running`, `action_required`, `paused`, `cancelling`, `completed`, `failed`, `cancelled`, `timeout`, `unknown`).
 * @cssstate running - The run is running (see `queued` for the other statuses).
 * @cssstate completed - The run completed.
 * @cssstate failed - The run failed.
 * @cssstate connection-open - The connection state, one of `connection-connecting`, `connection-open`, `connection-reconnecting`, `connection-closed`, `connection-failed`.
 * @fires {TaskStateEvent} task-state - The run's status changed.
 * @fires {TaskProgressEvent} task-progress - Events were applied (one DOM event per rendered batch).
 * @fires {TaskCompleteEvent} task-complete - The run reached a terminal status; carries output or error.
 * @fires {TaskConnectionEvent} task-connection - The connection state changed.
 * @fires {TaskErrorEvent} task-error - A request failed; `message` says what to do.
 * @csspart header - Run id, provider, processor or mode, created time, status and connection.
 * @csspart status - The status badge; also `status-<status>` (e.g. `status-failed`); carries `data-status`.
 * @csspart connection - The connection indicator; also `connection-<state>` (e.g. `connection-open`); carries `data-state`.
 * @csspart status-<status> - The status badge, by status: `status-running`, `status-completed`, `status-failed`, … (page CSS cannot match `data-status` inside the shadow root).
 * @csspart connection-<state> - The connection indicator, by state: `connection-connecting`, `connection-open`, `connection-reconnecting`, `connection-closed`, `connection-failed`.
 * @csspart progress - The progress bar.
 * @csspart event - One event row; also `event-<kind>` (e.g. `event-message`); carries `data-type` (normalized kind) and, for messages, `data-category`.
 * @csspart event-<kind> - An event row, by normalized kind: `event-message`, `event-status`, `event-output`, … (the values of `data-type`).
 * @csspart title - The run's title, when the API gave one (Shannon `title_generator`).
 * @csspart notice - Why a run that waits for a person (Parallel `action_required`, paused) does not move.
 * @csspart warnings - The API's warnings about the run (Parallel `run.warnings`).
 * @csspart usage - The tokens and cost of one model call (on a collapsed message row).
 * @csspart usage-total - The run's tokens and cost: the API's total, or the calls seen so far.
 * @csspart live - The answer while it is written.
 * @csspart live-text - One agent's text while it is written; carries `data-agent`.
 * @csspart output - The result section.
 * @csspart tool-call - One MCP tool call the run made (Parallel `output.mcp_tool_calls`).
 * @csspart evicted - The notice of a run whose stored event log was removed to save space, with its "Load the events again" button.
 * @csspart markdown-note - The note above a result shown as plain text (too long, too deeply nested or too dense to format).
 * @csspart citation - One cited source.
 * @csspart error - An error message.
 * @csspart controls - The stop / cancel / reconnect buttons.
 * @csspart empty - The message shown when no run is selected.
 * @cssprop --task-bg - Background.
 * @cssprop --task-fg - Text colour.
 * @cssprop --task-accent - Accent colour.
 * @cssprop --task-accent-fg - Text on accent-coloured surfaces (primary buttons, selection).
 * @cssprop --task-focus - Focus ring (a `box-shadow` value).
 * @cssprop --task-surface - Raised surfaces and inputs.
 * @cssprop --task-border - Borders.
 * @cssprop --task-muted - Secondary text.
 * @cssprop --task-ok - Success colour.
 * @cssprop --task-warn - Warning colour.
 * @cssprop --task-danger - Error colour.
 * @cssprop --task-radius - Corner radius.
 * @cssprop --task-font - Font family.
 * @cssprop --task-mono - Monospace font.
 * @cssprop --task-stream-max-height - Height limit of the event list (default 28rem).
 */
export class TaskStreamElement extends TaskElement {
  static override styles = taskStreamStyles;

  /** Show this run. When absent, the element follows the store's selection. */
  @property({ attribute: 'run-id', reflect: true })
  runId: string | null = null;

  @state() private _rowsVersion = 0;
  @state() private _windowEnd: number | null = null; // null: follow the tail
  @state() private _now = Date.now();
  @state() private _announcement = '';
  @state() private _notice = '';

  @query('.events-scroller') private _list?: HTMLElement;

  /** `:state(<status>)` (e.g. `running`, `failed`), `:state(connection-<state>)`, or `:state(empty)`. */
  readonly #states = new CustomStatesController(this, () => {
    const run = this.run;
    return run ? [run.status, `connection-${this.taskStore.getConnection(run.id)?.state ?? 'closed'}`] : ['empty'];
  });
  #rows = new EventRows();
  #shownId: string | undefined;
  #release: (() => void) | undefined;
  #pending: TaskEvent[] = [];
  #flushHandle: number | undefined;
  #clock: ReturnType<typeof setInterval> | undefined;
  #stickToBottom = true;
  #lastFlush = 0;
  /** The pending release after a disconnect; cleared by a reconnect in the same task (a move). */
  #releaseCheck: (() => void) | undefined;
  /** `state|phase` of the last task-connection fired. */
  #lastConnection: string | undefined;

  /** The displayed run (normalized snapshot), or undefined. */
  get run(): TaskRun | undefined {
    return this.#shownId ? this.taskStore.getRun(this.#shownId) : undefined;
  }

  /** The displayed run's normalized events, in display order, each exactly once (a copy). */
  get events(): TaskEvent[] {
    return this.#shownId ? [...this.taskStore.getEvents(this.#shownId)] : [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved within one task (append, insertBefore to another parent): the stream goes on.
    this.#releaseCheck = undefined;
    this.#follow();
    clearInterval(this.#clock);
    this.#clock = setInterval(() => {
      // The clock runs only while the API works on the run: not once it is over or waits for a person.
      if (this.run && isActiveStatus(this.run.status)) this._now = Date.now();
    }, 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A removal followed by an insertion in the same task is a move, not a disconnect: the
    // connection is released only if the element is still out of the document a microtask later.
    const check = (this.#releaseCheck = () => {
      if (this.#releaseCheck !== check || this.isConnected) return;
      this.#releaseCheck = undefined;
      clearInterval(this.#clock);
      this.#cancelFlush();
      this.#release?.();
      this.#release = undefined;
      this.#shownId = undefined;
      this.#lastConnection = undefined;
    });
    queueMicrotask(check);
  }

  /** `moveBefore()` keeps the element connected: nothing to release or reopen. */
  connectedMoveCallback(): void {
    // Intentionally empty: its presence tells the browser not to call disconnected/connected.
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runId') || changed.has('store')) this.#follow();
  }

  override onStoreChange(change: StoreChange): void {
    const id = this.#shownId;
    switch (change.type) {
      case 'selection':
        if (this.runId === null) this.#follow();
        return;
      case 'runs':
        if (id && !this.taskStore.getRun(id)) this.#follow();
        else this.requestUpdate();
        return;
      case 'events':
        if (change.runId !== id) return;
        this.#pending.push(...change.events);
        this.#scheduleFlush();
        return;
      case 'run':
        if (change.runId !== id) return;
        if (change.run.status !== change.previous.status) this.#onStatus(change.run, change.previous);
        this.requestUpdate();
        return;
      case 'connection': {
        if (change.runId !== id) return;
        // One DOM event per real change of state or phase, not per snapshot (attempt, timers).
        const key = `${change.connection.state}|${change.connection.phase}`;
        if (key !== this.#lastConnection) {
          this.#lastConnection = key;
          this.dispatchEvent(new TaskConnectionEvent(id, change.connection));
        }
        this.requestUpdate();
        return;
      }
      case 'error':
        if (change.runId === id) this.reportError(change.error, id);
        return;
      default:
        return;
    }
  }

  /** Connects now: skips the backoff wait, or reopens after stop() or a failure. */
  reconnect(): void {
    if (this.#shownId) this.taskStore.reconnect(this.#shownId);
  }

  /** Closes the connection now and keeps the run; `reconnect()` resumes. */
  stop(): void {
    if (this.#shownId) this.taskStore.stop(this.#shownId);
  }

  /** Asks the API to cancel the run (Shannon). Rejects on Parallel, which has no cancel endpoint. */
  async cancel(): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      await this.taskStore.cancel(run.id, this.endpoint(run.provider));
    } catch (error) {
      this.reportError(error, run.id);
      throw error;
    }
  }

  /** Shows the run the element should show now, (re)binding the live connection. */
  #follow(): void {
    if (!this.isConnected) return;
    const next = this.runId ?? this.taskStore.selectedId;
    if (next === this.#shownId && this.#release) return;
    this.#release?.();
    this.#release = undefined;
    this.#lastConnection = undefined;
    this.#cancelFlush();
    this.#pending = [];
    this.#shownId = next ?? undefined;
    this._windowEnd = null;
    this.#stickToBottom = true;
    this.#rows.reset(next ? this.taskStore.getEvents(next) : []);
    this._rowsVersion++;
    if (next) this.#release = this.taskStore.watch(next, (provider) => this.endpoint(provider));
  }

  #scheduleFlush(): void {
    if (this.#flushHandle !== undefined) return;
    // Batches events per frame; a hidden tab gets no frames, so it flushes on a timer instead.
    const visible = typeof document === 'undefined' || document.visibilityState !== 'hidden';
    this.#flushHandle = visible
      ? requestAnimationFrame(() => this.#flush())
      : (setTimeout(() => this.#flush(), 250) as unknown as number);
  }

  #cancelFlush(): void {
    if (this.#flushHandle === undefined) return;
    cancelAnimationFrame(this.#flushHandle);
    clearTimeout(this.#flushHandle);
    this.#flushHandle = undefined;
  }

  #flush(now = false): void {
    this.#flushHandle = undefined;
    const wait = this.#lastFlush + MIN_RENDER_INTERVAL_MS - performance.now();
    if (wait > 0 && !now) {
      this.#flushHandle = setTimeout(() => {
        this.#flushHandle = undefined;
        this.#scheduleFlush();
      }, wait) as unknown as number;
      return;
    }
    this.#lastFlush = performance.now();
    const batch = this.#pending;
    this.#pending = [];
    if (!batch.length || !this.#shownId) return;
    // Reading away from the tail freezes the window, so what the user reads does not slide away.
    if (!this.#stickToBottom && this._windowEnd === null) this._windowEnd = this.#rows.rows.length;
    if (this.#rows.append(batch)) this._rowsVersion++;
    this.dispatchEvent(new TaskProgressEvent(this.#shownId, batch));
  }

  #onStatus(run: TaskRun, previous: TaskRun): void {
    this._announcement = `Status: ${statusLabel(run.status)}`;
    this.dispatchEvent(new TaskStateEvent(run.id, run.status, previous.status));
    if (isTerminalStatus(run.status)) {
      this._now = Date.now();
      // The events that came with the final status are emitted right after this change: show them
      // (and fire their task-progress) first, so the last task-progress precedes task-complete.
      queueMicrotask(() => {
        if (this.#shownId !== run.id) return;
        this.#cancelFlush();
        this.#flush(true);
        const latest = this.taskStore.getRun(run.id) ?? run;
        this.dispatchEvent(new TaskCompleteEvent(run.id, latest.status, latest.output, latest.error));
      });
    }
  }

  #onScroll = (): void => {
    // The scroller is a reversed flex column: scrollTop is 0 at the bottom and negative above it.
    const list = this._list;
    if (list) this.#stickToBottom = Math.abs(list.scrollTop) < 32;
  };

  #showEarlier = (): void => {
    const end = this._windowEnd ?? this.#rows.rows.length;
    this._windowEnd = Math.max(WINDOW, end - WINDOW);
    this.#stickToBottom = false;
  };

  #showLatest = (): void => {
    this._windowEnd = null;
    this.#stickToBottom = true;
  };

  async #copy(text: string, what: string): Promise<void> {
    this._notice = (await copyText(text)) ? `${what} copied.` : `Could not copy the ${what.toLowerCase()}: the browser refused clipboard access.`;
  }

  #download = (): void => {
    if (this.run) downloadRun(this.run, this.events);
  };

  #renderEvents() {
    const rows = this.#rows.rows;
    const end = this._windowEnd ?? rows.length;
    const start = Math.max(0, end - WINDOW);
    const shown = rows.slice(start, end);
    return html`
      ${start > 0 ? html`<button type="button" class="page" @click=${this.#showEarlier}>Show earlier events (${start} more)</button>` : nothing}
      <div class="events-scroller" tabindex="0" role="region" aria-label="Event list" @scroll=${this.#onScroll}>
        <ol class="events" aria-label="Events">${repeat(shown, (row) => row.key, renderEventRow)}</ol>
      </div>
      ${this._windowEnd !== null
        ? html`<button type="button" class="page" @click=${this.#showLatest}>Show latest events${rows.length > end ? ` (${rows.length - end} new)` : ''}</button>`
        : nothing}
      ${rows.length === 0 && !this.run?.eventsEvicted ? html`<p class="muted">No events yet.</p>` : nothing}`;
  }

  override render() {
    const run = this.run;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>`;
    if (!run) {
      return html`${live}<div class="empty" part="empty"><p>No run selected.</p><p class="muted">Submit a task or pick one from the history to watch it here.</p></div>`;
    }
    const connection = this.taskStore.getConnection(run.id);
    const events = this.taskStore.getEvents(run.id);
    const output = run.output;
    const actions = output
      ? html`<button type="button" @click=${() => this.#copy(outputText(output), 'Output')}>Copy output</button>
          <button type="button" @click=${this.#download}>Download run (JSON)</button>`
      : html``;
    return html`${live}
      ${renderHeader(run, connection, this._now, { onCopyId: () => this.#copy(run.id, 'Run id'), onReconnect: () => this.reconnect() })}
      ${renderProgress(run, events, this._now)}
      ${renderControls(run, connection, { onStop: () => this.stop(), onReconnect: () => this.reconnect(), onCancel: () => this.cancel().catch(() => {}) })}
      ${run.error ? html`<div part="error" class="error" role="alert">${run.error.message}${run.error.refId ? html` <span class="ref">(ref ${run.error.refId})</span>` : nothing}</div>` : nothing}
      ${this._notice ? html`<p class="notice" role="status">${this._notice}</p>` : nothing}
      <section class="event-section" aria-label="Progress events">${renderEvicted(run, events.length, this)}${this.#renderEvents()}</section>
      ${renderLiveTexts(this.#rows.live.shown)}${output ? renderOutput(output, actions) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'task-stream': TaskStreamElement;
  }
}
