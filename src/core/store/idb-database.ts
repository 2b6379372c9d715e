/**
 * The IndexedDB database every store of an origin shares (issue 10 §1, issue 17), opened through
 * `idb`: `task-elements`, version 2.
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
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TaskRun } from '../providers/task-event.js';
import type { QuarantineEntry } from './event-log.js';

/** The database name and version this version of the library writes. */
export const IDB_NAME = 'task-elements';
export const IDB_VERSION = 2;

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

/** A connection to database `name` (each store has its own: closing it leaves other stores' alone). */
export function connectTaskDb(name = IDB_NAME): TaskDbConnection {
  let opened: Promise<TaskDb> | undefined;
  return {
    db: () =>
      (opened ??= openDB<TaskDbSchema>(name, IDB_VERSION, {
        upgrade(database) {
          // By what is missing, not by the old version number: a database someone opened without a
          // version (version 1, empty) gets every store too.
          const has = (store: string) => database.objectStoreNames.contains(store as never);
          if (!has('batches')) database.createObjectStore('batches', { autoIncrement: true }).createIndex('by-run', ['store', 'run']);
          if (!has('quarantine')) database.createObjectStore('quarantine', { autoIncrement: true });
          if (!has('runs')) database.createObjectStore('runs', { keyPath: ['store', 'id'] }).createIndex('by-created', ['store', 'createdAt', 'id']);
          if (!has('meta')) database.createObjectStore('meta', { keyPath: 'store' });
        },
        blocking(_current, _blocked, event) {
          // A newer version wants the database: let it have it; the next call opens again.
          (event.target as IDBDatabase).close();
          opened = undefined;
        },
        terminated() {
          opened = undefined;
        },
      }).catch((error: unknown) => {
        opened = undefined;
        throw error;
      })),
    close() {
      void opened?.then((database) => database.close(), () => {});
      opened = undefined;
    },
  };
}
