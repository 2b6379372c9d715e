/**
 * The lifecycle of one watched run, as one explicit state machine. This file decides everything:
 * when to connect, how long to wait, when a run is over, when to give up. `run-session.ts` only
 * performs what a phase asks for (a request, a wait) and feeds back what happened as an input.
 *
 *   idle ──start──▶ connecting ──opened──▶ open ──end-marker──▶ confirming-final-status ──▶ finished
 *    │  (config missing) │  ▲                │ ▲                      │  ▲  (status not yet final:
 *    │                   ▼  │ config-changed │ │ quiet, still active  │  └─ wait, ask again)
 *    │        waiting-for-config             │ └─ (ask the status API  ├──▶ needs-action (action_required)
 *    │                                       │     after a silence;    └──▶ failed (unconfirmed, 204)
 *    │                                       │     final ─▶ confirming-final-status)
 *    │                                       ▼ stream-ended
 *    │                        checking-status ──final──▶ backing-off (draining) ──waited──▶ connecting
 *    │                              │ still active            (one last connection, after the minimum wait)
 *    │  network error / stall ──▶ backing-off ──waited──▶ connecting
 *    │  network error, offline ──▶ offline ──online──▶ connecting
 *    └─ stored as ended ──▶ confirming-final-status
 *   a final status learned elsewhere (waiting, streaming, backing off, failed, stopped) ──▶ confirming-final-status
 *   confirming a completed run fetches its output if missing; when that fails for the whole
 *   window (or for good: 401/403/404) ──▶ failed (ResultUnavailableError) ──reconnect──▶ confirming
 *   any phase ──stop──▶ stopped ──reconnect──▶ connecting   (also failed, needs-action)
 *
 * Rules it enforces (issue 9):
 * - Missing configuration is a wait, not a failure; a configuration change retries what failed
 *   because of configuration (401/403, a missing key, a refused redirect) at once.
 * - A status is never guessed: after the stream says "over", the status API must agree; while it
 *   does not, it is asked again with growing waits for `confirmWithinMs` (a time, not a number of
 *   checks), then the run fails with a clear error.
 * - Every reconnect the machine makes by itself waits (never below the policy's minimum, the last
 *   draining one included) and counts: errors and stream ends that brought nothing new use the same
 *   attempt budget, so nothing loops fast or forever.
 * - An open stream that carries no events for a while (a Shannon stream that only pings after
 *   Temporal timed the workflow out sends no end marker, ever) is not trusted blindly: the status API
 *   is asked after `quietDelay(n)` of silence, less often each time (n = checks since the last event);
 *   a final answer ends the run through confirming-final-status, anything else keeps the stream.
 * - Offline is a wait that uses no attempts; `online` reconnects at once.
 * - `stop` holds until `reconnect` or until the run is learned to be over: a finished run has
 *   nothing to watch, and one whose output we do not have fetches it (bounded, with a clear error).
 * - A finished run holds no connection.
 * - An exception in code that consumes events is a failure of its own, not a network error.
 */
import { ConfigError, GaveUpError, HttpStatusError, RedirectRefusedError, ResultUnavailableError, TaskElementsError, UnconfirmedStatusError, isHttpStatusError } from '../errors.js';
import { isTerminalStatus, type TaskStatus } from '../providers/task-event.js';
import { isStreaming, type ConfirmCause, type LifecyclePolicy, type RetryTrigger, type RunInput, type RunPhase } from './run-lifecycle-types.js';

export type { ConfirmCause, LifecyclePolicy, RetryTrigger, RunInput, RunPhase, RunPhaseName } from './run-lifecycle-types.js';
export { isSettled, isStreaming } from './run-lifecycle-types.js';

/** What a failure needs before another try can succeed. */
export function retryTriggerOf(error: TaskElementsError): RetryTrigger {
  // What stopped an output fetch decides, as for any request.
  if (error instanceof ResultUnavailableError && error.cause instanceof TaskElementsError) return retryTriggerOf(error.cause);
  if (error instanceof ConfigError || error instanceof RedirectRefusedError) return 'config';
  if (isHttpStatusError(error) && [401, 403, 404].includes((error as HttpStatusError).status)) return 'config';
  if (error.name === 'NetworkError') return 'network';
  return 'manual';
}

const connecting = (attempt = 0, draining = false): RunPhase => ({ name: 'connecting', attempt, draining });

function confirming(cause: ConfirmCause, policy: LifecyclePolicy): RunPhase {
  return { name: 'confirming-final-status', check: 0, delayMs: 0, cause, since: policy.now() };
}

