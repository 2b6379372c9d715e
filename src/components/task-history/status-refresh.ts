/**
 * Keeps the status of active runs fresh when nothing streams them (a run started in another tab,
 * or left running before a reload). While the host is connected — once right away, then every
 * `refreshInterval` ms — it asks the API for the status of each run that is not finished and has
 * no live connection, and the store applies the answer (so every view's badge follows).
 *
 * Failures are quiet: the next round tries again. A refused credential (401/403) is the exception:
 * it is reported once, until a refresh succeeds again. Disconnecting stops the timer and aborts the
 * requests in flight; their answers are dropped.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EndpointConfig } from '../../core/client/api-request.js';
import { isHttpStatusError } from '../../core/errors.js';
import { isTerminalStatus, type ProviderName, type TaskRun } from '../../core/providers/task-event.js';
import type { TaskStore } from '../../core/store/task-store.js';

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
}

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

  constructor(host: StatusRefreshHost, onRefused: RefusedCallback) {
    this.#host = host;
    this.#onRefused = onRefused;
    host.addController(this);
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    this.#inFlight = new Set();
    this.#refusedReported = false;
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
    if (this.#host.configVersion !== this.#configVersion) {
      // A key set after upgrade, a new key after a 401, another proxy-url: retry what failed now.
      this.#configVersion = this.#host.configVersion;
      this.#refusedReported = false;
      if (this.#abort && this.#interval > 0 && this.#kick === undefined) this.refreshNow();
    }
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
      const owned = !!connection && (STREAMING.has(connection.state) || OWNED.has(connection.phase));
      return !isTerminalStatus(run.status) && !owned && !this.#inFlight.has(run.id);
    });
  }

  /** Refreshes every candidate once, now. Does nothing while disconnected. */
  refreshNow(): void {
    const abort = this.#abort;
    if (!abort) return;
    for (const run of this.candidates()) void this.#refresh(run, abort.signal);
  }

  async #refresh(run: TaskRun, signal: AbortSignal): Promise<void> {
    const inFlight = this.#inFlight;
    inFlight.add(run.id);
    try {
      await this.#host.taskStore.refreshStatus(run.id, this.#host.endpoint(run.provider), signal);
      if (!signal.aborted) this.#refusedReported = false;
    } catch (error) {
      if (signal.aborted || !isHttpStatusError(error) || (error.status !== 401 && error.status !== 403)) return;
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
