/**
 * The default event log: IndexedDB through `idb` (issue 10 §1). One database per origin,
 * `task-elements`, version 1:
 * - `batches` (auto-increment keys): `{store, run, events}`, one record per appended batch, with
 *   the index `by-run` on `[store, run]`, so a run's log reads back in append order with one
 *   `getAll` and is removed with one key range;
 * - `quarantine` (auto-increment keys): records that failed validation, kept for inspection.
 * API keys never come here (credentials.ts). A database opened at a newer version by a newer
 * library in another tab is left alone: opening fails, and the store keeps its logs in memory.
 *
 * This module (and `idb`) is loaded on first use (lazy-event-log.ts): a page that never reads or
 * writes an event log does not download it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TaskEvent } from '../providers/task-event.js';
import type { EventLog, QuarantineEntry } from './event-log.js';

/** The database name and version this version of the library writes. */
export const IDB_NAME = 'task-elements';
export const IDB_VERSION = 1;

interface LogSchema extends DBSchema {
  batches: { key: number; value: { store: string; run: string; events: unknown }; indexes: { 'by-run': [string, string] } };
  quarantine: { key: number; value: QuarantineEntry & { store: string } };
}

/** Opens (lazily, once) the shared database; rejects when it cannot be opened. */
export function createIdbEventLog(name = IDB_NAME): EventLog {
  let opened: Promise<IDBPDatabase<LogSchema>> | undefined;
  const db = () =>
    (opened ??= openDB<LogSchema>(name, IDB_VERSION, {
      upgrade(database) {
        const batches = database.createObjectStore('batches', { autoIncrement: true });
        batches.createIndex('by-run', ['store', 'run']);
        database.createObjectStore('quarantine', { autoIncrement: true });
      },
      blocking(_current, _blocked, event) {
        // A newer version wants the database: let it have it; the next call opens again.
        (event.target as IDBDatabase).close();
        opened = undefined;
      },
      terminated() {
        opened = undefined;
      },
    }));
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
      const tx = (await db()).transaction('batches', 'readwrite');
      const index = tx.store.index('by-run');
      for (const run of runIds) {
        for (const key of await index.getAllKeys(IDBKeyRange.only([store, run]))) void tx.store.delete(key);
      }
      await tx.done;
    },
    async clear(store) {
      const tx = (await db()).transaction('batches', 'readwrite');
      for (const key of await tx.store.index('by-run').getAllKeys(storeRange(store))) void tx.store.delete(key);
      await tx.done;
    },
    async quarantine(store, entries) {
      const tx = (await db()).transaction('quarantine', 'readwrite');
      for (const entry of entries) void tx.store.add({ ...entry, store });
      await tx.done;
    },
    close() {
      void opened?.then((database) => database.close(), () => {});
      opened = undefined;
    },
  };
}