function failed(error: TaskElementsError, resume: 'stream' | 'confirm', retryOn = retryTriggerOf(error)): RunPhase {
  return { name: 'failed', error, retryOn, resume };
}

/** A stream attempt brought nothing new: count it, then wait or give up. */
function backOff(attempt: number, policy: LifecyclePolicy, error: TaskElementsError | undefined, retryAfterMs?: number): RunPhase {
  if (attempt > policy.maxAttempts) {
    const reason = error ? ` The last problem: ${error.message}` : ' Each connection ended without anything new.';
    return failed(new GaveUpError(`Gave up after ${policy.maxAttempts} attempts to follow the run.${reason} Press Reconnect to try again.`, { attempts: policy.maxAttempts, cause: error }), 'stream', error ? retryTriggerOf(error) : 'manual');
  }
  return { name: 'backing-off', attempt, delayMs: policy.delay(attempt, retryAfterMs), error };
}

/**
 * The next phase after `input` in `phase`. Pure: the same arguments give the same answer. An input
 * that means nothing in a phase (a late answer, a second stop) leaves the phase as it is.
 */
export function transition(phase: RunPhase, input: RunInput, policy: LifecyclePolicy): RunPhase {
  // Inputs that apply in (almost) every phase.
  switch (input.type) {
    case 'stop':
      return phase.name === 'finished' ? phase : { name: 'stopped' };
    case 'reconnect':
      // "Watch again" on a run that is over: nothing to watch; its status is confirmed and a missing output fetched.
      if (input.status && isTerminalStatus(input.status)) return transition(phase, { type: 'status-learned', status: input.status }, policy);
      if (phase.name === 'finished' || isStreaming(phase) || phase.name === 'checking-status' || phase.name === 'confirming-final-status') return phase;
      // The wait before the last connection is already the shortest there is.
      if (phase.name === 'backing-off' && phase.draining) return phase;
      if (phase.name === 'failed' && phase.resume === 'confirm') return confirming('stream-end', policy);
      return connecting();
    case 'config-changed':
      if (phase.name === 'waiting-for-config') return connecting();
      if (phase.name === 'backing-off' && !phase.draining) return connecting(phase.attempt);
      if (phase.name === 'failed' && phase.retryOn === 'config') return phase.resume === 'confirm' ? confirming('stream-end', policy) : connecting();
      return phase;
    case 'status-learned':
      // The run has ended, whoever learned it (a history's status refresh, another tab): the live
      // look ends at once. Nothing is connected again — a finished run opens no stream, so nothing
      // arrives after its end — the status is confirmed (a completed run's missing output fetched)
      // and the run finishes. An open stream is closed for it; a run the user stopped watching
      // finishes too (there is nothing left to watch, and its output is what they paid for); a run
      // already settling (checking, confirming, its last connection) goes on.
      if (!isTerminalStatus(input.status)) return phase;
      if (phase.name === 'failed' || phase.name === 'offline' || phase.name === 'waiting-for-config' || phase.name === 'needs-action'
        || phase.name === 'stopped' || phase.name === 'idle'
        || (phase.name === 'backing-off' && !phase.draining) || (isStreaming(phase) && !phase.draining)) {
        return confirming('learned', policy);
      }
      return phase;
    case 'online':
      if (phase.name === 'offline' || (phase.name === 'backing-off' && !phase.draining)) return connecting(phase.attempt);
      if (phase.name === 'failed' && phase.retryOn === 'network') return phase.resume === 'confirm' ? confirming('stream-end', policy) : connecting();
      return phase;
    default:
      break;
  }

  switch (phase.name) {
    case 'idle':
      if (input.type !== 'start') return phase;
      if (isTerminalStatus(input.status)) return confirming('stored', policy);
      if (input.streamEnded) return confirming('stored', policy);
      return connecting();

    case 'connecting':
    case 'open':
      return onStream(phase, input, policy);

    case 'checking-status':
      if (input.type === 'status') {
        // One last connection collects the events that led to the end; like every reconnect, it waits.
        if (isTerminalStatus(input.status)) return { name: 'backing-off', attempt: phase.attempt, delayMs: policy.minDelay(), draining: true };
        if (input.status === 'action_required') return { name: 'needs-action' };
        return backOff(phase.attempt, policy, undefined);
      }
      if (input.type === 'status-unavailable') {
        // The stream is the main channel: whatever stopped the status answer, the next connection tells.
        if (!input.online) return { name: 'offline', attempt: phase.attempt };
        return backOff(phase.attempt, policy, undefined);
      }
      return phase;

    case 'backing-off':
      return input.type === 'waited' ? connecting(phase.attempt, phase.draining === true) : phase;

    case 'confirming-final-status':
      if (input.type === 'status') {
        if (isTerminalStatus(input.status)) return { name: 'finished' };
        if (input.status === 'action_required') return { name: 'needs-action' };
        if (phase.cause === 'no-content') {
          return failed(new UnconfirmedStatusError(
            `The server has no event stream for this run (HTTP 204), but its status is still "${input.status}". Press Reconnect to follow it again, or check back later.`,
          ), 'stream', 'manual');
        }
        return nextCheck(phase, policy, input.status);
      }
      if (input.type === 'status-unavailable') {
        if (retryTriggerOf(input.error) === 'config') return failed(input.error, 'confirm');
        // A completed run's output could not be fetched: asked again within the window, then a clear error.
        if (!input.online) return failed(input.error, 'confirm', 'network');
        return nextCheck(phase, policy, undefined, input.error);
      }
      return phase;

    default:
      // waiting-for-config, offline, needs-action, finished, stopped, failed: only the shared
      // inputs above (reconnect, config-changed, online) move them.
      return phase;
  }
}

