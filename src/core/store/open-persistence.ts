/**
 * Picks a store's persistence from its `persistence` option (issue 10 §1):
 * - `'local'` (default): the run index in localStorage, the event logs in IndexedDB (its code
 *   loaded on first use), changes announced to other tabs on a BroadcastChannel. Where IndexedDB is missing (Node, some privacy
 *   modes) the logs stay in memory; where localStorage is, the index does.
 * - `'memory'`: both in memory, nothing shared (tests, hosts that want no persistence).
 * - a Web Storage-like object: the run index there, the event logs as for `'local'`.
 * - `{ index, log }`: both given (tests); `channel: true` to announce changes to other tabs.
 */
import { createMemoryEventLog, type EventLog } from './event-log.js';
import { createLazyIdbEventLog, hasIndexedDb } from './lazy-event-log.js';
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
  const idb = hasIndexedDb();
  const log = idb ? createLazyIdbEventLog() : createMemoryEventLog();
  return { persistence: createPersistence(index, log, name, warn), channel: idb ? channel : undefined };
}
