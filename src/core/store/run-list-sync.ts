/**
 * A store's run list and selection against storage (issues 10 and 17): saving what changed, and
 * folding in what other tabs of the origin saved; loading at start is run-list-load.ts's. The store
 * owns the list ({@link RunListState}); this file decides when it is written and merged, and reports
 * through {@link RunListHost}.
 * - `sync` index mode (`'memory'`, a Web Storage object): the whole index is written, after folding
 *   in what another tab added; the `storage` event makes the store re-read it (reload);
 * - `async` (the default, IndexedDB): writes wait for the load, then put only the runs that changed
 *   and remove the removed ones; other tabs hear of them on the store's BroadcastChannel with the
 *   runs themselves, so they need not read the index again.
 * Each tab keeps its own selection (fresh14 c3: one pick switched every tab): another tab's saved
 * pick is remembered, not followed; it is what a new tab or a reload starts with.
 */
import type { TaskEvent, TaskRun } from '../providers/task-event.js';
import type { Timers } from '../util/environment.js';
import { planStoredMerge } from './merge-stored.js';
import type { LogMessage, PersistedLogs } from './persisted-logs.js';
import type { Persistence } from './persistence.js';
import type { IndexRead } from './run-index.js';
import { byNewest, RunListLoad, type RunListState } from './run-list-load.js';
import type { RunChange } from './run-records.js';
import type { StoreChange } from './store-types.js';

export type { RunListState } from './run-list-load.js';

/** What the sync needs from the store. */
export interface RunListHost {
  readonly state: RunListState;
  readonly persistence: Persistence;
  readonly logs: PersistedLogs;
  readonly timers: Timers;
  readonly saveDelayMs: number;
  emit(change: StoreChange): void;
  /** Drops runs from memory (events, connections), not from storage. */
  forget(runIds: ReadonlySet<string>): void;
  /** Applies events read from storage (not written again). */
  ingestStored(runId: string, events: readonly TaskEvent[]): void;
  /** Known runs as another tab's records have them: what is further along there is taken (converge-run.ts). */
  converge(records: readonly TaskRun[]): void;
}

export class RunListSync {
  readonly #host: RunListHost;
  /** Ids this store removed: never brought back from storage. */
  readonly tombstones = new Set<string>();
  /** What storage held when last read or written, and whether the selection changed since. */
  #storedIds = new Set<string>();
  #storedSelection: string | undefined;
  #selectionUnsaved = false;
  /** What changed since the last write (async mode). */
  readonly #dirty = new Set<string>();
  readonly #removed = new Set<string>();
  #selectionDirty = false;
  /** Per re-read of the stored list under way: ids learned stored meanwhile, which the read may predate. */
  readonly #reads = new Set<Set<string>>();
  readonly #load: RunListLoad;
  #writing: Promise<unknown> = Promise.resolve();
  #saveTimer: unknown;
  #disposed = false;