function onStream(phase: Extract<RunPhase, { name: 'connecting' | 'open' }>, input: RunInput, policy: LifecyclePolicy): RunPhase {
  const fresh = phase.name === 'open' && phase.fresh;
  switch (input.type) {
    case 'config-missing':
      return { name: 'waiting-for-config', error: input.error };
    case 'opened':
      return { name: 'open', attempt: phase.attempt, draining: phase.draining, fresh: false, quiet: 0 };
    case 'fresh-event':
      return phase.name === 'open' ? { ...phase, attempt: 0, fresh: true, quiet: 0 } : phase;
    case 'quiet-status':
      if (phase.name !== 'open' || phase.draining) return phase;
      if (input.status && isTerminalStatus(input.status)) return confirming('quiet', policy);
      if (input.status === 'action_required') return { name: 'needs-action' };
      // Still active (or unreadable): keep the stream, ask again after a longer silence.
      return { ...phase, quiet: phase.quiet + 1 };
    case 'end-marker':
      return confirming('stream-end', policy);
    case 'no-content':
      return confirming('no-content', policy);
    case 'drain-timeout':
      return phase.draining ? confirming('stream-end', policy) : phase;
    case 'stream-ended':
      if (phase.draining) return confirming('stream-end', policy);
      return countEnd(fresh ? 0 : phase.attempt + 1, policy);
    case 'network-error':
      if (phase.draining) return confirming('stream-end', policy);
      if (!input.online) return { name: 'offline', attempt: phase.attempt };
      return backOff(fresh ? 1 : phase.attempt + 1, policy, input.error, input.retryAfterMs);
    case 'refused':
      if (phase.draining) return confirming('stream-end', policy);
      return failed(input.error, 'stream');
    case 'consumer-error':
      return failed(input.error, 'stream', 'manual');
    default:
      return phase;
  }
}

/** A clean end without the end marker: over budget fails, else the status API decides. */
function countEnd(attempt: number, policy: LifecyclePolicy): RunPhase {
  if (attempt > policy.maxAttempts) return backOff(attempt, policy, undefined);
  return { name: 'checking-status', attempt };
}

function nextCheck(
  phase: Extract<RunPhase, { name: 'confirming-final-status' }>,
  policy: LifecyclePolicy,
  status: TaskStatus | undefined,
  error?: TaskElementsError,
): RunPhase {
  const left = phase.since + policy.confirmWithinMs - policy.now();
  if (left <= 0 && error instanceof ResultUnavailableError) return failed(error, 'confirm', 'manual');
  if (left <= 0) {
    const said = status ? `its status API still says "${status}"` : `its status could not be read (${error?.message ?? 'no answer'})`;
    const seconds = Math.round(policy.confirmWithinMs / 1000);
    return failed(new UnconfirmedStatusError(
      `The stream said this run is over, but after ${seconds} s of checking ${said}, so the final status could not be confirmed. Press Reconnect to check again.`,
      { cause: error },
    ), 'confirm', 'manual');
  }
  // The last check falls at the end of the window, not after it.
  const check = phase.check + 1;
  return { ...phase, check, delayMs: Math.min(policy.delay(check), left) };
}
