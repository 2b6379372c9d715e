/**
 * The streaming store: runs keyed by id (newest first), each run's events in order and exactly
 * once, the selection, and one live connection per run however many views watch it.
 *
 * It is synchronous and framework-free: views `subscribe()` to fine-grained changes and read
 * snapshots (`getRuns()`, `getEvents()`); network work is delegated to one {@link RunSession} per
 * watched run, whose lifecycle run-lifecycle.ts decides. Loading and saving the run list, and what
 * other tabs saved, is run-list-sync.ts's job: with the default persistence the stored runs arrive
 * a moment after the store is created (`runs` change; {@link TaskStore.ready}).
 */
import type { EndpointConfig } from '../client/api-request.js';
import { isTerminalStatus, type ProviderName, type TaskEvent, type TaskRun } from '../providers/task-event.js';
import { globalTimers } from '../util/environment.js';
import { applyBatch } from './apply-batch.js';
import { convergeKnown, deriveFromLog } from './converge-run.js';
import { createCredentialStore } from './credentials.js';
import { SeenEvents } from './dedupe.js';
import { openPersistence } from './open-persistence.js';
import { mergeRead, PersistedLogs } from './persisted-logs.js';
import type { Warn } from './persistence.js';
import { redactRequest } from './redact.js';
import { createStoreRequests } from './store-requests.js';
import { sharingFor } from './tab-sharing.js';
import { byNewest } from './run-list-load.js';
import { RunListSync, type RunListState } from './run-list-sync.js';
import { LazyRunSession, type WatchedSession } from './lazy-session.js';
import type { RunConnectionSnapshot } from './run-session.js';
import type { StoreChange, StoreListener, TaskStore, TaskStoreOptions } from './store-types.js';
import { createWatchRegistry, storedStop } from './watch-registry.js';

export type { StoreChange, StoreListener, TaskStore, TaskStoreOptions, EndpointSource } from './store-types.js';

