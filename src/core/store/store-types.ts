/**
 * The public types of the store: its options, the changes it reports, and the {@link TaskStore}
 * interface itself (implemented in task-store.ts).
 */
import type { EndpointConfig } from '../client/api-request.js';
import type { TaskElementsError } from '../errors.js';
import type { ProviderName, TaskEvent, TaskRun, TaskRunPatch } from '../providers/task-event.js';
import type { Timers } from '../util/environment.js';
import type { PersistenceOption } from './open-persistence.js';
import type { TabCoordinator } from '../tabs/tab-coordinator.js';
import type { Warn } from './persistence.js';
import type { ConnectionTuning, RunConnectionSnapshot } from './run-session-types.js';

/** A change subscribers are told about. */
export type StoreChange =
  | { type: 'runs' }
  | { type: 'run'; runId: string; run: TaskRun; previous: TaskRun }
  /**
   * Events were added to a run's list, at its end; with `at: 'start'`, before the events reported
   * so far (the older part of a stored log, read after its latest events were shown): read
   * `getEvents()` again.
   */
  | { type: 'events'; runId: string; events: readonly TaskEvent[]; at?: 'start' }
  | { type: 'connection'; runId: string; connection: RunConnectionSnapshot }
  | { type: 'selection'; runId: string | undefined }
  | { type: 'credentials'; provider: ProviderName }
  | { type: 'error'; runId?: string; error: TaskElementsError };

/** Called synchronously with every {@link StoreChange}; a listener that throws is reported and skipped. */
export type StoreListener = (change: StoreChange) => void;

