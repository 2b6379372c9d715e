/**
 * Performs the lifecycle of one watched run (run-lifecycle.ts decides; this file acts): on entering
 * a phase it starts that phase's one job — a stream attempt, a status request (run-status.ts), a
 * wait — and turns the job's result into the next input; while a stream is open it also times its
 * silences (the quiet check). Leaving a phase aborts its job, so a late answer cannot act on a phase
 * that is gone. Parallel's queued → running, which its stream never announces, is polled for.
 */
import type { EndpointConfig } from '../client/api-request.js';
import { TaskElementsError } from '../errors.js';
import type { TaskProvider } from '../providers/provider.js';
import type { TaskStatus } from '../providers/task-event.js';
import { globalOnlineTarget, sleep, type OnlineEventTarget } from '../util/environment.js';
import { createGapRecovery } from './backfill.js';
import { asError, checkStatus, confirmStatus, pollWhileQueued, quietStatus, untilSilent, type StatusAccess } from './run-status.js';
import { runStream, type StreamJob } from './run-stream.js';
import { lifecyclePolicy } from './run-policy.js';
import { providerFor } from './providers.js';
import { transition, type LifecyclePolicy, type RunInput, type RunPhase } from './run-lifecycle.js';
import { STATE_OF, type RunConnectionSnapshot, type RunSessionDeps } from './run-session-types.js';

export type { ConnectionTuning, RunConnectionSnapshot, RunSessionDeps } from './run-session-types.js';

export class RunSession {
  readonly runId: string;
  #deps: RunSessionDeps;
  #phase: RunPhase = { name: 'idle' };
  #job = new AbortController();
  #disposed = new AbortController();
  #policy: LifecyclePolicy;
  #retryFieldMs: number | undefined;
  /** What a stream attempt needs (run-stream.ts); its gap recovery lives as long as the session. */
  #stream: StreamJob;
  #nextRetryAt: number | undefined;
  #online: OnlineEventTarget | undefined;
  #polling = false;
  #status: StatusAccess;
  /** When the open stream last brought a fresh event (or opened); the quiet check counts from here. */
  #lastFreshAt = 0;
  /** Invalidates a quiet check armed for an earlier `open` phase. */
  #quietToken = 0;

  constructor(runId: string, deps: RunSessionDeps) {
    this.runId = runId;
    this.#deps = deps;
    this.#stream = {
      runId, deps, provider: () => this.#provider(), endpoint: () => this.#endpoint(),
      send: (input) => this.#send(input),
      recoverGap: createGapRecovery({
        runId, endpoint: () => this.#endpoint(), signal: this.#disposed.signal,
        apply: (patch, events) => deps.applySnapshot(runId, patch, events, 'backfill'),
      }),
      onRetryField: (ms) => (this.#retryFieldMs = ms),
      onActivity: () => (this.#lastFreshAt = deps.now()),
      isOnline: () => this.#isOnline(),
    };
    const tuning = deps.tuning ?? {};
    this.#policy = lifecyclePolicy(tuning, () => this.#retryFieldMs, () => deps.now(), () => this.#provider().quietCheckMs);
    this.#status = {
      runId, store: deps.store, provider: () => this.#provider(), endpoint: () => this.#endpoint(),
      apply: (patch, events, source) => void deps.applySnapshot(runId, patch, events, source),
    };
    this.#online = tuning.onlineTarget === null ? undefined : (tuning.onlineTarget ?? globalOnlineTarget());
    this.#online?.addEventListener('online', this.#onOnline);
  }

  get phase(): RunPhase {
    return this.#phase;
  }

  start(): void {
    const run = this.#deps.store.getRun(this.runId);
    if (!run) return;
    this.#send({ type: 'start', status: run.status, streamEnded: !!run.streamEnded });
  }

  stop(): void {
    this.#send({ type: 'stop' });
  }

  reconnect(): void {
    this.#send({ type: 'reconnect', status: this.#deps.store.getRun(this.runId)?.status });
  }

  /** The run's status was learned elsewhere (a status refresh): a final one ends waits and failures that no longer matter. */
  statusLearned(): void {
    const run = this.#deps.store.getRun(this.runId);
    if (run) this.#send({ type: 'status-learned', status: run.status });
  }

  /** `apiKey`, `auth-mode`, `proxy-url` or `provider` changed somewhere: retry what they failed. */
  configChanged(): void {
    this.#send({ type: 'config-changed' });
  }

