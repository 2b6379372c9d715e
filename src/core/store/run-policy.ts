/**
 * The numbers a run's lifecycle decides with (run-lifecycle.ts `LifecyclePolicy`), from the
 * store's connection tuning and the backoff policy of client/backoff.ts.
 */
import { DEFAULT_RETRY, reconnectDelay } from '../client/backoff.js';
import type { LifecyclePolicy } from './run-lifecycle.js';
import type { ConnectionTuning } from './run-session-types.js';

/** How long the final status is confirmed for, in ms, before the run fails as unconfirmed. */
export const CONFIRM_WITHIN_MS = 60_000;
/** Silence on an open stream before its first status check, in ms; each further check waits twice as long, up to 10×. */
export const QUIET_CHECK_MS = 30_000;

/**
 * The lifecycle policy for `tuning`, on the clock `now()` (ms); the first quiet check waits
 * `tuning.quietCheckMs`, else the provider's `providerQuietMs()`. `retryFieldMs()` is the server's last `retry:` value (ms), read
 * at each decision: it raises every wait, never lowers one below `minDelayMs`.
 */
export function lifecyclePolicy(tuning: ConnectionTuning, retryFieldMs: () => number | undefined, now: () => number, providerQuietMs?: () => number): LifecyclePolicy {
  const retry = { ...DEFAULT_RETRY, ...tuning.retry };
  return {
    maxAttempts: retry.maxAttempts,
    confirmWithinMs: tuning.confirmWithinMs ?? CONFIRM_WITHIN_MS,
    now,
    delay: (attempt, retryAfterMs) => reconnectDelay(attempt - 1, { retryFieldMs: retryFieldMs(), retryAfterMs }, retry, tuning.random),
    minDelay: () => Math.max(retry.minDelayMs, retryFieldMs() ?? 0),
    quietDelay: (quiet) => {
      const first = tuning.quietCheckMs ?? providerQuietMs?.() ?? QUIET_CHECK_MS;
      return Math.min(first * 10, first * 2 ** quiet);
    },
  };
}
