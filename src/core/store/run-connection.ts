/**
 * The live connection of one run: streams its events into the store through the provider's
 * decoder, and fills in what a stream cannot say:
 * - Parallel never announces queued → running: the status is polled while queued, and the first
 *   progress event implies running;
 * - Shannon may end without `done`: the status is confirmed with GET before reconnecting, and the
 *   final state is fetched after `done`;
 * - a completed run whose stream carried no output gets it from the result endpoint.
 * Everything stops when `stop()` is called; late answers after that are ignored.
 */
import { callApi, prepareRequest, type EndpointConfig } from '../client/api-request.js';
import type { RetryOptions } from '../client/backoff.js';
import { openStream, type ConnectionSnapshot, type StreamConnection } from '../client/stream-client.js';
import type { EventDecoder, TaskProvider } from '../providers/provider.js';
import { isTerminalStatus, type ProviderName, type TaskEvent, type TaskRunPatch, type TaskStatus } from '../providers/task-event.js';
import { sleep, type OnlineEventTarget, type Timers } from '../util/environment.js';
import { providerFor } from './providers.js';
import type { TaskStore } from './task-store.js';

/** Reconnect and polling settings (defaults come from the provider and the stream client). */
export interface ConnectionTuning {
  retry?: RetryOptions;
  /** Overrides the provider's stall timeout. */
  stallTimeoutMs?: number;
  /** Overrides the provider's status poll interval while queued. */
  statusPollMs?: number;
  maxEventSize?: number;
  random?: () => number;
  onlineTarget?: OnlineEventTarget | null;
}

/** What a connection needs from its store. */
export interface RunConnectionDeps {
  store: TaskStore;
  endpoint(provider: ProviderName): EndpointConfig;
  /** Applies fields and events of a status answer; returns the events that were new. */
  applySnapshot(runId: string, patch: TaskRunPatch, events: readonly TaskEvent[], source: string): TaskEvent[];
  setConnection(snapshot: ConnectionSnapshot): void;
  timers: Timers;
  now(): number;
  tuning?: ConnectionTuning;
}

/** How long the last reconnect to a finished run may take to reach the end marker. */
const DRAIN_MS = 8000;

/** Kinds whose arrival shows that a queued run is running. */
const WORK_KINDS = new Set<TaskEvent['kind']>(['message', 'stats', 'thinking', 'tool', 'text-delta', 'text']);

export class RunConnection {
  readonly runId: string;
  #deps: RunConnectionDeps;
  #abort = new AbortController();
  #stream: StreamConnection | undefined;
  #decoder: EventDecoder | undefined;
  #oversized = 0;
  #lastState: ConnectionSnapshot['state'] | undefined;
  /** The stream said it is over (a terminal state event, Shannon `done`). */
  #sawEnd = false;
  /** A last reconnect to collect what the server sent before it finished has been made. */
  #drained = false;
  #drainTimer: unknown;

  constructor(runId: string, deps: RunConnectionDeps) {
    this.runId = runId;
    this.#deps = deps;
  }

  /** True while a stream is open, connecting, reconnecting or failed-but-revivable. */
  get isLive(): boolean {
    const state = this.#stream?.snapshot.state;
    return !!state && state !== 'closed' && !this.#abort.signal.aborted;
  }

