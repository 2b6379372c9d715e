/**
 * Pure mapper from one Shannon SSE event (shannon-streaming-api.md §5.4, §8) to normalized events.
 * Every Shannon event is named; the name decides, the data's `type` is the fallback. Ids are added
 * by the decoder from the SSE `id:` line.
 */
import { asNumber, asObject, asString, type JsonObject } from '../../util/read.js';
import type { TaskEvent, TaskStatus, Usage } from '../task-event.js';

export type UnkeyedShannonEvent = TaskEvent extends infer E ? (E extends TaskEvent ? Omit<E, 'id'> : never) : never;

/** Types shown as plain progress messages, by lower-cased type. */
const MESSAGE_TYPES = new Set([
  'PROGRESS', 'DATA_PROCESSING', 'WAITING', 'AGENT_STARTED', 'AGENT_COMPLETED', 'DELEGATION',
  'ROLE_ASSIGNED', 'TEAM_RECRUITED', 'TEAM_RETIRED', 'TEAM_STATUS', 'DEPENDENCY_SATISFIED',
  'MESSAGE_SENT', 'MESSAGE_RECEIVED', 'WORKSPACE_UPDATED', 'TASKLIST_UPDATED', 'LEAD_DECISION',
  'LEAD_TOOL_CALL', 'HITL_RESPONSE', 'ERROR_RECOVERY', 'WARNING', 'RESEARCH_PLAN_READY',
  'RESEARCH_PLAN_UPDATED', 'RESEARCH_PLAN_APPROVED', 'REVIEW_USER_FEEDBACK', 'SCREENSHOT_SAVED',
  'WORKFLOW_COMPLETED', 'STATUS_UPDATE',
]);

const CONTROL: Record<string, { action: 'pausing' | 'paused' | 'resumed' | 'cancelling' | 'cancelled'; status: TaskStatus }> = {
  'workflow.pausing': { action: 'pausing', status: 'running' },
  'workflow.paused': { action: 'paused', status: 'paused' },
  'workflow.resumed': { action: 'resumed', status: 'running' },
  'workflow.cancelling': { action: 'cancelling', status: 'cancelling' },
  'workflow.cancelled': { action: 'cancelled', status: 'cancelled' },
};

/** Usage of one model call from `thread.message.completed.metadata`; undefined when it has none. */
export function mapShannonUsage(metadata: unknown): Usage | undefined {
  const m = asObject(metadata);
  if (!m) return undefined;
  const usage: Usage = {};
  const set = <K extends keyof Usage>(key: K, value: Usage[K] | undefined) => {
    if (value !== undefined) usage[key] = value;
  };
  set('totalTokens', asNumber(m.tokens_used) ?? asNumber(m.total_tokens));
  set('inputTokens', asNumber(m.input_tokens));
  set('outputTokens', asNumber(m.output_tokens));
  set('costUsd', asNumber(m.cost_usd) ?? asNumber(m.estimated_cost));
  set('model', asString(m.model_used) ?? asString(m.model));
  set('provider', asString(m.provider));
  return Object.keys(usage).length ? usage : undefined;
}

/** Maps a parsed Shannon event. */
export function mapShannonEvent(name: string, data: JsonObject): UnkeyedShannonEvent[] {
  const type = name === 'message' ? (asString(data.type) ?? name) : name;
  const agent = asString(data.agent_id) || undefined;
  const text = asString(data.message) ?? '';
  const timestamp = asString(data.timestamp);
  // Go's zero time marks "no timestamp" (§5.4).
  const base = { source: type, ...(timestamp && !timestamp.startsWith('0001-') ? { timestamp } : {}) };
  const payload = asObject(data.payload) ?? {};
  const withAgent = agent ? { agent } : {};

  switch (type) {
    case 'thread.message.delta':
    case 'LLM_PARTIAL':
      return [{ ...base, kind: 'text-delta', agent: agent ?? 'assistant', text: asString(data.delta) ?? text }];
    case 'thread.message.completed':
    case 'LLM_OUTPUT': {
      const response = asString(data.response) ?? text;
      if (agent === 'final_output') return [{ ...base, kind: 'output', output: { type: 'text', content: response, basis: [] } }];
      if (agent === 'title_generator') return [{ ...base, kind: 'message', category: 'title', text: response, agent }];
      const events: UnkeyedShannonEvent[] = [{ ...base, kind: 'text', agent: agent ?? 'assistant', text: response }];
      const usage = mapShannonUsage(data.metadata ?? data.payload);
      if (usage) events.push({ ...base, kind: 'usage', usage, ...withAgent });
      return events;
    }
    case 'error':
    case 'ERROR_OCCURRED':
      return [{ ...base, kind: 'error', error: { message: text || 'Something went wrong.' }, terminal: false }];
    case 'WORKFLOW_STARTED':
      return [
        { ...base, kind: 'message', category: 'workflow_started', text: text || 'Started', ...withAgent },
        { ...base, kind: 'status', status: 'running', apiStatus: type },
      ];
    case 'AGENT_THINKING':
      return [{ ...base, kind: 'thinking', text, ...withAgent }];
    case 'TOOL_INVOKED':
    case 'TOOL_OBSERVATION': {
      const tool = asString(payload.tool) ?? 'tool';
      const success = typeof payload.success === 'boolean' ? { success: payload.success } : {};
      return [{ ...base, kind: 'tool', phase: type === 'TOOL_INVOKED' ? 'call' : 'result', tool, text, ...withAgent, ...success }];
    }
    case 'BUDGET_THRESHOLD': {
      const usagePercent = asNumber(payload.usage_percent);
      return [{ ...base, kind: 'budget', text, ...(usagePercent !== undefined ? { usagePercent } : {}) }];
    }
    case 'APPROVAL_REQUESTED':
    case 'APPROVAL_DECISION':
      return [{ ...base, kind: 'approval', phase: type === 'APPROVAL_REQUESTED' ? 'requested' : 'decided', text }];
  }
  const control = CONTROL[type];
  if (control) {
    return [
      { ...base, kind: 'control', action: control.action, text: text || control.action },
      { ...base, kind: 'status', status: control.status, apiStatus: type },
    ];
  }
  if (MESSAGE_TYPES.has(type)) return [{ ...base, kind: 'message', category: type.toLowerCase(), text, ...withAgent }];
  return [{ ...base, kind: 'unknown', data }];
}
