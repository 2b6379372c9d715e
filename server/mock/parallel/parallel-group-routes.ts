/**
 * The Task Group endpoints of the Parallel mock (parallel-task-api.md §10; SDK
 * `resources/task-group.ts`):
 *
 * | Route | Answer |
 * |---|---|
 * | `POST /v1/tasks/groups` | 200 `TaskGroup` |
 * | `GET /v1/tasks/groups/{id}` | 200 `TaskGroup` (status counts) |
 * | `POST /v1/tasks/groups/{id}/runs?refresh_status=` | 200 `{run_ids, status, event_cursor, run_cursor}`; ≤1,000 inputs |
 * | `GET /v1/tasks/groups/{id}/events?last_event_id=&timeout=` | SSE, resumable by `event_id` |
 * | `GET /v1/tasks/groups/{id}/runs?include_input=&include_output=&last_event_id=&status=` | SSE dump of the runs |
 * | `GET /v1/tasks/groups/{id}/runs/{run_id}` | 200 `TaskRun` |
 *
 * Group runs are ordinary runs too (`/v1/tasks/runs/{id}…` serves them, with `taskgroup_id` set).
 * The group's `metadata.mock_scenario` applies the stream faults of scenarios.ts to `/events`;
 * each input's own metadata chooses its run's scenario and speed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, InvalidJsonError, decodePathSegment, header, parseJson, readBody, sendJson } from '../http-util.js';
import type { Rng } from '../rng.js';
import { dropPlanFor, parseScenario, parseSpeed, streamFaultFor } from '../scenarios.js';
import type { ConnectionRegistry } from '../sse-connection.js';
import { ParallelHttpError, invalidInput, unauthorized } from './parallel-errors.js';
import { ParallelGroup } from './parallel-group.js';
import { serveGroupEvents, serveGroupRuns } from './parallel-group-stream.js';
import { validateAddRuns, validateGroupCreate } from './parallel-group-validate.js';
import type { ParallelRun } from './parallel-run.js';
import type { CreateRequest } from './parallel-validate.js';

/** Creates a registered, not yet started run (ParallelApi owns run creation). */
export type RunFactory = (request: CreateRequest, body: Record<string, unknown>, betas: string[], taskgroupId: string) => ParallelRun;

export interface ParallelGroupApiOptions {
  rng: Rng;
  speed: number;
  /** The events stream's longest life, in simulated ms (one hour on the real API). */
  lifetimeMs: number;
  registry: ConnectionRegistry;
  authenticate: (req: IncomingMessage) => void;
  newRun: RunFactory;
}

const GROUP_PATH = /^\/v1\/tasks\/groups(?:\/([^/]+)(?:\/(runs|events)(?:\/([^/]+))?)?)?$/;
const RUN_STATUSES = ['queued', 'action_required', 'running', 'completed', 'failed', 'cancelling', 'cancelled'];
/** Add-runs bodies: 1,000 inputs of a few KB each. The real limit is not documented. */
const MAX_ADD_RUNS_BODY = 10_000_000;

/** Routes and state of the group endpoints. */
export class ParallelGroupApi {
  readonly #options: ParallelGroupApiOptions;
  readonly #groups = new Map<string, ParallelGroup>();
  #created = 0;

  constructor(options: ParallelGroupApiOptions) {
    this.#options = options;
  }

  /** True for the group paths. */
  matches(path: string): boolean {
    return path === '/v1/tasks/groups' || path.startsWith('/v1/tasks/groups/');
  }

  /** Stops every group's timers. */
  close(): void {
    for (const group of this.#groups.values()) group.dispose();
  }

  /** Handles a group path; throws {@link ParallelHttpError} for refusals. */
  async route(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const match = GROUP_PATH.exec(path);
    if (!match || (match[3] !== undefined && match[2] !== 'runs')) throw new ParallelHttpError(404, `No route for ${method} ${path}`);
    const [, rawId, sub, rawRunId] = match;
    if (rawId === undefined) {
      allow(method, 'POST');
      this.#options.authenticate(req);
      await this.#create(req, res);
      return;
    }
    allow(method, sub === 'runs' && rawRunId === undefined ? ['GET', 'POST'] : 'GET');
    this.#options.authenticate(req);
    const group = this.#groups.get(decodePathSegment(rawId) ?? '');
    if (!group) throw new ParallelHttpError(404, `Task group ${rawId} not found`);
    if (sub === undefined) sendJson(res, 200, group.snapshot());
    else if (sub === 'events') this.#events(group, res, url);
    else if (rawRunId !== undefined) this.#run(group, res, rawRunId);
    else if (method === 'POST') await this.#addRuns(group, req, res);
    else this.#runs(group, res, url);
  }

  async #create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readText(req, 1_000_000);
    const { metadata } = validateGroupCreate(text.trim() === '' ? undefined : parse(text));
    const rng = this.#options.rng.fork(`parallel-group:${this.#created++}`);
    const group = new ParallelGroup({
      id: `tgrp_${rng.hex(32)}`,
      metadata,
      scenario: parseScenario(metadata?.mock_scenario),
      speed: parseSpeed(metadata?.mock_speed) ?? this.#options.speed,
      rng,
    });
    this.#groups.set(group.id, group);
    sendJson(res, 200, group.snapshot());
  }

