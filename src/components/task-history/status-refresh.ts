/**
 * Keeps the status of active runs fresh when nothing streams them (a run started in another tab,
 * or left running before a reload). While the host is connected — once right away, then every
 * `refreshInterval` ms — it asks the API for the status of runs that are not finished and have no
 * live connection, and the store applies the answer (so every view's badge follows). However many
 * runs are listed, at most `refreshBudget` requests go out per minute (issue 17): the runs asked
 * about least recently (never asked first) go first, so every run gets its turn.
 *
 * Failures are quiet: the next round tries again. A refused credential (401/403) is the exception:
 * it is a configuration problem, so asking again cannot help. The refused run is not asked about
 * again, and the refusal is reported once (one `task-error`), until the configuration changes (key,
 * proxy URL, auth mode: `configVersion`); then every refused run is asked again at once. Until then
 * its row says how it was refused (`refusal`, shared/reach.ts), not a status that reads as waiting.
 * Disconnecting stops the timer and aborts the requests in flight; their answers are dropped.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EndpointConfig } from '../../core/client/api-request.js';
import { isHttpStatusError } from '../../core/errors.js';
import { isTerminalStatus, type ProviderName, type TaskRun } from '../../core/providers/task-event.js';
import type { TaskStore } from '../../core/store/task-store.js';
import { reachOfError, type RunReach } from '../shared/reach.js';

/** Connection states in which a stream already keeps the run's status current. */
const STREAMING = new Set(['open', 'connecting', 'reconnecting']);
/** Lifecycle phases in which a session owns the run's status (it confirms it itself). */
const OWNED = new Set(['confirming-final-status', 'checking-status']);

export interface StatusRefreshHost extends ReactiveControllerHost {
  readonly taskStore: TaskStore;
  /** Milliseconds between rounds; 0 (or anything not above 0) disables refreshing. */
  readonly refreshInterval: number;
  /** Where the status request of a run of `provider` goes, read at each request. */
  endpoint(provider: ProviderName): EndpointConfig;
  /** Grows when the configuration requests are made with changes: a refresh follows at once. */
  readonly configVersion: number;
  /** Status requests per minute at most. */
  readonly refreshBudget: number;
}

/** The window of the budget, in ms. */
const MINUTE = 60_000;

/** Told once about a failure a person has to fix (401/403). */
export type RefusedCallback = (error: Error, runId: string) => void;

/** The host's interval, with anything not above 0 (including NaN) as 0: disabled. */
function intervalOf(host: StatusRefreshHost): number {
  return host.refreshInterval > 0 ? host.refreshInterval : 0;
}

export class StatusRefreshController implements ReactiveController {
  #host: StatusRefreshHost;
  #onRefused: RefusedCallback;
  #interval = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #kick: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #inFlight = new Set<string>();
  #refusedReported = false;
  #configVersion = 0;
  /** Runs whose status request was refused (401/403) under the current configuration, and how. */
  readonly #refused = new Map<string, RunReach>();
  /** When each run was last asked about (ms), and when each request of the last minute went out. */
  readonly #asked = new Map<string, number>();
  #spent: number[] = [];

  constructor(host: StatusRefreshHost, onRefused: RefusedCallback) {
    this.#host = host;
    this.#onRefused = onRefused;
    host.addController(this);
  }

  /** How a status request for `runId` was refused under the current configuration (the row says so), if it was. */
  refusal(runId: string): RunReach | undefined {
    return this.#refused.get(runId);
  }

  #forgetRefusals(): void {
    if (!this.#refused.size) return;
    this.#refused.clear();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    this.#inFlight = new Set();
    this.#refusedReported = false;
    this.#forgetRefusals();
    this.#schedule();
    // In a task of its own: after the page's other elements connected (a stream may be about to
    // watch a run) and after properties set right after connecting (the interval may become 0).
    this.#configVersion = this.#host.configVersion;
    this.#kick = setTimeout(() => {
      this.#kick = undefined;
      if (this.#interval > 0) this.refreshNow();
    }, 0);
  }

  hostUpdated(): void {
    if (this.#abort && intervalOf(this.#host) !== this.#interval) this.#schedule();
    // A key set after upgrade, a new key after a 401, another proxy-url: retry what failed now. The
    // host counts the change in its updated(), which runs after this: look once the update is done.
    queueMicrotask(() => {
      if (this.#followConfig() && this.#abort && this.#interval > 0 && this.#kick === undefined) this.refreshNow();
    });
  }

  /**
   * Takes a new configuration into account (the host counts its changes in `configVersion`, after
   * its own update, so a round checks too): refusals under the old one are forgotten. True if it changed.
   */
  #followConfig(): boolean {
    if (this.#host.configVersion === this.#configVersion) return false;
    this.#configVersion = this.#host.configVersion;
    this.#refusedReported = false;
    this.#forgetRefusals();
    return true;
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#kick);
    this.#timer = this.#kick = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
  }

  /** Runs that a refresh would ask about now. */
  candidates(): TaskRun[] {
    const store = this.#host.taskStore;
    return store.getRuns().filter((run) => {
      const connection = store.getConnection(run.id);
      // A run waiting for a free stream (the connection budget) is polled by its session already. A
      // session refused for its configuration (401/403) has said so; asking with the same
      // configuration would only be refused again and said twice. It retries when that changes.
      const refused = connection?.phase === 'failed' && connection.retryOn === 'config';
      const owned = !!connection && (STREAMING.has(connection.state) || OWNED.has(connection.phase) || !!connection.queued || refused);
      return !isTerminalStatus(run.status) && !owned && !this.#inFlight.has(run.id) && !this.#refused.has(run.id);
    });
  }

  /**
   * Refreshes candidates now, as many as the budget has left for this minute, least recently asked
   * first. Does nothing while disconnected.
   */
  refreshNow(): void {
    const abort = this.#abort;
    if (!abort) return;
    this.#followConfig();
    const now = Date.now();
    this.#spent = this.#spent.filter((time) => now - time < MINUTE);
    const budget = Math.max(0, Math.floor(this.#host.refreshBudget) || 0);
    const left = budget - this.#spent.length;
    if (left <= 0) return;
    const asked = (run: TaskRun) => this.#asked.get(run.id) ?? 0;
    const turn = this.candidates().sort((a, b) => asked(a) - asked(b)).slice(0, left);
    for (const run of turn) {
      this.#spent.push(now);
      this.#asked.set(run.id, now);
      void this.#refresh(run, abort.signal);
    }
  }

  async #refresh(run: TaskRun, signal: AbortSignal): Promise<void> {
    const inFlight = this.#inFlight;
    const configVersion = this.#configVersion;
    inFlight.add(run.id);
    try {
      await this.#host.taskStore.refreshStatus(run.id, this.#host.endpoint(run.provider), signal);
    } catch (error) {
      if (signal.aborted || !isHttpStatusError(error) || (error.status !== 401 && error.status !== 403)) return;
      if (configVersion !== this.#configVersion) return; // asked with an older configuration
      this.#refused.set(run.id, reachOfError(error) ?? 'key-rejected');
      this.#host.requestUpdate();
      if (this.#refusedReported) return;
      this.#refusedReported = true;
      this.#onRefused(error, run.id);
    } finally {
      inFlight.delete(run.id);
    }
  }

  #schedule(): void {
    clearInterval(this.#timer);
    this.#interval = intervalOf(this.#host);
    this.#timer = this.#interval > 0 ? setInterval(() => this.refreshNow(), this.#interval) : undefined;
  }
}
