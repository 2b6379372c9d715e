/**
 * One request of an event stream, from `fetch` to the end of its body: what the reconnect loops
 * (the generic {@link openStream} and a run's lifecycle) repeat. It decides nothing about retrying;
 * it only says how the attempt ended:
 *
 * - `ended`: the body ended cleanly (HTML §9.2.3 "re-establish the connection");
 * - `no-content`: 204, the server's way to say "stop reconnecting" (HTML §9.2 authoring note);
 * - `retry`: a network error, a stall, 408/429/5xx (temporary; may carry `Retry-After`);
 * - `fail`: what another attempt will not fix (401/403/404, a 2xx that is not a stream, a redirect);
 * - `consumer-error`: the code that consumes events threw. Never reported as a network problem;
 * - `aborted`: the signal aborted.
 *
 * Redirects are never followed (`redirect: 'manual'`): the request carries credentials, which must
 * not reach another origin. The last event id is committed at dispatch (id-only blocks included).
 */
import { ConsumerError, NetworkError, RedirectRefusedError, StreamProtocolError, StreamStalledError, TaskElementsError } from '../errors.js';
import { createSseDecoder, type SseMessage } from '../sse/sse-decoder.js';
import { yieldToEventLoop, type FetchLike, type Timers } from '../util/environment.js';
import type { EventTooLargeError } from '../errors.js';
import { parseRetryAfter } from './backoff.js';
import { classifyResponse } from './classify-response.js';
import { isRedirect } from './credentialed-fetch.js';
import { httpFailure, maskUrl } from './http-failure.js';
import { StallWatchdog } from './stall-watchdog.js';
import type { StreamRequest } from './stream-types.js';

/** Bytes decoded per main-thread task when a read returns a large burst. */
const READ_SLICE = 16 * 1024;

/** How one attempt ended. */
export type AttemptOutcome =
  | { kind: 'ended' }
  | { kind: 'no-content' }
  | { kind: 'aborted' }
  | { kind: 'retry'; error: TaskElementsError; retryAfterMs?: number }
  | { kind: 'fail'; error: TaskElementsError }
  | { kind: 'consumer-error'; error: ConsumerError };

/** Options of {@link streamAttempt}. */
export interface AttemptOptions {
  request: StreamRequest;
  /** Sent as `Last-Event-ID` when not empty. */
  lastEventId: string;
  /** Aborting ends the attempt with `aborted`. */
  signal: AbortSignal;
  fetch: FetchLike;
  timers: Timers;
  now(): number;
  /** Silence (no byte, not even a comment) after which the attempt ends with `retry`; 0 disables. */
  stallTimeoutMs: number;
  maxEventSize?: number;
  /** The response is a stream and reading starts. */
  onOpen?(): void;
  /** Every dispatched event. A throw ends the attempt with `consumer-error`. */
  onMessage(message: SseMessage): void;
  /** The last event id changed (at dispatch, also for id-only blocks). */
  onLastEventId?(id: string): void;
  /** A valid `retry:` field, in ms. */
  onRetry?(ms: number): void;
  /** An oversized event was skipped. */
  onProblem?(error: EventTooLargeError): void;
}

class ConsumerThrew {
  constructor(readonly error: unknown) {}
}

