/**
 * One Shannon workflow in the mock: plays its plan, publishes each event with the next seq and a
 * Redis-like stream id into a bounded replay ring (every event counts, deltas included, so early
 * events fall out of long runs), keeps the persisted history (everything but deltas and prompts),
 * the status, usage totals and result, and the control signals of server/service.go and
 * workflows/control/handler.go:
 *
 * - a started workflow is RUNNING at once (never QUEUED) and stays RUNNING until the workflow
 *   returns, a while after `done` (`STATUS_LAG_MS`; `shannon-done-before-status`: two polls);
 * - cancel: `workflow.cancelling`, then `done`, then `workflow.cancelled` (published after `done`,
 *   so a live client never sees it), then CANCELLED;
 * - pause: `workflow.pausing`, then `workflow.paused` at the next checkpoint (the plan holds),
 *   status PAUSED; resume: `workflow.resumed`, the plan goes on.
 */
import { Clock, rfc3339Nano, type Cancel } from '../clock.js';
import type { Rng } from '../rng.js';
import { RUNNING_POLLS_AFTER_DONE, type ScenarioName } from '../scenarios.js';
import { TimelinePlayer } from '../timeline-player.js';
import { mapEvent, StreamIdIssuer, type ShannonEvent, type StoredEvent } from './shannon-events.js';
import { isTerminal, statusBody, summaryEntry, type StatusSource, type TaskStatus } from './shannon-status.js';
import { UsageBook } from './shannon-usage.js';
import type { PlannedShannonEvent, ShannonPlan } from './shannon-timeline.js';

export type { TaskStatus } from './shannon-status.js';

export interface ShannonTaskInit {
  workflowId: string;
  sessionId: string;
  userId: string;
  query: string;
  mode: string | undefined;
  context: Record<string, unknown>;
  scenario: ScenarioName;
  speed: number;
  plan: ShannonPlan;
  ringCapacity: number;
  /** Simulated ms after the last event when the Redis stream expires (24 h in the real server). */
  streamTtlMs: number;
  rng: Rng;
}

/** The answer of a control request: a 202 body, or the gateway's 502 refusal text. */
export type ControlReply = { ok: true; body: Record<string, unknown> } | { ok: false; error: string };

const NOT_PERSISTED = new Set(['LLM_PARTIAL', 'HEARTBEAT', 'PING', 'LLM_PROMPT']);
/** Simulated ms from the pause signal to the next checkpoint, and between cancel's steps. */
const CHECKPOINT_MS = 200;

export class ShannonTask {
  readonly workflowId: string;
  readonly sessionId: string;
  readonly userId: string;
  readonly query: string;
  readonly mode: string | undefined;
  readonly context: Record<string, unknown>;
  readonly scenario: ScenarioName;
  readonly plan: ShannonPlan;
  readonly rng: Rng;
  readonly clock: Clock;
  readonly createdAt = new Date();
  /** The replay ring, oldest first, at most `ringCapacity` events. */
  readonly ring: StoredEvent[] = [];
  /** What `GET /api/v1/tasks/{id}/events` returns (no deltas, no prompts). */
  readonly persisted: ShannonEvent[] = [];
  /** Requests to the stream endpoint so far (drives the retry scenarios). */
  streamRequests = 0;
  /** Stream connections opened so far (drives `drop-mid-stream`). */
  streamConnections = 0;
  status: TaskStatus = 'TASK_STATUS_RUNNING';
  error = '';
  result = '';
  completedAt: Date | undefined;
  readonly #ringCapacity: number;
  readonly #streamTtlMs: number;
  readonly #ids = new StreamIdIssuer();
  readonly #listeners = new Set<(event: StoredEvent) => void>();
  readonly #player: TimelinePlayer;
  /** The `token_usage` rows the orchestrator recorded for this task. */
  readonly #usage = new UsageBook();
  readonly #timers: Cancel[] = [];
  #seq = 0;
  #lastEventAt = performance.now();
  #pollsAfterDone = 0;
  #control = { paused: false, pausedAt: '', pauseReason: '', pausedBy: '', cancelled: false, cancelReason: '', cancelledBy: '' };

