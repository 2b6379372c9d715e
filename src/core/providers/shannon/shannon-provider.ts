/**
 * Shannon's gateway as a {@link TaskProvider} (shannon-streaming-api.md §2, §5, §10). Submission
 * uses `POST /api/v1/tasks/stream` with an `Idempotency-Key`; the workflow id is read from the
 * body (the `X-Workflow-ID` header is not CORS-exposed). The stream URL is built here rather than
 * taken from `stream_url`, so a response can never send the client to another host.
 */
import { asArray, asNumber, asObject, asString } from '../../util/read.js';
import type { ApiRequest, CreatedRun, EventsPage, StatusSnapshot, TaskProvider } from '../provider.js';
import { PROVIDER_INFO } from '../provider-info.js';
import type { Citation, TaskEvent, TaskOutput, TaskRun, TaskRunPatch, TaskStatus } from '../task-event.js';
import { readAgentUsages, readUsage } from '../usage.js';
import { createShannonDecoder, keyEvents, shannonEventKey } from './shannon-decoder.js';
import { answerOutput, mapShannonEvent } from './map-shannon-event.js';
import type { ShannonCreateParams } from './shannon-types.js';

const STATUS: Record<string, TaskStatus> = {
  QUEUED: 'queued', RUNNING: 'running', COMPLETED: 'completed', FAILED: 'failed',
  CANCELLED: 'cancelled', CANCELED: 'cancelled', TIMEOUT: 'timeout', PAUSED: 'paused',
};

/** `TASK_STATUS_RUNNING` or `RUNNING` → normalized status. */
export function mapShannonStatus(value: unknown): TaskStatus {
  if (typeof value !== 'string') return 'unknown';
  return STATUS[value.replace(/^TASK_STATUS_/, '')] ?? 'unknown';
}

function taskPath(taskId: string, suffix = ''): string {
  return `/api/v1/tasks/${encodeURIComponent(taskId)}${suffix}`;
}

function randomKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function citationsOf(metadata: unknown): Citation[] {
  return asArray(asObject(metadata)?.citations).flatMap((value) => {
    const c = asObject(value);
    const url = asString(c?.url);
    if (!c || !url) return [];
    const title = asString(c.title);
    return [{ url, excerpts: [], ...(title ? { title } : {}) }];
  });
}

/** `GET /api/v1/tasks/{id}` → status, usage, and the final answer when the task completed. */
function parseTask(body: unknown): StatusSnapshot {
  const task = asObject(body) ?? {};
  const patch: TaskRunPatch = {};
  const events: TaskEvent[] = [];
  const apiStatus = asString(task.status);
  if (apiStatus) {
    patch.status = mapShannonStatus(apiStatus);
    patch.apiStatus = apiStatus;
  }
  const mode = asString(task.mode);
  if (mode) patch.mode = mode.replace(/^EXECUTION_MODE_/, '').toLowerCase();
  const usage = readUsage(task.usage);
  if (usage) {
    const model = asString(task.model_used);
    const provider = asString(task.provider);
    patch.usage = { ...usage, ...(model ? { model } : {}), ...(provider ? { provider } : {}) };
    const byAgent = readAgentUsages(task.metadata);
    if (byAgent.length) patch.usageByAgent = byAgent;
  }
  // FAILED, TIMEOUT and CANCELLED all carry their reason in `error` (server/service.go).
  const error = asString(task.error);
  if (error && patch.status && ERROR_STATUSES.has(patch.status)) patch.error = { message: error };
  const result = asString(task.result);
  if (result && patch.status === 'completed') {
    const citations = citationsOf(task.metadata);
    // `response` is the gateway's parse of `result` when it is a JSON object.
    const response = asObject(task.response);
    const answer: TaskOutput = response ? { type: 'json', content: response, basis: [] } : answerOutput(result);
    const output = { ...answer, basis: citations.length ? [{ field: 'output', citations }] : [] } as TaskOutput;
    events.push({ kind: 'output', id: 'result', output, source: 'GET /api/v1/tasks/{id}' });
  }
  return { patch, events };
}

