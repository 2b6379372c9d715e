/**
 * Fresh, isolated stores for element tests: an in-memory store registered under a unique name,
 * with fast reconnects, so tests never share state or touch localStorage.
 */
import { createTaskStore, type TaskStoreOptions, type TaskStore } from '../../src/core/store/task-store.js';
import { registerTaskStore } from '../../src/core/store/registry.js';

let n = 0;

export function freshStore(options: Omit<TaskStoreOptions, 'name'> = {}): TaskStore {
  const store = createTaskStore({
    persistence: 'memory',
    connection: { retry: { initialDelayMs: 5, maxDelayMs: 40, minDelayMs: 5 }, statusPollMs: 0 },
    ...options,
    name: `test-${Date.now().toString(36)}-${++n}`,
  });
  registerTaskStore(store);
  return store;
}