  constructor(init: ShannonTaskInit) {
    this.workflowId = init.workflowId;
    this.sessionId = init.sessionId;
    this.userId = init.userId;
    this.query = init.query;
    this.mode = init.mode;
    this.context = init.context;
    this.scenario = init.scenario;
    this.plan = init.plan;
    this.rng = init.rng;
    this.#ringCapacity = init.ringCapacity;
    this.#streamTtlMs = init.scenario === 'shannon-stream-expired' ? 1_000 : init.streamTtlMs;
    this.clock = new Clock(init.speed);
    const steps = init.plan.events.filter((e) => !(init.scenario === 'shannon-done-before-status' && e.silent && e.effect?.status === 'COMPLETED'));
    this.#player = new TimelinePlayer(steps.map((e) => ({ at: e.at, run: () => this.#publish(e) })), this.clock);
  }

  start(): void {
    this.#player.start();
  }

  /** True until the workflow returned (RUNNING or PAUSED). */
  get active(): boolean {
    return !isTerminal(this.status);
  }

  /** True once `STREAM_END` was published (nothing more will come live). */
  get ended(): boolean {
    return this.ring.some((e) => e.type === 'STREAM_END');
  }

  /** True once the Redis stream expired: the last event is older than the TTL. */
  get streamExpired(): boolean {
    return this.ring.length > 0 && !this.#player.state.startsWith('play') && performance.now() - this.#lastEventAt >= this.clock.toReal(this.#streamTtlMs);
  }

