import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { TaskRun } from '../../core/providers/task-event.js';
import type { StoreChange } from '../../core/store/task-store.js';
import { TaskRerunEvent, TaskSelectEvent } from '../shared/events.js';
import { CustomStatesController } from '../shared/custom-states.js';
import { clock } from '../shared/clock.js';
import { TaskElement } from '../shared/task-element.js';
import { renderRows, scrollOptionIntoView } from './history-list.js';
import { moveTarget, TypeAhead } from './list-navigation.js';
import { optionId, type ItemActions } from './render-item.js';
import { filterRuns, parseStatusFilter, STATUS_FILTERS, typeAheadText, type StatusFilter } from './run-filter.js';
import { StatusRefreshController } from './status-refresh.js';
import { taskHistoryStyles } from './task-history.styles.js';

/** Milliseconds the text filter waits after the last keystroke before it filters. */
const SEARCH_DEBOUNCE_MS = 120;

/**
 * The runs of a store, newest first and kept across reloads: a live status badge, provider,
 * processor or mode, created time and an input preview per run. Pick a run to show it in the
 * `<task-stream>` of the same store; re-run, delete, or clear all (after a confirmation); filter by
 * status and text. Runs added in another tab appear without a reload, and the status of active
 * runs that no stream shows is refreshed every `refresh-interval` ms.
 *
 * Keyboard: the list is a listbox with one tab stop and an active option (`aria-activedescendant`;
 * each option carries `aria-posinset` and `aria-setsize`). ArrowUp/ArrowDown, Home/End and
 * PageUp/PageDown move, typing the start of a run's input moves to it, Enter or Space selects,
 * Delete (or Backspace) removes the active run; Tab reaches its Re-run and Delete buttons. Long
 * histories render only the rows near the view (`@lit-labs/virtualizer`, loaded when needed).
 *
 * @tagname task-history
 * @summary History of research task runs.
 * @cssstate empty - The store holds no run.
 * @fires {TaskSelectEvent} task-select - The user picked a run (click, Enter or Space); carries `runId` and `provider`.
 * @fires {TaskRerunEvent} task-rerun - The user asked to run a task again; carries `run`, `provider` and `store`, for a `<task-form>` to prefill itself.
 * @fires {TaskErrorEvent} task-error - A status refresh was refused (401/403); fired once until a refresh succeeds.
 * @fires {TaskAuthEvent} task-auth - `auth-mode="oauth"` without a `<task-form>` of the same sign-in: signed in, signed out, or a sign-in failed.
 * @csspart toolbar - The row with the search, the status filter and "Clear all".
 * @csspart search - The text filter (matches id, input, processor and mode).
 * @csspart status-filter - The status filter.
 * @csspart clear - The "Clear all" button.
 * @csspart confirm - The inline confirmation of "Clear all".
 * @csspart list - The listbox of runs.
 * @csspart item - One run (`role="option"`); also `item-<status>` (e.g. `item-running`); carries `data-status` and `aria-selected`.
 * @csspart item-status - The status badge of a run; also `item-status-<status>` (e.g. `item-status-failed`); carries `data-status`.
 * @csspart item-<status> - A run, by status: `item-running`, `item-completed`, `item-failed`, …
 * @csspart item-status-<status> - The status badge of a run, by status: `item-status-completed`, `item-status-failed`, …
 * @csspart item-actions - The Re-run and Delete buttons of a run.
 * @csspart empty - The empty state: no runs yet, none matches the filter, or (`auth-mode="oauth"`) no sign-in yet.
 * @cssprop --task-bg - Background.
 * @cssprop --task-fg - Text colour.
 * @cssprop --task-accent - Accent colour (selection, focus).
 * @cssprop --task-accent-fg - Text on accent-coloured surfaces (primary buttons, selection).
 * @cssprop --task-focus - Focus ring (a `box-shadow` value).
 * @cssprop --task-surface - Raised surfaces.
 * @cssprop --task-border - Borders.
 * @cssprop --task-muted - Secondary text.
 * @cssprop --task-ok - Success colour.
 * @cssprop --task-warn - Warning colour.
 * @cssprop --task-danger - Error and delete colour.
 * @cssprop --task-radius - Corner radius.
 * @cssprop --task-font - Font family.
 * @cssprop --task-mono - Monospace font.
 * @cssprop --task-history-max-height - Height limit of the list (default 32rem).
 */
