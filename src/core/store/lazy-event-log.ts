/**
 * An {@link EventLog} whose implementation is imported on first use. The IndexedDB log and `idb`
 * are then a chunk of their own in the script-tag bundle, downloaded when a page first reads or
 * writes an event log (a stored run is shown, or a run gets events), not with the elements.
 * A failed import (offline, a missing chunk) rejects that call, as a refused write would, and the
 * next call tries the import again.
 */
import type { EventLog } from './event-log.js';
import type { StoredRunsFactory } from './persistence.js';
import type { IndexRead } from './run-index.js';
import type { StoredRuns } from './run-records.js';
import { HEAD_RUNS, IDB_NAME, openTaskDb, readHead } from './idb-head.js';
import { checkHead, type CheckedHead } from './stored-head.js';
import { takeTaskDbEarly } from './idb-early.js';

export { hasIndexedDb } from './idb-early.js';

/** Wraps `load` (called at most once at a time) so every method waits for the log it resolves to. */
export function createLazyEventLog(load: () => Promise<EventLog>): EventLog {
  let loading: Promise<EventLog> | undefined;
  const log = (): Promise<EventLog> =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return {
    append: async (store, batches) => (await log()).append(store, batches),
    keys: async (store, runId) => (await log()).keys(store, runId),
    get: async (store, keys) => (await log()).get(store, keys),
    rewrite: async (store, key, events) => (await log()).rewrite(store, key, events),
    remove: async (store, runIds) => (await log()).remove(store, runIds),
    clear: async (store) => (await log()).clear(store),
    quarantine: async (store, entries) => (await log()).quarantine(store, entries),
    close() {
      void loading?.then((opened) => opened.close(), () => {});
    },
  };
}

/**
 * The IndexedDB event log and run index (idb-event-log.ts, idb-stored-runs.ts) over one connection,
 * imported on first use: a store with the default persistence starts the import when it is created,
 * to read its run index. A failed import reads as an unreadable index (with a warning) and refuses
 * writes; the next call tries again.
 *
 * Meanwhile, the database is opened and the run index's newest runs read and checked with the code
 * already on the page (idb-head.ts, stored-head.ts), and given to the store as soon as they are: a
 * history's first rows wait neither for the chunk nor for an open started after it (issue 17). Not
 * when an index earlier versions kept in localStorage is to be moved into the database first.
 */
export function createLazyIdb(): { log: EventLog; storedRuns: StoredRunsFactory } {
  type IdbModule = typeof import('./idb-event-log.js');
  let loading: Promise<IdbModule> | undefined;
  let connection: ReturnType<IdbModule['connectTaskDb']> | undefined;
  // The connection the loader started opening (idb-early.ts), else one opened now.
  const spare = takeTaskDbEarly();
  const early = spare ? spare.then((db) => db ?? openTaskDb()) : openTaskDb();
  early.catch(() => {}); // a failure is the connection's to report, at its first use
  const open = async () => {
    const module = await (loading ??= import('./idb-event-log.js').catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
    return { module, connection: (connection ??= module.connectTaskDb(IDB_NAME, early)) };
  };
  const lazyLog = createLazyEventLog(() => open().then(({ module, connection }) => module.createIdbEventLog(connection)));
  // Closing the store closes the database opened at its creation too, even if the chunk never came.
  const log: EventLog = { ...lazyLog, close: () => (lazyLog.close(), void early.then((db) => db.close(), () => {})) };
  const storedRuns: StoredRunsFactory = (legacy, eventLog, name, warn) => {
    let runs: Promise<StoredRuns> | undefined;
    let head: Promise<CheckedHead | undefined> | undefined = legacy.getItem(legacy.stateKey) === null
      ? early.then((db) => readHead(db, name, HEAD_RUNS)).then(checkHead, () => undefined)
      : undefined;
    const get = () =>
      (runs ??= open().then(({ module, connection }) => module.createStoredRuns(module.createIdbRunRecords(connection), legacy, eventLog, name, warn)).catch((error: unknown) => {
        runs = undefined;
        throw error;
      }));
    const unavailable = (error: unknown) =>
      warn(`task-elements: the history of "${name}" could not be read (${error instanceof Error ? error.name : 'error'}); this page keeps its runs in memory.`);
    return {
      load: (mode, onHead) => {
        // The head read at creation serves the first load only; it is listed as soon as it is checked.
        const first = mode === 'startup' ? head?.then((checked) => {
          if (checked?.status === 'ok') onHead?.({ status: 'ok', runs: checked.runs, selectedId: checked.selectedId, invalidIds: [] });
          return checked;
        }) : undefined;
        head = undefined;
        return get().then((stored) => stored.load(mode, onHead, first), (error): IndexRead => {
          unavailable(error);
          return { status: 'unreadable', runs: [], invalidIds: [] };
        });
      },
      write: (change) => get().then((stored) => stored.write(change), (error) => {
        unavailable(error);
        return false;
      }),
      clear: () => get().then((stored) => stored.clear()),
      close() {
        void runs?.then((stored) => stored.close(), () => {});
      },
    };
  };
  return { log, storedRuns };
}

/** The IndexedDB event log alone (idb-event-log.ts), imported on first use. */
export function createLazyIdbEventLog(): EventLog {
  return createLazyEventLog(() => import('./idb-event-log.js').then((module) => module.createIdbEventLog()));
}
