import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { TaskEvent, TaskRun } from '../../core/providers/task-event.js';
import type { StoreChange } from '../../core/store/task-store.js';
import { clock } from '../shared/clock.js';
import { CustomStatesController } from '../shared/custom-states.js';
import type { OAuthSnapshot } from '../../core/auth/oauth/oauth-session.js';
import { TaskElement } from '../shared/task-element.js';
import { RunViewParts, runView } from './lazy-run-view.js';
import { RunBinding, type BindingHost } from './run-binding.js';
import { liveStatus } from './live-status.js';
import { streamShellStyles } from './stream-shell.styles.js';
import { t } from './shell-strings.js';
import { isGroupId } from '../shared/lazy-groups.js';
import { LazyGroupView } from '../task-group/lazy-stream.js';

/**
 * Shows one run: what was asked, its status, connection and progress, the answer first (while it
 * is written, then the result with its sources), what it cost, and every event exactly once in a
 * log that collapses to one line once the run is over. Follows the store's selection unless
 * `run-id` is set. A Parallel task group id (`run-id="tgrp_…"`, or a batch selected in the store)
 * shows the batch: counts per status, its runs with the start of each input (a run opens in the
 * same view), CSV / JSON downloads; it resumes after a reload from the last `event_id`.
 *
 * @tagname task-stream
 * @summary Live view of a running research task.
 * @cssstate empty - No run is shown.
 * @cssstate queued - The run waits to start. A run shown always has one status state and one `connection-…` state.
 * @cssstate running - The run is running.
 * @cssstate action_required - The run waits for someone to act (Parallel).
 * @cssstate paused - The run is paused (Shannon).
 * @cssstate cancelling - The run is being cancelled.
 * @cssstate completed - The run completed.
 * @cssstate failed - The run failed.
 * @cssstate cancelled - The run was cancelled.
 * @cssstate timeout - The run ran out of time.
 * @cssstate unknown - The API reported a status the element does not know.
 * @cssstate connection-connecting - Connecting to the run's event stream.
 * @cssstate connection-open - Events arrive.
 * @cssstate connection-reconnecting - The connection dropped or stalled (or the page is offline): checking the status, or waiting to try again.
 * @cssstate connection-closed - No open connection: the run is over, waits for someone or for settings, or is not watched.
 * @cssstate connection-failed - The connection failed and is not tried again on its own.
 * @fires {TaskStateEvent} task-state - The run's status changed.
 * @fires {TaskProgressEvent} task-progress - Events were applied (one DOM event per rendered batch).
 * @fires {TaskCompleteEvent} task-complete - The run reached a terminal status; carries output or error.
 * @fires {TaskConnectionEvent} task-connection - The connection state changed.
 * @fires {TaskErrorEvent} task-error - A request failed; `message` says what to do.
 * @fires {TaskAuthEvent} task-auth - `auth-mode="oauth"` without a `<task-form>` of the same sign-in: signed in, signed out, or a sign-in failed.
 * @fires {TaskCreatedEvent} task-created - "Try again" submitted the run's request again; carries the new run.
 * @fires {TaskRerunEvent} task-rerun - "Run again" (`action: 'run'`) or "Edit & run again" (`action: 'edit'`) under a finished run, or "Try again" on a run whose secrets were not kept (`edit`): the `<task-form>` of the store answers it.
 * @csspart header - Title, status, the question, provider, processor and price or mode and tier, created time, run id and connection.
 * @csspart input - The whole input (question) of the run, one click away (a `<details>`).
 * @csspart run-id - The run id (secondary), next to its Copy button.
 * @csspart processor - The processor (Parallel) or mode and model tier (Shannon).
 * @csspart price - The processor's price for one run (Parallel, parallel-task-api.md §8).
 * @csspart elapsed - How long the run has run (stops where the run stopped).
 * @csspart sources-count - What is known of the run's sources: the API's counts ("sources: 40 considered, 9 read"), else the sources its result cites; absent when nothing is known.
 * @csspart reconnect - The one control that acts on the connection now ("Retry now", "Reconnect", "Watch again").
 * @csspart feedback - A short notice next to the button that caused it ("Run id copied."); goes away by itself.
 * @csspart ending - How a run that did not succeed ended, its error and "Try again".
 * @csspart retry - The "Try again" button of a failed, timed-out or cancelled run.
 * @csspart rerun - The "Run again" / "Edit & run again" buttons under a finished run (they send `task-rerun`).
 * @csspart run-again - "Run again" of a completed run: the form of the store submits the same request.
 * @csspart edit-rerun - "Edit & run again": the form of the store is filled with the request, shown and focused.
 * @csspart log - The progress log section.
 * @csspart log-summary - The one line a finished run's log collapses to ("42 progress events · show").
 * @csspart log-note - Why a finished Parallel run first opened after it ended shows no steps (Parallel keeps only its final state).
 * @csspart unreadable - The muted line "1 event could not be read · details".
 * @csspart stop - "Stop watching": closes this view's connection; the run goes on.
 * @csspart cancel - "Cancel run" (Shannon); asks for confirmation first.
 * @csspart confirm - The confirmation of a cancel.
 * @csspart pause - "Pause" (Shannon).
 * @csspart resume - "Resume" (Shannon).
 * @csspart attention - An approval the run asks for (Shannon `APPROVAL_REQUESTED`).
 * @csspart fields - A JSON result as a field view.
 * @csspart field - One field of a JSON result: label, value and evidence; carries `data-path` (dot notation).
 * @csspart confidence - A field's confidence badge; carries `data-confidence` (`low`, `medium`, `high`).
 * @csspart raw-json - The raw JSON of a structured result, on demand (a `<details>`).
 * @csspart group - The batch view (a Parallel task group), shown instead of a run.
 * @csspart group-counts - The batch's counts per status; each is a `group-count` with `data-status`.
 * @csspart group-count - One status count of the batch.
 * @csspart group-runs - The list of the batch's runs.
 * @csspart group-run - One run of the batch (status and the start of its input); carries `data-status`. Its status badge is the run view's: parts `status` and `status-<status>`, the same words.
 * @csspart group-run-open - A run of the batch opened in the same view, with the run's header (parts `header`, `title`, `run-id`, `processor`, `price`, `status`) and a way back.
 * @csspart status - The status badge; also `status-<status>` (e.g. `status-failed`); carries `data-status`. A run this page cannot reach (a refused key, 404, no key yet, a failed connection) says so instead — `status-unreachable`, `data-reach` (`key-rejected`, `access-denied`, `not-found`, `needs-settings`, `no-connection`), what to do in its title — and `data-status` keeps the server's last status; no progress bar is drawn, and the screen-reader live status says the same words.
 * @csspart connection - The connection indicator; also `connection-<state>` (e.g. `connection-open`); carries `data-state`, `data-waiting` while an open stream's run waits for a person (paused: "Connected", not "Live"), and `data-queued` while the run waits for a free connection (the store's `maxStreams`).
 * @csspart connection-note - Under a run that waits for a free connection: why, and that its status is checked meanwhile.
 * @csspart status-<status> - The status badge, by status: `status-running`, `status-completed`, `status-failed`, … (page CSS cannot match `data-status` inside the shadow root).
 * @csspart connection-<state> - The connection indicator, by state: `connection-connecting`, `connection-open`, `connection-reconnecting`, `connection-closed`, `connection-failed`.
 * @csspart progress - The progress bar.
 * @csspart timeline - The run's timeline (SVG): time across, Parallel's phases or Shannon's agents as lanes, the current moment while it runs.
 * @csspart timeline-mark - A mark on the timeline (an event: phase message, tool call, usage, error); carries `data-kind` and `data-event-id`. Enter or a click shows it in the log.
 * @csspart timeline-summary - The timeline in words (visually hidden, for screen readers).
 * @csspart timeline-now - The line at the current moment, while the run is active.
 * @csspart event - One event row; also `event-<kind>` (e.g. `event-message`); carries `data-type` (normalized kind) and, for messages, `data-category`.
 * @csspart event-<kind> - An event row, by normalized kind: `event-message`, `event-status`, `event-output`, … (the values of `data-type`).
 * @csspart title - The run's heading: its title (Shannon `title_generator`), else the start of its input.
 * @csspart notice - Why a run that waits for a person (Parallel `action_required`, paused) does not move.
 * @csspart warnings - The API's warnings about the run (Parallel `run.warnings`).
 * @csspart usage - The tokens and cost of one model call (on a collapsed message row).
 * @csspart usage-total - The run's tokens and cost: the API's total, or the calls seen so far.
 * @csspart usage-agents - The run's tokens and cost split by agent (a folded list; the same figures as the timeline's lanes), and where they come from when the total is the server's and the split is from the events seen.
 * @csspart usage-agent - One agent's line in it (`data-agent`: the agent id), or what no agent accounts for.
 * @csspart live - The answer while it is written.
 * @csspart live-text - One agent's text while it is written; carries `data-agent`.
 * @csspart output - The result section.
 * @csspart tool-call - One MCP tool call the run made (Parallel `output.mcp_tool_calls`).
 * @csspart evicted - The notice of a run whose stored event log was removed to save space, with its "Load the events again" button.
 * @csspart markdown-note - The note above a result shown as plain text (too long, too deeply nested or too dense to format).
 * @csspart citation - One cited source.
 * @csspart error - An error: one sentence in words, the server's own words under "Details".
 * @csspart controls - The stop-watching, pause / resume and cancel buttons.
 * @csspart empty - The message shown when no run is selected, or (`auth-mode="oauth"`) before a sign-in.
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
 * @cssprop --task-stream-max-height - Height limit of the event list while the run goes on (default 28rem).
 */
