/**
 * The streaming store: runs keyed by id (newest first), each run's events in order and exactly
 * once, the selection, and one live connection per run however many views watch it.
 *
 * It is synchronous and framework-free: views `subscribe()` to fine-grained changes and read
 * snapshots (`getRuns()`, `getEvents()`); network work is delegated to one {@link RunSession} per
 * watched run, whose lifecycle run-lifecycle.ts decides.
 */
import type { EndpointConfig } from '../client/api-request.js';
import type { ProviderName, TaskEvent, TaskRun, TaskRunPatch } from '../providers/task-event.js';
import { globalTimers } from '../util/environment.js';
import { createRun, fetchStatus, requestCancel } from './api-actions.js';
import { applyEvent } from './apply-event.js';
import { createCredentialStore } from './credentials.js';
import { planStoredMerge } from './merge-stored.js';
import { browserLocalStorage, createMemoryStorage, createPersistence, type Persistence, type Warn } from './persistence.js';
import { RunSession, type RunConnectionSnapshot } from './run-session.js';
import type { StoreChange, StoreListener, TaskStore, TaskStoreOptions } from './store-types.js';
import { createWatchRegistry } from './watch-registry.js';

export type { StoreChange, StoreListener, TaskStore, TaskStoreOptions, EndpointSource } from './store-types.js';

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
  const connections = new Map<string, RunConnectionSnapshot>();
  const listeners = new Set<StoreListener>();
  const dirty = new Set<string>();
  let saveTimer: unknown;
  let disposed = false;
  const credentials = createCredentialStore(name, options.keyPersistence ?? 'memory');
  const watches = createWatchRegistry((runId, endpoint) => openConnection(runId, endpoint));

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
    watches.drop(runId);
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
      watches.dropAll();
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
      const run = await createRun(params, endpoint, new Date(now()).toISOString(), signal);
      store.addRun(run, [{ kind: 'status', id: `status:${run.status}`, status: run.status, apiStatus: run.apiStatus ?? run.status, source: 'create' }]);
      store.select(run.id);
      return store.getRun(run.id)!;
    },
    watch(runId, source) {
      if (!store.getRun(runId)) {
        // A run known only by id (e.g. <task-stream run-id>): its status and events come from the API.
        store.addRun({ id: runId, provider: source().provider, status: 'unknown', createdAt: new Date(now()).toISOString() });
      }
      return watches.watch(runId, source);
    },
    reconnect: (runId) => watches.reconnect(runId),
    stop: (runId) => watches.stop(runId),
    async cancel(runId, endpoint) {
      await requestCancel(runId, endpoint);
      if (store.getRun(runId)?.status !== 'cancelled') {
        store.applyEvents(runId, [{ kind: 'status', id: 'status:cancelling:requested', status: 'cancelling', apiStatus: 'cancel requested', source: 'cancel' }]);
      }
    },
    async refreshStatus(runId, endpoint, signal) {
      const snapshot = await fetchStatus(runId, endpoint, signal);
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
      watches.configChanged();
    },
    configChanged: () => watches.configChanged(),
    reportError(error, runId) {
      emit({ type: 'error', runId, error });
    },
    dispose() {
      disposed = true;
      watches.dropAll();
      if (saveTimer !== undefined) flush();
      listeners.clear();
    },
  };

  /** Applies a status snapshot: fields as a patch, the status as a (logged) transition. Returns the new events. */
  function applySnapshot(runId: string, patch: TaskRunPatch, extra: readonly TaskEvent[], source: string): TaskEvent[] {
    const run = store.getRun(runId);
    if (!run) return [];
    const { status, apiStatus, output: _output, lastEventId, ...fields } = patch;
    if (lastEventId !== undefined && run.lastEventId !== lastEventId) {
      // The resume cursor moves with every Shannon event and nothing renders it: kept without a change notice.
      run.lastEventId = lastEventId;
      scheduleSave(runId);
    }
    if (Object.entries(fields).some(([key, value]) => JSON.stringify(run[key as keyof TaskRun]) !== JSON.stringify(value))) store.updateRun(runId, fields);
    const timestamp = patch.updatedAt ?? new Date(now()).toISOString(); // a learned status is stamped when learned
    const statusEvents: TaskEvent[] = status ? [{ kind: 'status', id: `status:${status}`, status, apiStatus: apiStatus ?? status, source, timestamp }] : [];
    return store.applyEvents(runId, [...statusEvents, ...extra]);
  }

  function openConnection(runId: string, endpoint: (provider?: ProviderName) => EndpointConfig): RunSession | undefined {
    if (disposed) return undefined;
    const connection = new RunSession(runId, {
      store,
      endpoint,
      applySnapshot,
      setConnection(snapshot) {
        connections.set(runId, snapshot);
        emit({ type: 'connection', runId, connection: snapshot });
      },
      timers,
      now,
      tuning: options.connection,
    });
    return connection;
  }

  return store;
}
