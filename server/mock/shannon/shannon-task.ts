/**
 * One Shannon workflow in the mock: plays its plan, publishes each event with the next seq and a
 * Redis-like stream id into a bounded replay ring (every event counts, deltas included, so early
 * events fall out of long runs), keeps the persisted history (everything but deltas), the status,
 * usage totals and result, and handles cancel (`workflow.cancelling` → `workflow.cancelled` →
 * `done`).
 */
import { Clock, rfc3339Nano, type Cancel } from '../clock.js';
import type { Rng } from '../rng.js';
import type { ScenarioName } from '../scenarios.js';
import { TimelinePlayer } from '../timeline-player.js';
import { mapEvent, StreamIdIssuer, type ShannonEvent, type StoredEvent } from './shannon-events.js';
import { statusCitations } from './shannon-content.js';
import type { PlannedShannonEvent, ShannonPlan } from './shannon-timeline.js';

export type TaskStatus = 'TASK_STATUS_QUEUED' | 'TASK_STATUS_RUNNING' | 'TASK_STATUS_COMPLETED' | 'TASK_STATUS_FAILED' | 'TASK_STATUS_CANCELLED';

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
  rng: Rng;
}

interface ModelTotals {
  provider: string;
  executions: number;
  tokens: number;
  cost: number;
}