  constructor(host: RunListHost) {
    this.#host = host;
    this.#load = new RunListLoad({
      state: host.state, persistence: host.persistence, logs: host.logs, timers: host.timers, tombstones: this.tombstones,
      emit: host.emit,
      stored: (ids, replace, selection) => {
        if (replace) this.#storedIds = new Set(ids);
        else for (const id of ids) this.#storedIds.add(id);
        if (selection !== undefined || replace) this.#storedSelection = selection;
      },
      selectionUnsaved: () => this.#selectionUnsaved,
      done: (rewrite) => {
        if (rewrite || this.#dirty.size || this.#removed.size || this.#selectionDirty) this.scheduleSave();
      },
    });
  }

  /** True once every stored run is in the list. */
  get loaded(): boolean {
    return this.#load.loaded;
  }

  /** Resolves once every stored run is in the list (`runs` emitted). */
  ready(): Promise<void> {
    return this.#load.ready();
  }

  /** Sync mode: a stored run whose turn has not come yet in a sliced load. */
  find(runId: string) {
    return this.#load.find(runId);
  }

  /** Sync mode: finishes a sliced load now (before anything changes runs). */
  finishLoad(): void {
    this.#load.finishLoad();
  }

  /** Resolves once run `runId` is listed or every stored run is (run-list-load.ts). */
  whenKnown(runId: string): Promise<void> {
    return this.#load.whenKnown(runId);
  }

  // ---- changes and writes ------------------------------------------------------------------

  /** A run was added or changed: saved at the next write. */
  changed(runId: string): void {
    this.#dirty.add(runId);
    this.#removed.delete(runId);
    this.tombstones.delete(runId);
    this.scheduleSave();
  }

  /** Runs were removed: removed from storage at the next write. */
  removed(runIds: ReadonlySet<string>): void {
    for (const id of runIds) {
      this.#dirty.delete(id);
      this.#removed.add(id);
      this.tombstones.add(id);
    }
    this.scheduleSave();
  }

  /** The selection changed. */
  selected(): void {
    this.#selectionDirty = this.#selectionUnsaved = true;
    this.scheduleSave();
  }

  /** Every run was removed (the store clears storage itself, after pending writes). */
  cleared(runIds: Iterable<string>): void {
    for (const id of runIds) this.tombstones.add(id);
    this.#load.discard();
    this.#dirty.clear();
    this.#removed.clear();
    this.#selectionDirty = false;
    this.#storedIds = new Set();
    this.#storedSelection = undefined;
  }

  scheduleSave(): void {
    if (this.#saveTimer !== undefined || this.#disposed) return;
    this.#saveTimer = this.#host.timers.setTimeout(() => this.flush(), this.#host.saveDelayMs);
  }

  /** Runs `task` after every index write queued so far (clearing storage goes through here too). */
  queue(task: () => Promise<unknown>): Promise<void> {
    const next = this.#writing.then(task, task);
    this.#writing = next.catch(() => {});
    return next.then(() => {}, () => {});
  }

  /** Resolves when every index write queued so far is done. */
  settled(): Promise<unknown> {
    return this.#writing;
  }

  /** Writes pending changes now (async mode: once the index is loaded). */
  flush(): void {
    this.finishLoad();
    if (this.#saveTimer !== undefined) this.#host.timers.clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    const { persistence, state, logs } = this.#host;
    if (persistence.indexMode === 'sync') {
      // Another tab may have saved runs since we last looked: keep them rather than overwrite them.
      this.absorb(persistence.readIndex('reload'), false);
      const written = persistence.writeIndex(state.runs, state.selectedId);
      if (written) {
        this.#storedIds = new Set();
        this.#saved(state.runs.map((run) => run.id));
      }
      void logs.write(written);
      return;
    }
    if (!this.#load.loaded) {
      void logs.write(false);
      void this.#load.ready().then(() => this.flush());
      return;
    }
    const byId = new Map(state.runs.map((run) => [run.id, run]));
    const change: RunChange = {
      put: [...this.#dirty].flatMap((id) => byId.get(id) ?? []),
      remove: [...this.#removed],
      selectedId: this.#selectionDirty ? (state.selectedId ?? null) : undefined,
    };
    this.#dirty.clear();
    this.#removed.clear();
    this.#selectionDirty = false;
    void logs.write(false);
    if (!change.put.length && !change.remove.length && change.selectedId === undefined) return;
    void this.queue(async () => {
      if (await persistence.writeRuns(change)) {
        for (const id of change.remove) this.#storedIds.delete(id);
        this.#saved(change.put.map((run) => run.id));
        logs.post({ index: false, events: [], runs: { put: [...change.put], remove: [...change.remove], selectedId: change.selectedId } });
      } else {
        // Kept for the next write (storage full, or a newer version's index): in memory meanwhile.
        for (const run of change.put) if (!this.#removed.has(run.id)) this.#dirty.add(run.id);
        for (const id of change.remove) if (!this.#dirty.has(id)) this.#removed.add(id);
        if (change.selectedId !== undefined) this.#selectionDirty = true;
      }
    });
  }

  #saved(ids: readonly string[]): void {
    this.#learned(ids);
    this.#storedSelection = this.#host.state.selectedId;
    this.#selectionUnsaved = false;
  }

  // ---- other tabs ---------------------------------------------------------------------------

  /** Runs known stored (written here, or there as another tab said), also to re-reads under way. */
  #learned(ids: Iterable<string>): void {
    for (const id of ids) for (const set of [this.#storedIds, ...this.#reads]) set.add(id);
  }

  /** Folds a stored run list into memory (merge-stored.ts); `full: false` only adds; `since`: runs learned stored after the read began. */
  absorb(read: IndexRead, full: boolean, since: ReadonlySet<string> = new Set()): void {
    // Unreadable or a newer version's: says nothing about what was removed (issue 10 §2).
    if (read.status === 'unreadable' || read.status === 'newer') return;
    const { state, emit, logs } = this.#host;
    const stored = since.size ? new Set([...this.#storedIds].filter((id) => !since.has(id))) : this.#storedIds;
    const plan = planStoredMerge(state.runs, read.runs, { stored, tombstones: this.tombstones, full, unreadable: read.invalidIds });
    for (const run of plan.added) this.#storedIds.add(run.id);
    for (const id of plan.removed) this.tombstones.add(id);
    if (plan.removed.length) this.#host.forget(new Set(plan.removed));
    if (state.selectedId !== undefined && plan.removed.includes(state.selectedId)) state.selectedId = undefined;
    if (plan.added.length || plan.removed.length) {
      state.runs = [...plan.added, ...state.runs.filter((run) => !plan.removed.includes(run.id))].sort(byNewest);
      emit({ type: 'runs' });
    }
    this.#host.converge(read.runs);
    for (const id of plan.grown) {
      if (logs.inUse(id)) void this.#host.persistence.loadEvents(id).then((stored) => this.#host.ingestStored(id, stored));
    }
  }

  /** Re-reads storage and folds in what other tabs changed there (TaskStore.reload). */
  reload(): void {
    if (this.#disposed) return;
    this.finishLoad();
    const { persistence } = this.#host;
    if (persistence.indexMode === 'sync') return this.#reloaded(persistence.readIndex('reload'));
    // The read spans tasks: a run written (and announced) meanwhile may be missing from it, not removed.
    const since = new Set<string>();
    this.#reads.add(since);
    void this.#load.ready().then(() => persistence.loadIndex('reload')).then((read) => this.#disposed || this.#reloaded(read, since)).finally(() => this.#reads.delete(since));
  }

  #reloaded(saved: IndexRead, since: ReadonlySet<string> = new Set()): void {
    if (saved.status === 'unreadable' || saved.status === 'newer') return; // never a reason to drop runs
    const { state, emit } = this.#host;
    const before = state.selectedId;
    this.absorb(saved, true, since);
    this.#storedIds = new Set([...saved.runs.map((run) => run.id), ...saved.invalidIds, ...since]);
    // Another tab's pick is not followed: each tab shows its own run (fresh14 c3). It is what a new tab starts with.
    this.#storedSelection = saved.selectedId;
    if (state.selectedId !== before) emit({ type: 'selection', runId: state.selectedId });
  }

  /** Another tab saved: runs it wrote are applied as they came, its new events without reading storage. */
  onRemote(message: LogMessage): void {
    if (this.#disposed) return;
    if (message.index) this.reload();
    if (message.runs) this.#applyRemote(message.runs);
    for (const [runId, list] of message.events) if (this.#host.logs.inUse(runId)) this.#host.ingestStored(runId, list);
  }

  #applyRemote(change: RunChange): void {
    const { state, emit, logs } = this.#host;
    const known = new Map(state.runs.map((run) => [run.id, run]));
    const added = change.put.filter((run) => !known.has(run.id) && !this.tombstones.has(run.id));
    const removed = new Set(change.remove.filter((id) => known.has(id)));
    this.#learned(change.put.map((run) => run.id));
    for (const id of change.remove) {
      this.#storedIds.delete(id);
      this.tombstones.add(id);
    }
    if (removed.size) this.#host.forget(removed);
    if (added.length || removed.size) {
      state.runs = [...added, ...state.runs.filter((run) => !removed.has(run.id))].sort(byNewest);
      emit({ type: 'runs' });
    }
    // A known run that changed there may have new stored events (merge-stored.ts decides the same way).
    const grown = planStoredMerge(state.runs, change.put, { stored: new Set(), tombstones: this.tombstones }).grown;
    this.#host.converge(change.put);
    for (const id of grown) if (logs.inUse(id)) void this.#host.persistence.loadEvents(id).then((stored) => this.#host.ingestStored(id, stored));
    const before = state.selectedId;
    if (state.selectedId !== undefined && removed.has(state.selectedId)) state.selectedId = undefined;
    if (change.selectedId !== undefined) this.#storedSelection = change.selectedId ?? undefined; // not followed (above)
    if (state.selectedId !== before) emit({ type: 'selection', runId: state.selectedId });
  }

  dispose(): void {
    this.#load.dispose();
    if (this.#saveTimer !== undefined) this.flush();
    this.#disposed = true;
  }
}
