/**
 * The streaming store: runs keyed by id (newest first), each run's events in order and exactly
 * once, the selection, and one live connection per run however many views watch it.
 *
 * It is synchronous and framework-free: views `subscribe()` to fine-grained changes and read
 * snapshots (`getRuns()`, `getEvents()`); network work is delegated to {@link RunConnection}s.
 */
import type { ConnectionSnapshot } from '../client/stream-client.js';
import { callApi, type EndpointConfig } from '../client/api-request.js';
import { TaskElementsError } from '../errors.js';
import type { TaskProvider } from '../providers/provider.js';
import type { ProviderName, TaskEvent, TaskRun, TaskRunPatch } from '../providers/task-event.js';
import { globalTimers, type Timers } from '../util/environment.js';
import { applyEvent } from './apply-event.js';
import { createPersistence, createMemoryStorage, browserLocalStorage, type Persistence, type StorageLike, type Warn } from './persistence.js';
import { providerFor } from './providers.js';
import { createCredentialStore } from './credentials.js';
import { planStoredMerge } from './merge-stored.js';
import { RunConnection, type ConnectionTuning } from './run-connection.js';

/** A change subscribers are told about. */
export type StoreChange =
  | { type: 'runs' }
  | { type: 'run'; runId: string; run: TaskRun; previous: TaskRun }
  | { type: 'events'; runId: string; events: readonly TaskEvent[] }
  | { type: 'connection'; runId: string; connection: ConnectionSnapshot }
  | { type: 'selection'; runId: string | undefined }
  | { type: 'credentials'; provider: ProviderName }
  | { type: 'error'; runId?: string; error: TaskElementsError };

export type StoreListener = (change: StoreChange) => void;

/** Options of {@link createTaskStore}. */
export interface TaskStoreOptions {
  /** Name used for the storage keys. @default 'default' */
  name?: string;
  /** `local` (localStorage, falling back to memory), `memory`, or any Web Storage-like object. @default 'local' */
  persistence?: 'local' | 'memory' | StorageLike;
  /** Where warnings go (corrupt or full storage). @default console.warn */
  warn?: Warn;
  /** Delay that coalesces writes to storage, in ms. @default 250 */
  saveDelayMs?: number;
  timers?: Timers;
  now?: () => number;
  /** Reconnect and polling settings passed to every run connection. */
  connection?: ConnectionTuning;
  /**
   * Where an API key entered in a form is kept: `memory` (gone on reload) or `session`
   * (sessionStorage: survives reloads of this tab only). Keys are never written to localStorage.
   * @default 'memory'
   */
  keyPersistence?: 'memory' | 'session';
}

/**
 * Where a watcher wants a run's requests to go; read at each request. Called with the run's
 * provider (a view may show a run of another provider than its own); without one, the view's own.
 */
export type EndpointSource = (provider?: ProviderName) => EndpointConfig;

export interface TaskStore {
  readonly name: string;
  /** Runs, newest first. The array is replaced on every change. */
  getRuns(): readonly TaskRun[];
  getRun(runId: string): TaskRun | undefined;
  /** A run's events in order, each once. Do not mutate. */
  getEvents(runId: string): readonly TaskEvent[];
  getConnection(runId: string): ConnectionSnapshot | undefined;
  readonly selectedId: string | undefined;
  subscribe(listener: StoreListener): () => void;
  select(runId: string | undefined): void;
  /** Adds (or replaces) a run, newest first. */
  addRun(run: TaskRun, events?: readonly TaskEvent[]): void;
  updateRun(runId: string, patch: TaskRunPatch): void;
  /** Applies events in order; returns those that were new. */
  applyEvents(runId: string, events: readonly TaskEvent[]): TaskEvent[];
  removeRun(runId: string): void;
  clear(): void;
  /** Creates a run through the API, adds it and selects it. Rejects with the API's error. */
  submit<P>(params: P, endpoint: EndpointConfig, signal?: AbortSignal): Promise<TaskRun>;
  /** Keeps a live connection to the run while at least one watcher holds it. Returns the release. */
  watch(runId: string, endpoint: EndpointSource): () => void;
  /** Reconnects now (also after stop() or a failure). */
  reconnect(runId: string): void;
  /** Closes the run's connection and keeps the run; no reconnect until reconnect(). */
  stop(runId: string): void;
  /** Asks the API to cancel the run. Rejects where the provider cannot cancel. */
  cancel(runId: string, endpoint: EndpointConfig): Promise<void>;
  /** Fetches the run's status once and applies it. */
  refreshStatus(runId: string, endpoint: EndpointConfig, signal?: AbortSignal): Promise<void>;
  /** Writes pending changes to storage now. */
  flush(): void;
  /**
   * Re-reads storage and folds in what other tabs changed there: runs added or removed, new events
   * of known runs, a changed selection. Emits the usual `runs`, `run`, `events` and `selection`
   * changes. The core listens to nothing: a view calls this when storage changes (`<task-history>`
   * does on the window's `storage` event).
   */
  reload(): void;
  /** Reports an error to subscribers (elements turn it into `task-error`). */
  reportError(error: TaskElementsError, runId?: string): void;
  /** The API key entered for `provider` in this store, if any. */
  getCredential(provider: ProviderName): string | undefined;
  /** Sets (or clears, with undefined) the key for `provider`, kept as `keyPersistence` allows. */
  setCredential(provider: ProviderName, key: string | undefined): void;
  /** Closes every connection and timer. */
  dispose(): void;
}