/** Creates a store. Usually obtained through {@link getTaskStore} so elements can share it by name. */
export function createTaskStore(options: TaskStoreOptions = {}): TaskStore {
  const name = options.name ?? 'default';
  const timers = options.timers ?? globalTimers;
  const now = options.now ?? Date.now;
  const warn: Warn = options.warn ?? ((message) => console.warn(message));
  const { persistence, channel } = openPersistence(options.persistence, name, warn);

  // The run list (newest first) and the selection; run-list-sync.ts loads and saves them.
  const state: RunListState = { runs: [], selectedId: undefined };
  // Events in memory, per run whose stored log was read (persisted-logs.ts reads them on first use).
  const events = new Map<string, TaskEvent[]>();
  // Exactly-once: which events each run already has (dedupe.ts states the invariant).
  const seen = new SeenEvents((runId) => events.get(runId));
  const connections = new Map<string, RunConnectionSnapshot>();
  const listeners = new Set<StoreListener>();
  let disposed = false;
  const credentials = createCredentialStore(name, options.keyPersistence ?? 'memory');
  const watches = createWatchRegistry((runId, endpoint) => openConnection(runId, endpoint), storedStop(() => store));

  function emit(change: StoreChange): void {
    for (const listener of [...listeners]) {
      try { listener(change); } catch (error) { warn(`task-elements: a store listener threw: ${error instanceof Error ? error.message : String(error)}`); }
    }
  }

  const logs = new PersistedLogs(persistence, {
    runs: () => state.runs,
    preview(runId, tail) {
      if (!store.getRun(runId)) return;
      events.set(runId, tail);
      emit({ type: 'events', runId, events: tail });
    },
    loaded(runId, stored, waiting, shown) {
      if (!store.getRun(runId)) return;
      const { list, older } = mergeRead(stored, events.get(runId) ?? [], shown);
      events.set(runId, list);
      seen.forget(runId);
      // The older part of a log whose latest events were shown goes before them.
      if (older.length) emit(shown.length ? { type: 'events', runId, events: older, at: 'start' } : { type: 'events', runId, events: older });
      const run = store.getRun(runId)!;
      learned(deriveFromLog(run, stored), run); // a record behind its log (another tab's stale write)
      for (const batch of waiting) ingest(runId, batch.events, batch.persist);
    },
    written(report) {
      // Logs removed to make room: the runs and their events in memory stay; the runs are marked.
      for (const id of report.evicted) {
        const run = store.getRun(id);
        if (run && !run.eventsEvicted) replaceRun({ ...run, eventsEvicted: true }, run);
      }
    },
    remote: (message) => sync.onRemote(message),
  }, channel);
  const sync = new RunListSync({
    state, persistence, logs, timers, saveDelayMs: options.saveDelayMs ?? 250, emit, forget,
    ingestStored: (runId, stored) => ingest(runId, stored, false),
    converge: (records) => convergeKnown(state.runs, records, learned),
  });
  if (state.selectedId !== undefined) void logs.ensure(state.selectedId);

  /** Lists a run. `created` here: its log starts read and empty; else its stored log is read on first use. */
  function listRun(added: TaskRun, created: boolean): void {
    sync.finishLoad();
    // Secrets in the create body (MCP headers, webhook tokens) are never kept (redact.ts).
    const run = added.request === undefined ? added : { ...added, request: redactRequest(added.request) };
    const known = store.getRun(run.id);
    state.runs = [run, ...state.runs.filter((r) => r.id !== run.id)].sort(byNewest);
    if (!known && created) {
      logs.markRead(run.id);
      events.set(run.id, []);
    }
    sync.changed(run.id);
    emit({ type: 'runs' });
  }

  /** Drops runs from memory (not from storage), closing their connections. */
  function forget(runIds: ReadonlySet<string>): void {
    for (const runId of runIds) {
      watches.drop(runId);
      events.delete(runId);
      seen.forget(runId);
      connections.delete(runId);
      logs.forget(runId);
    }
    state.runs = state.runs.filter((run) => !runIds.has(run.id));
  }

  /** `next`, learned from another tab's record or the stored log (converge-run.ts): a run that ended tells its session. */
  function learned(next: TaskRun, previous: TaskRun): void {
    if (next !== previous) replaceRun(next, previous);
    if (next !== previous && isTerminalStatus(next.status) && !isTerminalStatus(previous.status)) ended(next.id, false);
  }
  /** A run ended: written at once (leaving the page a moment later loses nothing); learned from another tab (its log, its fan-out), its session is told. */
  const ended = (runId: string, here: boolean) => (sync.flush(), here || watches.statusLearned(runId, false));

  function replaceRun(next: TaskRun, previous: TaskRun): void {
    sync.finishLoad();
    state.runs = state.runs.map((run) => (run.id === next.id ? next : run));
    sync.changed(next.id);
    emit({ type: 'run', runId: next.id, run: next, previous });
  }

  /**
   * Applies events in order, each once; `persist` false for events that are stored already (read
   * back, or another tab's): those are logged even when they change nothing here (dedupe.ts). A
   * run whose stored log is still being read gets them after it.
   */
  function ingest(runId: string, incoming: readonly TaskEvent[], persist: boolean): TaskEvent[] {
    const previous = store.getRun(runId);
    if (!previous || incoming.length === 0 || logs.hold(runId, incoming, persist)) return [];
    let list = events.get(runId);
    if (!list) events.set(runId, (list = []));
    const { run, added } = applyBatch(previous, incoming, list, seen, persist); // its final state may mark a lost log (lost-progress.ts)
    if (run !== previous) replaceRun(run, previous);
    if (added.length) {
      if (persist) logs.add(runId, added);
      sync.scheduleSave();
      emit({ type: 'events', runId, events: added });
    }
    if (isTerminalStatus(run.status) && !isTerminalStatus(previous.status)) ended(runId, persist);
    return added;
  }

  const requests = createStoreRequests({
    store: () => store, now, changedQuietly: (runId) => sync.changed(runId), reconnect: (runId) => watches.reconnect(runId),
    statusLearned: (runId) => watches.statusLearned(runId), ingest,
  });
  // One connection per run across tabs where they share a log (issue 14 §1).
  const sharing = sharingFor(options, name, channel, {
    applyRemote: (id, patch, list) => void requests.applySnapshot(id, patch, list, 'tab', false),
    persist: (id, list) => (logs.add(id, list), sync.scheduleSave()),
  });
  const store: TaskStore = {
    name,
    getRuns: () => state.runs,
    getRun: (runId) => state.runs.find((run) => run.id === runId) ?? sync.find(runId),
    ready: () => sync.ready(),
    get loaded() {
      return sync.loaded;
    },
    getEvents(runId) {
      if (!logs.isRead(runId) && store.getRun(runId)) void logs.ensure(runId); // read on first use
      return events.get(runId) ?? [];
    },
    async loadEvents(runId) {
      if (store.getRun(runId)) await logs.ensure(runId);
      return events.get(runId) ?? [];
    },
    getConnection: (runId) => connections.get(runId),
    get selectedId() {
      return state.selectedId;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    select(runId) {
      if (runId === state.selectedId) return;
      state.selectedId = runId;
      if (runId) void logs.ensure(runId);
      sync.selected();
      emit({ type: 'selection', runId });
    },
    addRun(added, initial = []) {
      listRun(added, true);
      if (initial.length) store.applyEvents(added.id, initial);
    },
    updateRun(runId, patch) {
      const previous = store.getRun(runId);
      if (!previous) return;
      const next = { ...previous, ...patch };
      replaceRun(next, previous);
      if (next.status !== previous.status && isTerminalStatus(next.status)) sync.flush();
    },
    applyEvents: (runId, incoming) => ingest(runId, incoming, true),
    async restoreEvents(runId, endpoint, signal) {
      const { restoreRunEvents } = await import('./restore-events.js');
      await restoreRunEvents({ store, ensure: (id) => logs.ensure(id), ingest }, runId, endpoint, signal);
    },
    removeRun: (runId) => store.removeRuns([runId]),
    removeRuns(runIds) {
      sync.finishLoad();
      const gone = new Set(runIds);
      forget(gone);
      sync.removed(gone);
      void sync.queue(() => logs.settled().then(() => persistence.removeEvents([...gone]))); // one transaction for all
      if (state.selectedId !== undefined && gone.has(state.selectedId)) store.select(undefined);
      emit({ type: 'runs' });
    },
    clear() {
      sync.finishLoad();
      watches.dropAll();
      sync.cleared(state.runs.map((run) => run.id));
      state.runs = [];
      events.clear();
      seen.clear();
      connections.clear();
      logs.reset();
      void sync.queue(() => logs.settled().then(() => persistence.clear()));
      if (state.selectedId !== undefined) store.select(undefined);
      emit({ type: 'runs' });
    },
    watch(runId, source) {
      if (!store.getRun(runId) && !sync.loaded) {
        // The stored index is being read: the run may be in it. Watched once that is known.
        let release: (() => void) | undefined;
        let released = false;
        void sync.whenKnown(runId).then(() => (release = released || disposed ? undefined : store.watch(runId, source)));
        return () => ((released = true), release?.());
      }
      if (!store.getRun(runId)) {
        // A run known only by id (e.g. <task-stream run-id>): its status and events come from the API,
        // and from its stored log: another tab may have logged it before this one listed it.
        // Its creation time is unknown until an answer gives it: the page's time only places it.
        listRun({ id: runId, provider: source().provider, status: 'unknown', createdAt: new Date(now()).toISOString(), createdAtUnknown: true }, false);
      }
      return watches.watch(runId, source);
    },
    reconnect: (runId) => watches.reconnect(runId),
    stop: (runId) => watches.stop(runId),
    ...requests.requests,
    flush: () => sync.flush(),
    // Writes wait for the stored index to be read (async index): settled waits for those too.
    settled: () => sync.ready().then(() => Promise.all([sync.settled(), logs.settled()])).then(() => logs.settled()),
    reload: () => sync.reload(),
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
      sync.dispose();
      listeners.clear();
      void Promise.all([sync.settled(), logs.settled()]).then(() => {
        logs.close();
        persistence.close();
      });
    },
  };

  function openConnection(runId: string, endpoint: (provider?: ProviderName) => EndpointConfig): WatchedSession | undefined {
    if (disposed) return undefined;
    const setConnection = (snapshot: RunConnectionSnapshot) => (connections.set(runId, snapshot), emit({ type: 'connection', runId, connection: snapshot }));
    const tuning = options.connection;
    return new LazyRunSession(runId, { store, endpoint, applySnapshot: requests.applySnapshot, setConnection, timers, now, tuning, sharing: sharing(runId) });
  }

  return store;
}
