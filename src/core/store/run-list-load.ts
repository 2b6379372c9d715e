/**
 * Loading a store's stored run list at start (issue 17), in the index mode of its persistence:
 * - `sync` (`'memory'`, a Web Storage object): read while the store is created; a long history is
 *   checked a slice at a time (the newest runs at once, the rest in later tasks); anything that
 *   changes runs first finishes the load ({@link RunListLoad.finishLoad}), and {@link RunListLoad.find}
 *   finds a stored run whose turn has not come;
 * - `async` (the default, IndexedDB): the store starts with no runs; the newest runs and the
 *   selection arrive first (`runs`, `selection` changes), every run a few pages later (`runs`). Runs
 *   added, changed or removed meanwhile win over what was stored; a run watched by id meanwhile is
 *   watched once it is listed, or once the load found it is not stored ({@link RunListLoad.whenKnown}).
 */
import type { TaskRun } from '../providers/task-event.js';
import type { Timers } from '../util/environment.js';
import type { PersistedLogs } from './persisted-logs.js';
import type { Persistence } from './persistence.js';
import type { IndexLoad, IndexRead } from './run-index.js';
import type { StoreChange } from './store-types.js';

/** Milliseconds of stored-run checking per task while a long Web Storage history loads. */
const INDEX_SLICE_MS = 8;
/** Stored runs checked at once whatever the time: a Web Storage history this short loads in one go. */
const INDEX_SYNC_RUNS = 500;
/**
 * At most this many stored runs checked per task, however fast the machine: a slice is bounded by
 * work as well as by time, so a long history always loads over several tasks (on a fast machine
 * 10,000 runs were once all checked within the first 8 ms, and the load was not sliced at all).
 */
const INDEX_SLICE_RUNS = 2_000;

/** The store's run list and selection, which the load fills in. */
export interface RunListState {
  runs: TaskRun[];
  selectedId: string | undefined;
}

/** What the load needs from the store and from run-list-sync.ts. */
export interface LoadHost {
  readonly state: RunListState;
  readonly persistence: Persistence;
  readonly logs: PersistedLogs;
  readonly timers: Timers;
  /** Ids this store removed: not brought back. */
  readonly tombstones: ReadonlySet<string>;
  emit(change: StoreChange): void;
  /** What storage held: `replace` (sync mode) or add to the ids known to be stored; the stored selection. */
  stored(ids: Iterable<string>, replace: boolean, selection?: string): void;
  /** True while this store picked a run it has not saved. */
  selectionUnsaved(): boolean;
  /** Every stored run is listed; `rewrite`: records were set aside, write the index back. */
  done(rewrite: boolean): void;
}

export const byNewest = (a: TaskRun, b: TaskRun) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0); // ISO times: code-unit order, no collator

export class RunListLoad {
  readonly #host: LoadHost;
  /** Sync mode: the index being checked a slice at a time. */
  #indexLoad: IndexLoad | undefined;
  #loadTimer: unknown;
  #loaded = false;
  readonly #ready: Promise<void>;
  #readyNow: () => void = () => {};
  /** Waiting for a run id to be listed, or for the load to end (whenKnown). */
  readonly #waiting = new Map<string, (() => void)[]>();
  /** Every run was removed while the index loaded: what is still being read is gone too. */
  #discarded = false;
  #disposed = false;

  constructor(host: LoadHost) {
    this.#host = host;
    const { state, persistence } = host;
    if (persistence.indexMode === 'async') {
      this.#ready = persistence.loadIndex('startup', (head) => this.#onHead(head)).then((read) => this.#onLoaded(read));
      return;
    }
    const load = persistence.beginIndex();
    load.step(performance.now() + INDEX_SLICE_MS, INDEX_SYNC_RUNS, INDEX_SLICE_RUNS);
    state.runs = [...load.read.runs];
    // A selection whose run was not kept (set aside as unreadable) selects nothing.
    const selected = load.read.selectedId;
    state.selectedId = selected !== undefined && load.find(selected) ? selected : undefined;
    host.stored(state.runs.map((run) => run.id), true, state.selectedId);
    this.#loaded = true;
    this.#ready = new Promise((resolve) => (this.#readyNow = resolve));
    if (load.done) {
      this.#readyNow();
      if (load.read.quarantined) host.done(true); // writes the index back without what was set aside
    } else {
      this.#indexLoad = load;
      this.#loadTimer = host.timers.setTimeout(this.#loadSlice, 0);
    }
  }

