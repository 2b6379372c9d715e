/**
 * The Shannon half of the mock: the gateway routes of shannon-streaming-api.md §2 that the
 * elements use — submit (`/tasks` 200, `/tasks/stream` 201), status, list, persisted events,
 * cancel, the `/tasks/{id}/stream` redirect and `/stream/sse` — behind the gateway's CORS, auth
 * and validation rules, with `Idempotency-Key` replay on submit and cancel.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Clock, rfc3339Nano } from '../clock.js';
import { BodyTooLargeError, decodePathSegment, header, isRecord, parseJson, readBody, sendEmpty, sendText, type HeaderMap } from '../http-util.js';
import type { Rng } from '../rng.js';
import { CreateRateLimiter, EVENTS_BEFORE_204, STREAM_TIMEOUT_SHARE, dropPlanFor, parseScenario, parseSpeed, streamFaultFor } from '../scenarios.js';
import type { ConnectionRegistry } from '../sse-connection.js';
import { ShannonHttpError, authError, corsHeaders, credentialOf, rateLimitError, sendShannonError, sendShannonJson, userIdOf } from './shannon-gateway.js';
import { parseResumePoint, serveShannonStream, serveUnknownWorkflow, type ResumePoint } from './shannon-stream.js';
import { ShannonTask } from './shannon-task.js';
import { planShannonWorkflow } from './shannon-timeline.js';
import { validateSubmit } from './shannon-validate.js';

export interface ShannonApiOptions {
  rng: Rng;
  speed: number;
  requireKey: boolean;
  ringCapacity: number;
  /** Simulated ms after a workflow's last event when its event stream expires (Redis TTL 24 h). */
  streamTtlMs: number;
  /** Simulated ms the status stays RUNNING after `done`. */
  statusLagMs: number;
  /** Whether new sessions get a generated title. */
  titles: boolean;
  registry: ConnectionRegistry;
}

const ID = /^[A-Za-z0-9:_\-.]{1,128}$/;
const TASK_PATH = /^\/api\/v1\/tasks\/([^/]+)(?:\/(events|stream|cancel|pause|resume|control-state))?$/;
const POSTS = new Set(['cancel', 'pause', 'resume']);
const LIST_STATUSES: Record<string, string> = {
  QUEUED: 'TASK_STATUS_QUEUED', RUNNING: 'TASK_STATUS_RUNNING', COMPLETED: 'TASK_STATUS_COMPLETED', FAILED: 'TASK_STATUS_FAILED',
  CANCELLED: 'TASK_STATUS_CANCELLED', CANCELED: 'TASK_STATUS_CANCELLED', TIMEOUT: 'TASK_STATUS_TIMEOUT',
};

interface Cached {
  status: number;
  body: unknown;
  headers: HeaderMap;
}

interface Request {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  url: URL;
  userId: string;
}

/** Routes and state of the Shannon half. */
export class ShannonApi {
  readonly #options: ShannonApiOptions;
  readonly #tasks = new Map<string, ShannonTask>();
  readonly #idempotent = new Map<string, Cached>();
  readonly #createLimiter = new CreateRateLimiter();
  readonly #clock: Clock;
  #created = 0;

  constructor(options: ShannonApiOptions) {
    this.#options = options;
    this.#clock = new Clock(options.speed);
  }

  matches(path: string): boolean {
    return path === '/api/v1' || path.startsWith('/api/v1/');
  }

