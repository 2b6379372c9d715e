/**
 * The IndexedDB database every store of an origin shares (issue 10 §1, issue 17): `task-elements`,
 * version 2, opened and upgraded in idb-head.ts (as soon as a store is created) and used through `idb`.
 * - `batches` (v1, auto-increment keys): `{store, run, events}`, one record per appended batch of a
 *   run's events, index `by-run` on `[store, run]` (idb-event-log.ts);
 * - `quarantine` (v1, auto-increment keys): records that failed validation, kept for inspection;
 * - `runs` (v2, key `[store, id]`): `{store, id, createdAt, v, run}`, one record per run of the run
 *   index, index `by-created` on `[store, createdAt, id]` so the newest runs are read first and the
 *   rest in pages (idb-run-records.ts);
 * - `meta` (v2, key `store`): `{store, v, selectedId}`, the selection of each store.
 *
 * Deleting: WebKit's in-memory IndexedDB (Safari Private Browsing, WebKitGTK/WPE ephemeral
 * sessions, which is also what WebDriver automation gets) removes a deleted record from each index
 * by walking every distinct key of that index (IndexValueStore::removeEntriesWithValueKey), so
 * deleting k records of an object store whose index has n distinct keys costs k·n: clearing 10,000
 * runs one by one or as one key range took 33 s in WebKitGTK 2.50 (2,000: 0.65 s), where
 * `clear()` of the object store took 55 ms. Clearing a whole store therefore clears the object
 * store when that is cheaper (idb-run-records.ts, idb-event-log.ts); removing a few runs stays a
 * delete per record.
 * API keys never come here (credentials.ts). A database at a newer version (a newer library in
 * another tab) fails to open: the caller keeps working from memory.
 *
 * Loaded on first use with `idb` (lazy-event-log.ts): the elements' own chunks do not include it.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { TaskRun } from '../providers/task-event.js';
import type { QuarantineEntry } from './event-log.js';
import { IDB_NAME, openTaskDb } from './idb-head.js';

export { IDB_NAME, IDB_VERSION } from './idb-head.js';

/** A run of the run index as stored: `run` is checked when read (stored-schema.ts). */
export interface RunRecord {
  store: string;
  id: string;
  createdAt: string;
  /** The record format; a higher one is a newer library's, left alone. */
  v: number;
  run: TaskRun;
}

/** The selection of one store. */
export interface MetaRecord {
  store: string;
  v: number;
  selectedId?: string;
}

export interface TaskDbSchema extends DBSchema {
  batches: { key: number; value: { store: string; run: string; events: unknown }; indexes: { 'by-run': [string, string] } };
  quarantine: { key: number; value: QuarantineEntry & { store: string } };
  runs: { key: [string, string]; value: RunRecord; indexes: { 'by-created': [string, string, string] } };
  meta: { key: string; value: MetaRecord };
}

export type TaskDb = IDBPDatabase<TaskDbSchema>;

/** One connection to database `name`, opened on first use and again after it was closed for a newer version. */
export interface TaskDbConnection {
  db(): Promise<TaskDb>;
  close(): void;
}

/**
 * A connection to database `name` (each store has its own: closing it leaves other stores' alone).
 * `early`: the database this store started opening when it was created (idb-head.ts), used first.
 */
export function connectTaskDb(name = IDB_NAME, early?: Promise<IDBDatabase>): TaskDbConnection {
  let opened: Promise<TaskDb> | undefined;
  let first = early;
  return {
    db() {
      if (opened) return opened;
      const raw = first ?? openTaskDb(name); // opened and upgraded in idb-head.ts, then wrapped by `idb`
      first = undefined;
      return (opened = raw.then(
        (database) => {
          // A newer version wants the database: let it have it; the next call opens again.
          database.onversionchange = () => {
            database.close();
            opened = undefined;
          };
          database.onclose = () => (opened = undefined); // closed by the browser (storage cleared)
          return wrap(database) as TaskDb;
        },
        (error: unknown) => {
          opened = undefined;
          throw error;
        },
      ));
    },
    close() {
      first?.then((database) => database.close(), () => {});
      first = undefined;
      void opened?.then((database) => database.close(), () => {});
      opened = undefined;
    },
  };
}