  subscribe(listener: (event: StoredEvent) => void): Cancel {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** `POST …/cancel` (always 202 in the gateway; a closed workflow answers success false). */
  cancel(reason: string, by: string): { success: boolean; message: string } {
    if (!this.active) return { success: false, message: 'Failed to cancel task: workflow execution already completed' };
    if (this.#control.cancelled) return { success: true, message: 'Task cancelled successfully' };
    Object.assign(this.#control, { cancelled: true, cancelReason: reason, cancelledBy: by });
    this.#player.stop();
    this.#publish({ at: 0, type: 'WORKFLOW_CANCELLING', agent_id: 'orchestrator', message: reason ? `Cancelling: ${reason}` : 'Cancelling...' });
    const cancelled = reason ? `Cancelled: ${reason}` : 'Cancelled';
    this.#after(CHECKPOINT_MS, () => {
      this.#publish({ at: 0, type: 'STREAM_END', agent_id: 'orchestrator', message: 'Done' });
      this.#publish({ at: 0, type: 'WORKFLOW_CANCELLED', agent_id: 'orchestrator', message: cancelled, payload: { reason, at_return: true } });
      this.#after(CHECKPOINT_MS, () => this.#setStatus('TASK_STATUS_CANCELLED'));
    });
    return { success: true, message: 'Task cancelled successfully' };
  }

  /** `POST …/pause`. */
  pause(reason: string, by: string): ControlReply {
    const refused = this.#refusal('pause');
    if (refused) return refused;
    if (this.#control.paused) return { ok: false, error: 'task is already paused' };
    Object.assign(this.#control, { paused: true, pausedAt: new Date().toISOString().slice(0, 19) + 'Z', pauseReason: reason, pausedBy: by });
    this.status = 'TASK_STATUS_PAUSED';
    this.#publish({ at: 0, type: 'WORKFLOW_PAUSING', agent_id: 'orchestrator', message: reason ? `Pausing: ${reason}` : 'Pausing...' });
    this.#after(CHECKPOINT_MS, () => {
      if (!this.#control.paused || !this.active) return;
      this.#player.pause();
      this.#publish({ at: 0, type: 'WORKFLOW_PAUSED', agent_id: 'orchestrator', message: 'Paused', payload: { checkpoint: 'pre_synthesis' } });
    });
    return { ok: true, body: { success: true, message: 'Pause signal sent', task_id: this.workflowId } };
  }

  /** `POST …/resume`. */
  resume(reason: string): ControlReply {
    const refused = this.#refusal('resume');
    if (refused) return refused;
    if (!this.#control.paused) return { ok: false, error: 'task is not paused' };
    Object.assign(this.#control, { paused: false, pausedAt: '', pauseReason: '', pausedBy: '' });
    this.status = 'TASK_STATUS_RUNNING';
    this.#publish({ at: 0, type: 'WORKFLOW_RESUMED', agent_id: 'orchestrator', message: reason ? `Resuming: ${reason}` : 'Resuming' });
    this.#player.resume();
    return { ok: true, body: { success: true, message: 'Resume signal sent', task_id: this.workflowId } };
  }

  /** `GET …/control-state`. */
  controlState(): Record<string, unknown> {
    const c = this.#control;
    if (!this.active) return { is_paused: false, is_cancelled: false, paused_at: '', pause_reason: '', paused_by: '', cancel_reason: '', cancelled_by: '' };
    return { is_paused: c.paused, is_cancelled: c.cancelled, paused_at: c.pausedAt, pause_reason: c.pauseReason, paused_by: c.pausedBy, cancel_reason: c.cancelReason, cancelled_by: c.cancelledBy };
  }

  /** Body of `GET /api/v1/tasks/{id}`; counts the request for `shannon-done-before-status`. */
  statusBody(): Record<string, unknown> {
    if (this.scenario === 'shannon-done-before-status' && this.ended && this.status === 'TASK_STATUS_RUNNING') {
      if (++this.#pollsAfterDone > RUNNING_POLLS_AFTER_DONE) this.#setStatus('TASK_STATUS_COMPLETED');
    }
    return statusBody(this.#source());
  }

  /** One entry of `GET /api/v1/tasks`. */
  summary(): Record<string, unknown> {
    return summaryEntry(this.#source());
  }

  dispose(): void {
    this.#player.stop();
    for (const cancel of this.#timers) cancel();
    this.clock.dispose();
    this.#listeners.clear();
  }

  #source(): StatusSource {
    return {
      workflowId: this.workflowId, sessionId: this.sessionId, query: this.query, mode: this.mode, context: this.context,
      status: this.status, result: this.result, error: this.error, plan: this.plan, usage: this.#usage,
      startedAt: this.createdAt, completedAt: this.completedAt,
    };
  }

  #refusal(action: 'pause' | 'resume'): ControlReply | undefined {
    const word: Partial<Record<TaskStatus, string>> = {
      TASK_STATUS_COMPLETED: 'completed', TASK_STATUS_FAILED: 'failed', TASK_STATUS_CANCELLED: 'cancelled', TASK_STATUS_TIMEOUT: 'timed out',
    };
    const state = word[this.status];
    return state ? { ok: false, error: `cannot ${action} ${state} task` } : undefined;
  }

  #after(simulatedMs: number, fn: () => void): void {
    this.#timers.push(this.clock.after(simulatedMs, fn));
  }

  #publish(planned: PlannedShannonEvent): void {
    if (planned.effect) this.#applyEffect(planned.effect);
    // Recorded whether or not the call was streamed (the decomposition never is).
    if (planned.usage) this.#usage.record(planned.agent_id ?? 'unknown', planned.usage);
    if (planned.silent) return;
    const seq = ++this.#seq;
    const { id, ms, n } = this.#ids.next();
    let stored: StoredEvent;
    if (planned.raw) {
      stored = { id, ms, n, seq, type: planned.type, name: planned.raw.name, data: planned.raw.data };
    } else {
      const event: ShannonEvent = { workflow_id: this.workflowId, type: planned.type, timestamp: rfc3339Nano(), seq, stream_id: id };
      if (planned.agent_id) event.agent_id = planned.agent_id;
      if (planned.message) event.message = planned.message;
      if (planned.payload) event.payload = planned.payload;
      stored = { id, ms, n, seq, type: planned.type, ...mapEvent(event) };
      if (!NOT_PERSISTED.has(event.type)) this.persisted.push(event);
      if (event.type === 'LLM_OUTPUT' && event.agent_id === 'final_output') this.result = event.message ?? '';
    }
    this.#lastEventAt = performance.now();
    this.ring.push(stored);
    if (this.ring.length > this.#ringCapacity) this.ring.splice(0, this.ring.length - this.#ringCapacity);
    for (const listener of [...this.#listeners]) listener(stored);
  }

  #applyEffect(effect: NonNullable<PlannedShannonEvent['effect']>): void {
    if (effect.status !== 'COMPLETED') this.error = effect.error;
    this.#setStatus(`TASK_STATUS_${effect.status}`);
  }

  #setStatus(status: TaskStatus): void {
    this.status = status;
    if (!this.active) this.completedAt = new Date();
  }
}
