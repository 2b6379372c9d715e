/**
 * Web Storage stand-ins: a Map-backed storage with an optional quota (tests, hosts that want no
 * persistence), and the page's localStorage where it can be used.
 */
import type { StorageLike } from './run-index.js';

/** A Map-backed storage with an optional quota (bytes of UTF-16 keys + values, like browsers count). */
export function createMemoryStorage(options: { quota?: number } = {}): StorageLike {
  const map = new Map<string, string>();
  const size = () => [...map].reduce((total, [k, v]) => total + (k.length + v.length) * 2, 0);
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem(key, value) {
      const previous = map.get(key);
      map.set(key, String(value));
      if (options.quota !== undefined && size() > options.quota) {
        if (previous === undefined) map.delete(key);
        else map.set(key, previous);
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
    },
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
}

/** The page's localStorage, or undefined where there is none or it is blocked (privacy modes, workers). */
export function browserLocalStorage(): StorageLike | undefined {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    return storage ?? undefined;
  } catch {
    return undefined;
  }
}
