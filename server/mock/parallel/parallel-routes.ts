/**
 * The Parallel half of the mock (parallel-task-api.md §3): create, retrieve, input, blocking
 * result and the event streams, behind the `x-api-key` check. Every refusal uses Parallel's error
 * body. No CORS headers: browsers reach Parallel through the proxy (§1, fact 10).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, InvalidJsonError, decodePathSegment, header, parseJson, readBody, sendJson } from '../http-util.js';
import type { Rng } from '../rng.js';
import { CreateRateLimiter, EVENTS_BEFORE_204, STREAM_TIMEOUT_SHARE, dropPlanFor, parseScenario, parseSpeed, streamFaultFor } from '../scenarios.js';
import type { ConnectionRegistry } from '../sse-connection.js';
import { ParallelHttpError, invalidInput, parallelErrorBody, runNotFound, unauthorized } from './parallel-errors.js';
import { ParallelGroupApi } from './parallel-group-routes.js';
import { processorProfile } from './parallel-processors.js';
import { ParallelRun } from './parallel-run.js';
import { serveParallelEvents } from './parallel-stream.js';
import { planParallelRun } from './parallel-timeline.js';
import { validateCreate, type CreateRequest } from './parallel-validate.js';

export interface ParallelApiOptions {
  rng: Rng;
  speed: number;
  streamLifetimeMs: number;
  /** The group events stream's longest life, in simulated ms. */
  groupStreamLifetimeMs: number;
  requireKey: boolean;
  registry: ConnectionRegistry;
}

const RUN_PATH = /^\/v1\/tasks\/runs\/([^/]+)(?:\/(result|input|events))?$/;
const LEGACY_EVENTS_PATH = /^\/v1beta\/tasks\/runs\/([^/]+)\/events$/;
const DEFAULT_RESULT_TIMEOUT_S = 600;

/** Routes and state of the Parallel half. */
export class ParallelApi {
  readonly #options: ParallelApiOptions;
  readonly #runs = new Map<string, ParallelRun>();
  readonly #errorRng: Rng;
  readonly #createLimiter = new CreateRateLimiter();
  readonly #groups: ParallelGroupApi;
  #created = 0;