const NOT_PERSISTED = new Set(['LLM_PARTIAL', 'HEARTBEAT', 'PING', 'LLM_PROMPT']);
const LIST_MODES: Record<string, string> = { simple: 'EXECUTION_MODE_SIMPLE', standard: 'EXECUTION_MODE_STANDARD', complex: 'EXECUTION_MODE_COMPLEX', supervisor: 'EXECUTION_MODE_COMPLEX' };

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
  /** What `GET /api/v1/tasks/{id}/events` returns (no deltas). */
  readonly persisted: ShannonEvent[] = [];
  /** Requests to the stream endpoint so far (drives the retry scenarios). */
  streamRequests = 0;
  /** Stream connections opened so far (drives `drop-mid-stream`). */
  streamConnections = 0;
  status: TaskStatus = 'TASK_STATUS_QUEUED';
  error = '';
  result = '';
  completedAt: Date | undefined;
  readonly #ringCapacity: number;
  readonly #ids = new StreamIdIssuer();
  readonly #listeners = new Set<(event: StoredEvent) => void>();
  readonly #player: TimelinePlayer;
  readonly #models = new Map<string, ModelTotals>();
  readonly #usage = { input: 0, output: 0, total: 0, cost: 0 };
  #seq = 0;

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
    this.clock = new Clock(init.speed);
    this.#player = new TimelinePlayer(init.plan.events.map((e) => ({ at: e.at, run: () => this.#publish(e) })), this.clock);
  }

  start(): void {
    this.#player.start();
  }

  get active(): boolean {
    return this.status === 'TASK_STATUS_QUEUED' || this.status === 'TASK_STATUS_RUNNING';
  }

  /** True once `STREAM_END` was published (nothing more will come). */
  get ended(): boolean {
    return this.ring.at(-1)?.type === 'STREAM_END';
  }

  subscribe(listener: (event: StoredEvent) => void): Cancel {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Cancels a running workflow; a finished one reports `success: false`. */
  cancel(): { success: boolean; message: string } {
    if (!this.active) return { success: false, message: `Task is not running (status: ${this.status})` };
    this.#player.stop();
    this.#publish({ at: 0, type: 'WORKFLOW_CANCELLING', agent_id: 'orchestrator', message: 'Cancelling workflow' });
    this.clock.after(300, () => {
      this.#publish({ at: 0, type: 'WORKFLOW_CANCELLED', agent_id: 'orchestrator', message: 'Workflow cancelled', payload: { checkpoint: 'user_cancel', was_paused: false } });
      this.#setStatus('TASK_STATUS_CANCELLED');
      this.#publish({ at: 0, type: 'STREAM_END', agent_id: 'orchestrator', message: 'Done' });
    });
    return { success: true, message: 'Task cancellation requested' };
  }

  /** Body of `GET /api/v1/tasks/{id}` (Go `TaskStatusResponse`, empty fields omitted). */
  statusBody(): Record<string, unknown> {
    const now = rfc3339Nano();
    const body: Record<string, unknown> = { task_id: this.workflowId, workflow_id: this.workflowId, status: this.status };
    if (this.result) body.result = this.result;
    if (this.error) body.error = this.error;
    // The real gateway sets both times to the time of the request (shannon-streaming-api.md §10).
    Object.assign(body, { created_at: now, updated_at: now, query: this.query, session_id: this.sessionId });
    if (this.mode) body.mode = this.mode;
    if (Object.keys(this.context).length > 0) body.context = this.context;
    if (this.#models.size > 0) Object.assign(body, { model_used: this.plan.model.model, provider: this.plan.model.provider });
    if (!this.active && this.#usage.total > 0) {
      body.usage = { total_tokens: this.#usage.total, input_tokens: this.#usage.input, output_tokens: this.#usage.output, estimated_cost: round(this.#usage.cost) };
    }
    const metadata: Record<string, unknown> = {};
    if (this.status === 'TASK_STATUS_COMPLETED') metadata.citations = statusCitations(this.plan.sources, this.plan.credibility);
    if (this.#models.size > 0) metadata.model_breakdown = this.#breakdown();
    body.metadata = metadata;
    return body;
  }

  /** One entry of `GET /api/v1/tasks`. */
  summary(): Record<string, unknown> {
    const entry: Record<string, unknown> = {
      task_id: this.workflowId,
      query: this.query,
      status: this.status,
      mode: LIST_MODES[this.mode ?? 'standard'] ?? 'EXECUTION_MODE_UNSPECIFIED',
      created_at: this.createdAt.toISOString(),
    };
    if (this.completedAt) entry.completed_at = this.completedAt.toISOString();
    if (this.#usage.total > 0) {
      entry.total_token_usage = { total_tokens: this.#usage.total, cost_usd: round(this.#usage.cost), prompt_tokens: this.#usage.input, completion_tokens: this.#usage.output };
    }
    return entry;
  }

  dispose(): void {
    this.#player.stop();
    this.clock.dispose();
    this.#listeners.clear();
  }

  #publish(planned: PlannedShannonEvent): void {
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
    if (planned.usage) this.#addUsage(planned.usage);
    if (planned.effect?.status === 'RUNNING') this.#setStatus('TASK_STATUS_RUNNING');
    if (planned.effect?.status === 'COMPLETED') this.#setStatus('TASK_STATUS_COMPLETED');
    if (planned.effect?.status === 'FAILED') {
      this.error = planned.effect.error;
      this.#setStatus('TASK_STATUS_FAILED');
    }
    this.ring.push(stored);
    if (this.ring.length > this.#ringCapacity) this.ring.splice(0, this.ring.length - this.#ringCapacity);
    for (const listener of [...this.#listeners]) listener(stored);
  }

  #setStatus(status: TaskStatus): void {
    this.status = status;
    if (!this.active) this.completedAt = new Date();
  }

  #addUsage(usage: { input_tokens: number; output_tokens: number; tokens_used: number; cost_usd: number; model_used: string; provider: string }): void {
    this.#usage.input += usage.input_tokens;
    this.#usage.output += usage.output_tokens;
    this.#usage.total += usage.tokens_used;
    this.#usage.cost += usage.cost_usd;
    const totals = this.#models.get(usage.model_used) ?? { provider: usage.provider, executions: 0, tokens: 0, cost: 0 };
    totals.executions++;
    totals.tokens += usage.tokens_used;
    totals.cost += usage.cost_usd;
    this.#models.set(usage.model_used, totals);
  }

  #breakdown(): Array<Record<string, unknown>> {
    const totalCost = [...this.#models.values()].reduce((sum, m) => sum + m.cost, 0);
    return [...this.#models.entries()]
      .sort(([, a], [, b]) => b.cost - a.cost)
      .map(([model, m]) => ({
        model,
        provider: m.provider,
        executions: m.executions,
        tokens: m.tokens,
        cost_usd: round(m.cost),
        percentage: totalCost > 0 ? Math.floor((m.cost / totalCost) * 100) : 0,
      }));
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
