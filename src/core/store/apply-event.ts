/**
 * How one normalized event changes a run. Pure. The rules that keep the log exactly-once and the
 * status monotonic live here:
 * - a `status` event that does not change the status (a replayed snapshot) is not a transition and
 *   is not logged; a status never moves back (queued → running → terminal);
 * - a run has one `output`: a later one only completes the first one's missing basis;
 * - `stats` keep the latest; a terminal `error` sets the run's error. Usage is not added up here:
 *   `run.usage` is the API's own total only, the events' calls are counted by usage-report.ts.
 */
import { isTerminalStatus, type TaskEvent, type TaskRun, type TaskStatus } from '../providers/task-event.js';

/** Result of applying an event. */
export interface Applied {
  run: TaskRun;
  /** Whether the event belongs in the run's log. */
  log: boolean;
}

function rank(status: TaskStatus): number {
  if (status === 'unknown') return -1;
  if (status === 'queued') return 0;
  return isTerminalStatus(status) ? 2 : 1;
}

/** True when a run may move from `from` to `to`. */
export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  if (from === to) return false;
  return rank(to) >= rank(from) && !isTerminalStatus(from);
}

/** Applies `event` to `run`. Returns the same run object when nothing changed. */
export function applyEvent(run: TaskRun, event: TaskEvent): Applied {
  switch (event.kind) {
    case 'status': {
      if (!canTransition(run.status, event.status)) return { run, log: false };
      const next: TaskRun = { ...run, status: event.status, apiStatus: event.apiStatus };
      if (event.timestamp) next.updatedAt = event.timestamp;
      return { run: next, log: true };
    }
    case 'output': {
      if (!run.output) return { run: { ...run, output: event.output }, log: true };
      if (run.output.basis.length === 0 && event.output.basis.length > 0) {
        return { run: { ...run, output: { ...run.output, basis: event.output.basis } as TaskRun['output'] }, log: false };
      }
      return { run, log: false };
    }
    case 'stats':
      return { run: { ...run, stats: event.stats }, log: true };
    case 'error':
      return { run: event.terminal ? { ...run, error: event.error } : run, log: true };
    default:
      return { run, log: true };
  }
}