  async #addRuns(group: ParallelGroup, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readText(req, MAX_ADD_RUNS_BODY);
    const inputs = validateAddRuns(parse(text));
    const betas = (header(req, 'parallel-beta') ?? '').split(',').map((b) => b.trim());
    const runs = inputs.map(({ request, body }) => this.#options.newRun(request, body, betas, group.id));
    const { eventCursor, runCursor } = group.addRuns(runs);
    for (const run of runs) run.start();
    sendJson(res, 200, { run_ids: runs.map((run) => run.id), status: group.status(), event_cursor: eventCursor, run_cursor: runCursor });
  }

  #events(group: ParallelGroup, res: ServerResponse, url: URL): void {
    const cursor = optionalParam(url, 'last_event_id');
    const replay = group.eventsAfter(cursor);
    if (!replay) throw invalidInput(`last_event_id '${cursor}' is not an event of task group ${group.id}`, ['query', 'last_event_id']);
    const timeout = optionalParam(url, 'timeout');
    let lifetimeMs = this.#options.lifetimeMs;
    if (timeout !== undefined) {
      const seconds = Number(timeout);
      if (!Number.isFinite(seconds) || seconds < 0) throw invalidInput("Query parameter 'timeout' must be a non-negative number of seconds", ['query', 'timeout']);
      lifetimeMs = Math.min(lifetimeMs, seconds * 1000);
    }
    const fault = streamFaultFor(group.scenario, group.eventsRequests++);
    if (fault === 401) throw unauthorized(true);
    if (fault !== undefined) {
      throw new ParallelHttpError(fault, fault === 429 ? 'Too many requests. Retry after the time given in Retry-After.' : 'Service temporarily unavailable. Retry after the time given in Retry-After.', { headers: { 'Retry-After': '1' } });
    }
    const drop = dropPlanFor(group.scenario, group.streamConnections++, group.rng);
    serveGroupEvents(group, res, { registry: this.#options.registry, replay, lifetimeMs, drop });
  }

  #runs(group: ParallelGroup, res: ServerResponse, url: URL): void {
    const cursor = optionalParam(url, 'last_event_id');
    const runs = group.runsAfter(cursor);
    if (!runs) throw invalidInput(`last_event_id '${cursor}' is not a run cursor of task group ${group.id}`, ['query', 'last_event_id']);
    const status = optionalParam(url, 'status');
    if (status !== undefined && !RUN_STATUSES.includes(status)) {
      throw invalidInput(`Query parameter 'status' must be one of ${RUN_STATUSES.join(', ')}`, ['query', 'status']);
    }
    serveGroupRuns(res, {
      registry: this.#options.registry,
      runs,
      includeInput: booleanParam(url, 'include_input'),
      includeOutput: booleanParam(url, 'include_output'),
      status,
    });
  }

  #run(group: ParallelGroup, res: ServerResponse, rawRunId: string): void {
    const runId = decodePathSegment(rawRunId) ?? '';
    const run = group.runs.find((candidate) => candidate.id === runId);
    if (!run) throw new ParallelHttpError(404, `Run ${rawRunId} not found in task group ${group.id}`);
    sendJson(res, 200, run.snapshot());
  }
}

function allow(method: string, allowed: string | string[]): void {
  const list = Array.isArray(allowed) ? allowed : [allowed];
  if (!list.includes(method)) throw new ParallelHttpError(405, `Method ${method} not allowed`, { headers: { Allow: list.join(', ') } });
}

async function readText(req: IncomingMessage, limit: number): Promise<string> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ParallelHttpError(413, error.message);
    throw error;
  }
}

function parse(text: string): unknown {
  try {
    return parseJson(text);
  } catch (error) {
    if (error instanceof InvalidJsonError) throw invalidInput(error.message, []);
    throw error;
  }
}

function optionalParam(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  return value === null || value === '' ? undefined : value;
}

function booleanParam(url: URL, name: string): boolean {
  const value = optionalParam(url, name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw invalidInput(`Query parameter '${name}' must be true or false`, ['query', name]);
}
