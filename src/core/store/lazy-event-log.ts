/**
 * An {@link EventLog} whose implementation is imported on first use. The IndexedDB log and `idb`
 * are then a chunk of their own in the script-tag bundle, downloaded when a page first reads or
 * writes an event log (a stored run is shown, or a run gets events), not with the elements.
 * A failed import (offline, a missing chunk) rejects that call, as a refused write would, and the
 * next call tries the import again.
 */
import type { EventLog } from './event-log.js';

/** True where IndexedDB exists (browsers, workers; not Node). */
export function hasIndexedDb(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && indexedDB !== null;
  } catch {
    return false; // blocked by privacy settings
  }
}

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

/** The IndexedDB event log (idb-event-log.ts), imported on first use. */
export function createLazyIdbEventLog(): EventLog {
  return createLazyEventLog(() => import('./idb-event-log.js').then((module) => module.createIdbEventLog()));
}
