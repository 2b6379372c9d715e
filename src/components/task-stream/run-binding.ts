/**
 * Binds a `<task-stream>` to the run it shows: follows `run-id` or the store's selection, holds the
 * run's live connection while the element is in the document (a move is not a disconnect),
 * batches the run's events into the view's rows (event-batcher.ts), fires the element's DOM events
 * (`task-progress`, `task-state`, `task-complete` after the last progress, `task-connection` once
 * per real change), feeds the shared clock the server's times, and re-renders on its ticks only
 * when something shown reads the time.
 */
import { isActiveStatus, isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import type { StoreChange } from '../../core/store/task-store.js';
import { SETTLED_PHASES } from '../../core/store/run-session-types.js';
import { PROVIDER_INFO } from '../../core/providers/provider-info.js';
import { clock } from '../shared/clock.js';
import { TaskCompleteEvent, TaskConnectionEvent, TaskProgressEvent, TaskStateEvent } from '../shared/events.js';
import type { TaskElement } from '../shared/task-element.js';
import { EventBatcher } from './event-batcher.js';
import { EventRows } from './event-rows.js';
import { loadRunView } from './lazy-run-view.js';
import { isGroupId } from '../shared/lazy-groups.js';

export interface BindingHost extends TaskElement {
  /** The run to show now: `run-id`, else the store's selection. */
  readonly wantedRunId: string | undefined;
  /** Another run is shown: the view forgets the last one's state. */
  onShown(): void;
  /** The run's status changed (before `task-state` is fired). */
  onStatus(run: TaskRun): void;
  /** Rows are about to be appended to the `rowCount` there are. */
  beforeRows(rowCount: number): void;
  /** `count` rows were put before the ones shown (the older part of a stored log). */
  rowsPrepended(count: number): void;
  /** A batch of the shown run's events was applied to the rows (the timeline takes it too). */
  eventsApplied(batch: readonly TaskEvent[]): void;
}

export class RunBinding {
  readonly rows = new EventRows();
  #shownId: string | undefined;
  #release: (() => void) | undefined;
  #releaseCheck: (() => void) | undefined;
  #unsubscribeClock: (() => void) | undefined;
  /** The connection state of the last task-connection fired. */
  #lastConnection: string | undefined;
  /** The run whose task-complete waits for its lifecycle to settle (nothing more will arrive). */
  #completing: string | undefined;
  /** The age text last rendered: a tick re-renders only when it would change. */
  renderedAge = '';
  #batcher = new EventBatcher((batch) => this.#applyBatch(batch));

  constructor(private readonly host: BindingHost) {}

  get shownId(): string | undefined {
    return this.#shownId;
  }

  /** The shown run's events the view has applied: the store's list without what waits for a frame. */
  appliedEvents(): readonly TaskEvent[] {
    const list = this.#shownId ? this.host.taskStore.getEvents(this.#shownId) : [];
    const pending = this.#batcher.pending;
    return pending ? list.slice(0, Math.max(0, list.length - pending)) : list;
  }

  connected(): void {
    // Moved within one task (append, insertBefore to another parent): the stream goes on.
    this.#releaseCheck = undefined;
    this.follow();
    this.#unsubscribeClock ??= clock.subscribe(() => this.#tick());
  }

  disconnected(): void {
    // A removal followed by an insertion in the same task is a move, not a disconnect: the
    // connection is released only if the element is still out of the document a microtask later.
    const check = (this.#releaseCheck = () => {
      if (this.#releaseCheck !== check || this.host.isConnected) return;
      this.#releaseCheck = undefined;
      this.#unsubscribeClock?.();
      this.#unsubscribeClock = undefined;
      this.#batcher.reset();
      this.#release?.();
      this.#release = undefined;
      this.#shownId = undefined;
      this.#lastConnection = undefined;
      this.#completing = undefined;
    });
    queueMicrotask(check);
  }

  /** Shows the run the element should show now, (re)binding the live connection. */
  follow(): void {
    const host = this.host;
    if (!host.isConnected) return;
    const next = host.wantedRunId;
    // Nothing to rebind: the same run still watched, or still no run to show.
    if (next === this.#shownId && (this.#release || !next)) return;
    this.#release?.();
    this.#release = undefined;
    this.#lastConnection = undefined;
    this.#completing = undefined;
    this.#batcher.reset();
    this.#shownId = next;
    host.onShown();
    const events = next ? host.taskStore.getEvents(next) : [];
    this.rows.reset(events);
    this.#observeTimes(events);
    host.requestUpdate();
    // A run named by id that the store has not listed yet (its stored index is being read after a
    // reload): the run view's code downloads meanwhile, not after (issue 10: reload paint).
    if (next && !isGroupId(next) && !host.taskStore.getRun(next)) loadRunView().catch(() => {});
    if (next) this.#release = host.taskStore.watch(next, (provider) => host.endpoint(provider));
  }

  /** Closes the live connection and binds the run again: its credentials were withdrawn (a sign-out). */
  rebind(): void {
    this.#release?.();
    this.#release = undefined;
    this.follow();
  }

  onStoreChange(change: StoreChange): void {
    const host = this.host;
    const id = this.#shownId;
    switch (change.type) {
      case 'selection':
        this.follow();
        return;
      case 'runs':
        if (id && !host.taskStore.getRun(id)) this.follow();
        else host.requestUpdate();
        return;
      case 'events':
        if (change.runId !== id) return;
        this.#observeTimes(change.events);
        if (change.at === 'start') this.#prepend(id);
        else this.#batcher.push(change.events);
        return;
      case 'run':
        if (change.runId !== id) return;
        if (change.run.status !== change.previous.status) this.#onStatus(change.run, change.previous);
        host.requestUpdate();
        return;
      case 'connection': {
        if (change.runId !== id) return;
        // One DOM event per real change of the connection state, not per snapshot: phases that show
        // as the same state (confirming → finished: closed; backing-off → offline: reconnecting),
        // attempts and timers are not changes of what `task-connection` reports.
        const key = change.connection.state;
        if (key !== this.#lastConnection) {
          this.#lastConnection = key;
          host.dispatchEvent(new TaskConnectionEvent(id, change.connection));
        }
        if (this.#completing === id) queueMicrotask(() => this.#complete());
        host.requestUpdate();
        return;
      }
      default:
        return;
    }
  }

  /**
   * Server times of things that happened tell the clock how far the server's clock is ahead; events
   * of a run this page submitted (it keeps its request) at a page-time `createdAt` (Shannon) happened
   * after that moment, which tells how far it can be behind (clock.ts).
   */
  #observeTimes(events: readonly TaskEvent[]): void {
    const run = this.#shownId ? this.host.taskStore.getRun(this.#shownId) : undefined;
    if (!run) return;
    const now = clock.now();
    const pageTime = PROVIDER_INFO[run.provider].createdAtClock === 'page';
    if (!pageTime && !run.createdAtUnknown) clock.observe(run.provider, run.createdAt, now);
    const submitted = pageTime && run.request !== undefined ? Date.parse(run.createdAt) : NaN;
    for (const event of events) {
      if (!event.timestamp) continue;
      clock.observe(run.provider, event.timestamp, now);
      if (Number.isFinite(submitted)) clock.observeAfter(run.provider, event.timestamp, submitted);
    }
  }

  /** Older events went before the shown ones (a stored log read newest first): rows rebuilt from the store's list. */
  #prepend(runId: string): void {
    this.#batcher.reset(); // what was pending is in the store's list already
    const before = this.rows.rows.length;
    this.rows.reset(this.host.taskStore.getEvents(runId));
    this.host.rowsPrepended(this.rows.rows.length - before);
    this.host.requestUpdate();
  }

  /** Applies a batch to the rows; resolves when it is rendered (the batcher times the render). */
  #applyBatch(batch: TaskEvent[]): Promise<unknown> | undefined {
    if (!this.#shownId) return undefined;
    this.host.beforeRows(this.rows.rows.length);
    this.rows.append(batch);
    this.host.eventsApplied(batch);
    this.host.requestUpdate();
    this.host.dispatchEvent(new TaskProgressEvent(this.#shownId, batch));
    return this.host.updateComplete;
  }

  /** A clock tick re-renders only what reads the time: a running clock, a countdown, an age. */
  #tick(): void {
    const run = this.#shownId ? this.host.taskStore.getRun(this.#shownId) : undefined;
    if (!run) return;
    const ticking = isActiveStatus(run.status) || this.host.taskStore.getConnection(run.id)?.nextRetryAt !== undefined;
    if (ticking || clock.runAge(run) !== this.renderedAge) this.host.requestUpdate();
  }

  #onStatus(run: TaskRun, previous: TaskRun): void {
    this.host.onStatus(run);
    this.host.dispatchEvent(new TaskStateEvent(run.id, run.status, previous.status));
    if (!isTerminalStatus(run.status)) return;
    this.#completing = run.id;
    queueMicrotask(() => this.#complete());
  }

  /**
   * Fires `task-complete` once the run is final and its lifecycle has settled: the events that came
   * with the final status, and whatever confirming it brings (a result fetched, the last events),
   * are shown (and their task-progress fired) first, so the last task-progress precedes
   * task-complete, and the event carries the output.
   */
  #complete(): void {
    const id = this.#completing;
    if (!id || this.#shownId !== id) return;
    const run = this.host.taskStore.getRun(id);
    if (!run || !isTerminalStatus(run.status)) return;
    const phase = this.host.taskStore.getConnection(id)?.phase;
    if (phase && !SETTLED_PHASES.has(phase)) return;
    this.#completing = undefined;
    this.#batcher.flushNow();
    this.host.dispatchEvent(new TaskCompleteEvent(run.id, run.status, run.output, run.error));
  }
}