  /** True once every stored run is in the list. */
  get loaded(): boolean {
    return this.#loaded && !this.#indexLoad;
  }

  /** Resolves once every stored run is in the list (`runs` emitted). */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Sync mode: a stored run whose turn has not come yet in a sliced load. */
  find(runId: string): TaskRun | undefined {
    return this.#indexLoad?.find(runId);
  }

  #loadSlice = (): void => {
    this.#loadTimer = undefined;
    if (!this.#indexLoad || this.#disposed) return;
    if (this.#indexLoad.step(performance.now() + INDEX_SLICE_MS, 0, INDEX_SLICE_RUNS)) this.finishLoad();
    else this.#loadTimer = this.#host.timers.setTimeout(this.#loadSlice, 0);
  };

  /** Sync mode: checks what is left of the stored index now, and lists every run. */
  finishLoad(): void {
    const load = this.#indexLoad;
    if (!load) return;
    const read = load.finish();
    this.#indexLoad = undefined;
    if (this.#loadTimer !== undefined) this.#host.timers.clearTimeout(this.#loadTimer);
    this.#host.state.runs = [...read.runs];
    this.#host.stored(read.runs.map((run) => run.id), true);
    if (read.quarantined) this.#host.done(true);
    this.#readyNow();
    this.#host.emit({ type: 'runs' });
  }

  /** Async mode: the newest stored runs and the selection. */
  #onHead(head: IndexRead): void {
    if (this.#disposed || head.status !== 'ok') return;
    this.#merge(head.runs);
    const { state } = this.#host;
    const selected = head.selectedId;
    if (selected !== undefined && !this.#host.selectionUnsaved() && state.selectedId === undefined && state.runs.some((run) => run.id === selected)) {
      state.selectedId = selected;
      this.#host.stored([], false, selected);
      void this.#host.logs.ensure(selected);
      this.#host.emit({ type: 'selection', runId: selected });
    }
  }

  /** Async mode: every stored run. */
  #onLoaded(read: IndexRead): void {
    if (this.#disposed) return;
    const emitted = read.status === 'ok' && this.#merge(read.runs);
    if (read.status === 'ok') this.#host.stored([...read.runs.map((run) => run.id), ...read.invalidIds], false);
    this.#loaded = true;
    this.#host.done(false);
    if (!emitted) this.#host.emit({ type: 'runs' }); // `loaded` changed
    for (const resolve of [...this.#waiting.values()].flat()) resolve();
    this.#waiting.clear();
  }

  /** Adds stored runs this store neither knows nor removed. True when it emitted `runs`. */
  #merge(stored: readonly TaskRun[]): boolean {
    const { state } = this.#host;
    const known = new Set(state.runs.map((run) => run.id));
    const added = this.#discarded ? [] : stored.filter((run) => !known.has(run.id) && !this.#host.tombstones.has(run.id));
    if (!added.length) return false;
    state.runs = [...state.runs, ...added].sort(byNewest);
    this.#host.emit({ type: 'runs' });
    for (const run of added) {
      this.#waiting.get(run.id)?.forEach((resolve) => resolve());
      this.#waiting.delete(run.id);
    }
    return true;
  }

  /**
   * Resolves once run `runId` is listed or the load is over (it is then not stored): a run watched
   * by id is not taken for a new one while the stored index is read.
   */
  whenKnown(runId: string): Promise<void> {
    if (this.loaded || this.#host.state.runs.some((run) => run.id === runId)) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.set(runId, [...(this.#waiting.get(runId) ?? []), resolve]));
  }

  /** Every run was removed (the store was cleared): stored runs still being read are not listed. */
  discard(): void {
    this.#discarded = true;
  }

  dispose(): void {
    if (this.#loadTimer !== undefined) this.#host.timers.clearTimeout(this.#loadTimer);
    this.#disposed = true;
  }
}
