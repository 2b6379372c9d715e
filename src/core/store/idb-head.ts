/**
 * The part of the IndexedDB run index that runs when a store is created (issue 17), in the bundle's
 * shared chunk: opening the database (`task-elements`, layout in idb-database.ts) and reading the
 * newest runs and the selection, so that this I/O runs while the page renders its elements, before
 * the IndexedDB code (`idb`, idb-database.ts, idb-stored-runs.ts) has even arrived. A history's first
 * rows then need only the elements' own render, not the chunk's download and start, then the open,
 * then the read (measured: first items 30–50 ms sooner at 10,000 runs; `npm run bench`).
 *
 * It is plain IndexedDB, one open request and one read-only transaction, because `idb` lives in the
 * lazily loaded chunk; idb-database.ts wraps the connection opened here, so there is one way the
 * database is opened and upgraded. Sources: W3C Indexed Database API 3.0 (§4.1 open, §4.8 cursors).
 */
import type { RunCursor, RunRecordsHead } from './run-records.js';

/** The database name and version this version of the library writes. */
export const IDB_NAME = 'task-elements';
export const IDB_VERSION = 2;

/** Runs read first: more than a history shows at once. */
export const HEAD_RUNS = 30;

/**
 * Creates what is missing of the database's layout (idb-database.ts): by what is missing, not by the
 * old version number, so a database someone opened without a version (version 1, empty) gets every
 * store too.
 */
export function upgradeTaskDb(database: IDBDatabase): void {
  const has = (store: string) => database.objectStoreNames.contains(store);
  if (!has('batches')) database.createObjectStore('batches', { autoIncrement: true }).createIndex('by-run', ['store', 'run']);
  if (!has('quarantine')) database.createObjectStore('quarantine', { autoIncrement: true });
  if (!has('runs')) database.createObjectStore('runs', { keyPath: ['store', 'id'] }).createIndex('by-created', ['store', 'createdAt', 'id']);
  if (!has('meta')) database.createObjectStore('meta', { keyPath: 'store' });
}

/**
 * Opens database `name` now (`existing`: only if it exists). A newer version asking for the database closes this connection at once
 * (idb-database.ts then opens again on its next use). Rejects when it cannot be opened: a newer
 * version's database (`VersionError`), IndexedDB refused by privacy settings.
 */
export function openTaskDb(name = IDB_NAME, existing = false): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, IDB_VERSION);
    // `existing`: a database that does not exist is not created (the upgrade is aborted: AbortError).
    request.onupgradeneeded = (event) => (existing && !event.oldVersion ? request.transaction!.abort() : upgradeTaskDb(request.result));
    request.onsuccess = () => {
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(request.error ?? new DOMException('The database could not be opened.', 'UnknownError'));
  });
}

/** `IDBIndex.getAllRecords` where it exists (not yet in TypeScript's DOM types). */
type GetAllRecords = (options: { query: IDBKeyRange; count: number; direction: IDBCursorDirection }) => IDBRequest<{ value: unknown }[]>;

/** Every key of `store` in `by-created`: arrays sort after strings, so `[store, []]` is above them all. */
export const storeRange = (store: string) => IDBKeyRange.bound([store], [store, []]);

/** The index key of a raw record read back (its own `createdAt` and `id`). */
export const cursorOf = (record: { createdAt?: unknown; id?: unknown }): RunCursor => [String(record.createdAt), String(record.id)];

/**
 * The newest `count` run records of `store` (newest first), its selection record, and the selected
 * run's record when it is not among them, in one read-only transaction of `db`.
 */
export function readHead(db: IDBDatabase, store: string, count: number): Promise<RunRecordsHead> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['runs', 'meta']);
    const records: { id?: unknown; createdAt?: unknown }[] = [];
    let meta: { selectedId?: unknown } | undefined;
    let selected: unknown;
    const metaRead = tx.objectStore('meta').get(store);
    metaRead.onsuccess = () => {
      meta = metaRead.result as typeof meta;
      if (typeof meta?.selectedId !== 'string') return;
      const selectedRead = tx.objectStore('runs').get([store, meta.selectedId]);
      selectedRead.onsuccess = () => (selected = selectedRead.result);
    };
    const index = tx.objectStore('runs').index('by-created') as IDBIndex & { getAllRecords?: GetAllRecords };
    if (index.getAllRecords) {
      // One request (Indexed Database API 3.0 draft `getAllRecords`, Chromium 141+), not a cursor step per run.
      const newest = index.getAllRecords({ query: storeRange(store), count, direction: 'prev' });
      newest.onsuccess = () => records.push(...newest.result.map((record) => record.value as (typeof records)[number]));
    } else {
      const newest = index.openCursor(storeRange(store), 'prev');
      newest.onsuccess = () => {
        const cursor = newest.result;
        if (!cursor || records.length >= count) return;
        records.push(cursor.value as (typeof records)[number]);
        if (records.length < count) cursor.continue();
      };
    }
    tx.oncomplete = () => {
      const oldest = records.at(-1);
      const listed = records.some((record) => record.id === meta?.selectedId);
      resolve({ records, meta, selected: listed ? undefined : selected, last: oldest && cursorOf(oldest) });
    };
    tx.onabort = () => reject(tx.error ?? new DOMException('The read was aborted.', 'AbortError'));
  });
}
