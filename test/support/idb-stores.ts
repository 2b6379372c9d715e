/**
 * Stores on the default persistence (the run index and event logs in the browser's real
 * IndexedDB), each under a name of its own, cleared and disposed after every test with what they
 * left in localStorage. For the storage tests of test/core/store.
 */
import { createTaskStore, type TaskStore } from '../../src/core/store/task-store.js';
import { KEY_PREFIX } from '../../src/core/store/persistence.js';

/** The localStorage key of a store's index (and the prefix of its other keys). */
const indexKey = (name: string): string => `${KEY_PREFIX}:${name}`;

/**
 * Registers the clean-up of the stores it opens (call at the top level of a test file) and returns:
 * `uniqueName()` a store name no other test uses (`prefix-…`); `open(name, warnings)` a store on the
 * default persistence that saves only when flushed (a 60 s save delay), its warnings pushed to `warnings`.
 */
function useIdbStores(prefix: string): { uniqueName(): string; open(name: string, warnings?: string[]): TaskStore } {
  let n = 0;
  const opened = clearedAfterEach();
  let names: string[] = [];
  afterEach(() => {
    for (const name of names) for (const key of Object.keys(localStorage)) if (key.startsWith(indexKey(name))) localStorage.removeItem(key);
    names = [];
  });
  return {
    uniqueName() {
      const name = `${prefix}-${Date.now().toString(36)}-${++n}`;
      names.push(name);
      return name;
    },
    open(name, warnings = []) {
      const store = createTaskStore({ name, warn: (m) => warnings.push(m), saveDelayMs: 60_000 });
      opened.push(store);
      return store;
    },
  };
}

/**
 * Registers (at the top level of a test file) that the stores pushed to the returned list are
 * cleared, written and disposed after every test, so no test sees another's runs or logs.
 */
function clearedAfterEach(): TaskStore[] {
  const opened: TaskStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) {
      store.clear();
      await store.settled();
      store.dispose();
    }
  });
  return opened;
}

export { clearedAfterEach, indexKey, useIdbStores };