export class TaskStreamElement extends TaskElement implements BindingHost {
  static override styles = streamShellStyles;
  protected override readonly showsStoredRuns = true;

  /** Show this run. When absent, the element follows the store's selection. */
  @property({ attribute: 'run-id', reflect: true })
  runId: string | null = null;

  @state() private _announcement = '';
  /** The status words last said: the live text says what the badge shows, once per change and language (live-status.ts). */
  #statusWords: string | undefined;

  /** `:state(<status>)` (e.g. `running`, `failed`), `:state(connection-<state>)`, or `:state(empty)`. */
  readonly #states = new CustomStatesController(this, () => {
    const run = this.run;
    return run ? [run.status, `connection-${this.taskStore.getConnection(run.id)?.state ?? 'closed'}`] : ['empty'];
  });
  #binding = new RunBinding(this);
  // The run view's code is loaded when a run is first shown (lazy-run-view.ts).
  #view = new RunViewParts(this, (text) => (this._announcement = text), this.#binding);
  /** A task group (batch) shown instead of a run: `run-id="tgrp_…"`, or a selected group. */
  readonly #group = new LazyGroupView(this);

  /** The displayed run (normalized snapshot), or undefined. */
  get run(): TaskRun | undefined {
    const id = this.#binding.shownId;
    return id ? this.taskStore.getRun(id) : undefined;
  }

  /** The displayed run's normalized events, in display order, each exactly once (a copy). */
  get events(): TaskEvent[] {
    return this.#binding.shownId ? [...this.taskStore.getEvents(this.#binding.shownId)] : [];
  }

  /** @internal */
  get wantedRunId(): string | undefined {
    const id = this.runId ?? this.taskStore.selectedId;
    return isGroupId(id) ? undefined : id; // a batch is not a run: the group view shows it
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#binding.connected();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#binding.disconnected();
  }

  /** `moveBefore()` keeps the element connected: nothing to release or reopen. @internal */
  connectedMoveCallback(): void {} // intentionally empty: its presence tells the browser not to call disconnected/connected

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('runId') || changed.has('store')) this.#binding.follow();
    // After a failed import, "Try again" or another run loads it again: no retry loop while offline.
    // A batch shows its runs' results with the run view's code too.
    if ((this.run || this.#group.groupId) && !this.awaitingSignIn && !this.#view.failed) this.#view.load();
    this.#sayStatus();
  }

  #sayStatus(): void {
    const words = this.inLanguage(() => liveStatus(this.run, this.taskStore));
    if (words !== this.#statusWords) [this.#statusWords, this._announcement] = [words, words];
  }

  /** Also waits for the run view's code while it loads, and for the render that follows. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#view.loading) {
      await this.#view.loading;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  override onStoreChange(change: StoreChange): void {
    if (change.type === 'error') {
      if (change.runId === this.#binding.shownId) this.reportError(change.error, change.runId);
      return;
    }
    this.#binding.onStoreChange(change);
  }

  /** @internal */
  onShown(): void {
    this.#view.reset();
    this.#statusWords = undefined; // the next update says the shown run's status, never the one before's (issue 13 §15)
  }

  /** @internal */
  onStatus(run: TaskRun): void {
    const actions = this.#view.actions;
    if (!actions) return;
    if (run.status !== 'running' && run.status !== 'queued') actions.confirmingCancel = false;
    actions.requested = undefined;
  }

  /** @internal */ beforeRows = (rowCount: number): void => this.#view.log?.beforeAppend(rowCount);

  /** @internal */ rowsPrepended = (count: number): void => void (this.#view.log?.prepended(count), this.#view.timeline?.rebuild());

  /** @internal */ eventsApplied = (batch: readonly TaskEvent[]): void => this.#view.timeline?.append(batch);

  /** Opens the log at an event's row, scrolled into view and focused (a timeline mark); false when it has no row. */
  async revealEvent(eventId: string): Promise<boolean> {
    const [view, log] = [runView(), this.#view.log];
    return view && log ? view.revealEvent(log, this.#binding.rows, this, eventId) : false;
  }

  /** Connects now: skips the backoff wait, or reopens after stop() or a failure. */
  reconnect(): void {
    if (this.#binding.shownId) this.taskStore.reconnect(this.#binding.shownId);
  }

  /** Closes the connection now and keeps the run ("Stop watching": the run goes on); `reconnect()` resumes. */
  stop(): void {
    if (this.#binding.shownId) this.taskStore.stop(this.#binding.shownId);
  }

  /** Asks the API to cancel the run (Shannon), without asking the user. Rejects on Parallel, which has no cancel endpoint. */
  async cancel(): Promise<void> { await this.#control('cancel'); }

  /** Asks the API to pause the run (Shannon); the stream reports `pausing`, then `paused`. Rejects where the API cannot. */
  async pause(): Promise<void> { await this.#control('pause'); }

  /** Asks the API to resume the paused run (Shannon) and follows it again. Rejects where the API cannot. */
  async resume(): Promise<void> { await this.#control('resume'); }

  async #control(action: 'cancel' | 'pause' | 'resume'): Promise<void> {
    const run = this.run;
    if (!run) return;
    try {
      await this.taskStore[action](run.id, this.endpoint(run.provider));
    } catch (error) {
      this.reportError(error, run.id);
      throw error;
    }
  }

  /**
   * Submits the shown run's request again ("Try again") and shows the new run; resolves with it. A
   * request whose secrets were not kept is not sent: a `task-rerun` fills the form instead.
   */
  async retry(): Promise<TaskRun | undefined> {
    const next = await this.#view.retry(this.run);
    if (next && this.runId !== null) this.runId = next.id;
    return next;
  }

  /**
   * `auth-mode="oauth"`: without a key the run waits for configuration (nothing is requested) and a
   * sign-in starts it (TaskElement); a sign-out also closes the connection opened with the old key.
   */
  override onAuthChange(next: OAuthSnapshot, previous: OAuthSnapshot): void {
    super.onAuthChange(next, previous);
    if (previous.status === 'signed-in' && next.status !== 'signed-in') this.#binding.rebind();
  }

  override render() {
    const run = this.run;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>`;
    if (this.awaitingSignIn) return html`${live}${this.oauth.renderRequired()}`;
    if (!run && (this.#group.groupId || isGroupId(this.runId))) return html`${live}${this.#group.render()}`;
    if (!run) {
      return html`${live}<div class="empty" part="empty"><p>${t('stream.empty')}</p><p class="muted">${t('stream.emptyHint')}</p></div>`;
    }
    const shown = this.#view.render(run, this, this.#binding.rows);
    // The run view's code is on its way (a few milliseconds), or could not be loaded.
    if (!shown) return this.#view.failed ? html`${live}${this.#view.renderFailed()}` : live;
    this.#binding.renderedAge = clock.runAge(run);
    return html`${live}${shown}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'task-stream': TaskStreamElement;
  }
}
