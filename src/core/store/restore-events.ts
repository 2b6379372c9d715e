/**
 * Loads a run's events again from the API, for a run whose stored log was removed to save space
 * (issue 10 §1). One request or page at a time, cancellable with the signal:
 * - Parallel: one connection to `GET /v1beta/tasks/runs/{id}/events`, read until the terminal
 *   state. Under the current SSE guide a finished run gets only that state (with the output);
 *   older deployments replay the whole trace first. Either way what the server still has is read.
 * - Shannon keeps a run's events: `GET /api/v1/tasks/{id}/events?offset&limit` (pages of up to
 *   200; Shannon `cmd/gateway` task handler), each event as the SSE stream's data would carry it.
 * Both go through the provider's own decoder, so the events are the ones a live stream gives.
 */
import { callApi, prepareRequest, type EndpointConfig } from '../client/api-request.js';
import { fetchWithoutRedirects } from '../client/credentialed-fetch.js';
import { httpFailure } from '../client/http-failure.js';
import type { DecodedMessage } from '../providers/provider.js';
import type { TaskEvent, TaskRun } from '../providers/task-event.js';
import { createSseDecoder } from '../sse/sse-decoder.js';
import { providerFor } from './providers.js';
import type { TaskStore } from './store-types.js';

const SHANNON_PAGE = 200;
/** Most pages read for one run (200 × 500 = 100,000 events). */
const SHANNON_MAX_PAGES = 500;

async function parallelTrace(run: TaskRun, endpoint: EndpointConfig, signal?: AbortSignal): Promise<DecodedMessage[]> {
  const provider = providerFor('parallel');
  const { url, headers } = prepareRequest(endpoint, provider.eventsRequest(run.id), 'stream');
  const response = await fetchWithoutRedirects(url, { headers: { ...headers, accept: 'text/event-stream' }, signal }, endpoint.fetch);
  if (!response.ok || !response.body) throw await httpFailure(response, { url, method: 'GET' });
  const decoder = provider.createDecoder();
  decoder.beginConnection();
  const decoded: DecodedMessage[] = [];
  let ended = false;
  const sse = createSseDecoder({ onMessage: (message) => {
    const result = decoder.decode(message);
    decoded.push(result);
    // The first state of a connection is a snapshot (already terminal here): the replay follows it.
    ended ||= !!result.end && decoded.length > 1;
  } });
  const reader = response.body.getReader();
  try {
    while (!ended) {
      const { done, value } = await reader.read();
      if (done) break;
      sse.push(value);
    }
    sse.end();
  } finally {
    void reader.cancel().catch(() => {});
  }
  return decoded;
}

async function shannonEvents(run: TaskRun, endpoint: EndpointConfig, signal?: AbortSignal): Promise<DecodedMessage[]> {
  const provider = providerFor('shannon');
  const decoder = provider.createDecoder();
  decoder.beginConnection();
  const decoded: DecodedMessage[] = [];
  for (let page = 0; page < SHANNON_MAX_PAGES; page++) {
    const body = (await callApi(endpoint, provider.backfillRequest!(run.id, page * SHANNON_PAGE, SHANNON_PAGE), signal)) as { events?: unknown[] } | undefined;
    const events = Array.isArray(body?.events) ? body.events : [];
    for (const event of events) {
      const record = event as { type?: unknown; seq?: unknown };
      const id = record?.seq === undefined ? '' : String(record.seq);
      decoded.push(decoder.decode({ event: typeof record?.type === 'string' ? record.type : 'message', data: JSON.stringify(event), lastEventId: id, id }));
    }
    if (events.length < SHANNON_PAGE) break;
  }
  return decoded;
}

/** The run's events as the API still has them, in order. Rejects with the API's error. */
export async function fetchRunEvents(run: TaskRun, endpoint: EndpointConfig, signal?: AbortSignal): Promise<TaskEvent[]> {
  const decoded = run.provider === 'shannon' ? await shannonEvents(run, endpoint, signal) : await parallelTrace(run, endpoint, signal);
  return decoded.flatMap((message) => message.events);
}

/** What restoring a run's events needs from the store. */
export interface RestoreHost {
  store: TaskStore;
  /** Resolves once the run's stored log is read. */
  ensure(runId: string): Promise<void>;
  /** Applies events in order, each once (the store's ingest); `persist`: written to the log. */
  ingest(runId: string, events: readonly TaskEvent[], persist: boolean): unknown;
}

/** TaskStore.restoreEvents: the run's events fetched again ({@link fetchRunEvents}), applied once each, and the run no longer marked evicted. */
export async function restoreRunEvents(host: RestoreHost, runId: string, endpoint: EndpointConfig, signal?: AbortSignal): Promise<void> {
  const run = host.store.getRun(runId);
  if (!run) return;
  const fetched = await fetchRunEvents(run, endpoint, signal);
  if (signal?.aborted || !host.store.getRun(runId)) return;
  await host.ensure(runId);
  host.ingest(runId, fetched, true);
  if (host.store.getRun(runId)?.eventsEvicted) host.store.updateRun(runId, { eventsEvicted: false });
}