  start(): void {
    const run = this.#deps.store.getRun(this.runId);
    if (!run) return;
    const provider = providerFor(run.provider);
    if (isTerminalStatus(run.status)) {
      this.#deps.setConnection({ state: 'closed', attempt: 0, lastEventId: run.lastEventId ?? '' });
      void this.#finalize(provider);
      return;
    }
    const decoder = (this.#decoder = provider.createDecoder());
    const tuning = this.#deps.tuning ?? {};
    this.#stream = openStream({
      signal: this.#abort.signal,
      lastEventId: run.lastEventId ?? '',
      request: () => {
        decoder.beginConnection();
        this.#oversized = 0;
        const endpoint = this.#endpoint(provider);
        return { ...prepareRequest(endpoint, provider.eventsRequest(this.runId), 'stream') };
      },
      onMessage: (message) => {
        const decoded = decoder.decode(message);
        const patch: TaskRunPatch = { ...decoded.patch };
        delete patch.status;
        delete patch.apiStatus;
        if (message.lastEventId) patch.lastEventId = message.lastEventId;
        const added = this.#deps.applySnapshot(this.runId, patch, decoded.events, 'stream');
        this.#inferRunning(added);
        if (decoded.end) {
          this.#sawEnd = true;
          this.#stream?.close();
          void this.#finalize(provider);
        }
        return added.length > 0;
      },
      onProblem: (error) => {
        const cursor = this.#deps.store.getRun(this.runId)?.lastEventId ?? '';
        this.#deps.store.applyEvents(this.runId, [{
          kind: 'invalid', id: `too-large:${cursor}#${++this.#oversized}`, reason: error.message, sample: '', source: 'stream',
        }]);
      },
      onState: (snapshot) => {
        this.#deps.setConnection(snapshot);
        if (snapshot.state === 'failed' && this.#lastState !== 'failed' && snapshot.error) {
          this.#deps.store.reportError(snapshot.error, this.runId);
        }
        this.#lastState = snapshot.state;
      },
      shouldReconnect: () => this.#shouldReconnect(provider),
      retry: tuning.retry,
      stallTimeoutMs: tuning.stallTimeoutMs ?? provider.stallTimeoutMs,
      maxEventSize: tuning.maxEventSize,
      random: tuning.random,
      onlineTarget: tuning.onlineTarget,
      timers: this.#deps.timers,
      now: this.#deps.now,
      fetch: (input, init) => (this.#endpoint(provider).fetch ?? globalThis.fetch)(input, init),
    });
    const pollMs = tuning.statusPollMs ?? provider.statusPollMs;
    if (pollMs > 0) void this.#pollWhileQueued(provider, pollMs);
    if (run.status === 'unknown') void this.#refresh(provider);
  }

  /** Closes the stream, stops polling and ignores answers still in flight. */
  stop(): void {
    this.#abort.abort();
    this.#clearDrain();
  }

  reconnectNow(): void {
    this.#stream?.reconnectNow();
  }

  #endpoint(provider: TaskProvider<unknown>): EndpointConfig {
    return this.#deps.endpoint(provider.name);
  }

  #inferRunning(added: readonly TaskEvent[]): void {
    if (this.#deps.store.getRun(this.runId)?.status !== 'queued') return;
    if (!added.some((event) => WORK_KINDS.has(event.kind))) return;
    this.#deps.store.applyEvents(this.runId, [{ kind: 'status', id: 'status:running', status: 'running', apiStatus: 'running', source: 'inferred' }]);
  }

  /**
   * Fetches the status once and applies it; ignores failures (the stream carries on) and late
   * answers. With `holdTerminal`, a terminal status is returned but not applied, so that events the
   * stream has yet to deliver are not logged after it.
   */
  async #refresh(provider: TaskProvider<unknown>, holdTerminal = false): Promise<TaskStatus | undefined> {
    const signal = this.#abort.signal;
    try {
      const body = await callApi(this.#endpoint(provider), provider.statusRequest(this.runId), signal);
      if (signal.aborted) return undefined;
      const snapshot = provider.parseStatus(body);
      const status = snapshot.patch.status;
      if (!(holdTerminal && status && isTerminalStatus(status))) {
        this.#deps.applySnapshot(this.runId, snapshot.patch, snapshot.events, 'status');
      }
      return status ?? 'unknown';
    } catch {
      return undefined;
    }
  }

  #clearDrain(): void {
    if (this.#drainTimer !== undefined) this.#deps.timers.clearTimeout(this.#drainTimer);
    this.#drainTimer = undefined;
  }

  async #pollWhileQueued(provider: TaskProvider<unknown>, pollMs: number): Promise<void> {
    const signal = this.#abort.signal;
    try {
      while (!signal.aborted && this.#deps.store.getRun(this.runId)?.status === 'queued') {
        await sleep(pollMs, signal, this.#deps.timers);
        if (this.#deps.store.getRun(this.runId)?.status !== 'queued') return;
        await this.#refresh(provider, true);
      }
    } catch {
      // aborted
    }
  }

  /**
   * A stream ended without saying the run is over: ask the API. Still active → reconnect. Finished →
   * reconnect once more to collect what the server sent before it finished (Parallel replays it,
   * Shannon resumes after the last id), then stop at the end marker or after a short deadline, so a
   * crashed workflow whose stream only carries pings cannot hold the connection open.
   */
  async #shouldReconnect(provider: TaskProvider<unknown>): Promise<boolean> {
    const current = this.#deps.store.getRun(this.runId)?.status;
    if (!current || (isTerminalStatus(current) && this.#sawEnd)) return false;
    const status = (await this.#refresh(provider, true)) ?? current;
    if (this.#abort.signal.aborted) return false;
    if (!isTerminalStatus(status) && !isTerminalStatus(current)) return true;
    if (this.#sawEnd || this.#drained) {
      void this.#finalize(provider);
      return false;
    }
    this.#drained = true;
    this.#drainTimer = this.#deps.timers.setTimeout(() => {
      this.#drainTimer = undefined;
      this.#stream?.close();
      void this.#finalize(provider);
    }, DRAIN_MS);
    return true;
  }

  /** After the stream is over: confirm the terminal status and fetch a missing output. */
  async #finalize(provider: TaskProvider<unknown>): Promise<void> {
    this.#clearDrain();
    const signal = this.#abort.signal;
    const store = this.#deps.store;
    const run = () => store.getRun(this.runId);
    if (!run()) return;
    if (!isTerminalStatus(run()!.status) && !(await this.#refresh(provider)) && !signal.aborted) {
      // The status endpoint is unreachable: decide from what the stream said.
      const failed = store.getEvents(this.runId).some((event) => event.kind === 'error');
      const status = failed ? 'failed' : 'completed';
      store.applyEvents(this.runId, [{ kind: 'status', id: `status:${status}`, status, apiStatus: status, source: 'inferred' }]);
    }
    const current = run();
    if (signal.aborted || !current || current.status !== 'completed' || current.output) return;
    try {
      const body = await callApi(this.#endpoint(provider), provider.resultRequest(this.runId), signal);
      if (signal.aborted) return;
      const snapshot = provider.parseResult(body);
      this.#deps.applySnapshot(this.runId, snapshot.patch, snapshot.events, 'result');
    } catch {
      // no result available: the run stays without output
    }
  }
}