/** Makes one request and reads it to its end. Never rejects. */
export async function streamAttempt(options: AttemptOptions): Promise<AttemptOutcome> {
  const { request, signal } = options;
  if (signal.aborted) return { kind: 'aborted' };
  const url = request.url;
  const abort = new AbortController();
  const forward = () => abort.abort();
  signal.addEventListener('abort', forward, { once: true });
  try {
    const headers: Record<string, string> = { ...request.headers, accept: 'text/event-stream' };
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    let response: Response;
    try {
      response = await options.fetch(url, { headers, signal: abort.signal, cache: 'no-store', redirect: 'manual' });
    } catch (cause) {
      if (signal.aborted) return { kind: 'aborted' };
      return { kind: 'retry', error: new NetworkError(maskUrl(url), { cause }) };
    }
    if (signal.aborted) return { kind: 'aborted' };
    if (isRedirect(response)) {
      void response.body?.cancel().catch(() => {});
      return { kind: 'fail', error: new RedirectRefusedError(maskUrl(url)) };
    }
    const verdict = classifyResponse(response.status, response.headers.get('content-type'));
    if (verdict === 'stop') {
      void response.body?.cancel().catch(() => {});
      return { kind: 'no-content' };
    }
    if (verdict === 'fail' && response.ok) {
      void response.body?.cancel().catch(() => {});
      const type = response.headers.get('content-type') ?? 'no content type';
      const message = `Expected an event stream from ${maskUrl(url)} but got status ${response.status} with ${type}. Check proxy-url.`;
      return { kind: 'fail', error: new StreamProtocolError(message, { url: maskUrl(url), status: response.status }) };
    }
    if (verdict !== 'open') {
      const error = await httpFailure(response, { url });
      if (verdict === 'fail') return { kind: 'fail', error };
      return { kind: 'retry', error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now()) };
    }
    return await read(response, abort, options);
  } catch (cause) {
    if (signal.aborted) return { kind: 'aborted' };
    if (cause instanceof ConsumerThrew) return { kind: 'consumer-error', error: new ConsumerError(cause.error) };
    const error = cause instanceof TaskElementsError ? cause : new TaskElementsError(String(cause), { cause });
    return { kind: 'fail', error };
  } finally {
    signal.removeEventListener('abort', forward);
    abort.abort();
  }
}

async function read(response: Response, abort: AbortController, options: AttemptOptions): Promise<AttemptOutcome> {
  const { signal, url } = { signal: options.signal, url: options.request.url };
  let lastEventId = options.lastEventId;
  const decoder = createSseDecoder({
    lastEventId,
    maxEventSize: options.maxEventSize,
    onMessage: (message) => {
      if (signal.aborted) return;
      commitId();
      try {
        options.onMessage(message);
      } catch (error) {
        throw new ConsumerThrew(error);
      }
    },
    onRetry: (ms) => options.onRetry?.(ms),
    onProblem: (error) => options.onProblem?.(error),
  });
  const commitId = () => {
    if (decoder.lastEventId === lastEventId) return;
    lastEventId = decoder.lastEventId;
    options.onLastEventId?.(lastEventId);
  };
  const watchdog = new StallWatchdog(options.stallTimeoutMs, options.timers, () => abort.abort());
  const reader = response.body!.getReader();
  const cancelRead = () => void reader.cancel().catch(() => {});
  abort.signal.addEventListener('abort', cancelRead, { once: true });
  options.onOpen?.();
  watchdog.arm();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) return { kind: 'aborted' };
      if (watchdog.fired) return { kind: 'retry', error: new StreamStalledError(watchdog.timeoutMs) };
      if (done) {
        const end = decoder.end();
        commitId();
        // An end inside an event is a cut connection, however the engine reports it (see sse-decoder.ts).
        if (end === 'cut') return { kind: 'retry', error: new NetworkError(maskUrl(url), { cause: new TaskElementsError('The stream ended inside an event: the connection was cut.') }) };
        return { kind: 'ended' };
      }
      watchdog.arm();
      // A burst (a full replay, a token flood) can arrive as one large read; decoding it in
      // slices with a yield in between keeps every main-thread task short.
      for (let offset = 0; offset < value.length; offset += READ_SLICE) {
        if (offset > 0) {
          await yieldToEventLoop(options.timers);
          if (signal.aborted) return { kind: 'aborted' };
        }
        decoder.push(offset === 0 && value.length <= READ_SLICE ? value : value.subarray(offset, offset + READ_SLICE));
        commitId();
      }
    }
  } catch (cause) {
    if (cause instanceof ConsumerThrew) throw cause;
    if (signal.aborted) return { kind: 'aborted' };
    if (watchdog.fired) return { kind: 'retry', error: new StreamStalledError(watchdog.timeoutMs) };
    return { kind: 'retry', error: new NetworkError(maskUrl(url), { cause }) };
  } finally {
    watchdog.clear();
    abort.signal.removeEventListener('abort', cancelRead);
  }
}
