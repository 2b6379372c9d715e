/**
 * The state of one task group as its event stream tells it, and the one place that decides what
 * counts as a change. A stream cut mid-way and resumed with `last_event_id`, a full replay after a
 * reload, or the runs dump (`…/runs`) overlapping the events stream all feed the same tracker, and
 * each status transition is reported exactly once:
 *
 * - an event whose `event_id` was already applied is ignored;
 * - a `task_group_status` equal to the current one (total, counts, active) is not a transition;
 * - a run's status only moves forward (queued → running/action_required → cancelling → terminal);
 *   a repeated or older status is not a transition.
 *
 * The cursor to resume from is {@link GroupTracker.lastEventId} (parallel-sdk `TaskGroupEventsParams`:
 * "resume from the next event after the last_event_id"). {@link GroupTracker.save} /
 * {@link GroupTracker.restore} carry it across reloads.
 */
import { isTerminalStatus, type TaskStatus } from '../task-event.js';
import type { GroupEvent, GroupRunState, GroupStatus, GroupTransition } from './group-types.js';

/** What {@link GroupTracker.save} returns: plain JSON. */
export interface SavedGroupState {
  lastEventId?: string;
  status?: GroupStatus;
  runs: GroupRunState[];
}

function rank(status: TaskStatus): number {
  if (isTerminalStatus(status)) return 3;
  if (status === 'cancelling') return 2;
  if (status === 'queued') return 0;
  if (status === 'unknown') return -1;
  return 1;
}

function sameCounts(a: GroupStatus['counts'], b: GroupStatus['counts']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<TaskStatus>;
  for (const key of keys) if ((a[key] ?? 0) !== (b[key] ?? 0)) return false;
  return true;
}

function sameStatus(a: GroupStatus | undefined, b: GroupStatus): boolean {
  return !!a && a.total === b.total && a.active === b.active && sameCounts(a.counts, b.counts);
}

/** Applies group events in order and reports each transition once. */
export class GroupTracker {
  #lastEventId: string | undefined;
  #status: GroupStatus | undefined;
  readonly #runs = new Map<string, GroupRunState>();
  readonly #seen = new Set<string>();

  /** Rebuilds a tracker from {@link save}'s output (unknown shapes are ignored). */
  static restore(saved: SavedGroupState | undefined): GroupTracker {
    const tracker = new GroupTracker();
    if (!saved) return tracker;
    if (typeof saved.lastEventId === 'string') {
      tracker.#lastEventId = saved.lastEventId;
      tracker.#seen.add(saved.lastEventId);
    }
    tracker.#status = saved.status;
    for (const run of saved.runs ?? []) if (run && typeof run.runId === 'string') tracker.#runs.set(run.runId, run);
    return tracker;
  }

  /** The cursor of the newest applied event: pass it as `last_event_id` to resume. */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /** The latest group status, once one arrived. */
  get status(): GroupStatus | undefined {
    return this.#status;
  }

  /** Known runs, in the order they became known. */
  get runs(): readonly GroupRunState[] {
    return [...this.#runs.values()];
  }

  /** True when an events-stream event with this cursor was already applied. */
  has(eventId: string): boolean {
    return this.#seen.has(eventId);
  }

  run(runId: string): GroupRunState | undefined {
    return this.#runs.get(runId);
  }

  /**
   * Runs per status, counted from each run's own status (the one source the run list shows too),
   * over `runIds` when given (a run not reported yet counts as queued), else over every known run.
   */
  counts(runIds?: Iterable<string>): GroupStatus['counts'] {
    const counts: GroupStatus['counts'] = {};
    for (const id of runIds ?? this.#runs.keys()) {
      const status = this.#runs.get(id)?.status ?? 'queued';
      counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  }

  /**
   * True when the group's newest status counts runs in a status its runs do not show (the events
   * stream reports no queued → running or → cancelling step per run): read the runs list again.
   */
  get behind(): boolean {
    return !!this.#status && !sameCounts(this.#status.counts, this.counts());
  }

  /** Records run ids right after they were submitted (status queued until the stream says more). */
  addSubmitted(runIds: readonly string[]): void {
    for (const runId of runIds) if (!this.#runs.has(runId)) this.#runs.set(runId, { runId, status: 'queued' });
  }

  /**
   * Applies one event; returns the transitions it caused (none for a duplicate or a no-op).
   * `source` says which stream it came from: only events-stream cursors are resume points; the runs
   * dump (`…/runs`) numbers its events in a separate cursor space, so they neither move nor
   * dedupe the cursor (their run states are still forward-only).
   */
  apply(event: GroupEvent, source: 'events' | 'runs' = 'events'): GroupTransition[] {
    if (event.kind !== 'group-status' && event.kind !== 'run-state') return [];
    const eventId = source === 'events' ? event.eventId : undefined;
    if (eventId !== undefined) {
      if (this.#seen.has(eventId)) return [];
      this.#seen.add(eventId);
      this.#lastEventId = eventId;
    }
    if (event.kind === 'group-status') {
      const from = this.#status;
      this.#status = event.status;
      return sameStatus(from, event.status) ? [] : [{ kind: 'group', eventId: event.eventId, from, to: event.status }];
    }
    const known = this.#runs.get(event.run.runId);
    const from = known?.status;
    if (from !== undefined && (from === event.run.status || rank(event.run.status) < rank(from))) return [];
    this.#runs.set(event.run.runId, { ...known, ...event.run });
    return [{ kind: 'run', eventId, runId: event.run.runId, from, to: event.run.status }];
  }

  /** Plain JSON to persist (survives reloads; resume with its `lastEventId`). */
  save(): SavedGroupState {
    const saved: SavedGroupState = { runs: this.runs.map((run) => ({ ...run })) };
    if (this.#lastEventId !== undefined) saved.lastEventId = this.#lastEventId;
    if (this.#status) saved.status = this.#status;
    return saved;
  }
}
