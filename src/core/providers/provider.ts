/**
 * The contract between the store and an API. A provider only translates: it builds requests and
 * maps wire data to the normalized types. Network policy (retries, reconnects, dedupe) stays in
 * the client and the store.
 */
import type { SseMessage } from '../sse/sse-decoder.js';
import type { ProviderName, TaskEvent, TaskRun, TaskRunPatch } from './task-event.js';

/** An HTTP request relative to the provider's base URL (the element's `proxy-url`). */
export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path appended to the base URL, e.g. `/v1/tasks/runs`. */
  path: string;
  query?: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** What one SSE message meant. */
export interface DecodedMessage {
  /** Normalized events, each with an id unique within the run. */
  events: TaskEvent[];
  /** Run fields the message revealed (processor, interaction id, times...). */
  patch?: TaskRunPatch;
  /** The stream is over for good (a terminal state, Shannon `done`). */
  end?: boolean;
  /**
   * The stream skipped events (Shannon `seq` jumped): the connection asks the provider's backfill
   * for what the API still has between the two numbers (store/backfill.ts).
   */
  gap?: { afterSeq: number; beforeSeq: number; missing: number };
}

/** Maps the messages of one run's streams. Holds the little state replay handling needs. */
export interface EventDecoder {
  /** A new connection starts; providers that replay from the start reset their counters here. */
  beginConnection(): void;
  /** Maps one message. Never throws: data it cannot read becomes an `invalid` event. */
  decode(message: SseMessage): DecodedMessage;
}

/** Status and whatever else a status request returned. */
export interface StatusSnapshot {
  patch: TaskRunPatch;
  /** Events the snapshot implies (the final output when the status endpoint carries it). */
  events: TaskEvent[];
}

/** What a create request returned. */
export interface CreatedRun {
  run: TaskRun;
  /** Path (relative to the base URL) of the event stream, when the API named one. */
  streamPath?: string;
  /** A time the API stamped while answering (ISO 8601; Parallel's `created_at`), for clock skew (util/server-time.ts). */
  serverTime?: string;
}

/** One page of events an API still keeps (Shannon `GET /api/v1/tasks/{id}/events`). */
export interface EventsPage {
  /** Normalized events, keyed like the live stream's so that a copy of a shown event is a duplicate. */
  events: TaskEvent[];
  /** Wire events on the page: fewer than the page size means it was the last page. */
  count: number;
  /** The highest `seq` on the page (pages are ordered by time, so seqs only roughly rise). */
  maxSeq: number;
}

/** One API, as the store sees it. */
export interface TaskProvider<CreateParams = unknown> {
  readonly name: ProviderName;
  /** Base URL used when an element has no `proxy-url`. */
  readonly defaultProxyUrl: string;
  /** Reconnect when the stream is silent this long: a little over the API's heartbeat. */
  readonly stallTimeoutMs: number;
  /** Poll the status this often while the stream cannot tell (Parallel's queued phase); 0 = never. */
  readonly statusPollMs: number;
  /**
   * Ask the status API after an open stream carried no event this long (pings do not count): a run
   * the server ended without a word (Shannon after a Temporal timeout) shows as ended this soon.
   */
  readonly quietCheckMs: number;
  /** Why `cancel` is unavailable, or undefined when the API can cancel. */
  readonly cancelUnsupportedReason?: string;
  createRequest(params: CreateParams): ApiRequest;
  parseCreated(body: unknown, params: CreateParams, now: string): CreatedRun;
  statusRequest(runId: string): ApiRequest;
  parseStatus(body: unknown): StatusSnapshot;
  eventsRequest(runId: string): ApiRequest;
  /** Request of the final result, for runs whose stream ended without one. */
  resultRequest(runId: string): ApiRequest;
  parseResult(body: unknown): StatusSnapshot;
  cancelRequest?(runId: string): ApiRequest;
  /**
   * Request that pauses or resumes the run (Shannon `POST /api/v1/tasks/{id}/pause|resume`, 202,
   * shannon-streaming-api.md §2); absent where the API cannot.
   */
  controlRequest?(runId: string, action: 'pause' | 'resume'): ApiRequest;
  /** Request of one page of the events the API persisted, for backfilling a gap; absent when it keeps none. */
  backfillRequest?(runId: string, offset: number, limit: number): ApiRequest;
  parseBackfill?(body: unknown): EventsPage;
  /**
   * A decoder for one run. `known`: the run's events already shown (a decoder that tracks sequence
   * numbers starts after them).
   */
  createDecoder(known?: readonly TaskEvent[]): EventDecoder;
}
