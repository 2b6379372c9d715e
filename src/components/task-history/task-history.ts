import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { TaskRun } from '../../core/providers/task-event.js';
import type { StoreChange } from '../../core/store/task-store.js';
import { TaskRerunEvent, TaskSelectEvent } from '../shared/events.js';
import { CustomStatesController } from '../shared/custom-states.js';
import { runReach } from '../shared/reach.js';
import { TaskElement } from '../shared/task-element.js';
import { renderRows, wantVirtualizer } from './history-list.js';
import { AgeClock } from './age-clock.js';
import { activeIndex, ListKeyboard } from './list-keyboard.js';
import { renderActionsSizer, type ItemActions } from './render-item.js';
import { markHoveredRow } from './row-hover.js';
import { renderCount, renderEmpty, renderToolbar } from './render-toolbar.js';
import { parseStatusFilter, ShownRuns, type StatusFilter } from './run-filter.js';
import { StatusRefreshController } from './status-refresh.js';
import { taskHistoryStyles } from './task-history.styles.js';
import { HistoryDeletion, type HistoryView } from './deletion-controller.js';
import { ClearAll } from './clear-all.js';
import { t } from './strings.js';
import { LazyHistoryGroups } from '../task-group/lazy-history.js';

const SEARCH_DEBOUNCE_MS = 120; // ms the text filter waits after the last keystroke

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
 * Delete (or Backspace) removes the active run; Tab reaches the active run's Re-run and Delete
 * buttons. Long histories render only the rows near the view (`@lit-labs/virtualizer`, loaded when needed).
 *
 * Deleting a run hides it at once and deletes it after a few seconds, with "Undo" until then, and
 * Ctrl+Z (⌘Z) anywhere in the history (in the search box until one types there); one still running
 * is deleted alike, and the notice says that the provider goes on with it; when
 * it was the run on show, the next one is shown. "Clear all" (or "Clear shown" while a filter is
 * set) deletes what the filter shows, after a confirmation that says how many and which are still
 * running. Batches (Parallel task groups) are deleted the same way, by their Delete button or key,
 * and "Clear" counts and deletes those the filter matches (by status: active while a run of theirs
 * is, else completed); deleting a batch removes its record and its runs from the browser.
 *
 * @tagname task-history
 * @summary History of research task runs.
 * @cssstate empty - The store holds no run.
 * @fires {TaskSelectEvent} task-select - The user picked a run (click, Enter or Space); carries `runId` and `provider`.
 * @fires {TaskRerunEvent} task-rerun - The user asked to run a task again; carries `run`, `provider` and `store`, for a `<task-form>` to prefill itself.
 * @fires {TaskErrorEvent} task-error - A status refresh was refused (401/403); fired once until a refresh succeeds.
 * @fires {TaskAuthEvent} task-auth - `auth-mode="oauth"` without a `<task-form>` of the same sign-in: signed in, signed out, or a sign-in failed.
 * @fires {TaskGroupSelectEvent} task-group-select - The user picked a batch (Parallel task group); carries `groupId`. A `<task-stream>` that follows the selection shows it.
 * @csspart groups - The batches section (one entry per Parallel task group), shown when the store has batches.
 * @csspart group-item - One batch; carries `data-status` (`running` while any run is active, else `completed`).
 * @csspart group-item-counts - The batch's counts per status.
 * @csspart group-delete - A batch's Delete button (Delete or Backspace on the batch does the same; Undo for a few seconds).
 * @csspart toolbar - The row with the search, the status filter and "Clear all".
 * @csspart search - The text filter (matches id, input, processor and mode).
 * @csspart status-filter - The status filter.
 * @csspart clear - The "Clear all" button ("Clear shown" while a filter is set).
 * @csspart confirm - The inline confirmation of "Clear all".
 * @csspart undo - The notice of a deleted run, with its Undo button, for a few seconds.
 * @csspart list - The listbox of runs.
 * @csspart item - One run (`role="option"`); also `item-<status>` (e.g. `item-running`); carries `data-status` and `aria-selected`.
 * @csspart item-status - The status badge of a run; also `item-status-<status>` (e.g. `item-status-failed`); carries `data-status`. A run this page cannot reach (a refused key, 404, no key yet, a failed connection) says so instead — `item-status-unreachable`, `data-reach` (`key-rejected`, `access-denied`, `not-found`, `needs-settings`, `no-connection`), what to do in its title — and `data-status` keeps the server's last status.
 * @csspart item-<status> - A run, by status: `item-running`, `item-completed`, `item-failed`, …
 * @csspart item-status-<status> - The status badge of a run, by status: `item-status-completed`, `item-status-failed`, …
 * @csspart item-actions - The Re-run and Delete buttons of a run.
 * @csspart empty - The empty state: runs still loading, no runs yet, none matches the filter, or (`auth-mode="oauth"`) no sign-in yet.
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
  protected override readonly showsStoredRuns = true;

  readonly #groups = new LazyHistoryGroups(this); // batches (Parallel task groups): one entry each, above the runs
  readonly #refresh = new StatusRefreshController(this, (error, runId) => this.reportError(error, runId));
  /** `:state(empty)` while the store holds no run. */
  readonly #states = new CustomStatesController(this, () => (this.taskStore.getRuns().length === 0 ? ['empty'] : []));
  /** The runs shown (filtered, less a deletion that can be undone), as of the last render. */
  #shown: readonly TaskRun[] = [];
  readonly #shownRuns = new ShownRuns();
  readonly #ages = new AgeClock(this, () => this.#shown, () => this._now, (now) => (this._now = now));
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #view: HistoryView = {
    groups: () => this.#groups.loaded,
    shown: () => this.#shown,
    select: (run) => this.#select(run),
    activate: (runId) => void this.#keyboard.activate(runId, true),
    focusSearch: () => void this.updateComplete.then(() => this._search?.focus()),
    announce: (words) => (this._announcement = this.inLanguage(words)),
    filters: () => ({ status: this._status, query: this._query }),
  };
  readonly #deletion = new HistoryDeletion(this, this.#view);
  readonly #clear = new ClearAll(this, this.#view, this.#deletion);
  readonly #keyboard = new ListKeyboard({
    root: () => this.renderRoot,
    rendered: () => this.updateComplete,
    shown: () => this.#shown,
    activeIndex: () => activeIndex(this.#shown, this._activeId, this.taskStore.selectedId),
    setActive: (runId) => (this._activeId = runId),
    select: (run) => this.#select(run),
    remove: (run) => this.#deletion.remove(run),
  });
  readonly #actions: ItemActions = {
    onRerun: (run) => this.dispatchEvent(new TaskRerunEvent(run, run.provider, this.store)),
    onDelete: (run) => this.#deletion.remove(run),
  };

  @query('input[type="search"]') private _search?: HTMLInputElement;

  @state() private _status: StatusFilter = 'all';
  /** The text filter applied (the search box's value, a moment after typing stops). */
  @state() private _query = '';
  @state() private _activeId: string | undefined;
  @state() private _announcement = '';
  @state() private _now = Date.now();

  /**
   * Milliseconds between status refreshes of active runs that no stream shows; 0 disables them.
   * A first refresh happens when the element connects. Without the attribute: 15000.
   */
  @property({ attribute: 'refresh-interval', converter: { fromAttribute: (v: string | null) => (v === null ? 15_000 : Number(v)) } })
  refreshInterval = 15_000;

  /**
   * Status requests per minute at most, however many runs are listed: the runs asked about least
   * recently go first. Without the attribute: 30.
   */
  @property({ attribute: 'refresh-budget', converter: { fromAttribute: (v: string | null) => (v === null ? 30 : Number(v)) } })
  refreshBudget = 30;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  override onStoreChange(change: StoreChange): void {
    // Events alter nothing shown here; status changes arrive as `run`; a connection, what this page
    // can reach (a refused key, missing settings: reach.ts).
    if (change.type === 'runs' || change.type === 'run' || change.type === 'selection' || change.type === 'connection') this.requestUpdate();
    if (change.type === 'credentials') {
      // A key entered for a provider: refreshes that failed without it try again at once.
      this.configVersion++;
      this.requestUpdate();
    }
  }

  #select(run: TaskRun): void {
    this._activeId = run.id;
    this.taskStore.select(run.id);
    this.dispatchEvent(new TaskSelectEvent(run.id, run.provider));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#keyboard.syncActiveDescendant();
  }

  #onListClick = (event: MouseEvent): void => {
    const index = (event.target as Element).closest?.('[role="option"]')?.getAttribute('data-index');
    const run = index === null || index === undefined ? undefined : this.#shown[Number(index)];
    if (run) this.#select(run);
  };

  #onSearchInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    // Clearing the box applies at once; typing waits for a pause, so a word is one filter, not five.
    if (!value) this._query = '';
    else this.#searchTimer = setTimeout(() => (this._query = value), SEARCH_DEBOUNCE_MS);
  };

  #resetFilters = (): void => {
    clearTimeout(this.#searchTimer);
    if (this._search) this._search.value = '';
    this._status = 'all';
    this._query = '';
  };

  /** Refreshes the status of every active run that no stream shows, now (within the budget). */
  refreshStatuses(): void {
    this.#refresh.refreshNow();
  }

  #renderList(runs: readonly TaskRun[]) {
    const rows = renderRows({
      runs, selectedId: this.taskStore.selectedId, activeIndex: activeIndex(runs, this._activeId, this.taskStore.selectedId), now: this._now, actions: this.#actions,
      reachOf: (run) => runReach(run, this.taskStore.getConnection(run.id), this.#refresh.refusal(run.id)),
      onVirtualizerLoaded: () => this.requestUpdate(),
    });
    // A long list in use gets the virtualizer now; after a scroll it renders other rows next frame (the active one may go).
    const want = () => wantVirtualizer(runs.length, () => this.requestUpdate());
    const onScroll = () => { want(); requestAnimationFrame(() => this.#keyboard.syncActiveDescendant()); };
    return html`<div class="rows" @scroll=${onScroll} @focusin=${want} @pointerover=${markHoveredRow} @pointerleave=${markHoveredRow}>
      <div part="list" class="list" role="listbox" aria-label=${t('history.list')} tabindex="0" @click=${this.#onListClick}
        @mousedown=${this.#keyboard.onMouseDown} @keydown=${this.#keyboard.onKeydown} @focus=${this.#keyboard.onFocus}>${rows.options}</div>
      <div class="actions">${renderActionsSizer()}<div class="action-rows">${rows.actions}</div></div>
    </div>`;
  }

  override render() {
    if (this.awaitingSignIn) return this.oauth.renderRequired();
    const runs = this.taskStore.getRuns();
    const pending = this.#deletion.pending;
    const shown = (this.#shown = this.#shownRuns.get(runs, this._status, this._query, pending?.run));
    const total = runs.length - (pending?.run ? 1 : 0);
    const groups = this.#clear.groups();
    // A history of batches only shows them, not "No runs yet".
    const body = total <= 0 ? ((this.#groups.loaded?.ids(pending?.group?.id).length ?? 0) > 0 ? nothing : renderEmpty(this.taskStore.loaded ? 'empty' : 'loading'))
      : shown.length === 0 ? renderEmpty('no-match', this.#resetFilters) : this.#renderList(shown);
    return html`${renderToolbar({
      query: this._query, status: this._status, total: Math.max(0, total), shown: shown.length, ...this.#clear.toolbar(shown, total, groups),
      onSearchInput: this.#onSearchInput, onStatusChange: (value) => (this._status = parseStatusFilter(value)),
    })}
      ${this.#deletion.renderNotice()}
      ${this.#groups.render(this._now, { hidden: pending?.group?.id, onDelete: this.#deletion.removeGroup })}
      ${renderCount(total, shown.length)}
      ${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'task-history': TaskHistoryElement;
  }
}
