/**
 * The few platform capabilities core code needs, injectable so the same code runs in browsers,
 * workers and Node tests without touching globals at import time.
 */

/** The part of `fetch` the library uses. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Timer functions; tests may pass fakes. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Something that fires `online` events (a Window or a WorkerGlobalScope). */
export interface OnlineEventTarget {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

/**
 * Global `fetch`, looked up when a request is made (so a page may patch it later). Redirects are not
 * followed unless the caller asks (`redirect: 'manual'` by default): our requests carry credentials.
 */
export const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, { redirect: 'manual', ...init });

/** Global timers, looked up at call time. */
export const globalTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The global scope when it fires `online` events (browsers and workers), else undefined (Node). */
export function globalOnlineTarget(): OnlineEventTarget | undefined {
  const scope = globalThis as unknown as Partial<OnlineEventTarget>;
  return typeof scope.addEventListener === 'function' && typeof scope.removeEventListener === 'function'
    ? (scope as OnlineEventTarget)
    : undefined;
}

/**
 * Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts (also when it
 * already has). The timer is always cleared.
 */
export function sleep(ms: number, signal?: AbortSignal, timers: Timers = globalTimers): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(abortReason(signal!));
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * Lets the event loop run (rendering, input) before continuing: `scheduler.yield()` where the
 * platform has it, else a zero-delay timer.
 */
export function yieldToEventLoop(timers: Timers = globalTimers): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : sleep(0, undefined, timers);
}

/**
 * Lets everything more urgent run first (rendering, input, the page's own tasks) before continuing
 * background work, such as reading the older part of a long stored list once its head is shown:
 * `scheduler.postTask(…, { priority: 'background' })` where the platform has it (Chromium,
 * Firefox), else a zero-delay timer. Unlike {@link yieldToEventLoop}, whose continuation
 * `scheduler.yield()` runs ahead of other tasks, this does not hold back the next frame.
 * Source: WICG Prioritized Task Scheduling, `TaskPriority` "background".
 */
export function yieldToBackground(timers: Timers = globalTimers): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { postTask?: (task: () => void, options: { priority: string }) => Promise<void> } }).scheduler;
  return typeof scheduler?.postTask === 'function' ? scheduler.postTask(() => {}, { priority: 'background' }) : sleep(0, undefined, timers);
}
