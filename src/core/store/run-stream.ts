/**
 * The stream job of a run's session (run-session.ts performs the phases of run-lifecycle.ts): one
 * stream attempt for the `connecting`/`open` phases. It decodes each message into the run's events,
 * reports what happened on the way (`opened`, `fresh-event`, `end-marker`, `config-missing`) as
 * lifecycle inputs, and resolves with the input that says how the attempt ended.
 */
import { prepareRequest } from '../client/api-request.js';
import { streamAttempt, type AttemptOutcome } from '../client/stream-attempt.js';
import { ConfigError } from '../errors.js';
import type { TaskProvider } from '../providers/provider.js';
import type { TaskRunPatch } from '../providers/task-event.js';
import { globalFetch, sleep } from '../util/environment.js';
import type { GapRange } from './backfill.js';
import type { RunInput } from './run-lifecycle.js';
import type { RunSessionDeps } from './run-session-types.js';
import { inferRunning } from './run-status.js';
import type { EndpointConfig } from '../client/api-request.js';

/** How long the last connection to a run the API calls finished may take to reach the end marker. */
export const DRAIN_MS = 8000;

/** What one stream attempt needs from its session. */
export interface StreamJob {
  runId: string;
  deps: RunSessionDeps;
  provider(): TaskProvider<unknown>;
  endpoint(): EndpointConfig;
  /** Feeds an input to the lifecycle while the attempt goes on. */
  send(input: RunInput): void;
  /** Backfills the events a stream skipped (backfill.ts). */
  recoverGap(gap: GapRange): void;
  /** The server's `retry:` field (ms). */
  onRetryField(ms: number): void;
  /** The stream opened or brought a fresh event: the quiet check counts from now. */
  onActivity(): void;
  /** Whether the network is up now. */
  isOnline(): boolean;
}

/**
 * Makes one stream attempt. `draining`: the last connection to a run the status API calls final
 * (it may take `DRAIN_MS` to reach the end marker). Resolves with the input that ends the attempt,
 * or undefined when it could not start (configuration missing: already sent) or `signal` aborted.
 */
export async function runStream(job: StreamJob, draining: boolean, signal: AbortSignal): Promise<RunInput | undefined> {
  const { runId, deps } = job;
  const provider = job.provider();
  let request;
  try {
    request = prepareRequest(job.endpoint(), provider.eventsRequest(runId), 'stream');
  } catch (error) {
    if (error instanceof ConfigError) {
      job.send({ type: 'config-missing', error });
      return undefined;
    }
    throw error;
  }
  // The decoder knows the events already shown, so a resume is not taken for a gap (seq-gaps.ts).
  const decoder = provider.createDecoder(deps.store.getEvents(runId));
  decoder.beginConnection();
  let oversized = 0;
  if (draining) sleep(DRAIN_MS, signal, deps.timers).then(() => job.send({ type: 'drain-timeout' }), () => {});
  const tuning = deps.tuning ?? {};
  const outcome = await streamAttempt({
    request,
    lastEventId: deps.store.getRun(runId)?.lastEventId ?? '',
    signal,
    fetch: (input, init) => (job.endpoint().fetch ?? globalFetch)(input, init),
    timers: deps.timers,
    now: deps.now,
    stallTimeoutMs: tuning.stallTimeoutMs ?? provider.stallTimeoutMs,
    maxEventSize: tuning.maxEventSize,
    onOpen: () => {
      job.onActivity();
      job.send({ type: 'opened' });
    },
    onLastEventId: (id) => deps.applySnapshot(runId, { lastEventId: id }, [], 'stream'),
    onMessage: (message) => {
      const decoded = decoder.decode(message);
      const patch: TaskRunPatch = { ...decoded.patch };
      // The stream's status reaches the run as status events, in order with the others.
      delete patch.status;
      delete patch.apiStatus;
      const added = deps.applySnapshot(runId, patch, decoded.events, 'stream');
      if (decoded.gap) job.recoverGap(decoded.gap);
      inferRunning(deps.store, runId, added);
      if (added.length) {
        job.onActivity();
        job.send({ type: 'fresh-event' });
      }
      if (decoded.end) {
        deps.store.updateRun(runId, { streamEnded: true });
        job.send({ type: 'end-marker' });
      }
    },
    onRetry: (ms) => job.onRetryField(ms),
    onProblem: (error) => {
      const cursor = deps.store.getRun(runId)?.lastEventId ?? '';
      deps.store.applyEvents(runId, [{
        kind: 'invalid', id: `too-large:${cursor}#${++oversized}`, reason: error.message, sample: '', source: 'stream',
      }]);
    },
  });
  return signal.aborted ? undefined : inputOf(outcome, job.isOnline());
}

function inputOf(outcome: AttemptOutcome, online: boolean): RunInput {
  switch (outcome.kind) {
    case 'ended': return { type: 'stream-ended' };
    case 'no-content': return { type: 'no-content' };
    case 'aborted': return { type: 'stop' };
    case 'retry': return { type: 'network-error', error: outcome.error, retryAfterMs: outcome.retryAfterMs, online };
    case 'fail': return { type: 'refused', error: outcome.error };
    case 'consumer-error': return { type: 'consumer-error', error: outcome.error };
  }
}
