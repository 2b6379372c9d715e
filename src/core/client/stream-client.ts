/**
 * A reconnecting event-stream client over `fetch`, written as an explicit state machine:
 *
 *   connecting ─▶ open ─▶ (body ends / network drops / stalls) ─▶ reconnecting ─▶ open ...
 *        │          │                                                  │
 *        └──────────┴──── fatal status, 2xx without a stream ─▶ failed  └─ too many attempts ─▶ failed
 *   close(), abort signal, 204, or `shouldReconnect()` saying no ─▶ closed
 *
 * It never re-sends work: it only GETs a stream URL. Headers come from `request()` on every
 * attempt, so a changed key applies to the next request. Every timer and the fetch stop when the
 * signal aborts or `close()` is called, and nothing is reported after that.
 */
import { NetworkError, StreamProtocolError, StreamStalledError, TaskElementsError } from '../errors.js';
import { createSseDecoder } from '../sse/sse-decoder.js';
import {
  globalFetch, globalOnlineTarget, globalTimers, sleep, yieldToEventLoop,
  type FetchLike, type OnlineEventTarget, type Timers,
} from '../util/environment.js';
import { DEFAULT_RETRY, parseRetryAfter, reconnectDelay, type RetryOptions } from './backoff.js';
import { classifyResponse } from './classify-response.js';
import { httpFailure, maskUrl } from './http-failure.js';
import { StallWatchdog } from './stall-watchdog.js';
import type { AttemptOutcome, ConnectionSnapshot, StreamClientOptions, StreamConnection } from './stream-types.js';

export type { ConnectionState, ConnectionSnapshot, StreamClientOptions, StreamConnection, StreamRequest } from './stream-types.js';

/** Bytes decoded per main-thread task when a read returns a large burst. */
const READ_SLICE = 16 * 1024;

/** Opens a reconnecting event stream. Connecting starts at once. */
export function openStream(options: StreamClientOptions): StreamConnection {
  return new ReconnectingStream(options);
}

class ReconnectingStream implements StreamConnection {
  readonly finished: Promise<ConnectionSnapshot>;
  #options: StreamClientOptions;
  #fetch: FetchLike;
  #timers: Timers;
  #now: () => number;
  #retry: Required<RetryOptions>;
  #snapshot: ConnectionSnapshot;
  #closed = new AbortController();
  #attemptAbort: AbortController | undefined;
  #waitAbort: AbortController | undefined;
  #retryFieldMs: number | undefined;
  #resolveFinished!: (snapshot: ConnectionSnapshot) => void;
  #onlineTarget: OnlineEventTarget | undefined;
  #running = false;
  /** The current attempt delivered at least one event that was new to the consumer. */
  #freshInAttempt = false;

