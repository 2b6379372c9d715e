/**
 * The streaming store: runs keyed by id (newest first), each run's events in order and exactly
 * once, the selection, and one live connection per run however many views watch it.
 *
 * It is synchronous and framework-free: views `subscribe()` to fine-grained changes and read
 * snapshots (`getRuns()`, `getEvents()`); network work is delegated to one {@link RunSession} per
 * watched run, whose lifecycle run-lifecycle.ts decides.
 */
import type { EndpointConfig } from '../client/api-request.js';
import { isTerminalStatus, type ProviderName, type TaskEvent, type TaskRun, type TaskRunPatch } from '../providers/task-event.js';
import { globalTimers } from '../util/environment.js';
import { applyEvent } from './apply-event.js';
import { createCredentialStore } from './credentials.js';
import { SeenEvents, statusEventId } from './dedupe.js';
import { planStoredMerge } from './merge-stored.js';
import { openPersistence } from './open-persistence.js';
import { PersistedLogs, type LogMessage } from './persisted-logs.js';
import type { Warn } from './persistence.js';
import type { IndexLoad, IndexRead } from './run-index.js';
import { redactRequest } from './redact.js';
import { LazyRunSession, type WatchedSession } from './lazy-session.js';
import type { RunConnectionSnapshot } from './run-session.js';
import type { StoreChange, StoreListener, TaskStore, TaskStoreOptions } from './store-types.js';
import { createWatchRegistry } from './watch-registry.js';

export type { StoreChange, StoreListener, TaskStore, TaskStoreOptions, EndpointSource } from './store-types.js';

/**
 * The API calls, the session code and the providers load with the first request (lazy-session.ts):
 * a page that only shows stored runs does not download them.
 */
const apiActions = () => import('./api-actions.js');
/** Milliseconds of stored-run checking per task while a long history loads. */
const INDEX_SLICE_MS = 8;
/** Stored runs checked at once whatever the time: a history this short loads in one go. */
const INDEX_SYNC_RUNS = 500;

