/**
 * The default event log: IndexedDB through `idb` (issue 10 §1), in the database of idb-database.ts:
 * `batches` holds one record per appended batch `{store, run, events}`, with the index `by-run` on
 * `[store, run]`, so a run's log reads back in append order and is removed with one key range;
 * `quarantine` holds records that failed validation. A database opened at a newer version by a
 * newer library in another tab is left alone: opening fails, and the store keeps its logs in memory.
 *
 * This module (and `idb`) is loaded on first use (lazy-event-log.ts): a page that never reads
 * stored data does not download it.
 */
import type { TaskEvent } from '../providers/task-event.js';
import type { EventLog } from './event-log.js';
import { deleteMany } from './idb-bulk-delete.js';
import { connectTaskDb, type TaskDbConnection } from './idb-database.js';

export { IDB_NAME, IDB_VERSION, connectTaskDb } from './idb-database.js';
export { createIdbRunRecords } from './idb-run-records.js';
export { createStoredRuns } from './idb-stored-runs.js';

/** The event logs in the database `connection` opens (its own connection by default). */
export function createIdbEventLog(connection: TaskDbConnection = connectTaskDb()): EventLog {
  const db = () => connection.db();
  const storeRange = (store: string) => IDBKeyRange.bound([store], [store, []]);

  return {
    async append(store, entries) {
      const tx = (await db()).transaction('batches', 'readwrite');
      for (const [run, events] of entries) if (events.length) void tx.store.add({ store, run, events: events as TaskEvent[] });
      await tx.done;
    },
    async keys(store, runId) {
      return (await db()).getAllKeysFromIndex('batches', 'by-run', IDBKeyRange.only([store, runId]));
    },
    async get(store, keys) {
      const tx = (await db()).transaction('batches');
      const values = await Promise.all(keys.map((key) => tx.store.get(key)));
      return values.flatMap((value, i) => (value && value.store === store ? [{ key: keys[i]!, events: value.events }] : []));
    },
    async rewrite(store, key, events) {
      const tx = (await db()).transaction('batches', 'readwrite');
      const batch = await tx.store.get(key);
      if (batch && batch.store === store) {
        if (events.length) await tx.store.put({ ...batch, events: events as TaskEvent[] }, key);
        else await tx.store.delete(key);
      }
      await tx.done;
    },
    async remove(store, runIds) {
      // One transaction for every run's batches, deleted or rebuilt without them (idb-bulk-delete.ts).
      const tx = (await db()).transaction('batches', 'readwrite');
      const index = tx.store.index('by-run');
      const keys = await Promise.all(runIds.map((run) => index.getAllKeys(IDBKeyRange.only([store, run]))));
      await deleteMany(tx.store, keys.flat(), true);
      await tx.done;
    },
    async clear(store) {
      // The only store with logs here: the object store is cleared, not each batch deleted, which
      // WebKit's in-memory IndexedDB does in time proportional to the runs with a log (idb-database.ts,
      // "Deleting"). Other stores' logs are never rewritten to clear this one: they can be large.
      const tx = (await db()).transaction('batches', 'readwrite');
      const index = tx.store.index('by-run');
      const [mine, all] = await Promise.all([index.count(storeRange(store)), tx.store.count()]);
      if (mine === all) await tx.store.clear();
      else for (const key of await index.getAllKeys(storeRange(store))) void tx.store.delete(key);
      await tx.done;
    },
    async quarantine(store, entries) {
      const tx = (await db()).transaction('quarantine', 'readwrite');
      for (const entry of entries) void tx.store.add({ ...entry, store });
      await tx.done;
    },
    close: () => connection.close(),
  };
}
