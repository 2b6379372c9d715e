/**
 * A run session whose code is imported when it is first needed: run-session.ts and what it brings
 * (the stream client, SSE decoding, both providers' request builders and event mappers) are a chunk
 * of their own in the script-tag bundle, so a page that shows no watched run does not download
 * them. Calls made before the code arrived are replayed on the real session in order; a session
 * disposed meanwhile is never made. When the import fails (offline, a missing chunk), the store
 * reports an error a person can act on, and the next `start`, `reconnect` or `configChanged`
 * tries the import again.
 */
import { TaskElementsError } from '../errors.js';
import type { RunSession } from './run-session.js';
import type { SharedSessionDeps as RunSessionDeps } from '../tabs/shared-session.js';

/** What watchers ask of a session (watch-registry.ts). */
export type WatchedSession = Pick<RunSession, 'start' | 'stop' | 'reconnect' | 'configChanged' | 'dispose'> & {
  /** The run's status was learned outside the session; `here`: this tab asked the API (default), else another tab told. */
  statusLearned(here?: boolean): void;
};

type Call = 'start' | 'stop' | 'reconnect' | 'configChanged' | 'statusLearned';

/** Where the session class comes from: the module, or (tests) a stand-in. */
export type SessionLoader = () => Promise<{ RunSession: new (runId: string, deps: RunSessionDeps) => WatchedSession }>;

type SessionModule = Awaited<ReturnType<SessionLoader>>;
/** The session module once imported: later sessions are made at once, with no wait. */
let loadedModule: SessionModule | undefined;

/** Imports the session code (once); resolves when later sessions can be made without waiting. */
export function loadRunSession(): Promise<SessionModule> {
  // The session that shares one connection per run across tabs, or streams alone (issue 14 §1).
  return import('../tabs/shared-session.js').then((module) => (loadedModule = { RunSession: module.SharedRunSession }));
}

export class LazyRunSession implements WatchedSession {
  readonly runId: string;
  readonly #deps: RunSessionDeps;
  readonly #load: SessionLoader;
  #session: WatchedSession | undefined;
  #calls: Call[] = [];
  #loading = false;
  #disposed = false;

  constructor(runId: string, deps: RunSessionDeps, load?: SessionLoader) {
    this.runId = runId;
    this.#deps = deps;
    this.#load = load ?? loadRunSession;
    // The code is here already (an earlier run was watched): the session is made now.
    if (!load && loadedModule) this.#session = new loadedModule.RunSession(runId, deps);
  }

  start(): void {
    this.#call('start');
  }

  stop(): void {
    this.#call('stop');
  }

  reconnect(): void {
    this.#call('reconnect');
  }

  configChanged(): void {
    this.#call('configChanged');
  }

  statusLearned(here?: boolean): void {
    // Before the session exists there is nothing to end: it starts from the run's status anyway.
    if (this.#session) this.#session.statusLearned(here);
  }

  dispose(): void {
    this.#disposed = true;
    this.#calls = [];
    this.#session?.dispose();
  }

  #call(call: Call): void {
    if (this.#disposed) return;
    if (this.#session) return void this.#session[call]();
    this.#calls.push(call);
    if (this.#loading) return;
    this.#loading = true;
    this.#load().then(
      ({ RunSession }) => {
        this.#loading = false;
        if (this.#disposed) return;
        const session = (this.#session = new RunSession(this.runId, this.#deps));
        for (const queued of this.#calls.splice(0)) session[queued]();
      },
      (cause: unknown) => {
        this.#loading = false;
        // Only a start or reconnect is retried later; what was queued stays queued for it.
        this.#calls = this.#calls.filter((queued) => queued !== 'configChanged');
        this.#deps.store.reportError(
          new TaskElementsError('The part of task-elements that connects to the API could not be loaded. Check the network connection, then press Reconnect.', { cause }),
          this.runId,
        );
      },
    );
  }
}