  constructor(options: StreamClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalFetch;
    this.#timers = options.timers ?? globalTimers;
    this.#now = options.now ?? Date.now;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#snapshot = { state: 'connecting', attempt: 0, lastEventId: options.lastEventId ?? '' };
    this.finished = new Promise((resolve) => (this.#resolveFinished = resolve));
    this.#onlineTarget = options.onlineTarget === null ? undefined : (options.onlineTarget ?? globalOnlineTarget());
    this.#onlineTarget?.addEventListener('online', this.#onOnline);
    if (options.signal?.aborted) {
      this.#finish('closed');
      return;
    }
    options.signal?.addEventListener('abort', this.close, { once: true });
    this.#emit();
    void this.#run();
  }

  get snapshot(): ConnectionSnapshot {
    return this.#snapshot;
  }

  close = (): void => {
    if (this.#isOver()) return;
    this.#finish('closed');
  };

  reconnectNow(): void {
    if (this.#snapshot.state === 'closed') return;
    if (this.#snapshot.state === 'failed') {
      this.#update({ state: 'reconnecting', attempt: 0, error: undefined, nextRetryAt: undefined });
      void this.#run();
      return;
    }
    this.#waitAbort?.abort(); // skips a pending wait; an attempt in flight carries on
  }

  #onOnline = (): void => {
    const { state, error } = this.#snapshot;
    if (state === 'reconnecting' || (state === 'failed' && error && !('status' in error))) this.reconnectNow();
  };

  #isOver(): boolean {
    return this.#closed.signal.aborted;
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (!this.#isOver()) {
        const outcome = await this.#attempt();
        if (this.#isOver()) return;
        let retryAfterMs: number | undefined;
        if (outcome.kind === 'stop') return this.#finish('closed');
        if (outcome.kind === 'fail') return this.#finish('failed', outcome.error);
        if (outcome.kind === 'ended') {
          const again = await this.#askReconnect();
          if (this.#isOver()) return;
          if (!again) return this.#finish('closed');
          // A clean end is normal (Parallel closes every 570 s), but a server that ends each stream
          // without anything new must not be hammered: unproductive ends grow the backoff.
          const attempt = this.#freshInAttempt ? 0 : this.#snapshot.attempt + 1;
          this.#update({ state: 'reconnecting', attempt, error: undefined });
        } else {
          const attempt = this.#snapshot.attempt + 1;
          if (attempt > this.#retry.maxAttempts) {
            const error = new TaskElementsError(
              `Gave up after ${this.#retry.maxAttempts} attempts: ${outcome.error.message}`,
              { cause: outcome.error },
            );
            return this.#finish('failed', error);
          }
          retryAfterMs = outcome.retryAfterMs;
          this.#update({ state: 'reconnecting', attempt, error: outcome.error });
        }
        await this.#wait(retryAfterMs);
      }
    } finally {
      this.#running = false;
    }
  }

  async #askReconnect(): Promise<boolean> {
    try {
      return (await this.#options.shouldReconnect?.()) ?? true;
    } catch {
      return true; // a failing check must not strand an active run
    }
  }

  async #wait(retryAfterMs: number | undefined): Promise<void> {
    const delay = reconnectDelay(
      this.#snapshot.attempt,
      { retryFieldMs: this.#retryFieldMs, retryAfterMs },
      this.#retry,
      this.#options.random,
    );
    this.#waitAbort = new AbortController();
    const stop = () => this.#waitAbort?.abort();
    this.#closed.signal.addEventListener('abort', stop, { once: true });
    this.#update({ nextRetryAt: this.#now() + delay });
    try {
      await sleep(delay, this.#waitAbort.signal, this.#timers);
    } catch {
      // skipped by reconnectNow(), or closed: the loop checks which
    } finally {
      this.#closed.signal.removeEventListener('abort', stop);
      this.#waitAbort = undefined;
      if (!this.#isOver()) this.#update({ nextRetryAt: undefined });
    }
  }

  /** One request: resolves with what to do next. Never rejects. */
  async #attempt(): Promise<AttemptOutcome> {
    const abort = new AbortController();
    this.#attemptAbort = abort;
    this.#freshInAttempt = false;
    let url = '';
    try {
      const request = await this.#options.request();
      url = request.url;
      if (this.#isOver()) return { kind: 'stop' };
      const headers: Record<string, string> = { ...request.headers, accept: 'text/event-stream' };
      if (this.#snapshot.lastEventId) headers['last-event-id'] = this.#snapshot.lastEventId;
      let response: Response;
      try {
        response = await this.#fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
      } catch (cause) {
        return { kind: 'retry', error: new NetworkError(maskUrl(url), { cause }) };
      }
      const verdict = classifyResponse(response.status, response.headers.get('content-type'));
      if (verdict === 'stop') {
        void response.body?.cancel().catch(() => {});
        return { kind: 'stop' };
      }
      if (verdict !== 'open') {
        if (verdict === 'fail' && response.ok) {
          void response.body?.cancel().catch(() => {});
          const type = response.headers.get('content-type') ?? 'no content type';
          const error = new StreamProtocolError(
            `Expected an event stream from ${maskUrl(url)} but got status ${response.status} with ${type}. Check proxy-url.`,
            { url: maskUrl(url), status: response.status },
          );
          return { kind: 'fail', error };
        }
        const error = await httpFailure(response, { url });
        return verdict === 'retry'
          ? { kind: 'retry', error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.#now()) }
          : { kind: 'fail', error };
      }
      return await this.#read(response, abort, url);
    } catch (cause) {
      if (this.#isOver()) return { kind: 'stop' };
      const error = cause instanceof TaskElementsError ? cause : new TaskElementsError(String(cause), { cause });
      return { kind: 'fail', error };
    } finally {
      abort.abort();
      if (this.#attemptAbort === abort) this.#attemptAbort = undefined;
    }
  }

  /** Reads one open stream until it ends, breaks, stalls or the connection closes. */
  async #read(response: Response, abort: AbortController, url: string): Promise<AttemptOutcome> {
    this.#update({ state: 'open', nextRetryAt: undefined, error: undefined });
    const decoder = createSseDecoder({
      lastEventId: this.#snapshot.lastEventId,
      maxEventSize: this.#options.maxEventSize,
      onMessage: (message) => {
        if (this.#isOver()) return;
        if (message.lastEventId !== this.#snapshot.lastEventId) this.#snapshot = { ...this.#snapshot, lastEventId: message.lastEventId };
        const fresh = this.#options.onMessage(message) !== false;
        if (fresh) this.#freshInAttempt = true;
        if (fresh && this.#snapshot.attempt !== 0) this.#update({ attempt: 0 });
      },
      onRetry: (ms) => (this.#retryFieldMs = ms),
      onProblem: (error) => this.#options.onProblem?.(error),
    });
    const watchdog = new StallWatchdog(this.#options.stallTimeoutMs ?? 45_000, this.#timers, () => abort.abort());
    const reader = response.body!.getReader();
    const cancelRead = () => void reader.cancel().catch(() => {});
    abort.signal.addEventListener('abort', cancelRead, { once: true });
    watchdog.arm();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (this.#isOver()) return { kind: 'stop' };
        if (watchdog.fired) return { kind: 'retry', error: new StreamStalledError(watchdog.timeoutMs) };
        if (done) {
          decoder.end();
          return { kind: 'ended' };
        }
        watchdog.arm();
        // A burst (a full replay, a token flood) can arrive as one large read; decoding it in
        // slices with a yield in between keeps every main-thread task short.
        for (let offset = 0; offset < value.length; offset += READ_SLICE) {
          if (offset > 0) {
            await yieldToEventLoop(this.#timers);
            if (this.#isOver()) return { kind: 'stop' };
          }
          decoder.push(offset === 0 && value.length <= READ_SLICE ? value : value.subarray(offset, offset + READ_SLICE));
        }
      }
    } catch (cause) {
      if (this.#isOver()) return { kind: 'stop' };
      if (watchdog.fired) return { kind: 'retry', error: new StreamStalledError(watchdog.timeoutMs) };
      return { kind: 'retry', error: new NetworkError(maskUrl(url), { cause }) };
    } finally {
      watchdog.clear();
      abort.signal.removeEventListener('abort', cancelRead);
    }
  }

  #finish(state: 'closed' | 'failed', error?: TaskElementsError): void {
    const wasOver = this.#isOver();
    if (state === 'failed') {
      // a failed connection may be revived by reconnectNow(); keep listeners and the promise open
      this.#attemptAbort?.abort();
      this.#update({ state, error, nextRetryAt: undefined });
      return;
    }
    if (wasOver) return;
    this.#closed.abort();
    this.#attemptAbort?.abort();
    this.#waitAbort?.abort();
    this.#onlineTarget?.removeEventListener('online', this.#onOnline);
    this.#options.signal?.removeEventListener('abort', this.close);
    this.#update({ state, error, nextRetryAt: undefined }, true);
    this.#resolveFinished(this.#snapshot);
  }

  #update(patch: Partial<ConnectionSnapshot>, final = false): void {
    if (this.#isOver() && !final) return;
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#emit();
  }

  #emit(): void {
    try {
      this.#options.onState?.(this.#snapshot);
    } catch {
      // a faulty listener must not break the connection
    }
  }
}
