/**
 * Pure mapper from one Shannon SSE event (shannon-streaming-api.md §5.4, §8) to normalized events.
 * Every Shannon event is named; the name decides, the data's `type` is the fallback. Ids are added
 * by the decoder from the SSE `id:` line.
 */
import { asNumber, asObject, asString, parseJson, type JsonObject } from '../../util/read.js';
import type { TaskEvent, TaskOutput, TaskStatus } from '../task-event.js';
import { readUsage } from '../usage.js';

export type UnkeyedShannonEvent = TaskEvent extends infer E ? (E extends TaskEvent ? Omit<E, 'id'> : never) : never;

/** The agent whose completion is the canonical final answer (shannon-streaming-api.md §8). */
export const FINAL_AGENT = 'final_output';
/** The agent that writes the session title (activities/session_title.go). */
export const TITLE_AGENT = 'title_generator';

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
// The same events under their internal names (WebSocket, the events endpoint).
for (const [name, control] of Object.entries(CONTROL)) CONTROL[name.replace('.', '_').toUpperCase()] = control;

/**
 * The final answer as an output: an answer that is a JSON object or array (the gateway's `response`
 * field is exactly that parse of `result`, handlers/task.go) is structured data, anything else text.
 */
export function answerOutput(text: string): TaskOutput {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseJson(trimmed);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) return { type: 'json', content: parsed.value, basis: [] };
  }
  return { type: 'text', content: text, basis: [] };
}

/** A generated title as a title: trimmed, without the quotes models like to add (session_title.go). */
function cleanTitle(text: string): string {
  return text.trim().replace(/^["'\u201c\u2018]+|["'\u201d\u2019]+$/g, '').trim();
}

/** Maps a parsed Shannon event. */
export function mapShannonEvent(name: string, data: JsonObject): UnkeyedShannonEvent[] {
  const type = name === 'message' ? (asString(data.type) ?? name) : name;
  const agent = asString(data.agent_id) || undefined;
  const text = asString(data.message) ?? '';
  const timestamp = asString(data.timestamp);
  // Go's zero time marks "no timestamp" (§5.4).
  const seq = asNumber(data.seq);
  const base = {
    source: type,
    ...(timestamp && !timestamp.startsWith('0001-') ? { timestamp } : {}),
    ...(seq !== undefined && seq > 0 ? { seq } : {}),
  };
  const payload = asObject(data.payload) ?? {};
  const withAgent = agent ? { agent } : {};

  switch (type) {
    case 'thread.message.delta':
    case 'LLM_PARTIAL': {
      const delta = asString(data.delta) ?? text;
      if (agent === TITLE_AGENT) return [{ ...base, kind: 'title', text: delta, partial: true }];
      return [{ ...base, kind: 'text-delta', agent: agent ?? 'assistant', text: delta }];
    }
    case 'thread.message.completed':
    case 'LLM_OUTPUT': {
      const response = asString(data.response) ?? text;
      // final_output's usage is the run's aggregate, not a call (§9): never added to the calls.
      if (agent === FINAL_AGENT) return [{ ...base, kind: 'output', output: answerOutput(response) }];
      const usage = readUsage(data.metadata ?? data.payload);
      const withUsage = usage ? { usage } : {};
      if (agent === TITLE_AGENT) return [{ ...base, kind: 'title', text: cleanTitle(response), partial: false, ...withUsage }];
      return [{ ...base, kind: 'text', agent: agent ?? 'assistant', text: response, ...withUsage }];
    }
    case 'LLM_PROMPT': {
      const model = asString(payload.model) || asString(payload.model_used);
      const provider = asString(payload.provider);
      return [{ ...base, kind: 'prompt', text, ...withAgent, ...(model ? { model } : {}), ...(provider ? { provider } : {}) }];
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
