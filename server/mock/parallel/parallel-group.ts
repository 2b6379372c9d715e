/**
 * One Parallel task group in the mock (parallel-task-api.md §10; SDK `resources/task-group.ts`):
 * its runs, the per-status counts, and the group's event log. The log is what the events stream
 * replays and resumes from: it opens with a `task_group_status` at creation, then gets a
 * `task_group_status` after every batch of added runs and after every run's status change, and a
 * `task_run.state` (run object, no input, no output) when a run reaches a non-active status.
 * Every logged event carries its `event_id` in the JSON payload; resuming with
 * `last_event_id=<id>` serves the events after it. Ids are opaque strings (decimal sequence
 * numbers here, like the docs' example `"123"`); the runs stream uses its own cursor (the run's
 * position in the group).
 */
import { Clock, isoMicros, type Cancel } from '../clock.js';
import type { Rng } from '../rng.js';
import type { ScenarioName } from '../scenarios.js';
import { formatEvent } from '../sse-connection.js';
import type { ParallelRun, RunStatus, TaskRun } from './parallel-run.js';

/** `TaskGroupStatus` (SDK). Counts list only statuses with at least one run. */
export interface TaskGroupStatus {
  num_task_runs: number;
  task_run_status_counts: Record<string, number>;
  is_active: boolean;
  status_message: string | null;
  modified_at: string;
}

/** `TaskGroup` (SDK), the body of create and retrieve. */
export interface TaskGroupObject {
  taskgroup_id: string;
  status: TaskGroupStatus;
  created_at: string;
  metadata: Record<string, string | number | boolean> | null;
}

/** One logged event: its cursor and its full event block. */
export interface GroupEvent {
  id: string;
  block: string;
}

/** Live log entries for open streams; `null` once the group has no active run left. */
export type GroupListener = (event: GroupEvent | null) => void;

export interface ParallelGroupInit {
  id: string;
  metadata: Record<string, string | number | boolean> | null;
  scenario: ScenarioName;
  /** Speed of the group's own timers (the events stream lifetime). */
  speed: number;
  rng: Rng;
}

export class ParallelGroup {
  readonly id: string;
  readonly metadata: TaskGroupObject['metadata'];
  readonly scenario: ScenarioName;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly createdAt = isoMicros();
  /** Runs in the order they were added; a run's cursor in the runs stream is its index + 1. */
  readonly runs: ParallelRun[] = [];
  /** Requests to the events endpoint so far (drives the retry scenarios). */
  eventsRequests = 0;
  /** Events connections actually opened so far (drives `drop-mid-stream`). */
  streamConnections = 0;
  readonly #log: GroupEvent[] = [];
  readonly #lastStatus = new Map<string, RunStatus>();
  readonly #counts = new Map<string, number>();
  readonly #listeners = new Set<GroupListener>();
  readonly #unsubscribes: Cancel[] = [];
  #active = 0;
  #modifiedAt = this.createdAt;

  constructor(init: ParallelGroupInit) {
    this.id = init.id;
    this.metadata = init.metadata;
    this.scenario = init.scenario;
    this.clock = new Clock(init.speed);
    this.rng = init.rng;
    this.#logStatus();
  }

  /** True while at least one run is queued, running or cancelling. */
  get active(): boolean {
    return this.#active > 0;
  }

  /** The cursor of the newest logged event. */
  get lastEventId(): string {
    return (this.#log.at(-1) as GroupEvent).id;
  }

  status(): TaskGroupStatus {
    return {
      num_task_runs: this.runs.length,
      task_run_status_counts: Object.fromEntries(this.#counts),
      is_active: this.active,
      status_message: null,
      modified_at: this.#modifiedAt,
    };
  }

  snapshot(): TaskGroupObject {
    return { taskgroup_id: this.id, status: this.status(), created_at: this.createdAt, metadata: this.metadata };
  }

  /**
   * Adds created (not yet started) runs and logs the new status. Returns the cursors the API
   * reports: where these runs begin in the events and runs streams, null for the group's first runs.
   */
  addRuns(runs: readonly ParallelRun[]): { eventCursor: string | null; runCursor: string | null } {
    const first = this.runs.length === 0;
    const cursors = { eventCursor: first ? null : this.lastEventId, runCursor: first ? null : String(this.runs.length) };
    for (const run of runs) {
      this.runs.push(run);
      this.#lastStatus.set(run.id, run.status);
      this.#count(run.status, 1);
      if (run.active) this.#active++;
      this.#unsubscribes.push(run.onStatus((status) => this.#onRunStatus(run, status)));
    }
    this.#modifiedAt = isoMicros();
    this.#logStatus();
    return cursors;
  }

  /** Logged events after `cursor` (all of them without one); undefined for a cursor never issued. */
  eventsAfter(cursor: string | undefined): GroupEvent[] | undefined {
    if (cursor === undefined) return [...this.#log];
    const index = this.#log.findIndex((event) => event.id === cursor);
    return index < 0 ? undefined : this.#log.slice(index + 1);
  }

  /** Runs after a runs-stream cursor (all without one); undefined for a cursor never issued. */
  runsAfter(cursor: string | undefined): Array<{ cursor: string; run: ParallelRun }> | undefined {
    let start = 0;
    if (cursor !== undefined) {
      if (!/^\d{1,9}$/.test(cursor) || Number(cursor) > this.runs.length) return undefined;
      start = Number(cursor);
    }
    return this.runs.slice(start).map((run, i) => ({ cursor: String(start + i + 1), run }));
  }

  /** Listens to new log entries; returns the unsubscribe function. */
  subscribe(listener: GroupListener): Cancel {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops the group's timers and listeners (the runs are disposed by their owner). */
  dispose(): void {
    for (const unsubscribe of this.#unsubscribes.splice(0)) unsubscribe();
    this.#listeners.clear();
    this.clock.dispose();
  }

  #onRunStatus(run: ParallelRun, status: RunStatus): void {
    const before = this.#lastStatus.get(run.id);
    if (before === status) return;
    const wasActive = before === 'queued' || before === 'running';
    this.#lastStatus.set(run.id, status);
    if (before !== undefined) this.#count(before, -1);
    this.#count(status, 1);
    if (wasActive && !run.active) this.#active--;
    this.#modifiedAt = isoMicros();
    if (!run.active) this.#append('task_run.state', { run: run.snapshot() as TaskRun, input: null, output: null });
    this.#logStatus();
    if (!this.active) this.#emit(null);
  }

  #count(status: string, delta: number): void {
    const next = (this.#counts.get(status) ?? 0) + delta;
    if (next > 0) this.#counts.set(status, next);
    else this.#counts.delete(status);
  }

  #logStatus(): void {
    this.#append('task_group_status', { status: this.status() });
  }

  #append(type: 'task_group_status' | 'task_run.state', fields: Record<string, unknown>): void {
    const id = String(this.#log.length + 1);
    const event: GroupEvent = { id, block: formatEvent(type, JSON.stringify({ type, event_id: id, ...fields })) };
    this.#log.push(event);
    this.#emit(event);
  }

  #emit(event: GroupEvent | null): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
