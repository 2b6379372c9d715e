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
 *   seen: it may be a real transition later (paused → running → paused). An event that comes
 *   from a log (another tab's fan-out or write, or storage) is logged whatever it changes here
 *   ({@link fromLogBelongs}): it is a record, and this tab may have learned its effect first.
 * - The status only moves forward and a run has one output (apply-event.ts decides what an event
 *   changes; this file only decides whether it is new).
 */
import type { TaskEvent } from '../providers/task-event.js';

// Defined with the event types, so that decoders (below the store) key status events the same way.
export { statusEventId } from '../providers/task-event.js';

/**
 * Whether `event`, taken from a log (persist: false: the owner tab's fan-out, another tab's write,
 * storage), belongs in this tab's log although applying it changed nothing here. Another tab logged
 * it, so it is a real transition; this tab may have learned its effect first — a run adopted from
 * the shared run list (written at once) at a later status than its log (written ~250 ms later, in
 * IndexedDB) holds: its `queued`/`running` changed nothing and was lost from this tab's view
 * (issue 14 §1, the e2e owner-closes flow). A run still logs one output (`list`: its logged events).
 */
export function fromLogBelongs(event: TaskEvent, list: readonly TaskEvent[]): boolean {
  return event.kind !== 'output' || !list.some((logged) => logged.kind === 'output');
}

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
