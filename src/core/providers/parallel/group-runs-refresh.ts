/**
 * Keeps a group's runs as current as its counts. The events stream reports each run only when it
 * stops being active (`task_run.state`), so it never says which runs went queued → running or →
 * cancelling, while its `task_group_status` counts do (parallel-task-api.md §10, §14: "streams do
 * not emit a queued→running transition"). When the tracker is {@link GroupTracker.behind}, this
 * reads the runs list (`GET /v1/tasks/groups/{id}/runs`, no inputs, no outputs) and applies it to
 * the same tracker, forward-only, so the list of runs and the counts shown (both counted from each
 * run's status) move together and never disagree.
 *
 * One read at a time; the first at once, then at most one per `minIntervalMs`; each read that
 * changes nothing doubles the wait up to `maxIntervalMs`, so a server whose counts never match its
 * runs is asked rarely, not in a loop. Nothing is read while the tracker is not behind.
 */
import { globalTimers, type Timers } from '../../util/environment.js';
import type { GroupTracker } from './group-tracker.js';
import type { GroupEvent, GroupTransition } from './group-types.js';

/** Options of {@link createRunsRefresh}. */
export interface RunsRefreshOptions {
  tracker: GroupTracker;
  /** Reads the runs list (fetchGroupRuns of group-stream.ts); rejects on failure or abort. */
  read(signal: AbortSignal): Promise<Array<Extract<GroupEvent, { kind: 'run-state' }>>>;
  /** The runs' transitions a read caused (each once, like the events stream's). */
  onTransitions(transitions: GroupTransition[]): void;
  /** @default 3000 */
  minIntervalMs?: number;
  /** @default 60000 */
  maxIntervalMs?: number;
  timers?: Timers;
  /** Milliseconds clock. @default Date.now */
  now?: () => number;
}

/** {@link createRunsRefresh}'s handle: `check` after each event, `close` when the group is left. */
export interface RunsRefresh {
  /** Reads the runs list now or soon if the tracker is behind its counts. */
  check(): void;
  /** Stops: the read under way is aborted, nothing more is read. */
  close(): void;
}

/** Starts refreshing a group's runs on demand (see the module docs). */
export function createRunsRefresh(options: RunsRefreshOptions): RunsRefresh {
  const { tracker } = options;
  const timers = options.timers ?? globalTimers;
  const now = options.now ?? Date.now;
  const min = options.minIntervalMs ?? 3000;
  const max = options.maxIntervalMs ?? 60_000;
  const abort = new AbortController();
  let timer: unknown;
  let reading = false;
  let last = -Infinity;
  let wait = min;

  const schedule = (): void => {
    if (timer !== undefined || reading || abort.signal.aborted || !tracker.behind) return;
    timer = timers.setTimeout(() => void read(), Math.max(0, last + wait - now()));
  };

  const read = async (): Promise<void> => {
    timer = undefined;
    if (abort.signal.aborted || !tracker.behind) return;
    reading = true;
    last = now();
    let transitions: GroupTransition[] = [];
    try {
      transitions = (await options.read(abort.signal)).flatMap((event) => tracker.apply(event, 'runs'));
      if (transitions.length) options.onTransitions(transitions);
    } catch {
      // a failed read is tried again after the wait, like a read that changed nothing
    }
    reading = false;
    wait = transitions.length ? min : Math.min(wait * 2, max);
    schedule();
  };

  return {
    check: schedule,
    close() {
      abort.abort();
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