/** Creates a store. Usually obtained through {@link getTaskStore} so elements can share it by name. */
export function createTaskStore(options: TaskStoreOptions = {}): TaskStore {
  const name = options.name ?? 'default';
  const timers = options.timers ?? globalTimers;
  const now = options.now ?? Date.now;
  const warn: Warn = options.warn ?? ((message) => console.warn(message));
  const { persistence, channel } = openPersistence(options.persistence, name, warn);

  // A long history is checked a slice at a time (issue 17): the newest runs are there at once, the
  // rest follow in later tasks; anything that changes runs or reads the stored index again first
  // finishes the load (finishLoad), and getRun() finds a run whose turn has not come yet.
  let indexLoad: IndexLoad | undefined = persistence.beginIndex();
  indexLoad.step(performance.now() + INDEX_SLICE_MS, INDEX_SYNC_RUNS);
  const loaded = indexLoad.read;
  let runs: TaskRun[] = [...loaded.runs];
  // A selection whose run was not kept (set aside as unreadable) selects nothing.
  let selectedId = loaded.selectedId !== undefined && indexLoad.find(loaded.selectedId) ? loaded.selectedId : undefined;
  let loadTimer: unknown;
  // Events in memory, per run whose stored log was read (persisted-logs.ts reads them on first use).
  const events = new Map<string, TaskEvent[]>();
  // Cross-tab bookkeeping (reload, merge-stored.ts): what storage held when last read or written,
  // whether the selection changed since, and which runs this store removed.
  let storedIds = new Set(runs.map((run) => run.id));
  let storedSelection = selectedId;
  let selectionUnsaved = false;
  const tombstones = new Set<string>();
  // Exactly-once: which events each run already has (dedupe.ts states the invariant).
  const seen = new SeenEvents((runId) => events.get(runId));
  const connections = new Map<string, RunConnectionSnapshot>();
  const listeners = new Set<StoreListener>();
  let saveTimer: unknown;
  let disposed = false;
  const credentials = createCredentialStore(name, options.keyPersistence ?? 'memory');
  const watches = createWatchRegistry((runId, endpoint) => openConnection(runId, endpoint));

  function emit(change: StoreChange): void {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        warn(`task-elements: a store listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  const logs = new PersistedLogs(persistence, {
    runs: () => runs,
    preview(runId, tail) {
      if (!store.getRun(runId)) return;
      events.set(runId, tail);
      emit({ type: 'events', runId, events: tail });
    },
    loaded(runId, stored, waiting, shown) {
      if (!store.getRun(runId)) return;
      const ids = new Set(stored.map((e) => e.id));
      const mine = (events.get(runId) ?? []).filter((e) => !ids.has(e.id));
      events.set(runId, [...stored, ...mine]);
      seen.forget(runId);
      // The older part of a log whose latest events were shown goes before them.
      const shownIds = new Set(shown.map((e) => e.id));
      const older = shown.length ? stored.filter((e) => !shownIds.has(e.id)) : stored;
      if (older.length) emit(shown.length ? { type: 'events', runId, events: older, at: 'start' } : { type: 'events', runId, events: older });
      for (const batch of waiting) ingest(runId, batch.events, batch.persist);
    },
    written(report) {
      // Logs removed to make room: the runs and their events in memory stay; the runs are marked.
      for (const id of report.evicted) {
        const run = store.getRun(id);
        if (run && !run.eventsEvicted) replaceRun({ ...run, eventsEvicted: true }, run);
      }
    },
    remote: (message: LogMessage) => onRemote(message),
  }, channel);
  if (selectedId !== undefined) void logs.ensure(selectedId);
  if (indexLoad.done) {
    indexLoad = undefined;
    if (loaded.quarantined) scheduleSave(); // writes the index back without what was set aside
  } else loadTimer = timers.setTimeout(loadSlice, 0);

  function loadSlice(): void {
    loadTimer = undefined;
    if (!indexLoad || disposed) return;
    if (indexLoad.step(performance.now() + INDEX_SLICE_MS)) finishLoad();
    else loadTimer = timers.setTimeout(loadSlice, 0);
  }

  /** Checks what is left of the stored index now, and lists every run. */
  function finishLoad(): void {
    if (!indexLoad) return;
    const read = indexLoad.finish();
    indexLoad = undefined;
    if (loadTimer !== undefined) timers.clearTimeout(loadTimer);
    runs = [...read.runs];
    storedIds = new Set(runs.map((run) => run.id));
    if (read.quarantined) scheduleSave();
    emit({ type: 'runs' });
  }

  function scheduleSave(): void {
    if (saveTimer !== undefined || disposed) return;
    saveTimer = timers.setTimeout(flush, options.saveDelayMs ?? 250);
  }

  function flush(): void {
    finishLoad();
    if (saveTimer !== undefined) timers.clearTimeout(saveTimer);
    saveTimer = undefined;
    // Another tab may have saved runs since we last looked: keep them rather than overwrite them.
    absorb(persistence.readIndex('reload'), false);
    const written = persistence.writeIndex(runs, selectedId);
    if (written) {
      storedIds = new Set(runs.map((run) => run.id));
      storedSelection = selectedId;
      selectionUnsaved = false;
    }
    void logs.write(written);
  }

  /** Another tab saved: its index is re-read, its new events applied without reading storage. */
  function onRemote(message: LogMessage): void {
    if (disposed) return;
    if (message.index) store.reload();
    for (const [runId, list] of message.events) if (logs.isRead(runId)) ingest(runId, list, false);
  }

  /** Drops runs from memory (not from storage), closing their connections. */
  function forget(runIds: ReadonlySet<string>): void {
    for (const runId of runIds) {
      watches.drop(runId);
      events.delete(runId);
      seen.forget(runId);
      connections.delete(runId);
      logs.forget(runId);
      tombstones.add(runId);
    }
    runs = runs.filter((run) => !runIds.has(run.id));
  }

  /** Folds a stored run list into memory (see merge-stored.ts); `full: false` only adds runs. */
  function absorb(read: IndexRead, full: boolean): void {
    // Unreadable or a newer version's: says nothing about what was removed (issue 10 §2).
    if (read.status === 'unreadable' || read.status === 'newer') return;
    const plan = planStoredMerge(runs, read.runs, { stored: storedIds, tombstones, full, unreadable: read.invalidIds });
    for (const run of plan.added) storedIds.add(run.id);
    if (plan.removed.length) forget(new Set(plan.removed));
    if (selectedId !== undefined && plan.removed.includes(selectedId)) selectedId = undefined;
    if (plan.added.length || plan.removed.length) {
      runs = [...plan.added, ...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      emit({ type: 'runs' });
    }
    for (const id of plan.grown) {
      if (logs.isRead(id)) void persistence.loadEvents(id).then((stored) => ingest(id, stored, false));
    }
  }

  function replaceRun(next: TaskRun, previous: TaskRun): void {
    finishLoad();
    runs = runs.map((run) => (run.id === next.id ? next : run));
    scheduleSave();
    emit({ type: 'run', runId: next.id, run: next, previous });
  }

  /**
   * Applies events in order, each once; `persist` false for events that are stored already (read
   * back, or another tab's). A run whose stored log is still being read gets them after it.
   */
  function ingest(runId: string, incoming: readonly TaskEvent[], persist: boolean): TaskEvent[] {
    const previous = store.getRun(runId);
    if (!previous || incoming.length === 0 || logs.hold(runId, incoming, persist)) return [];
    let list = events.get(runId);
    if (!list) events.set(runId, (list = []));
    let run = previous;
    const added: TaskEvent[] = [];
    for (const event of incoming) {
      if (seen.has(runId, event)) continue;
      const result = applyEvent(run, event);
      seen.record(runId, event, result.log);
      run = result.run;
      if (result.log) {
        list.push(event);
        added.push(event);
      }
    }
    if (run !== previous) replaceRun(run, previous);
    if (added.length) {
      if (persist) logs.add(runId, added);
      scheduleSave();
      emit({ type: 'events', runId, events: added });
    }
    // A run that just finished is written at once: leaving the page a moment later loses nothing.
    if (isTerminalStatus(run.status) && !isTerminalStatus(previous.status)) flush();
    return added;
  }

  const store: TaskStore = {
    name,
    getRuns: () => runs,
    getRun: (runId) => runs.find((run) => run.id === runId) ?? indexLoad?.find(runId),
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
      if (runId) void logs.ensure(runId);
      scheduleSave();
      emit({ type: 'selection', runId });
    },
    addRun(added, initial = []) {
      finishLoad();
      // Secrets in the create body (MCP headers, webhook tokens) are never kept (redact.ts).
      const run = added.request === undefined ? added : { ...added, request: redactRequest(added.request) };
      const known = store.getRun(run.id);
      runs = [run, ...runs.filter((r) => r.id !== run.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      if (!known) {
        logs.markRead(run.id);
        events.set(run.id, []);
      }
      tombstones.delete(run.id);
      scheduleSave();
      emit({ type: 'runs' });
      if (initial.length) store.applyEvents(run.id, initial);
    },
    updateRun(runId, patch) {
      const previous = store.getRun(runId);
      if (!previous) return;
      const next = { ...previous, ...patch };
      replaceRun(next, previous);
      if (next.status !== previous.status && isTerminalStatus(next.status)) flush();
    },
    applyEvents: (runId, incoming) => ingest(runId, incoming, true),
    async restoreEvents(runId, endpoint, signal) {
      const run = store.getRun(runId);
      if (!run) return;
      const { fetchRunEvents } = await import('./restore-events.js');
      const fetched = await fetchRunEvents(run, endpoint, signal);
      if (signal?.aborted || !store.getRun(runId)) return;
      await logs.ensure(runId);
      ingest(runId, fetched, true);
      const current = store.getRun(runId);
      if (current?.eventsEvicted) store.updateRun(runId, { eventsEvicted: false });
    },
    removeRun: (runId) => store.removeRuns([runId]),
    removeRuns(runIds) {
      finishLoad();
      const gone = new Set(runIds);
      forget(gone);
      void logs.settled().then(() => Promise.all([...gone].map((runId) => persistence.removeEvents(runId))));
      if (selectedId !== undefined && gone.has(selectedId)) store.select(undefined);
      scheduleSave();
      emit({ type: 'runs' });
    },
    clear() {
      finishLoad();
      watches.dropAll();
      runs.forEach((run) => tombstones.add(run.id));
      runs = [];
      events.clear();
      seen.clear();
      connections.clear();
      logs.reset();
      void logs.settled().then(() => persistence.clear());
      storedIds = new Set();
      storedSelection = undefined;
      if (selectedId !== undefined) store.select(undefined);
      emit({ type: 'runs' });
    },
    async submit(params, endpoint, signal) {
      const { createRun } = await apiActions();
      const run = await createRun(params, endpoint, new Date(now()).toISOString(), signal);
      store.addRun(run, [{ kind: 'status', id: statusEventId(run.status), status: run.status, apiStatus: run.apiStatus ?? run.status, source: 'create' }]);
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
      await (await apiActions()).requestCancel(runId, endpoint);
      if (store.getRun(runId)?.status !== 'cancelled') {
        store.applyEvents(runId, [{ kind: 'status', id: statusEventId('cancelling', 'requested'), status: 'cancelling', apiStatus: 'cancel requested', source: 'cancel' }]);
      }
    },
    pause: async (runId, endpoint) => (await apiActions()).requestControl(runId, endpoint, 'pause'),
    async resume(runId, endpoint) {
      await (await apiActions()).requestControl(runId, endpoint, 'resume');
      watches.reconnect(runId);
    },
    async refreshStatus(runId, endpoint, signal) {
      const snapshot = await (await apiActions()).fetchStatus(runId, endpoint, signal);
      if (signal?.aborted) return; // the caller no longer wants it
      applySnapshot(runId, snapshot.patch, snapshot.events, 'status');
      watches.statusLearned(runId); // a session waiting or failed may end now
    },
    flush,
    settled: () => logs.settled(),
    reload() {
      if (disposed) return;
      finishLoad();
      const saved = persistence.readIndex('reload');
      if (saved.status === 'unreadable' || saved.status === 'newer') return; // never a reason to drop runs
      const before = selectedId;
      absorb(saved, true);
      storedIds = new Set([...saved.runs.map((run) => run.id), ...saved.invalidIds]);
      if (saved.selectedId !== storedSelection) {
        // Another tab picked a run: follow it, unless this tab picked one it has not saved yet.
        storedSelection = saved.selectedId;
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
      if (loadTimer !== undefined) timers.clearTimeout(loadTimer);
      watches.dropAll();
      if (saveTimer !== undefined) flush();
      listeners.clear();
      void logs.settled().then(() => {
        logs.close();
        persistence.close();
      });
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
      scheduleSave();
    }
    if (Object.entries(fields).some(([key, value]) => JSON.stringify(run[key as keyof TaskRun]) !== JSON.stringify(value))) store.updateRun(runId, fields);
    const timestamp = patch.updatedAt ?? new Date(now()).toISOString(); // a learned status is stamped when learned
    const statusEvents: TaskEvent[] = status ? [{ kind: 'status', id: statusEventId(status), status, apiStatus: apiStatus ?? status, source, timestamp }] : [];
    return store.applyEvents(runId, [...statusEvents, ...extra]);
  }

  function openConnection(runId: string, endpoint: (provider?: ProviderName) => EndpointConfig): WatchedSession | undefined {
    if (disposed) return undefined;
    const connection = new LazyRunSession(runId, {
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
