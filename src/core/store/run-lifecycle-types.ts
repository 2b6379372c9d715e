/**
 * The vocabulary of a run's lifecycle (run-lifecycle.ts owns the transitions): its phases, the
 * inputs that move them, and the numbers it decides with.
 */
import type { TaskElementsError } from '../errors.js';
import type { TaskStatus } from '../providers/task-event.js';
import { SETTLED_PHASES } from './run-session-types.js';

/** Why a failed run may start again by itself. */
export type RetryTrigger =
  /** A change of `apiKey`, `auth-mode`, `proxy-url` or `provider` retries at once. */
  | 'config'
  /** The `online` event retries. */
  | 'network'
  /** Only `reconnect()`. */
  | 'manual';

/**
 * Why the final status is being confirmed: the stream said "over", the server had no stream (204),
 * the run was stored as over, a quiet stream's status check found it final, or something else (a
 * status refresh, another tab) learned that it is.
 */
export type ConfirmCause = 'stream-end' | 'no-content' | 'stored' | 'quiet' | 'learned';

/** Where the lifecycle of one run is. */
export type RunPhase =
  | { name: 'idle' }
  | { name: 'waiting-for-config'; error: TaskElementsError }
  | { name: 'connecting'; attempt: number; draining: boolean }
  /** `quiet`: status checks made since the last fresh event (the next one waits longer). */
  | { name: 'open'; attempt: number; draining: boolean; fresh: boolean; quiet: number }
  | { name: 'checking-status'; attempt: number }
  /** `draining`: the wait before the last connection to a run the status API calls final. */
  | { name: 'backing-off'; attempt: number; delayMs: number; error?: TaskElementsError; draining?: true }
  | { name: 'offline'; attempt: number }
  /** `since`: when confirming began (policy clock, ms); `check`: checks made so far. */
  | { name: 'confirming-final-status'; check: number; delayMs: number; cause: ConfirmCause; since: number }
  | { name: 'needs-action' }
  | { name: 'finished' }
  | { name: 'stopped' }
  | { name: 'failed'; error: TaskElementsError; retryOn: RetryTrigger; resume: 'stream' | 'confirm' };

/** The name of a run's lifecycle phase (`idle`, `connecting`, `open`, `backing-off`, `finished`, `failed`, …), as in {@link RunConnectionSnapshot}`.phase`. */
export type RunPhaseName = RunPhase['name'];

/** Everything that can happen to a run's lifecycle. */
export type RunInput =
  | { type: 'start'; status: TaskStatus; streamEnded: boolean }
  | { type: 'config-missing'; error: TaskElementsError }
  | { type: 'config-changed' }
  | { type: 'opened' }
  | { type: 'fresh-event' }
  /** The stream said the run is over (a terminal state event, Shannon `done`). */
  | { type: 'end-marker' }
  /** The body ended cleanly without saying the run is over. */
  | { type: 'stream-ended' }
  /** HTTP 204: the server has no stream for this run. */
  | { type: 'no-content' }
  | { type: 'network-error'; error: TaskElementsError; retryAfterMs?: number; online: boolean }
  /** A failure another attempt will not fix (401, 404, a 2xx that is not a stream, a redirect). */
  | { type: 'refused'; error: TaskElementsError }
  | { type: 'consumer-error'; error: TaskElementsError }
  /** The status API answered. */
  | { type: 'status'; status: TaskStatus }
  /**
   * The status API's answer to a check made while the stream is open but quiet (no fresh event for
   * `quietDelay(quiet)`); `status` is absent when it could not be read.
   */
  | { type: 'quiet-status'; status?: TaskStatus }
  | { type: 'status-unavailable'; error: TaskElementsError; online: boolean }
  | { type: 'waited' }
  | { type: 'drain-timeout' }
  | { type: 'online' }
  /**
   * Something other than this lifecycle (a history's status refresh, another tab) learned the run's
   * status from the API. A final status ends a wait or a failure that no longer matters.
   */
  | { type: 'status-learned'; status: TaskStatus }
  | { type: 'stop' }
  /** `status`: the run's status in the store; a final one is confirmed, not streamed. */
  | { type: 'reconnect'; status?: TaskStatus };

/** The numbers the machine decides with. */
export interface LifecyclePolicy {
  /** Consecutive unproductive attempts (errors, empty stream ends) before `failed`. */
  maxAttempts: number;
  /**
   * Milliseconds the final status is confirmed for (checks with growing waits) before the run fails
   * as unconfirmed: a time, not a number of checks, so a fast server or a slow machine does not
   * change the outcome.
   */
  confirmWithinMs: number;
  /** The clock (ms) the confirming window is measured on. */
  now(): number;
  /** Wait before reconnect attempt `attempt` (≥ 1), honouring the server's hints. */
  delay(attempt: number, retryAfterMs?: number): number;
  /** The shortest wait before any reconnect (the policy's minimum, raised by the server's `retry:`). */
  minDelay(): number;
  /** Milliseconds of silence on an open stream before status check number `quiet + 1` (grows with `quiet`). */
  quietDelay(quiet: number): number;
}

/** True for phases that hold or are about to make a stream request. */
export function isStreaming(phase: RunPhase): phase is Extract<RunPhase, { name: 'connecting' | 'open' }> {
  return phase.name === 'connecting' || phase.name === 'open';
}

/** True for phases after which nothing happens until someone acts (or configuration changes). */
export function isSettled(phase: RunPhase | RunPhaseName): boolean {
  return SETTLED_PHASES.has(typeof phase === 'string' ? phase : phase.name);
}
