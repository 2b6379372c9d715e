/**
 * One Parallel task run in the mock: its TaskRun state, the trace that every stream of an active
 * run replays (all progress messages so far, with their original timestamps, and the latest
 * stats), and live fan-out to open streams. The status goes `queued` → `running` silently (no
 * state event, as in the real API); a state event is sent on every later transition: to
 * `cancelling` (still active), and to the non-active `completed` (with output), `failed` (with
 * `run.error`), `action_required` and `cancelled`. `is_active` is true only for
 * `queued | running | cancelling` (SDK task-run.ts).
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

export type RunStatus = 'queued' | 'action_required' | 'running' | 'completed' | 'failed' | 'cancelling' | 'cancelled';

const ACTIVE = new Set<RunStatus>(['queued', 'running', 'cancelling']);
const FINISHED = new Set<RunStatus>(['completed', 'failed', 'cancelled']);

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

/** A live update for open streams: an event block, and whether the server closes the stream after it. */
export type RunListener = (block: string, close: boolean) => void;

/** Told every status change (queued → running → completed | failed, and the other statuses of RunStatus); groups count them. */
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

  /** True while queued, running or cancelling. */
  get active(): boolean {
    return ACTIVE.has(this.#status);
  }

  /** True once completed, failed or cancelled (`action_required` waits for the user). */
  get finished(): boolean {
    return FINISHED.has(this.#status);
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

  /** The `task_run.state` block of the current state (with output when completed). */
  finalStateBlock(): string {
    return stateBlock(this.snapshot(), this.output);
  }

  /** The first progress message block, if any (what `retry-zero` replays). */
  get firstMessage(): string | undefined {
    return this.trace[0];
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

  /** Resolves when the run is finished or after `realMs`, whichever comes first. */
  waitUntilDone(realMs: number, signal: AbortSignal): Promise<void> {
    if (this.finished) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        unsubscribe();
        cancelTimer();
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const unsubscribe = this.subscribe(() => {
        if (this.finished) finish();
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
        this.#emit(block, false);
        return;
      }
      case 'complete':
        this.#transition('completed');
        return;
      case 'fail':
        this.#error = { ref_id: event.refId, message: event.message };
        this.#transition('failed');
        return;
      case 'status':
        this.#transition(event.status);
        return;
      case 'error-event': {
        // An `error` event on the open streams, which then close; the run itself goes on.
        const error = { ref_id: event.refId, message: event.message, detail: event.detail };
        this.#emit(formatEvent('error', JSON.stringify({ type: 'error', error })), true);
        return;
      }
    }
  }

  #append(block: string): void {
    this.trace.push(block);
    this.#emit(block, false);
  }

  /** A state change after `running`: one state event; a non-active status closes the streams. */
  #transition(status: RunStatus): void {
    this.#status = status;
    this.#modifiedAt = isoMicros();
    this.#emit(this.finalStateBlock(), !this.active);
    this.#emitStatus();
  }

  #emitStatus(): void {
    for (const listener of [...this.#statusListeners]) listener(this.#status);
  }

  #emit(block: string, close: boolean): void {
    for (const listener of [...this.#listeners]) listener(block, close);
  }
}

function stateBlock(run: TaskRun, output: ParallelOutput | null): string {
  return formatEvent('task_run.state', JSON.stringify({ type: 'task_run.state', event_id: null, input: null, run, output }));
}
