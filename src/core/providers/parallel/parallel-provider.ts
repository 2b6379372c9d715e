/**
 * The Parallel Task API as a {@link TaskProvider}: request builders and response parsers
 * (parallel-task-api.md §3–§7). Runs cannot be cancelled: the public API has no endpoint.
 */
import { asObject } from '../../util/read.js';
import type { ApiRequest, CreatedRun, StatusSnapshot, TaskProvider } from '../provider.js';
import { PROVIDER_INFO } from '../provider-info.js';
import { createParallelDecoder } from './parallel-decoder.js';
import { mapParallelRun } from './map-parallel-event.js';
import { mapParallelOutput } from './map-parallel-output.js';
import type { ParallelCreateParams } from './parallel-types.js';
import type { TaskEvent, TaskRun } from '../task-event.js';

const RUNS = '/v1/tasks/runs';

/** `parallel-beta` values a create body needs (§2): events always, plus those of optional features. */
export function parallelBetas(params: ParallelCreateParams): string[] {
  const betas = ['events-sse-2025-07-24', 'field-basis-2025-11-25'];
  if (params.webhook) betas.push('webhook-2025-08-12');
  if (params.mcp_servers?.length) betas.push('mcp-server-2025-07-17');
  return betas;
}

function runPath(runId: string, suffix = ''): string {
  return `${RUNS}/${encodeURIComponent(runId)}${suffix}`;
}

function statusSnapshot(runBody: unknown, outputBody?: unknown): StatusSnapshot {
  const patch = mapParallelRun(runBody);
  const events: TaskEvent[] = [];
  const output = mapParallelOutput(outputBody);
  if (output) {
    patch.output = output;
    events.push({ kind: 'output', id: 'output', output, source: 'result' });
  }
  return { patch, events };
}

/**
 * The Parallel Task API (parallel-task-api.md): `POST /v1/tasks/runs` to create (beta headers from
 * the create parameters), `GET /v1/tasks/runs/{id}` for the status, the events stream
 * `GET /v1/tasks/runs/{id}/events` (replays everything on every connect), no cancel endpoint.
 */
export const parallelProvider: TaskProvider<ParallelCreateParams> = {
  name: 'parallel',
  defaultProxyUrl: PROVIDER_INFO.parallel.defaultProxyUrl,
  // Parallel documents no heartbeat; a quiet research phase is normal, and a reconnect replays everything.
  stallTimeoutMs: 120_000,
  statusPollMs: 5_000,
  // Research phases are long and quiet, and every run's stream ends with its final state.
  quietCheckMs: 30_000,
  cancelUnsupportedReason: PROVIDER_INFO.parallel.cancelUnsupportedReason,

  createRequest(params): ApiRequest {
    return {
      method: 'POST',
      path: RUNS,
      body: { enable_events: true, ...params },
      headers: { 'parallel-beta': parallelBetas(params).join(',') },
    };
  },

  parseCreated(body, params, now): CreatedRun {
    const patch = mapParallelRun(body);
    const runId = asObject(body)?.run_id;
    if (typeof runId !== 'string' || !runId) throw new TypeError('The create response has no run_id.');
    const run: TaskRun = {
      id: runId,
      provider: 'parallel',
      status: patch.status ?? 'queued',
      createdAt: patch.createdAt ?? now,
      input: params.input,
      processor: patch.processor ?? params.processor,
      ...patch,
    };
    // `created_at` is stamped while the API answers this request: it bounds the API's clock skew.
    return patch.createdAt ? { run, serverTime: patch.createdAt } : { run };
  },

  statusRequest: (runId) => ({ method: 'GET', path: runPath(runId) }),
  parseStatus: (body) => statusSnapshot(body),
  eventsRequest: (runId) => ({ method: 'GET', path: runPath(runId, '/events') }),
  resultRequest: (runId) => ({ method: 'GET', path: runPath(runId, '/result'), query: { timeout: '5' } }),
  parseResult(body) {
    const wire = asObject(body) ?? {};
    return statusSnapshot(wire.run, wire.output);
  },
  createDecoder: createParallelDecoder,
};