  constructor(options: ParallelApiOptions) {
    this.#options = options;
    this.#errorRng = options.rng.fork('parallel-errors');
    this.#groups = new ParallelGroupApi({
      rng: options.rng.fork('parallel-groups'),
      speed: options.speed,
      lifetimeMs: options.groupStreamLifetimeMs,
      registry: options.registry,
      authenticate: (req) => this.#authenticate(req),
      newRun: (request, body, betas, taskgroupId) => this.#newRun(request, body, betas, taskgroupId),
    });
  }

  /** True for paths this half owns. */
  matches(path: string): boolean {
    return path.startsWith('/v1/') || path.startsWith('/v1beta/');
  }

  /** Handles a request for one of {@link matches}'s paths; never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    try {
      await this.#route(req, res, path, url);
    } catch (error) {
      const failure = error instanceof ParallelHttpError ? error : new ParallelHttpError(500, 'Internal server error');
      sendJson(res, failure.status, parallelErrorBody(this.#errorRng.uuid(), failure.message, failure.detail), failure.headers);
    }
  }

  /** Stops every run's timers. */
  close(): void {
    this.#groups.close();
    for (const run of this.#runs.values()) run.dispose();
  }

  async #route(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === '/v1/tasks/runs') {
      this.#allow(method, 'POST');
      this.#authenticate(req);
      await this.#create(req, res);
      return;
    }
    if (this.#groups.matches(path)) {
      await this.#groups.route(req, res, path, url);
      return;
    }
    const match = RUN_PATH.exec(path) ?? LEGACY_EVENTS_PATH.exec(path);
    if (!match) throw new ParallelHttpError(404, `No route for ${method} ${path}`);
    const sub = path.startsWith('/v1beta/') ? 'events' : match[2];
    this.#allow(method, 'GET');
    this.#authenticate(req);
    const run = this.#runs.get(decodePathSegment(match[1] as string) ?? '');
    if (!run) throw runNotFound(match[1] as string);
    if (run.scenario === 'unauthorized' && sub !== 'events') throw unauthorized(true);
    if (sub === 'events') this.#events(run, res, header(req, 'x-mock-replay') === 'full');
    else if (sub === 'result') await this.#result(run, res, url);
    else if (sub === 'input') sendJson(res, 200, run.body);
    else sendJson(res, 200, run.snapshot());
  }

  #allow(method: string, allowed: string): void {
    if (method !== allowed) throw new ParallelHttpError(405, `Method ${method} not allowed`, { headers: { Allow: allowed } });
  }

  #authenticate(req: IncomingMessage): void {
    if (this.#options.requireKey && !header(req, 'x-api-key')) throw unauthorized(false);
  }

  async #create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text: string;
    try {
      text = await readBody(req, 1_000_000);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw new ParallelHttpError(413, error.message);
      throw error;
    }
    let body: unknown;
    try {
      body = parseJson(text);
    } catch (error) {
      if (error instanceof InvalidJsonError) throw invalidInput(error.message, []);
      throw error;
    }
    const request = validateCreate(body);
    const scenario = parseScenario(request.metadata?.mock_scenario);
    if (this.#createLimiter.shouldRefuse(scenario, text)) {
      throw new ParallelHttpError(429, 'Rate limit exceeded. Retry after the time given in Retry-After.', { headers: { 'Retry-After': '1' } });
    }
    const betas = (header(req, 'parallel-beta') ?? '').split(',').map((b) => b.trim());
    const run = this.#newRun(request, body as Record<string, unknown>, betas, null);
    run.start();
    sendJson(res, 202, run.snapshot());
  }

  /** Plans and registers a run (not started yet), single or in a group. */
  #newRun(request: CreateRequest, body: Record<string, unknown>, betas: string[], taskgroupId: string | null): ParallelRun {
    const scenario = parseScenario(request.metadata?.mock_scenario);
    const index = this.#created++;
    const rng = this.#options.rng.fork(`parallel-run:${index}`);
    const id = `trun_${rng.hex(32)}`;
    const profile = processorProfile(request.processor);
    if (!profile) throw invalidInput(`Unknown processor '${request.processor}'`, ['processor']);
    const plan = planParallelRun({ rng: rng.fork('plan'), request, profile, scenario, fieldBasisBeta: betas.includes('field-basis-2025-11-25') });
    const speed = parseSpeed(request.metadata?.mock_speed) ?? this.#options.speed;
    const run = new ParallelRun({ id, request, body, scenario, speed, plan, rng: rng.fork('faults'), taskgroupId });
    this.#runs.set(id, run);
    return run;
  }

  #events(run: ParallelRun, res: ServerResponse, fullReplay: boolean): void {
    const fault = streamFaultFor(run.scenario, run.eventsRequests++);
    if (fault === 204) {
      res.writeHead(204);
      res.end();
      return;
    }
    if (fault === 401) throw unauthorized(true);
    if (fault === 429) throw new ParallelHttpError(429, 'Too many requests. Retry after the time given in Retry-After.', { headers: { 'Retry-After': '1' } });
    if (fault === 503) throw new ParallelHttpError(503, 'Service temporarily unavailable. Retry after the time given in Retry-After.', { headers: { 'Retry-After': '1' } });
    const lifetimeMs = run.scenario === 'stream-timeout'
      ? Math.max(500, run.plan.durationMs * STREAM_TIMEOUT_SHARE)
      : this.#options.streamLifetimeMs;
    const drop = dropPlanFor(run.scenario, run.streamConnections++, run.rng);
    const eventBudget = run.scenario === 'reconnect-204' ? EVENTS_BEFORE_204 : undefined;
    serveParallelEvents(run, res, { registry: this.#options.registry, lifetimeMs, drop, eventBudget, fullReplay });
  }

  async #result(run: ParallelRun, res: ServerResponse, url: URL): Promise<void> {
    const raw = url.searchParams.get('timeout');
    const timeout = raw === null || raw === '' ? DEFAULT_RESULT_TIMEOUT_S : Number(raw);
    if (!Number.isFinite(timeout) || timeout < 0) throw invalidInput("Query parameter 'timeout' must be a non-negative number of seconds", ['query', 'timeout']);
    if (!run.finished) {
      const abort = new AbortController();
      // The response's close (not the request's) tells us the client went away while we wait.
      const onClose = (): void => abort.abort();
      res.on('close', onClose);
      await run.waitUntilDone(run.clock.toReal(timeout * 1000), abort.signal);
      res.off('close', onClose);
      if (abort.signal.aborted) return;
    }
    if (run.status === 'completed') sendJson(res, 200, { run: run.snapshot(), output: run.output });
    else if (run.status === 'failed') throw new ParallelHttpError(404, `Run ${run.id} failed: ${run.snapshot().error?.message ?? 'unknown error'}`);
    else if (run.status === 'cancelled') throw new ParallelHttpError(404, `Run ${run.id} was cancelled`);
    else throw new ParallelHttpError(408, 'Request timed out; run still active. Retry the request.');
  }
}