const ERROR_STATUSES: ReadonlySet<TaskStatus> = new Set(['failed', 'timeout', 'cancelled']);

/**
 * `GET /api/v1/tasks/{id}/events` → normalized events (handlers/task.go `GetTaskEvents`): persisted
 * events with internal type names, `message` and `payload`, ordered by time; `count` is the size of
 * this page. Keyed by `stream_id` like the live stream, so a copy of a shown event is a duplicate.
 */
function parseEventsPage(body: unknown): EventsPage {
  const items = asArray(asObject(body)?.events);
  const events: TaskEvent[] = [];
  let maxSeq = 0;
  for (const value of items) {
    const item = asObject(value);
    const type = asString(item?.type);
    const seq = asNumber(item?.seq) ?? 0;
    maxSeq = Math.max(maxSeq, seq);
    if (!item || !type || type === 'STREAM_END') continue;
    const streamId = asString(item.stream_id);
    const key = streamId ? shannonEventKey(streamId) : `backfill:${type}:${seq}`;
    events.push(...keyEvents(mapShannonEvent(type, item), key));
  }
  return { events, count: items.length, maxSeq };
}

/**
 * Shannon's gateway (shannon-streaming-api.md): `POST /api/v1/tasks` to create, the task status,
 * `GET /api/v1/stream/sse?workflow_id=…` with `Last-Event-ID` resume, the paginated events endpoint
 * for backfill, and `POST /api/v1/tasks/{id}/cancel`.
 */
export const shannonProvider: TaskProvider<ShannonCreateParams> = {
  name: 'shannon',
  defaultProxyUrl: PROVIDER_INFO.shannon.defaultProxyUrl,
  stallTimeoutMs: 35_000, // the gateway sends `: ping` every 10 s
  statusPollMs: 0,
  // A timed-out workflow leaves a stream that pings forever (no end marker): one ping interval of
  // silence is enough to ask, so the run does not look live for long after it ended.
  quietCheckMs: 10_000,

  createRequest(params): ApiRequest {
    return { method: 'POST', path: '/api/v1/tasks/stream', body: params, headers: { 'idempotency-key': randomKey() } };
  },

  parseCreated(body, params, now): CreatedRun {
    const wire = asObject(body) ?? {};
    const id = asString(wire.workflow_id) || asString(wire.task_id);
    if (!id) throw new TypeError('The create response has no workflow_id.');
    const run: TaskRun = { id, provider: 'shannon', status: 'queued', apiStatus: 'TASK_STATUS_QUEUED', createdAt: now, input: params.query };
    if (params.mode) run.mode = params.mode;
    if (params.session_id) run.sessionId = params.session_id;
    return { run, streamPath: asString(wire.stream_url) };
  },

  statusRequest: (taskId) => ({ method: 'GET', path: taskPath(taskId) }),
  parseStatus: parseTask,
  eventsRequest: (taskId) => ({ method: 'GET', path: '/api/v1/stream/sse', query: { workflow_id: taskId } }),
  resultRequest: (taskId) => ({ method: 'GET', path: taskPath(taskId) }),
  parseResult: parseTask,
  cancelRequest: (taskId) => ({ method: 'POST', path: taskPath(taskId, '/cancel'), body: { reason: 'Cancelled by the user' } }),
  controlRequest: (taskId, action) => ({
    method: 'POST', path: taskPath(taskId, `/${action}`), body: { reason: action === 'pause' ? 'Paused by the user' : 'Resumed by the user' },
  }),
  backfillRequest: (taskId, offset, limit) => ({
    method: 'GET', path: taskPath(taskId, '/events'), query: { limit: String(limit), offset: String(offset) },
  }),
  parseBackfill: parseEventsPage,
  createDecoder: createShannonDecoder,
};
