/**
 * The numbers a run's lifecycle decides with (run-lifecycle.ts `LifecyclePolicy`), from the
 * store's connection tuning and the backoff policy of client/backoff.ts.
 */
import { DEFAULT_RETRY, reconnectDelay } from '../client/backoff.js';
import type { LifecyclePolicy } from './run-lifecycle.js';
import type { ConnectionTuning } from './run-session-types.js';

/** Status checks after "over" before the run fails as unconfirmed (about 3 minutes with defaults). */
export const MAX_CHECKS = 10;
/** Silence on an open stream before its first status check, in ms; each further check waits twice as long, up to 10×. */
export const QUIET_CHECK_MS = 30_000;

/**
 * The lifecycle policy for `tuning`. `retryFieldMs()` is the server's last `retry:` value (ms), read
 * at each decision: it raises every wait, never lowers one below `minDelayMs`.
 */
export function lifecyclePolicy(tuning: ConnectionTuning, retryFieldMs: () => number | undefined): LifecyclePolicy {
  const retry = { ...DEFAULT_RETRY, ...tuning.retry };
  const firstQuiet = tuning.quietCheckMs ?? QUIET_CHECK_MS;
  return {
    maxAttempts: retry.maxAttempts,
    maxChecks: tuning.maxStatusChecks ?? MAX_CHECKS,
    delay: (attempt, retryAfterMs) => reconnectDelay(attempt - 1, { retryFieldMs: retryFieldMs(), retryAfterMs }, retry, tuning.random),
    minDelay: () => Math.max(retry.minDelayMs, retryFieldMs() ?? 0),
    quietDelay: (quiet) => Math.min(firstQuiet * 10, firstQuiet * 2 ** quiet),
  };
}
