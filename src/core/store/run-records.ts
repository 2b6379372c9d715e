/**
 * Where the run index lives by default (issue 17): one database record per run, read newest first.
 * The store asks for the newest runs and the selection first (what a page paints), then for the
 * older runs a page at a time, each page one short task; writes put only the runs that changed and
 * remove the ones deleted, so saving one run's new status does not rewrite a 10,000-run history.
 * Records come back raw (`unknown`): persistence checks each one (stored-schema.ts).
 *
 * Implementation: IndexedDB (idb-run-records.ts). A store whose `persistence` option is `'memory'`
 * or a Web Storage object keeps the synchronous index of run-index.ts instead.
 */
import type { TaskRun } from '../providers/task-event.js';
import type { IndexRead } from './run-index.js';
import type { CheckedHead } from './stored-head.js';

/** The position of a run in the index: its `[createdAt, id]`. */
export type RunCursor = readonly [createdAt: string, id: string];

/** What is read first: the newest runs and the selection. */
export interface RunRecordsHead {
  /** Raw records, newest first: `{store, id, createdAt, v, run}`. */
  records: unknown[];
  /** The stored selection record (`{store, v, selectedId}`), raw, or undefined. */
  meta: unknown;
  /** The selected run's raw record, when it is not among `records`. */
  selected: unknown;
  /** The oldest run of `records`, where {@link RunRecords.older} continues; undefined when none. */
  last?: RunCursor;
}

/** What a store's run index needs from its database. */
export interface RunRecords {
  /** The newest `count` records of `store`, its selection, and the selected run's record. */
  head(store: string, count: number): Promise<RunRecordsHead>;
  /**
   * Up to `count` records older than `before` and newer than `after` (oldest first; `after`
   * undefined: from the oldest), and the cursor of the last one when the page was full.
   */
  page(store: string, before: RunCursor, after: RunCursor | undefined, count: number): Promise<{ records: unknown[]; next?: RunCursor }>;
  /** In one transaction: puts `put` (each merged with the record stored for it, so a stale copy never moves a stored run back: idb-run-records.ts), removes `remove` (ids), sets the selection when `selectedId` is given (null: none). */
  write(store: string, change: RunChange): Promise<void>;
  /** Removes every run and the selection of `store`. */
  clear(store: string): Promise<void>;
  close(): void;
}

/** What changed in a store's run index since it was last written. */
export interface RunChange {
  put: readonly TaskRun[];
  remove: readonly string[];
  /** The new selection (null: none); undefined: unchanged. */
  selectedId?: string | null;
}

/** Version of the run records this library writes; a higher one is a newer library's, left alone. */
export const RUN_RECORD_VERSION = 1;

/** One store's run index in a database, checked and migrated (idb-stored-runs.ts). Nothing rejects. */
export interface StoredRuns {
  /**
   * Reads the index newest first: `onHead` gets the newest runs and the selection, the promise every
   * run. `startup` first moves a localStorage index into the database (once) and sets failing
   * records aside; `reload` only reports them (`invalidIds`). Unreadable: an empty `unreadable` read.
   * `early`: the head read and checked when the store was created (lazy-event-log.ts), which the
   * caller gave to its `onHead` itself; when it resolves undefined (not read), the head is read here.
   */
  load(mode: 'startup' | 'reload', onHead?: (read: IndexRead) => void, early?: Promise<CheckedHead | undefined>): Promise<IndexRead>;
  /** Writes what changed; false (after a warning) when refused or a newer version owns the index. */
  write(change: RunChange): Promise<boolean>;
  clear(): Promise<void>;
  close(): void;
}
