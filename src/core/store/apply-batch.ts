/**
 * Applies a batch of events to one run, in order and each once (task-store.ts `ingest` calls it
 * with the run's log in memory): apply-event.ts decides what each event changes, dedupe.ts whether
 * it is new and whether it belongs in the log, and lost-progress.ts whether the run, reaching its
 * final state here, is known to lack its progress log (`logIncomplete`).
 */
import type { TaskEvent, TaskRun } from '../providers/task-event.js';
import { applyEvent } from './apply-event.js';
import { fromLogBelongs, type SeenEvents } from './dedupe.js';
import { markLostProgress } from './lost-progress.js';

/**
 * `run` after `incoming`; the events that entered its log are pushed onto `list` (the run's log in
 * memory) and returned as `added`. `persist` false: the events come from a log (another tab's,
 * storage) and are logged even when they change nothing here. Returns `run` itself when it did not change.
 */
export function applyBatch(run: TaskRun, incoming: readonly TaskEvent[], list: TaskEvent[], seen: SeenEvents, persist: boolean): { run: TaskRun; added: TaskEvent[] } {
  const previous = run;
  const added: TaskEvent[] = [];
  for (const event of incoming) {
    if (seen.has(run.id, event)) continue;
    const result = applyEvent(run, event);
    const log = result.log || (!persist && fromLogBelongs(event, list));
    seen.record(run.id, event, log);
    run = result.run;
    if (log) {
      list.push(event);
      added.push(event);
    }
  }
  return { run: markLostProgress(previous, run, list), added };
}
