/**
 * When a Parallel run's progress log is known to be missing here (freshF 6c, issue 14 §1).
 * Parallel answers a stream of a run that is no longer active with ONE `task_run.state` — the final
 * status and output, no replay of the trace (shared/specs/parallel-task-api.md §7.4; SDK 1.x
 * `TaskRunEventsResponse`). A run this store knew while it was active (queued or running) whose
 * events reach the final status with no progress among them was not followed while it worked:
 * its stream started after its end, whatever the path — it waited for a free connection (the
 * stream budget), a status refresh or poll saw the end first, or no page followed it until a reload.
 * Its record is marked `logIncomplete` where it reaches the final state (task-store.ts `ingest`),
 * so the mark is saved with it and other tabs take it (converge-run.ts). A run first seen already
 * finished (status `unknown` before) is not marked: its view says it only has the final state
 * (render-log.ts `renderFinalStateOnly`). Shannon resumes from its cursor, so its log is complete.
 */
import { isTerminalStatus, type TaskEvent, type TaskEventKind, type TaskRun } from '../providers/task-event.js';

/** Kinds that carry a run's work (Parallel's progress messages and source stats), not its status or result; one arriving also shows that a queued run is running (run-status.ts). */
export const PROGRESS_KINDS: ReadonlySet<TaskEventKind> = new Set<TaskEventKind>(['message', 'stats', 'thinking', 'tool', 'text-delta', 'text']);

/**
 * `next` (the record `previous` became by applying events) marked `logIncomplete` when it is a
 * Parallel run that just reached a final status from an active one and its whole log `log` (the
 * events in memory, the stored ones included) holds no progress. Returns `next` itself otherwise.
 */
export function markLostProgress(previous: TaskRun, next: TaskRun, log: readonly TaskEvent[]): TaskRun {
  if (next.provider !== 'parallel' || next.logIncomplete || next.eventsEvicted) return next;
  if (!isTerminalStatus(next.status) || isTerminalStatus(previous.status) || previous.status === 'unknown') return next;
  if (log.some((event) => PROGRESS_KINDS.has(event.kind))) return next;
  return { ...next, logIncomplete: true };
}
