/**
 * The bodies of `GET /api/v1/tasks/{id}` and `GET /api/v1/tasks` for one mock task, as the
 * gateway builds them (handlers/task.go `TaskStatusResponse`, `GetTaskStatus`; server/service.go):
 * `result` only once the workflow has closed COMPLETED (not when `done` was streamed), `response`
 * when that result is a JSON object, `context` from `metadata.task_context`, `usage` and
 * `unified_response` once terminal, `metadata.citations` / `model_breakdown` / `agent_usages` (all
 * sums of the task's `token_usage` rows, shannon-usage.ts), and both times set to
 * the time of the request. Empty fields are omitted (`omitempty`).
 */
import { rfc3339Nano } from '../clock.js';
import { isRecord } from '../http-util.js';
import { statusCitations } from './shannon-content.js';
import type { ShannonPlan } from './shannon-timeline.js';
import type { ModelTotals, UsageBook } from './shannon-usage.js';

export type TaskStatus =
  | 'TASK_STATUS_RUNNING' | 'TASK_STATUS_PAUSED' | 'TASK_STATUS_COMPLETED' | 'TASK_STATUS_FAILED' | 'TASK_STATUS_CANCELLED' | 'TASK_STATUS_TIMEOUT';

/** What the status body is built from. */
export interface StatusSource {
  workflowId: string;
  sessionId: string;
  query: string;
  mode: string | undefined;
  context: Record<string, unknown>;
  status: TaskStatus;
  result: string;
  error: string;
  plan: ShannonPlan;
  /** The task's `token_usage` rows. */
  usage: UsageBook;
  startedAt: Date;
  completedAt: Date | undefined;
}

const TERMINAL = new Set<TaskStatus>(['TASK_STATUS_COMPLETED', 'TASK_STATUS_FAILED', 'TASK_STATUS_CANCELLED', 'TASK_STATUS_TIMEOUT']);
const LIST_MODES: Record<string, string> = { simple: 'EXECUTION_MODE_SIMPLE', standard: 'EXECUTION_MODE_STANDARD', complex: 'EXECUTION_MODE_COMPLEX', supervisor: 'EXECUTION_MODE_COMPLEX' };

export function isTerminal(status: TaskStatus): boolean {
  return TERMINAL.has(status);
}

/** Body of `GET /api/v1/tasks/{id}`. */
export function statusBody(t: StatusSource): Record<string, unknown> {
  const now = rfc3339Nano();
  const completed = t.status === 'TASK_STATUS_COMPLETED';
  const body: Record<string, unknown> = { task_id: t.workflowId, workflow_id: t.workflowId, status: t.status };
  if (completed && t.result) {
    body.result = t.result;
    const parsed = parseObject(t.result);
    if (parsed) body.response = parsed;
  }
  if (t.error) body.error = t.error;
  Object.assign(body, { created_at: now, updated_at: now, query: t.query, session_id: t.sessionId });
  if (t.mode) body.mode = t.mode;
  if (Object.keys(t.context).length > 0) body.context = t.context;
  const terminal = isTerminal(t.status);
  const usage = t.usage.totals;
  const models = t.usage.models;
  if (terminal && models.size > 0) Object.assign(body, { model_used: t.plan.model.model, provider: t.plan.model.provider });
  if (terminal && usage.total > 0) {
    body.usage = { total_tokens: usage.total, input_tokens: usage.input, output_tokens: usage.output, estimated_cost: round(usage.cost) };
  }
  const metadata: Record<string, unknown> = {};
  if (terminal) {
    metadata.task_context = t.context;
    metadata.mode = t.mode ?? 'standard';
    // Written with the task when it ends (server/service.go), from the same rows as `usage`.
    if (usage.total > 0) metadata.agent_usages = t.usage.agentUsages(round);
  }
  if (completed) metadata.citations = statusCitations(t.plan.sources, t.plan.credibility);
  if (models.size > 0) metadata.model_breakdown = breakdown(models);
  body.metadata = metadata;
  if (completed && t.result) body.unified_response = unified(t);
  return body;
}

/** One entry of `GET /api/v1/tasks`. */
export function summaryEntry(t: StatusSource): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    task_id: t.workflowId,
    query: t.query,
    status: t.status,
    mode: LIST_MODES[t.mode ?? 'standard'] ?? 'EXECUTION_MODE_UNSPECIFIED',
    created_at: t.startedAt.toISOString(),
  };
  if (t.completedAt) entry.completed_at = t.completedAt.toISOString();
  const usage = t.usage.totals;
  if (usage.total > 0) {
    entry.total_token_usage = { total_tokens: usage.total, cost_usd: round(usage.cost), prompt_tokens: usage.input, completion_tokens: usage.output };
  }
  return entry;
}

/** `unified_response` (server/response_transformer.go `TransformToUnifiedResponse`), abridged. */
function unified(t: StatusSource): Record<string, unknown> {
  const usage = t.usage.totals;
  const ms = (t.completedAt ?? new Date()).getTime() - t.startedAt.getTime();
  return {
    task_id: t.workflowId,
    session_id: t.sessionId,
    status: 'completed',
    result: t.result,
    metadata: { model: t.plan.model.model, provider: t.plan.model.provider, strategy: t.mode ?? 'standard', agents_used: Math.max(1, t.usage.models.size) },
    usage: { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.total, estimated_cost: round(usage.cost) },
    performance: { execution_time_ms: Math.max(0, ms) },
  };
}

function breakdown(models: ReadonlyMap<string, ModelTotals>): Array<Record<string, unknown>> {
  const totalCost = [...models.values()].reduce((sum, m) => sum + m.cost, 0);
  return [...models.entries()]
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

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
