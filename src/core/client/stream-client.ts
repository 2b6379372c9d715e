/**
 * A reconnecting event-stream client over `fetch`, written as an explicit state machine:
 *
 *   connecting ─▶ open ─▶ (body ends / network drops / stalls) ─▶ reconnecting ─▶ open ...
 *        │          │                                                  │
 *        └──────────┴──── fatal status, 2xx without a stream, a redirect,  └─ too many attempts ─▶ failed
 *                         a throwing onMessage ─▶ failed                  (errors and unproductive ends alike)
 *   close(), abort signal, 204, or `shouldReconnect()` saying no ─▶ closed
 *
 * It never re-sends work: it only GETs a stream URL. Headers come from `request()` on every
 * attempt, so a changed key applies to the next request. Every timer and the fetch stop when the
 * signal aborts or `close()` is called, and nothing is reported after that.
 */
import { TaskElementsError } from '../errors.js';
import { globalFetch, globalOnlineTarget, globalTimers, sleep, type FetchLike, type OnlineEventTarget, type Timers } from '../util/environment.js';
import { DEFAULT_RETRY, reconnectDelay, type RetryOptions } from './backoff.js';
import { streamAttempt, type AttemptOutcome } from './stream-attempt.js';
import type { ConnectionSnapshot, StreamClientOptions, StreamConnection } from './stream-types.js';

export type { ConnectionState, ConnectionSnapshot, StreamClientOptions, StreamConnection, StreamRequest } from './stream-types.js';

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
        if (outcome.kind === 'aborted' || outcome.kind === 'no-content') return this.#finish('closed');
        if (outcome.kind === 'fail' || outcome.kind === 'consumer-error') return this.#finish('failed', outcome.error);
        if (outcome.kind === 'ended') {
          const again = await this.#askReconnect();
          if (this.#isOver()) return;
          if (!again) return this.#finish('closed');
          // A clean end is normal (Parallel closes every 570 s), but a server that ends each stream
          // without anything new must not be hammered: unproductive ends grow the backoff and count
          // against the attempt budget like errors do.
          const attempt = this.#freshInAttempt ? 0 : this.#snapshot.attempt + 1;
          if (attempt > this.#retry.maxAttempts) {
            return this.#finish('failed', new TaskElementsError(
              `Gave up after ${this.#retry.maxAttempts} connections that each ended without anything new. Press Reconnect to try again.`,
            ));
          }
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
    try {
      let request;
      try {
        request = await this.#options.request();
      } catch (cause) {
        const error = cause instanceof TaskElementsError ? cause : new TaskElementsError(String(cause), { cause });
        return { kind: 'fail', error };
      }
      if (this.#isOver()) return { kind: 'aborted' };
      return await streamAttempt({
        request,
        lastEventId: this.#snapshot.lastEventId,
        signal: abort.signal,
        fetch: this.#fetch,
        timers: this.#timers,
        now: this.#now,
        stallTimeoutMs: this.#options.stallTimeoutMs ?? 45_000,
        maxEventSize: this.#options.maxEventSize,
        onOpen: () => this.#update({ state: 'open', nextRetryAt: undefined, error: undefined }),
        onLastEventId: (id) => (this.#snapshot = { ...this.#snapshot, lastEventId: id }),
        onMessage: (message) => {
          if (this.#isOver()) return;
          const fresh = this.#options.onMessage(message) !== false;
          if (fresh) this.#freshInAttempt = true;
          if (fresh && this.#snapshot.attempt !== 0) this.#update({ attempt: 0 });
        },
        onRetry: (ms) => (this.#retryFieldMs = ms),
        onProblem: (error) => this.#options.onProblem?.(error),
      });
    } finally {
      abort.abort();
      if (this.#attemptAbort === abort) this.#attemptAbort = undefined;
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
