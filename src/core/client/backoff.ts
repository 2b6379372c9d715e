/**
 * Reconnect delays: capped exponential backoff with full jitter, raised to what the server asked
 * for (`retry:` field, `Retry-After` header). Pure functions; the randomness is injected.
 */

/** Reconnect policy of the stream client. */
export interface RetryOptions {
  /** Base delay before the first reconnect, when the server sent no `retry:`. @default 1000 */
  initialDelayMs?: number;
  /** Upper bound of the exponential part. @default 30_000 */
  maxDelayMs?: number;
  /** Growth per consecutive failed attempt. @default 2 */
  factor?: number;
  /**
   * Consecutive failed attempts (without a new event in between) after which the connection is
   * given up as `failed`; `reconnect()` or the browser's `online` event start again. @default 10
   */
  maxAttempts?: number;
  /** Longest `Retry-After` honoured; longer values are clamped. @default 300_000 */
  maxRetryAfterMs?: number;
  /**
   * Shortest wait before any reconnect, whatever the server's `retry:` says (`retry: 0` is a floor
   * of 0, never a reason to reconnect in a tight loop). @default 250
   */
  minDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  factor: 2,
  maxAttempts: 10,
  maxRetryAfterMs: 300_000,
  minDelayMs: 250,
};

/** What the server said about waiting. */
export interface ServerDelayHints {
  /** Reconnection time from the last valid `retry:` field. */
  retryFieldMs?: number;
  /** Delay from a `Retry-After` header on the failed response. */
  retryAfterMs?: number;
}

/**
 * Delay before reconnect attempt number `attempt` (0 = first reconnect after a healthy stream).
 * Full jitter: uniform in [0, min(cap, base·factor^attempt)], where base is the server's `retry:`
 * when given. Never shorter than the server's `retry:`, `Retry-After`, or `minDelayMs`.
 */
export function reconnectDelay(
  attempt: number,
  hints: ServerDelayHints,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number {
  const { initialDelayMs, maxDelayMs, factor, maxRetryAfterMs, minDelayMs } = { ...DEFAULT_RETRY, ...options };
  const base = Math.max(hints.retryFieldMs ?? initialDelayMs, minDelayMs);
  const cap = Math.max(maxDelayMs, base);
  const ceiling = Math.min(cap, base * Math.pow(factor, Math.max(0, attempt)));
  const jittered = Math.floor(random() * ceiling);
  const floor = Math.max(minDelayMs, hints.retryFieldMs ?? 0, Math.min(hints.retryAfterMs ?? 0, maxRetryAfterMs));
  return Math.max(jittered, floor);
}

/**
 * Milliseconds a `Retry-After` header value asks for: delta-seconds or an HTTP date.
 * Undefined for a missing or unreadable value.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
