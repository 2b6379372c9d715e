/**
 * Named stores shared by elements: every element with `store="x"` gets the same store, created on
 * first use. The default name is `default`.
 */
import { createTaskStore, type TaskStore, type TaskStoreOptions } from './task-store.js';

const stores = new Map<string, TaskStore>();

/** The store named `name`, created with `options` the first time it is asked for. */
export function getTaskStore(name = 'default', options: Omit<TaskStoreOptions, 'name'> = {}): TaskStore {
  let store = stores.get(name);
  if (!store) {
    store = createTaskStore({ ...options, name });
    stores.set(name, store);
  }
  return store;
}

/** Registers a store under its name (e.g. one created with custom options) before elements ask for it. */
export function registerTaskStore(store: TaskStore): void {
  stores.set(store.name, store);
}

/** Disposes and forgets a named store (tests, or a page that tears down its widgets). */
export function releaseTaskStore(name: string): void {
  stores.get(name)?.dispose();
  stores.delete(name);
}