  /** Handles a request for one of {@link matches}'s paths; never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    try {
      if (req.method === 'OPTIONS') {
        sendEmpty(res, 200, corsHeaders(path));
        return;
      }
      const credential = credentialOf(req, url, path);
      if (this.#options.requireKey && credential === undefined) throw authError('Authentication required');
      await this.#route({ req, res, path, url, userId: userIdOf(credential) });
    } catch (error) {
      sendShannonError(res, path, error instanceof ShannonHttpError ? error : new ShannonHttpError(500, 'Internal server error'));
    }
  }

  close(): void {
    this.#clock.dispose();
    for (const task of this.#tasks.values()) task.dispose();
  }

  async #route(r: Request): Promise<void> {
    const method = r.req.method ?? 'GET';
    if (r.path === '/api/v1/tasks' || r.path === '/api/v1/tasks/stream') {
      if (r.path === '/api/v1/tasks' && method === 'GET') return this.#list(r);
      if (method !== 'POST') return this.#methodNotAllowed(r, r.path === '/api/v1/tasks' ? 'GET, POST' : 'POST');
      return this.#idempotently(r, () => this.#submit(r, r.path === '/api/v1/tasks/stream'));
    }
    if (r.path === '/api/v1/stream/sse') {
      if (method !== 'GET') return this.#methodNotAllowed(r, 'GET');
      return this.#stream(r);
    }
    const match = TASK_PATH.exec(r.path);
    if (!match) {
      sendText(r.res, 404, '404 page not found\n', corsHeaders(r.path));
      return;
    }
    const id = decodePathSegment(match[1] as string) ?? '';
    const sub = match[2];
    const expected = sub && POSTS.has(sub) ? 'POST' : 'GET';
    if (method !== expected) return this.#methodNotAllowed(r, expected);
    if (!ID.test(id)) throw new ShannonHttpError(400, 'Invalid task ID format');
    if (sub === 'stream') {
      const query = new URLSearchParams({ workflow_id: id });
      for (const key of ['types', 'last_event_id']) if (r.url.searchParams.get(key)) query.set(key, r.url.searchParams.get(key) as string);
      sendEmpty(r.res, 307, { ...corsHeaders(r.path), Location: `/api/v1/stream/sse?${query.toString()}` });
      return;
    }
    const task = this.#tasks.get(id);
    // The events endpoint reads Postgres by workflow id: no ownership check, and an unknown id is
    // an empty page, not a 404 (handlers/task.go GetTaskEvents).
    if (sub === 'events' && task?.scenario !== 'unauthorized') return this.#events(r, task);
    if (!task || task.userId !== r.userId) throw new ShannonHttpError(404, 'Task not found');
    if (task.scenario === 'unauthorized') throw authError('Invalid token');
    if (sub === 'cancel') {
      return this.#idempotently(r, async () => ({ status: 202, body: task.cancel(await reasonOf(r.req), r.userId), headers: {} }));
    }
    if (sub === 'pause' || sub === 'resume') {
      return this.#idempotently(r, async () => {
        const reason = await reasonOf(r.req);
        const reply = sub === 'pause' ? task.pause(reason, r.userId) : task.resume(reason);
        // The gateway maps the orchestrator's FailedPrecondition to 502 with its message.
        if (!reply.ok) throw new ShannonHttpError(502, reply.error);
        return { status: 202, body: reply.body, headers: {} };
      });
    }
    if (sub === 'control-state') {
      sendShannonJson(r.res, r.path, 200, task.controlState());
      return;
    }
    sendShannonJson(r.res, r.path, 200, task.statusBody(), { 'X-Workflow-ID': task.workflowId });
  }

  #methodNotAllowed(r: Request, allow: string): void {
    sendText(r.res, 405, 'Method Not Allowed\n', { ...corsHeaders(r.path), Allow: allow });
  }

  /** Runs a POST once per `Idempotency-Key`; repeats get the cached reply with `X-Idempotency-Cached: true`. */
  async #idempotently(r: Request, run: () => Promise<Cached>): Promise<void> {
    const key = header(r.req, 'idempotency-key');
    const cacheKey = key && `${r.userId}:${r.path}:${key}`;
    const cached = cacheKey ? this.#idempotent.get(cacheKey) : undefined;
    if (cached) {
      sendShannonJson(r.res, r.path, cached.status, cached.body, { ...cached.headers, 'X-Idempotency-Cached': 'true' });
      return;
    }
    const reply = await run();
    if (cacheKey) this.#idempotent.set(cacheKey, reply);
    sendShannonJson(r.res, r.path, reply.status, reply.body, reply.headers);
  }

  async #submit(r: Request, streamVariant: boolean): Promise<Cached> {
    let text: string;
    try {
      text = await readBody(r.req, 30 * 1024 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new ShannonHttpError(413, 'Request body too large');
      throw error;
    }
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (error) {
      throw new ShannonHttpError(400, `Invalid request body: ${error instanceof Error ? error.message : String(error)}`);
    }
    const request = validateSubmit(body);
    const scenario = parseScenario(request.context.mock_scenario);
    if (this.#createLimiter.shouldRefuse(scenario, text)) throw rateLimitError();

    const rng = this.#options.rng.fork(`shannon-task:${this.#created++}`);
    const sessionId = request.sessionId ?? rng.uuid();
    let seconds = Math.floor(Date.now() / 1000);
    while (this.#tasks.has(`task-${r.userId}-${seconds}`)) seconds++;
    const workflowId = `task-${r.userId}-${seconds}`;
    const { query, context, mode, modelTier, modelOverride } = request;
    // The router generates a title only while the session has none (orchestrator_router.go title_gate_v2).
    const newSession = this.#options.titles && ![...this.#tasks.values()].some((t) => t.userId === r.userId && t.sessionId === sessionId);
    const plan = planShannonWorkflow({ rng: rng.fork('plan'), query, context, mode, modelTier, modelOverride, scenario, statusLagMs: this.#options.statusLagMs, newSession });
    const task = new ShannonTask({
      workflowId, sessionId, userId: r.userId, query, mode, context, scenario, plan,
      speed: parseSpeed(context.mock_speed) ?? this.#options.speed,
      ringCapacity: this.#options.ringCapacity,
      streamTtlMs: this.#options.streamTtlMs,
      rng: rng.fork('faults'),
    });
    this.#tasks.set(workflowId, task);
    task.start();

    const headers: HeaderMap = { 'X-Workflow-ID': workflowId, 'X-Session-ID': sessionId };
    if (!streamVariant) {
      const message = `Task submitted successfully. Session: ${sessionId}`;
      return { status: 200, headers, body: { task_id: workflowId, status: 'STATUS_CODE_OK', message, created_at: rfc3339Nano() } };
    }
    const streamUrl = `/api/v1/stream/sse?workflow_id=${workflowId}`;
    return { status: 201, headers: { ...headers, Link: `<${streamUrl}>; rel=stream` }, body: { workflow_id: workflowId, task_id: workflowId, stream_url: streamUrl } };
  }

  #list(r: Request): void {
    const q = r.url.searchParams;
    const limit = intParam(q.get('limit'), 20, 1, 100, 'Invalid limit parameter');
    const offset = intParam(q.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER, 'Invalid offset parameter');
    const session = q.get('session_id');
    if (session && !ID.test(session)) throw new ShannonHttpError(400, 'Invalid session_id format');
    const statusParam = q.get('status');
    const status = statusParam ? LIST_STATUSES[statusParam.toUpperCase()] : undefined;
    if (statusParam && !status) throw new ShannonHttpError(400, 'Invalid status value');
    const tasks = [...this.#tasks.values()]
      .filter((t) => t.userId === r.userId && (!status || t.status === status) && (!session || t.sessionId === session))
      .reverse();
    sendShannonJson(r.res, r.path, 200, { tasks: tasks.slice(offset, offset + limit).map((t) => t.summary()), total_count: tasks.length });
  }

  #events(r: Request, task: ShannonTask | undefined): void {
    const limit = intParam(r.url.searchParams.get('limit'), 50, 1, 200, 'Invalid limit parameter');
    const offset = intParam(r.url.searchParams.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER, 'Invalid offset parameter');
    const events = (task?.persisted ?? []).slice(offset, offset + limit).map(({ workflow_id, type, agent_id, message, timestamp, seq, stream_id, payload }) => ({
      workflow_id, type, agent_id, message, timestamp, seq, stream_id, payload,
    }));
    sendShannonJson(r.res, r.path, 200, { events, count: events.length });
  }

  #stream(r: Request): void {
    const workflowId = r.url.searchParams.get('workflow_id') ?? '';
    if (!ID.test(workflowId)) throw new ShannonHttpError(400, 'Invalid or missing workflow_id');
    const queryResume = r.url.searchParams.get('last_event_id');
    if (queryResume && !parseResumePoint(queryResume)) throw new ShannonHttpError(400, 'Invalid last_event_id');
    // The gateway validates only the query parameter; the header reaches the admin server as is
    // and takes precedence there (streaming.go): an id with "-" that does not parse replays
    // nothing and goes live, anything else that does not parse is ignored.
    const headerResume = header(r.req, 'last-event-id') || undefined;
    const resumeText = headerResume ?? (queryResume || undefined);
    const resume: ResumePoint | undefined = resumeText
      ? (parseResumePoint(resumeText) ?? (resumeText.includes('-') ? { kind: 'live' } : undefined))
      : undefined;
    const typesParam = r.url.searchParams.get('types');
    const types = typesParam ? new Set(typesParam.split(',').map((t) => t.trim()).filter(Boolean)) : undefined;
    const task = this.#tasks.get(workflowId);
    const base = { registry: this.#options.registry, resume, types, drop: undefined, lifetimeMs: undefined };
    if (!task) {
      serveUnknownWorkflow(workflowId, r.res, this.#clock, base);
      return;
    }
    const fault = streamFaultFor(task.scenario, task.streamRequests++);
    if (fault === 204) {
      sendEmpty(r.res, 204, corsHeaders(r.path));
      return;
    }
    if (fault === 401) throw authError('Invalid token');
    if (fault === 429) throw rateLimitError();
    if (fault === 503) throw new ShannonHttpError(503, 'Service temporarily unavailable', { headers: { 'Retry-After': '1' } });
    const drop = dropPlanFor(task.scenario, task.streamConnections++, task.rng);
    const lifetimeMs = task.scenario === 'stream-timeout' ? Math.max(500, task.plan.durationMs * STREAM_TIMEOUT_SHARE) : undefined;
    const eventBudget = task.scenario === 'reconnect-204' ? EVENTS_BEFORE_204 : undefined;
    serveShannonStream(task, r.res, { ...base, drop, lifetimeMs, eventBudget });
  }
}

/** The optional `{"reason"}` of cancel, pause and resume; anything unreadable is no reason. */
async function reasonOf(req: IncomingMessage): Promise<string> {
  try {
    const body = parseJson(await readBody(req, 64 * 1024));
    return isRecord(body) && typeof body.reason === 'string' ? body.reason : '';
  } catch {
    return '';
  }
}

function intParam(raw: string | null, fallback: number, min: number, max: number, message: string): number {
  if (raw === null || raw === '') return fallback;
  const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) throw new ShannonHttpError(400, message);
  return value;
}