export class TaskHistoryElement extends TaskElement {
  static override styles = taskHistoryStyles;

  readonly #refresh = new StatusRefreshController(this, (error, runId) => this.reportError(error, runId));
  /** `:state(empty)` while the store holds no run. */
  readonly #states = new CustomStatesController(this, () => (this.taskStore.getRuns().length === 0 ? ['empty'] : []));
  /** The filtered runs, worked out again only when the runs or a filter changed. */
  #shown: readonly TaskRun[] = [];
  #shownOf: { runs?: readonly TaskRun[]; status?: StatusFilter; query?: string } = {};
  /** Unsubscribes from the shared clock (clock.ts). */
  #clock: (() => void) | undefined;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #typeAhead = new TypeAhead();
  readonly #actions: ItemActions = {
    onRerun: (run) => this.dispatchEvent(new TaskRerunEvent(run, run.provider, this.store)),
    onDelete: (run) => this.#remove(run),
  };

  @query('input[type="search"]') private _search?: HTMLInputElement;
  @query('[role="listbox"]') private _listbox?: HTMLElement;
  @query('.rows') private _scroller?: HTMLElement;

  @state() private _status: StatusFilter = 'all';
  /** The text filter applied (the search box's value, a moment after typing stops). */
  @state() private _query = '';
  @state() private _activeId: string | undefined;
  @state() private _confirming = false;
  @state() private _announcement = '';
  @state() private _now = Date.now();

  /**
   * Milliseconds between status refreshes of active runs that no stream shows; 0 disables them.
   * A first refresh happens when the element connects. Without the attribute: 15000.
   */
  @property({ attribute: 'refresh-interval', converter: { fromAttribute: (v: string | null) => (v === null ? 15_000 : Number(v)) } })
  refreshInterval = 15_000;

  override connectedCallback(): void {
    super.connectedCallback();
    this._now = clock.now();
    this.#clock ??= clock.subscribe((now) => {
      // Ages under a minute change every second; older ones every few seconds at most. Runs are
      // newest first: the youngest is among the first few (a few, for the providers' skews).
      const youngest = this.#shown.slice(0, 8).reduce((min, run) => Math.min(min, now + clock.skew(run.provider) - Date.parse(run.createdAt)), Infinity);
      if (youngest < 90_000 || now - this._now >= 10_000) this._now = now;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#clock?.();
    this.#clock = undefined;
    clearTimeout(this.#searchTimer);
  }

  override onStoreChange(change: StoreChange): void {
    // Events and connection changes alter nothing shown here; status changes arrive as `run`.
    if (change.type === 'runs' || change.type === 'run' || change.type === 'selection') this.requestUpdate();
    if (change.type === 'credentials') {
      // A key entered for a provider: refreshes that failed without it try again at once.
      this.configVersion++;
      this.requestUpdate();
    }
  }

  /** The runs shown: the store's, filtered. Recomputed only when one of the three changed. */
  #shownRuns(): readonly TaskRun[] {
    const runs = this.taskStore.getRuns();
    const memo = this.#shownOf;
    if (memo.runs !== runs || memo.status !== this._status || memo.query !== this._query) {
      this.#shown = filterRuns(runs, this._status, this._query);
      this.#shownOf = { runs, status: this._status, query: this._query };
    }
    return this.#shown;
  }

  #activeIndex(runs: readonly TaskRun[]): number {
    const byId = (id: string | undefined) => (id === undefined ? -1 : runs.findIndex((run) => run.id === id));
    const active = byId(this._activeId);
    if (active >= 0) return active;
    const selected = byId(this.taskStore.selectedId);
    return selected >= 0 ? selected : runs.length ? 0 : -1;
  }

  #select(run: TaskRun): void {
    this._activeId = run.id;
    this.taskStore.select(run.id);
    this.dispatchEvent(new TaskSelectEvent(run.id, run.provider));
  }

  #remove(run: TaskRun): void {
    const index = this.#shown.findIndex((r) => r.id === run.id);
    const next = this.#shown[index + 1] ?? this.#shown[index - 1];
    const wasSelected = this.taskStore.selectedId === run.id;
    this.taskStore.removeRun(run.id);
    this._announcement = `Deleted run ${run.id}.`;
    // The run on show went: the next one is shown instead of nothing.
    if (wasSelected && next) this.#select(next);
    if (next) void this.#activate(next.id, true);
    else void this.updateComplete.then(() => this._search?.focus());
  }

  /** Height of one row in px (every row has the same), or 0 before the first one is rendered. */
  #rowHeight(): number {
    return this.renderRoot.querySelector<HTMLElement>('[role="option"]')?.offsetHeight ?? 0;
  }

  /** Makes run `runId` the active option: scrolled into view, and the listbox focused if `focus`. */
  async #activate(runId: string, focus: boolean): Promise<void> {
    this._activeId = runId;
    await this.updateComplete;
    const index = this.#shown.findIndex((run) => run.id === runId);
    const listbox = this._listbox;
    if (index < 0 || !listbox) return;
    if (focus) listbox.focus({ preventScroll: true });
    if (!this.#scrollToRow(listbox, index)) scrollOptionIntoView(listbox, index);
    // The virtualizer renders the rows now in view at its next frames.
    // Up to ~2 s of frames: on a loaded machine the virtualizer takes more than a few frames to get there.
    for (let frame = 0; frame < 120 && !this.renderRoot.querySelector(`#${optionId(index)}`); frame++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      // WebKit: the virtualizer may reset the scroll position while it measures; ask again.
      if (frame % 10 === 9 && this._activeId === runId) this.#scrollToRow(listbox, index);
    }
    this.#syncActiveDescendant();
  }

  /**
   * Rows have one height, so the scroll position of row `index` is known without the virtualizer:
   * scrolls `.rows` the least that shows it whole (an ordinary scroll, which the virtualizer follows;
   * its own scrollIntoView left a jump to the end of 5,000 runs with no row rendered). False before
   * the first row is measured.
   */
  #scrollToRow(listbox: HTMLElement, index: number): boolean {
    const scroller = this._scroller;
    const row = this.renderRoot.querySelector<HTMLElement>('[role="option"]');
    const height = row?.getBoundingClientRect().height ?? 0; // fractional: offsetHeight rounds, and 5,000 rounded rows drift
    if (!height || !scroller) return false;
    const top = listbox.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop + index * height;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + height > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + height - scroller.clientHeight;
    return true;
  }

  /** Points `aria-activedescendant` at the active option when it is rendered (never at a missing id). */
  #syncActiveDescendant(): void {
    const listbox = this._listbox;
    if (!listbox) return;
    const active = listbox.querySelector('[role="option"][data-active]');
    if (active) listbox.setAttribute('aria-activedescendant', active.id);
    else listbox.removeAttribute('aria-activedescendant');
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#syncActiveDescendant();
  }

  #runOf(target: EventTarget | null): TaskRun | undefined {
    const index = (target as Element | null)?.closest?.('[role="option"]')?.getAttribute('data-index');
    return index === null || index === undefined ? undefined : this.#shown[Number(index)];
  }

  #onListClick = (event: MouseEvent): void => {
    const run = this.#runOf(event.target);
    if (run) this.#select(run);
  };

  /** Rows per page for PageUp/PageDown: those that fit in the box, less one kept for context. */
  #pageSize(): number {
    const rowHeight = this.#rowHeight();
    return rowHeight ? Math.max(1, Math.floor((this._scroller?.clientHeight ?? 0) / rowHeight) - 1) : 1;
  }

  #onListKeydown = (event: KeyboardEvent): void => {
    const runs = this.#shown;
    if (!runs.length || event.target !== this._listbox) return;
    const index = this.#activeIndex(runs);
    const run = runs[index]!;
    const modified = event.altKey || event.ctrlKey || event.metaKey;
    const target = modified ? undefined : moveTarget(event.key, index, runs.length, this.#pageSize());
    if (target !== undefined) {
      void this.#activate(runs[target]!.id, true);
    } else if (!modified && (event.key === 'Enter' || event.key === ' ')) {
      this.#select(run);
    } else if (!modified && (event.key === 'Delete' || event.key === 'Backspace')) {
      this.#remove(run);
    } else if (TypeAhead.accepts(event)) {
      const found = this.#typeAhead.next(event.key, Date.now(), index, runs.length, (i) => typeAheadText(runs[i]!));
      if (found !== undefined) void this.#activate(runs[found]!.id, true);
    } else {
      return;
    }
    event.preventDefault();
  };

  #onListFocus = (): void => {
    // The active option is the selected one, or the first, until the keyboard moves it.
    const runs = this.#shown;
    const index = this.#activeIndex(runs);
    if (index >= 0) void this.#activate(runs[index]!.id, false);
  };

  #onSearchInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    // Clearing the box applies at once; typing waits for a pause, so a word is one filter, not five.
    if (!value) this._query = '';
    else this.#searchTimer = setTimeout(() => (this._query = value), SEARCH_DEBOUNCE_MS);
  };

  #askClear = async (): Promise<void> => {
    this._confirming = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-confirm="keep"]')?.focus();
  };

  #confirmClear = (): void => {
    const count = this.taskStore.getRuns().length;
    this.taskStore.clear();
    this._confirming = false;
    this._announcement = `Deleted all ${count} runs.`;
    void this.updateComplete.then(() => this._search?.focus());
  };

  #keepRuns = async (): Promise<void> => {
    this._confirming = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="clear"]')?.focus();
  };

  #onConfirmKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') void this.#keepRuns();
  };

  #resetFilters = (): void => {
    clearTimeout(this.#searchTimer);
    if (this._search) this._search.value = '';
    this._status = 'all';
    this._query = '';
  };

  /** Refreshes the status of every active run that no stream shows, now. */
  refreshStatuses(): void {
    this.#refresh.refreshNow();
  }

  #renderToolbar(total: number) {
    return html`<div part="toolbar" class="toolbar">
      <input part="search" type="search" aria-label="Search runs" placeholder="Search runs" .value=${this._query} @input=${this.#onSearchInput}>
      <select part="status-filter" aria-label="Filter by status" .value=${this._status}
        @change=${(e: Event) => (this._status = parseStatusFilter((e.target as HTMLSelectElement).value))}>
        ${STATUS_FILTERS.map(([value, label]) => html`<option value=${value} ?selected=${value === this._status}>${label}</option>`)}
      </select>
      <button part="clear" type="button" ?disabled=${total === 0 || this._confirming} @click=${this.#askClear}>Clear all</button>
    </div>
    ${this._confirming && total > 0
      ? html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-text" @keydown=${this.#onConfirmKeydown}>
          <p id="confirm-text">Delete all ${total} ${total === 1 ? 'run' : 'runs'} from this browser? This cannot be undone.</p>
          <button type="button" class="danger" @click=${this.#confirmClear}>Confirm</button>
          <button type="button" data-confirm="keep" @click=${this.#keepRuns}>Keep</button>
        </div>`
      : nothing}`;
  }

  #renderList(runs: readonly TaskRun[]) {
    const rows = renderRows({
      runs, selectedId: this.taskStore.selectedId, activeIndex: this.#activeIndex(runs), now: this._now, actions: this.#actions,
      onVirtualizerLoaded: () => this.requestUpdate(),
    });
    // After a scroll the virtualizer renders other rows at the next frame; the active one may have gone.
    const onScroll = () => requestAnimationFrame(() => this.#syncActiveDescendant());
    return html`<div class="rows" @scroll=${onScroll}>
      <div part="list" class="list" role="listbox" aria-label="Runs" tabindex="0" @click=${this.#onListClick}
        @keydown=${this.#onListKeydown} @focus=${this.#onListFocus}>${rows.options}</div>
      <div class="actions">${rows.actions}</div>
    </div>`;
  }

  override render() {
    if (this.awaitingSignIn) return this.oauth.renderRequired();
    const runs = this.taskStore.getRuns();
    const shown = this.#shownRuns();
    let body;
    if (runs.length === 0) {
      body = html`<div part="empty" class="empty"><p>No runs yet.</p><p class="muted">Submitted tasks appear here, newest first.</p></div>`;
    } else if (shown.length === 0) {
      body = html`<div part="empty" class="empty"><p>No run matches the filter.</p>
        <button type="button" @click=${this.#resetFilters}>Show all runs</button></div>`;
    } else {
      body = this.#renderList(shown);
    }
    const count = shown.length !== runs.length
      ? `${shown.length.toLocaleString()} of ${runs.length.toLocaleString()} runs`
      : `${runs.length.toLocaleString()} ${runs.length === 1 ? 'run' : 'runs'}`;
    return html`${this.#renderToolbar(runs.length)}
      ${runs.length ? html`<p class="count muted">${count}</p>` : nothing}
      ${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'task-history': TaskHistoryElement;
  }
}
