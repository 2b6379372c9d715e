/**
 * How far along a run is, as a fraction 0–1 (or undefined when it cannot be told): Parallel's
 * `progress_meter` when the API sends it; otherwise an estimate from lifecycle events (Shannon).
 * A run that waits for a person (paused, action required) keeps the progress it had (fresh2: a
 * paused Shannon run's bar dropped from 20 % to empty).
 */
import { isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';

export function runProgress(run: TaskRun, events: readonly TaskEvent[]): number | undefined {
  if (run.status === 'completed') return 1;
  if (isTerminalStatus(run.status)) return undefined;
  if (run.stats?.progress !== undefined) return run.stats.progress / 100;
  if (run.provider !== 'shannon') return run.status === 'queued' ? 0 : undefined;
  // Shannon sends no meter: started → agents working → answer streaming → answer complete.
  let progress = run.status === 'queued' ? 0 : 0.05;
  let agents = 0;
  for (const event of events) {
    if (event.kind === 'message' && event.category === 'workflow_started') progress = Math.max(progress, 0.1);
    else if (event.kind === 'message' && event.category === 'agent_completed') agents++;
    else if (event.kind === 'tool' || event.kind === 'thinking') progress = Math.max(progress, 0.2);
    else if (event.kind === 'text-delta') progress = Math.max(progress, 0.75);
    else if (event.kind === 'output') progress = Math.max(progress, 0.95);
  }
  return Math.min(0.95, Math.max(progress, Math.min(0.7, 0.2 + agents * 0.1)));
}
