/**
 * How a run's record converges with what other tabs know of it (issue 14 §1, freshF 6d): the run
 * list that tabs and later loads read holds one record per run, written by whichever tab changed
 * it last, while the event log only grows. A tab that did not watch a run keeps the record it was
 * first told of; written back (its own status refresh), that stale record hid the run's end from
 * every tab opened later ("Queued" for good over a log that ends Completed). Two rules, both pure:
 * - {@link deriveFromLog}: a run's stored log is read — its status, output, error and source facts
 *   are taken from the log where the record is behind it;
 * - {@link convergeRun}: another tab's record of a known run — its status and what goes with it are
 *   taken when it is further along, and what it knows that this copy lacks (output, usage) is added.
 * Neither ever moves a status back (a final status stays final: apply-event.ts `canTransition`).
 */
import type { TaskEvent, TaskRun } from '../providers/task-event.js';
import { applyEvent, canTransition } from './apply-event.js';

/**
 * `run` as its stored log `events` says it is: the status moved forward through the log's status
 * events, the output when the record has none, a final error, and the latest source facts when the
 * record has none. Returns `run` itself when the log adds nothing.
 */
export function deriveFromLog(run: TaskRun, events: readonly TaskEvent[]): TaskRun {
  let next = run;
  let stats: TaskEvent | undefined;
  for (const event of events) {
    if (event.kind === 'stats') stats = event;
    else if (event.kind === 'status' || event.kind === 'output' || (event.kind === 'error' && event.terminal && !next.error)) next = applyEvent(next, event).run;
  }
  if (stats && !next.stats) next = applyEvent(next, stats).run;
  return next;
}

/** Fields that go with a status: taken with it from the copy that is further along. */
const WITH_STATUS = ['status', 'apiStatus', 'updatedAt', 'error', 'streamEnded', 'logIncomplete'] as const;
/** What a run learns once and keeps: taken from the other copy when this one lacks it. */
const LEARNED = ['output', 'usage', 'usageByAgent', 'stats', 'title', 'warnings', 'interactionId', 'sessionId', 'logIncomplete'] as const;

/**
 * This tab's copy `mine` of a run, with what another tab's record `theirs` knows beyond it: its
 * status (and the fields of {@link WITH_STATUS}) when `mine` may move to it, and each field of
 * {@link LEARNED} that `mine` lacks. This tab's own choices (`watchStopped`) and its log's state
 * (`eventsEvicted`) stay. Returns `mine` itself when `theirs` adds nothing.
 */
export function convergeRun(mine: TaskRun, theirs: TaskRun): TaskRun {
  const patch: Partial<Record<keyof TaskRun, unknown>> = {};
  if (canTransition(mine.status, theirs.status)) for (const key of WITH_STATUS) patch[key] = theirs[key];
  for (const key of LEARNED) if (mine[key] === undefined && theirs[key] !== undefined) patch[key] = theirs[key];
  const changed = (Object.keys(patch) as (keyof TaskRun)[]).filter((key) => patch[key] !== mine[key]);
  return changed.length ? ({ ...mine, ...patch } as TaskRun) : mine;
}

/** Each of `records` (another tab's) with this tab's copy in `runs`: `learned` gets the converged copy and the one it replaces. */
export function convergeKnown(runs: readonly TaskRun[], records: readonly TaskRun[], learned: (next: TaskRun, previous: TaskRun) => void): void {
  const mine = new Map(runs.map((run) => [run.id, run]));
  for (const theirs of records) {
    const run = mine.get(theirs.id);
    if (run) learned(convergeRun(run, theirs), run);
  }
}
