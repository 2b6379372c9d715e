import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { TaskRun } from '../../core/providers/task-event.js';
import type { StoreChange } from '../../core/store/task-store.js';
import { TaskRerunEvent, TaskSelectEvent } from '../shared/events.js';
import { CustomStatesController } from '../shared/custom-states.js';
import { clock } from '../shared/clock.js';
import { TaskElement } from '../shared/task-element.js';
import { renderActions, renderOption, type ItemActions } from './render-item.js';
import { filterRuns, parseStatusFilter, STATUS_FILTERS, type StatusFilter } from './run-filter.js';
import { StatusRefreshController } from './status-refresh.js';
import { taskHistoryStyles } from './task-history.styles.js';

/** Keys that move the focus in the list, to the index they lead to. */
const MOVES: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_i, last) => last,
};

/**
 * The runs of a store, newest first and kept across reloads: a live status badge, provider,
 * processor or mode, created time and an input preview per run. Pick a run to show it in the
 * `<task-stream>` of the same store; re-run, delete, or clear all (after a confirmation); filter by
 * status and text. Runs added in another tab appear without a reload, and the status of active
 * runs that no stream shows is refreshed every `refresh-interval` ms.
 *
 * Keyboard: the list is a listbox with one tab stop. ArrowUp/ArrowDown/Home/End move, Enter or
 * Space selects, Delete (or Backspace) removes the focused run; Tab reaches its Re-run and Delete
 * buttons.
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
  #shown: TaskRun[] = [];
  /** Unsubscribes from the shared clock (clock.ts). */
  #clock: (() => void) | undefined;
  readonly #actions: ItemActions = {
    onRerun: (run) => this.dispatchEvent(new TaskRerunEvent(run, run.provider, this.store)),
    onDelete: (run) => this.#remove(run),
  };

  @query('input[type="search"]') private _search?: HTMLInputElement;

  @state() private _status: StatusFilter = 'all';
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
      // Ages under a minute change every second; older ones every few seconds at most.
      const youngest = this.#shown.reduce((min, run) => Math.min(min, now + clock.skew(run.provider) - Date.parse(run.createdAt)), Infinity);
      if (youngest < 90_000 || now - this._now >= 10_000) this._now = now;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#clock?.();
    this.#clock = undefined;
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

  #select(run: TaskRun): void {
    this._activeId = run.id;
    this.taskStore.select(run.id);
    this.dispatchEvent(new TaskSelectEvent(run.id, run.provider));
  }

  #remove(run: TaskRun): void {
    const index = this.#shown.findIndex((r) => r.id === run.id);
    const next = this.#shown[index + 1] ?? this.#shown[index - 1];
    this.taskStore.removeRun(run.id);
    this._announcement = `Deleted run ${run.id}.`;
    if (next) void this.#focusRun(next.id);
    else void this.updateComplete.then(() => this._search?.focus());
  }

  async #focusRun(runId: string): Promise<void> {
    this._activeId = runId;
    await this.updateComplete;
    const options = this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]');
    [...options].find((option) => option.getAttribute('data-id') === runId)?.focus();
  }

  #runOf(target: EventTarget | null): TaskRun | undefined {
    const id = (target as Element | null)?.closest?.('[role="option"]')?.getAttribute('data-id');
    return id === null || id === undefined ? undefined : this.#shown.find((run) => run.id === id);
  }

  #onListClick = (event: MouseEvent): void => {
    const run = this.#runOf(event.target);
    if (run) this.#select(run);
  };

  #onListFocus = (event: FocusEvent): void => {
    const run = this.#runOf(event.target);
    if (run) this._activeId = run.id;
  };

  #onListKeydown = (event: KeyboardEvent): void => {
    const run = this.#runOf(event.target);
    if (!run || event.altKey || event.ctrlKey || event.metaKey) return;
    const move = MOVES[event.key];
    if (move) {
      const index = this.#shown.indexOf(run);
      void this.#focusRun(this.#shown[move(index, this.#shown.length - 1)]!.id);
    } else if (event.key === 'Enter' || event.key === ' ') {
      this.#select(run);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      this.#remove(run);
    } else {
      return;
    }
    event.preventDefault();
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
    this._status = 'all';
    this._query = '';
  };

  /** Refreshes the status of every active run that no stream shows, now. */
  refreshStatuses(): void {
    this.#refresh.refreshNow();
  }

  #renderToolbar(total: number) {
    return html`<div part="toolbar" class="toolbar">
      <input part="search" type="search" aria-label="Search runs" placeholder="Search runs" .value=${this._query}
        @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}>
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
    const selectedId = this.taskStore.selectedId;
    const active = runs.find((run) => run.id === this._activeId) ?? runs.find((run) => run.id === selectedId) ?? runs[0];
    const stateOf = (run: TaskRun) => ({ selected: run.id === selectedId, active: run === active, now: this._now });
    return html`<div class="rows" style=${styleMap({ '--rows': String(runs.length) })}>
      <div part="list" class="list" role="listbox" aria-label="Runs"
        @click=${this.#onListClick} @keydown=${this.#onListKeydown} @focusin=${this.#onListFocus}>
        ${repeat(runs, (run) => run.id, (run) => renderOption(run, stateOf(run)))}
      </div>
      <div class="actions">${repeat(runs, (run) => run.id, (run) => renderActions(run, stateOf(run), this.#actions))}</div>
    </div>`;
  }

  override render() {
    if (this.awaitingSignIn) return this.oauth.renderRequired();
    const runs = this.taskStore.getRuns();
    this.#shown = filterRuns(runs, this._status, this._query);
    const filtered = this.#shown.length !== runs.length;
    let body;
    if (runs.length === 0) {
      body = html`<div part="empty" class="empty"><p>No runs yet.</p><p class="muted">Submitted tasks appear here, newest first.</p></div>`;
    } else if (this.#shown.length === 0) {
      body = html`<div part="empty" class="empty"><p>No run matches the filter.</p>
        <button type="button" @click=${this.#resetFilters}>Show all runs</button></div>`;
    } else {
      body = this.#renderList(this.#shown);
    }
    return html`${this.#renderToolbar(runs.length)}
      ${runs.length ? html`<p class="count muted">${filtered ? `${this.#shown.length} of ${runs.length} runs` : `${runs.length} ${runs.length === 1 ? 'run' : 'runs'}`}</p>` : nothing}
      ${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'task-history': TaskHistoryElement;
  }
}