/** Options of {@link createTaskStore}. */
export interface TaskStoreOptions {
  /** Name used for the storage keys. @default 'default' */
  name?: string;
  /**
   * Where runs and events are kept (open-persistence.ts): `local` (run index in localStorage,
   * event logs in IndexedDB), `memory`, a Web Storage-like object for the index, or
   * `{ index, log }`. @default 'local'
   */
  persistence?: PersistenceOption;
  /** Where warnings go (corrupt or full storage). @default console.warn */
  warn?: Warn;
  /** Delay that coalesces writes to storage, in ms. @default 250 */
  saveDelayMs?: number;
  timers?: Timers;
  now?: () => number;
  /** Reconnect and polling settings passed to every run connection. */
  connection?: ConnectionTuning;
  /**
   * One live connection per run across the tabs of the origin (issue 14 §1): `auto` elects one
   * tab per run with the Web Locks API and fans its events out over BroadcastChannel (where
   * either is missing, every tab connects on its own); `none`: every tab connects on its own; or a
   * {@link TabCoordinator} (tests, other platforms).
   * @default 'auto' with the default `local` persistence, 'none' with `memory`
   */
  shareConnections?: 'auto' | 'none' | TabCoordinator;
  /**
   * The connection budget: run streams open at once across the tabs of the origin (browsers
   * allow six HTTP/1.1 connections per origin for every tab together). The run a page shows (its
   * selection) comes first; watched runs beyond the budget wait, their status polled every 10 s.
   * Applies where tabs share connections (`shareConnections`). @default 4
   */
  maxStreams?: number;
  /** Timing of the sharing: the owner's beat and the silence after which another tab takes over, in ms. @default { beatMs: 500, takeoverMs: 2000 } */
  tabTuning?: { beatMs?: number; takeoverMs?: number; queuedPollMs?: number };
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

/**
 * A store of runs (store-types.ts documents each member; implemented in task-store.ts): runs newest
 * first, each run's events in order and exactly once, the selection, one live connection per watched
 * run, persistence. Reads are synchronous snapshots; changes reach `subscribe()` listeners.
 */
export interface TaskStore {
  readonly name: string;
  /**
   * Runs, newest first. The array is replaced on every change. With the default persistence the
   * stored runs are read from IndexedDB after the store is created: the newest first, then the rest
   * (each a `runs` change); see {@link ready}.
   */
  getRuns(): readonly TaskRun[];
  /**
   * Resolves once every stored run is in {@link getRuns} (at once, or after a few tasks, for a
   * Web Storage or memory index; after the IndexedDB index is read for the default persistence).
   */
  ready(): Promise<void>;
  /** True once every stored run is in {@link getRuns} (what {@link ready} waits for). */
  readonly loaded: boolean;
  getRun(runId: string): TaskRun | undefined;
  /**
   * A run's events in order, each once. Do not mutate. A run loaded from storage has its events
   * read on first use: until then this is empty, and an `events` change follows.
   */
  getEvents(runId: string): readonly TaskEvent[];
  /** Resolves with a run's events once its stored log is read. */
  loadEvents(runId: string): Promise<readonly TaskEvent[]>;
  /**
   * Loads the events of a run whose stored log was removed to save space (`eventsEvicted`) again
   * from the API: Parallel replays the run's trace, Shannon lists its persisted events. Rejects
   * with the API's error.
   */
  restoreEvents(runId: string, endpoint: EndpointConfig, signal?: AbortSignal): Promise<void>;
  /** The run's live connection and lifecycle phase, while watched (or since it was). */
  getConnection(runId: string): RunConnectionSnapshot | undefined;
  readonly selectedId: string | undefined;
  subscribe(listener: StoreListener): () => void;
  select(runId: string | undefined): void;
  /** Adds (or replaces) a run, newest first. */
  addRun(run: TaskRun, events?: readonly TaskEvent[]): void;
  updateRun(runId: string, patch: TaskRunPatch): void;
  /** Applies events in order; returns those that were new. */
  applyEvents(runId: string, events: readonly TaskEvent[]): TaskEvent[];
  removeRun(runId: string): void;
  /** Removes several runs at once (their events and connections too): one change, however many. */
  removeRuns(runIds: readonly string[]): void;
  clear(): void;
  /** Creates a run through the API, adds it and selects it. Rejects with the API's error. */
  submit<P>(params: P, endpoint: EndpointConfig, signal?: AbortSignal): Promise<TaskRun>;
  /** Keeps a live connection to the run while at least one watcher holds it. Returns the release. */
  watch(runId: string, endpoint: EndpointSource): () => void;
  /** Reconnects now (also after stop() or a failure). */
  reconnect(runId: string): void;
  /**
   * Closes the run's connection and keeps the run; no reconnect until reconnect(), also when its
   * views are removed and added again or a new view watches it.
   */
  stop(runId: string): void;
  /**
   * Configuration (`apiKey`, `auth-mode`, `proxy-url`, `provider`) changed: every watched run that
   * waits for configuration, or failed because of it, tries again at once.
   */
  configChanged(): void;
  /** Asks the API to cancel the run. Rejects where the provider cannot cancel. */
  cancel(runId: string, endpoint: EndpointConfig): Promise<void>;
  /**
   * Asks the API to pause the run (Shannon); the stream then reports `pausing` and `paused`.
   * Rejects where the provider cannot, or with the API's error.
   */
  pause(runId: string, endpoint: EndpointConfig): Promise<void>;
  /** Asks the API to resume a paused run (Shannon) and follows it again. Rejects like {@link pause}. */
  resume(runId: string, endpoint: EndpointConfig): Promise<void>;
  /** Fetches the run's status once and applies it. */
  refreshStatus(runId: string, endpoint: EndpointConfig, signal?: AbortSignal): Promise<void>;
  /**
   * Writes pending changes now: the run index (at once to Web Storage; to IndexedDB asynchronously,
   * once the stored index is read) and new events to the log; {@link settled} resolves when written.
   */
  flush(): void;
  /** Resolves when every write to the run index and the event log started so far is done. */
  settled(): Promise<void>;
  /**
   * Re-reads storage and folds in what other tabs changed there: runs added or removed, new events
   * of known runs (another tab's selection is not followed: each tab keeps its own; a removed
   * selected run clears it). Emits the usual `runs`, `run`, `events` and `selection`
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