  /** Ends everything for good (the last watcher left, or the store is disposed). */
  dispose(): void {
    this.#job.abort();
    this.#online?.removeEventListener('online', this.#onOnline);
    if (!['finished', 'stopped', 'failed', 'needs-action'].includes(this.#phase.name)) {
      // Nobody follows the run any more: say so, so that views refresh its status themselves.
      this.#phase = { name: 'idle' };
      this.#publish();
    }
    this.#disposed.abort();
  }

  #onOnline = (): void => this.#send({ type: 'online' });

  #send(input: RunInput): void {
    if (this.#disposed.signal.aborted) return;
    const previous = this.#phase;
    const next = transition(previous, input, this.#policy);
    if (next === previous) return;
    this.#phase = next;
    // The stream attempt spans connecting and open; every other change ends the old phase's job.
    const sameAttempt = next.name === 'open' && (previous.name === 'connecting' || previous.name === 'open');
    if (!sameAttempt) {
      this.#job.abort();
      this.#job = new AbortController();
      this.#nextRetryAt = undefined;
    }
    this.#publish();
    if (!sameAttempt) void this.#enter(next, this.#job.signal);
    if (next.name === 'open' && !next.draining) this.#onOpenPhase(next, previous);
  }

  /** Keeps the quiet check of an open stream armed: (re)armed on opening and after each check. */
  #onOpenPhase(next: Extract<RunPhase, { name: 'open' }>, previous: RunPhase): void {
    const rearm = previous.name !== 'open' || previous.quiet !== next.quiet;
    if (rearm) void this.#quietCheck(this.#policy.quietDelay(next.quiet), ++this.#quietToken, this.#job.signal);
  }

  /**
   * After `quietMs` without a fresh event (pings do not count), asks the status API and reports the
   * answer as `quiet-status`, or a refusal of the run (401, 403, 404) as `refused`; a fresh event in
   * between moves the deadline.
   */
  async #quietCheck(quietMs: number, token: number, signal: AbortSignal): Promise<void> {
    const current = () => !signal.aborted && token === this.#quietToken;
    try {
      await untilSilent(quietMs, () => this.#lastFreshAt, this.#deps, signal);
      if (!current()) return;
      const answer = await quietStatus(this.#status, signal);
      if (current()) this.#send(answer.refusal ? { type: 'refused', error: answer.refusal } : { type: 'quiet-status', status: answer.status });
    } catch {
      // aborted: the phase is gone
    }
  }

  #publish(): void {
    const phase = this.#phase;
    const error = 'error' in phase ? phase.error : undefined;
    const snapshot: RunConnectionSnapshot = {
      state: STATE_OF[phase.name],
      phase: phase.name,
      attempt: 'attempt' in phase ? phase.attempt : 0,
      lastEventId: this.#deps.store.getRun(this.runId)?.lastEventId ?? '',
      ...(error ? { error } : {}),
      ...(phase.name === 'failed' ? { retryOn: phase.retryOn } : {}),
      ...(this.#nextRetryAt !== undefined ? { nextRetryAt: this.#nextRetryAt } : {}),
    };
    this.#deps.setConnection(snapshot);
    if (phase.name === 'failed') this.#deps.store.reportError(phase.error, this.runId);
  }

  async #enter(phase: RunPhase, signal: AbortSignal): Promise<void> {
    try {
      switch (phase.name) {
        case 'connecting':
          this.#pollWhileQueued();
          return this.#connect(phase.draining, signal);
        case 'checking-status':
          // A stream ended without saying the run is over: the status API says whether it is.
          return await this.#askStatus(checkStatus, signal);
        case 'backing-off':
          return await this.#wait(phase.delayMs, signal);
        case 'confirming-final-status':
          return await this.#confirm(phase.delayMs, signal);
        default:
          return;
      }
    } catch (error) {
      if (signal.aborted) return;
      // A bug of ours must not strand the run silently.
      this.#send({ type: 'consumer-error', error: error instanceof TaskElementsError ? error : new TaskElementsError(String(error), { cause: error }) });
    }
  }

  #provider(): TaskProvider<unknown> {
    return providerFor(this.#deps.store.getRun(this.runId)?.provider ?? 'parallel');
  }

  #endpoint(): EndpointConfig {
    return this.#deps.endpoint(this.#provider().name);
  }

  #isOnline(): boolean {
    return (this.#deps.tuning?.isOnline ?? (() => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false))();
  }

  async #wait(ms: number, signal: AbortSignal): Promise<void> {
    this.#nextRetryAt = this.#deps.now() + ms;
    this.#publish();
    await sleep(ms, signal, this.#deps.timers);
    this.#send({ type: 'waited' });
  }

  async #connect(draining: boolean, signal: AbortSignal): Promise<void> {
    const input = await runStream(this.#stream, draining, signal);
    if (input && !signal.aborted) this.#send(input);
  }

  /** Asks the status API (`ask`) and feeds its answer, or its failure, back as an input. */
  async #askStatus(ask: (access: StatusAccess, signal: AbortSignal) => Promise<TaskStatus>, signal: AbortSignal): Promise<void> {
    try {
      const status = await ask(this.#status, signal);
      if (!signal.aborted) this.#send({ type: 'status', status });
    } catch (error) {
      if (!signal.aborted) this.#send({ type: 'status-unavailable', error: asError(error), online: this.#isOnline() });
    }
  }

  /** The stream said "over": the status API must agree, and a completed run gets its output. */
  async #confirm(delayMs: number, signal: AbortSignal): Promise<void> {
    if (delayMs > 0) {
      this.#nextRetryAt = this.#deps.now() + delayMs;
      this.#publish();
      await sleep(delayMs, signal, this.#deps.timers);
    }
    return this.#askStatus(confirmStatus, signal);
  }

  /** Parallel's queued phase: the stream cannot say when the run starts, so the status is polled. */
  #pollWhileQueued(): void {
    const pollMs = this.#deps.tuning?.statusPollMs ?? this.#provider().statusPollMs;
    if (this.#polling || pollMs <= 0) return;
    this.#polling = true;
    const following = () => ['connecting', 'open', 'backing-off'].includes(this.#phase.name);
    void pollWhileQueued(this.#status, pollMs, following, this.#disposed.signal, this.#deps.timers).finally(() => (this.#polling = false));
  }
}
