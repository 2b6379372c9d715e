/**
 * Picks a store's persistence from its `persistence` option (issue 10 §1):
 * - `'local'` (default): the run index and the event logs in IndexedDB (its code loaded when the
 *   store is created; an index earlier versions kept in localStorage moves there once), changes
 *   announced to other tabs on a BroadcastChannel. Where IndexedDB is missing (Node, some privacy
 *   modes) the index stays in localStorage and the logs in memory; where that is missing too, both
 *   in memory.
 * - `'memory'`: both in memory, nothing shared (tests, hosts that want no persistence).
 * - a Web Storage-like object: the run index there (read at once, synchronously), the event logs
 *   as for `'local'`.
 * - `{ index, log }`: both given (tests); `channel: true` to announce changes to other tabs.
 */
import { createMemoryEventLog, type EventLog } from './event-log.js';
import { createLazyIdb, createLazyIdbEventLog, hasIndexedDb } from './lazy-event-log.js';
import { browserLocalStorage, createMemoryStorage } from './memory-storage.js';
import { createPersistence, type Persistence } from './persistence.js';
import { KEY_PREFIX, type StorageLike, type Warn } from './run-index.js';

/** Where a store keeps its runs and events. */
export type PersistenceOption = 'local' | 'memory' | StorageLike | { index: StorageLike; log: EventLog; channel?: boolean };

/** The persistence of store `name`, and the BroadcastChannel name it announces changes on, if any. */
export function openPersistence(option: PersistenceOption | undefined, name: string, warn: Warn): { persistence: Persistence; channel?: string } {
  const channel = `${KEY_PREFIX}:${name}`;
  if (option === 'memory') return { persistence: createPersistence(createMemoryStorage(), createMemoryEventLog(), name, warn) };
  if (option && typeof option === 'object' && 'log' in option) {
    return { persistence: createPersistence(option.index, option.log, name, warn), channel: option.channel ? channel : undefined };
  }
  const index = option && typeof option === 'object' ? option : (browserLocalStorage() ?? createMemoryStorage());
  if (!hasIndexedDb()) return { persistence: createPersistence(index, createMemoryEventLog(), name, warn) };
  if (option && typeof option === 'object') return { persistence: createPersistence(index, createLazyIdbEventLog(), name, warn), channel };
  const idb = createLazyIdb();
  return { persistence: createPersistence(index, idb.log, name, warn, idb.storedRuns), channel };
}