interface Watch {
  refs: number;
  sources: EndpointSource[];
  connection?: RunConnection;
  stopped: boolean;
}

/** Creates a store. Usually obtained through {@link getTaskStore} so elements can share it by name. */
export function createTaskStore(options: TaskStoreOptions = {}): TaskStore {
  const name = options.name ?? 'default';
  const timers = options.timers ?? globalTimers;
  const now = options.now ?? Date.now;
  const warn: Warn = options.warn ?? ((message) => console.warn(message));
  const storage =
    options.persistence === 'memory' ? createMemoryStorage()
    : typeof options.persistence === 'object' ? options.persistence
    : (browserLocalStorage() ?? createMemoryStorage());
  const persistence: Persistence = createPersistence(storage, name, warn);

  const loaded = persistence.load();
  let runs: TaskRun[] = loaded.runs;
  let selectedId = loaded.selectedId;
  const events = loaded.events;
  // Cross-tab bookkeeping (reload, merge-stored.ts): what storage held when last read or written,
  // whether the selection changed since, and which runs this store removed.
  let storedIds = new Set(runs.map((run) => run.id));
  let storedSelection = selectedId;
  let selectionUnsaved = false;
  const tombstones = new Set<string>();
  const seen = new Map<string, Set<string>>();
  const connections = new Map<string, ConnectionSnapshot>();
  const watches = new Map<string, Watch>();
  const listeners = new Set<StoreListener>();
  const dirty = new Set<string>();
  let saveTimer: unknown;
  let disposed = false;
  const credentials = createCredentialStore(name, options.keyPersistence ?? 'memory');

  function seenOf(runId: string): Set<string> {
    let set = seen.get(runId);
    if (!set) {
      set = new Set((events.get(runId) ?? []).map((e) => e.id));
      seen.set(runId, set);
    }
    return set;
  }

  function emit(change: StoreChange): void {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        warn(`task-elements: a store listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  function scheduleSave(runId?: string): void {
    if (runId) dirty.add(runId);
    if (saveTimer !== undefined || disposed) return;
    saveTimer = timers.setTimeout(flush, options.saveDelayMs ?? 250);
  }

  function flush(): void {
    if (saveTimer !== undefined) timers.clearTimeout(saveTimer);
    saveTimer = undefined;
    // Another tab may have saved runs since we last looked: keep them rather than overwrite them.
    absorb(persistence.loadState()?.runs ?? [], false);
    const ids = [...dirty].filter((id) => runs.some((run) => run.id === id));
    dirty.clear();
    if (persistence.save({ runs, selectedId, events }, ids)) {
      storedIds = new Set(runs.map((run) => run.id));
      storedSelection = selectedId;
      selectionUnsaved = false;
    }
  }

  /** Drops a run from memory (not from storage), closing its connection. */
  function forget(runId: string): void {
    watches.get(runId)?.connection?.stop();
    watches.delete(runId);
    runs = runs.filter((run) => run.id !== runId);
    events.delete(runId);
    seen.delete(runId);
    connections.delete(runId);
    dirty.delete(runId);
    tombstones.add(runId);
  }

  /** Folds a stored run list into memory (see merge-stored.ts); `full: false` only adds runs. */
  function absorb(stored: readonly TaskRun[], full: boolean): void {
    const plan = planStoredMerge(runs, stored, { stored: storedIds, tombstones, full });
    for (const run of plan.added) {
      events.set(run.id, persistence.loadEvents(run.id) ?? []);
      storedIds.add(run.id);
    }
    plan.removed.forEach(forget);
    if (selectedId !== undefined && plan.removed.includes(selectedId)) selectedId = undefined;
    if (plan.added.length || plan.removed.length) {
      runs = [...plan.added, ...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      emit({ type: 'runs' });
    }
    for (const id of plan.grown) store.applyEvents(id, persistence.loadEvents(id) ?? []);
  }

  function replaceRun(next: TaskRun, previous: TaskRun): void {
    runs = runs.map((run) => (run.id === next.id ? next : run));
    scheduleSave(next.id);
    emit({ type: 'run', runId: next.id, run: next, previous });
  }

  const store: TaskStore = {
    name,
    getRuns: () => runs,
    getRun: (runId) => runs.find((run) => run.id === runId),
    getEvents: (runId) => events.get(runId) ?? [],
    getConnection: (runId) => connections.get(runId),
    get selectedId() {
      return selectedId;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    select(runId) {
      if (runId === selectedId) return;
      selectedId = runId;
      selectionUnsaved = true;
      scheduleSave();
      emit({ type: 'selection', runId });
    },
    addRun(run, initial = []) {
      runs = [run, ...runs.filter((r) => r.id !== run.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      if (!events.has(run.id)) events.set(run.id, []);
      tombstones.delete(run.id);
      scheduleSave(run.id);
      emit({ type: 'runs' });
      if (initial.length) store.applyEvents(run.id, initial);
    },
    updateRun(runId, patch) {
      const previous = store.getRun(runId);
      if (!previous) return;
      replaceRun({ ...previous, ...patch }, previous);
    },
    applyEvents(runId, incoming) {
      const previous = store.getRun(runId);
      if (!previous || incoming.length === 0) return [];
      const ids = seenOf(runId);
      let list = events.get(runId);
      if (!list) events.set(runId, (list = []));
      let run = previous;
      const added: TaskEvent[] = [];
      for (const event of incoming) {
        if (ids.has(event.id)) continue;
        const result = applyEvent(run, event);
        // A status that changed nothing may become a real transition later (paused → running → paused).
        if (event.kind !== 'status' || result.log) ids.add(event.id);
        run = result.run;
        if (result.log) {
          list.push(event);
          added.push(event);
        }
      }
      if (run !== previous) replaceRun(run, previous);
      if (added.length) {
        scheduleSave(runId);
        emit({ type: 'events', runId, events: added });
      }
      return added;
    },
    removeRun(runId) {
      forget(runId);
      persistence.removeEvents(runId);
      if (selectedId === runId) store.select(undefined);
      scheduleSave();
      emit({ type: 'runs' });
    },
    clear() {
      for (const watch of watches.values()) watch.connection?.stop();
      watches.clear();
      runs.forEach((run) => tombstones.add(run.id));
      runs = [];
      events.clear();
      seen.clear();
      connections.clear();
      dirty.clear();
      persistence.clear();
      storedIds = new Set();
      storedSelection = undefined;
      if (selectedId !== undefined) store.select(undefined);
      emit({ type: 'runs' });
    },
    async submit(params, endpoint, signal) {
      const provider = providerFor(endpoint.provider) as TaskProvider<typeof params>;
      const body = await callApi(endpoint, provider.createRequest(params), signal);
      const { run } = provider.parseCreated(body, params, new Date(now()).toISOString());
      run.request = params;
      store.addRun(run, [{ kind: 'status', id: `status:${run.status}`, status: run.status, apiStatus: run.apiStatus ?? run.status, source: 'create' }]);
      store.select(run.id);
      return store.getRun(run.id)!;
    },
    watch(runId, source) {
      let watch = watches.get(runId);
      if (!watch) watches.set(runId, (watch = { refs: 0, sources: [], stopped: false }));
      watch.refs++;
      watch.sources.push(source);
      const current = watch;
      if (!store.getRun(runId)) {
        const endpoint = source();
        store.addRun({ id: runId, provider: endpoint.provider, status: 'unknown', createdAt: new Date(now()).toISOString() });
      }
      ensureConnection(runId, current);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        current.refs--;
        current.sources.splice(current.sources.indexOf(source), 1);
        if (current.refs === 0) {
          current.connection?.stop();
          if (watches.get(runId) === current) watches.delete(runId);
        }
      };
    },
    reconnect(runId) {
      const watch = watches.get(runId);
      if (!watch) return;
      watch.stopped = false;
      if (watch.connection?.isLive) watch.connection.reconnectNow();
      else {
        watch.connection = undefined;
        ensureConnection(runId, watch);
      }
    },
    stop(runId) {
      const watch = watches.get(runId);
      if (!watch) return;
      watch.stopped = true;
      watch.connection?.stop();
    },
    async cancel(runId, endpoint) {
      const provider = providerFor(endpoint.provider);
      if (!provider.cancelRequest) throw new TaskElementsError(provider.cancelUnsupportedReason ?? 'This API cannot cancel runs.');
      await callApi(endpoint, provider.cancelRequest(runId));
      if (store.getRun(runId)?.status !== 'cancelled') {
        store.applyEvents(runId, [{ kind: 'status', id: 'status:cancelling:requested', status: 'cancelling', apiStatus: 'cancel requested', source: 'cancel' }]);
      }
    },
    async refreshStatus(runId, endpoint, signal) {
      const provider = providerFor(endpoint.provider);
      const snapshot = provider.parseStatus(await callApi(endpoint, provider.statusRequest(runId), signal));
      if (signal?.aborted) return; // the caller no longer wants it
      applySnapshot(runId, snapshot.patch, snapshot.events, 'status');
    },
    flush,
    reload() {
      if (disposed) return;
      const saved = persistence.loadState();
      const before = selectedId;
      absorb(saved?.runs ?? [], true);
      storedIds = new Set((saved?.runs ?? []).map((run) => run.id));
      if (saved?.selectedId !== storedSelection) {
        // Another tab picked a run: follow it, unless this tab picked one it has not saved yet.
        storedSelection = saved?.selectedId;
        if (!selectionUnsaved && (storedSelection === undefined || store.getRun(storedSelection))) selectedId = storedSelection;
      }
      if (selectedId !== before) emit({ type: 'selection', runId: selectedId });
    },
    getCredential: (provider) => credentials.get(provider),
    setCredential(provider, key) {
      credentials.set(provider, key);
      emit({ type: 'credentials', provider });
    },
    reportError(error, runId) {
      emit({ type: 'error', runId, error });
    },
    dispose() {
      disposed = true;
      for (const watch of watches.values()) watch.connection?.stop();
      watches.clear();
      if (saveTimer !== undefined) flush();
      listeners.clear();
    },
  };

  /** Applies a status snapshot: fields as a patch, the status as a (logged) transition. Returns the new events. */
  function applySnapshot(runId: string, patch: TaskRunPatch, extra: readonly TaskEvent[], source: string): TaskEvent[] {
    const run = store.getRun(runId);
    if (!run) return [];
    const { status, apiStatus, output: _output, ...fields } = patch;
    const changed = Object.entries(fields).some(([key, value]) => JSON.stringify(run[key as keyof TaskRun]) !== JSON.stringify(value));
    if (changed) store.updateRun(runId, fields);
    const statusEvents: TaskEvent[] = status ? [{ kind: 'status', id: `status:${status}`, status, apiStatus: apiStatus ?? status, source }] : [];
    return store.applyEvents(runId, [...statusEvents, ...extra]);
  }

  function ensureConnection(runId: string, watch: Watch): void {
    if (watch.connection || watch.stopped || disposed) return;
    const connection = new RunConnection(runId, {
      store,
      endpoint: (provider) => watch.sources[watch.sources.length - 1]!(provider),
      applySnapshot,
      setConnection(snapshot) {
        connections.set(runId, snapshot);
        emit({ type: 'connection', runId, connection: snapshot });
      },
      timers,
      now,
      tuning: options.connection,
    });
    watch.connection = connection;
    connection.start();
  }

  return store;
}
