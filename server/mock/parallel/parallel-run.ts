/**
 * One Parallel task run in the mock: its TaskRun state, the trace that every stream replays (all
 * progress messages so far, with their original timestamps, and the latest stats), and live
 * fan-out to open streams. The status goes `queued` → `running` silently (no state event, as in
 * the real API) and ends `completed` (with output) or `failed` (with `run.error`).
 */
import { Clock, isoMicros, type Cancel } from '../clock.js';
import type { Rng } from '../rng.js';
import type { ScenarioName } from '../scenarios.js';
import { formatEvent } from '../sse-connection.js';
import { TimelinePlayer } from '../timeline-player.js';
import type { ParallelOutput } from './parallel-content.js';
import type { ParallelErrorObject } from './parallel-errors.js';
import type { ParallelPlan, PlannedEvent } from './parallel-timeline.js';
import type { CreateRequest, RunWarning } from './parallel-validate.js';

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

/** The TaskRun object (parallel-task-api.md §5). */
export interface TaskRun {
  run_id: string;
  interaction_id: string;
  status: RunStatus;
  is_active: boolean;
  processor: string;
  metadata: Record<string, string | number | boolean> | null;
  warnings: RunWarning[] | null;
  error: Pick<ParallelErrorObject, 'ref_id' | 'message'> | null;
  /** The group the run belongs to (parallel-task-api.md §10), null for a single run. */
  taskgroup_id: string | null;
  created_at: string;
  modified_at: string;
}

/** A live update for open streams: an event block, or `null` when the run reached its end. */
export type RunListener = (block: string | null) => void;

/** Told every status change (queued → running → completed | failed); groups count them. */
export type StatusListener = (status: RunStatus) => void;

export interface ParallelRunInit {
  id: string;
  request: CreateRequest;
  /** The create body as sent, for `GET …/input`. */
  body: Record<string, unknown>;
  scenario: ScenarioName;
  speed: number;
  plan: ParallelPlan;
  /** Randomness for this run's faults (drop points). */
  rng: Rng;
  /** The group this run was added to, if any. */
  taskgroupId?: string | null;
}

export class ParallelRun {
  readonly id: string;
  readonly request: CreateRequest;
  readonly body: Record<string, unknown>;
  readonly scenario: ScenarioName;
  readonly plan: ParallelPlan;
  readonly rng: Rng;
  readonly clock: Clock;
  readonly taskgroupId: string | null;
  /** Event blocks of every progress message so far (and malformed frames), in order. */
  readonly trace: string[] = [];
  /** The latest `task_run.progress_stats` block. */
  latestStats: string | undefined;
  /** Requests to the events endpoint so far (drives the retry scenarios). */
  eventsRequests = 0;
  /** Stream connections actually opened so far (drives `drop-mid-stream`). */
  streamConnections = 0;
  #status: RunStatus = 'queued';
  #error: TaskRun['error'] = null;
  readonly #createdAt = isoMicros();
  #modifiedAt = this.#createdAt;
  readonly #listeners = new Set<RunListener>();
  readonly #statusListeners = new Set<StatusListener>();
  readonly #player: TimelinePlayer;

  constructor(init: ParallelRunInit) {
    this.id = init.id;
    this.request = init.request;
    this.body = init.body;
    this.scenario = init.scenario;
    this.plan = init.plan;
    this.rng = init.rng;
    this.clock = new Clock(init.speed);
    this.taskgroupId = init.taskgroupId ?? null;
    this.#player = new TimelinePlayer(
      init.plan.events.map((event) => ({ at: event.at, run: () => this.#apply(event) })),
      this.clock,
    );
  }

  /** Starts the timeline (call once, right after create). */
  start(): void {
    this.#player.start();
  }

  get status(): RunStatus {
    return this.#status;
  }

  /** True while queued or running. */
  get active(): boolean {
    return this.#status === 'queued' || this.#status === 'running';
  }

  /** The output, once completed. */
  get output(): ParallelOutput | null {
    return this.#status === 'completed' ? this.plan.output : null;
  }

  /** The current TaskRun object. */
  snapshot(): TaskRun {
    return {
      run_id: this.id,
      interaction_id: this.id,
      status: this.#status,
      is_active: this.active,
      processor: this.request.processor,
      metadata: this.request.metadata,
      warnings: this.request.warnings.length > 0 ? this.request.warnings : null,
      error: this.#error,
      taskgroup_id: this.taskgroupId,
      created_at: this.#createdAt,
      modified_at: this.#modifiedAt,
    };
  }

  /** The `task_run.state` block every stream starts with: current run, no input, no output. */
  openingStateBlock(): string {
    return stateBlock(this.snapshot(), null);
  }

  /** The closing `task_run.state` block of a finished run (with output when completed). */
  finalStateBlock(): string {
    return stateBlock(this.snapshot(), this.output);
  }

  /** Listens to live blocks; returns the unsubscribe function. */
  subscribe(listener: RunListener): Cancel {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Listens to status changes; returns the unsubscribe function. */
  onStatus(listener: StatusListener): Cancel {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Resolves when the run ends or after `realMs`, whichever comes first. */
  waitUntilDone(realMs: number, signal: AbortSignal): Promise<void> {
    if (!this.active) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        unsubscribe();
        cancelTimer();
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const unsubscribe = this.subscribe((block) => {
        if (block === null) finish();
      });
      const cancelTimer = this.clock.afterReal(realMs, finish);
      signal.addEventListener('abort', finish);
    });
  }

  /** Stops the timeline and its timers (mock shutdown). */
  dispose(): void {
    this.#player.stop();
    this.clock.dispose();
    this.#listeners.clear();
    this.#statusListeners.clear();
  }

  #apply(event: PlannedEvent): void {
    switch (event.kind) {
      case 'running':
        this.#status = 'running';
        this.#modifiedAt = isoMicros();
        this.#emitStatus();
        return;
      case 'message': {
        const data = { type: event.type, message: event.message, timestamp: isoMicros() };
        this.#append(formatEvent(event.type, JSON.stringify(data)));
        return;
      }
      case 'raw':
        this.#append(event.block);
        return;
      case 'stats': {
        const { progress_meter, ...source_stats } = event.stats;
        const block = formatEvent('task_run.progress_stats', JSON.stringify({ type: 'task_run.progress_stats', source_stats, progress_meter }));
        this.latestStats = block;
        this.#emit(block);
        return;
      }
      case 'complete':
        this.#finish('completed');
        return;
      case 'fail':
        this.#error = { ref_id: event.refId, message: event.message };
        this.#finish('failed');
        return;
    }
  }

  #append(block: string): void {
    this.trace.push(block);
    this.#emit(block);
  }

  #finish(status: 'completed' | 'failed'): void {
    this.#status = status;
    this.#modifiedAt = isoMicros();
    this.#emit(null);
    this.#emitStatus();
  }

  #emitStatus(): void {
    for (const listener of [...this.#statusListeners]) listener(this.#status);
  }

  #emit(block: string | null): void {
    for (const listener of [...this.#listeners]) listener(block);
  }
}

function stateBlock(run: TaskRun, output: ParallelOutput | null): string {
  return formatEvent('task_run.state', JSON.stringify({ type: 'task_run.state', event_id: null, input: null, run, output }));
}
