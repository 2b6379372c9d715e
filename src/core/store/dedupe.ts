/**
 * Event identity: where "each event of a run is shown and stored exactly once" is decided.
 *
 * The invariant, and who keeps which part of it:
 * - Every event has an `id` unique within its run. Providers key them (Shannon: the stream id or
 *   `seq`; Parallel, which has no ids and may replay a run's trace: content plus the occurrence
 *   number within the connection, providers/parallel/parallel-decoder.ts).
 * - A status event's id is {@link statusEventId}: the same status learned from the stream, the
 *   status API, the create answer or inferred from the first work event is one event.
 * - An id is seen once its event was applied ({@link SeenEvents}); a seen id is skipped. A status
 *   event that changed nothing (a replayed snapshot, a status the run already has) is not marked
 *   seen: it may be a real transition later (paused → running → paused).
 * - The status only moves forward and a run has one output (apply-event.ts decides what an event
 *   changes; this file only decides whether it is new).
 */
import type { TaskEvent } from '../providers/task-event.js';

// Defined with the event types, so that decoders (below the store) key status events the same way.
export { statusEventId } from '../providers/task-event.js';

/** The seen ids of every run, built from a run's logged events on first use. */
export class SeenEvents {
  readonly #byRun = new Map<string, Set<string>>();
  readonly #logged: (runId: string) => readonly TaskEvent[] | undefined;

  /** `logged(runId)`: the run's events in memory, read when the run is first asked about. */
  constructor(logged: (runId: string) => readonly TaskEvent[] | undefined) {
    this.#logged = logged;
  }

  /** Whether `event` was already applied to run `runId`. */
  has(runId: string, event: TaskEvent): boolean {
    return this.#of(runId).has(event.id);
  }

  /** Records that `event` was applied; `logged`: whether it changed the run (entered its log). */
  record(runId: string, event: TaskEvent, logged: boolean): void {
    if (event.kind !== 'status' || logged) this.#of(runId).add(event.id);
  }

  /** Forgets a run (removed, or its log dropped and read again later). */
  forget(runId: string): void {
    this.#byRun.delete(runId);
  }

  clear(): void {
    this.#byRun.clear();
  }

  #of(runId: string): Set<string> {
    let set = this.#byRun.get(runId);
    if (!set) {
      set = new Set((this.#logged(runId) ?? []).map((e) => e.id));
      this.#byRun.set(runId, set);
    }
    return set;
  }
}
