/**
 * The host's store and the page's life (issue 10 §1), while the host is connected:
 * - cross-tab: listens to the window's `storage` event (fired for writes made by *other* tabs of
 *   the same origin, including tabs of older versions without the BroadcastChannel the store uses)
 *   and calls `store.reload()` when a key of that store changed, or when all of storage was
 *   cleared. A page may hold several elements of one store: the reload runs once per burst and
 *   store, in a task of its own;
 * - leaving: on `pagehide` and when the page is hidden (`visibilitychange`), the store writes what
 *   it has not written yet (`store.flush()`), so nothing waits on the save delay when the page goes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { KEY_PREFIX } from '../../core/store/run-index.js';
import type { TaskStore } from '../../core/store/task-store.js';

export interface StorageSyncHost extends ReactiveControllerHost {
  readonly taskStore: TaskStore;
}

/** True when `key` belongs to the store named `name` (`task-elements:<name>` or below it). */
export function isStoreKey(key: string | null, name: string): boolean {
  if (key === null) return true; // storage.clear()
  const stateKey = `${KEY_PREFIX}:${name}`;
  return key === stateKey || key.startsWith(`${stateKey}:`);
}

/** Stores with a reload already scheduled (shared by every element of the page). */
const scheduled = new Set<TaskStore>();

export class StorageSyncController implements ReactiveController {
  #host: StorageSyncHost;

  constructor(host: StorageSyncHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('storage', this.#onStorage);
    window.addEventListener('pagehide', this.#onLeave);
    document.addEventListener('visibilitychange', this.#onLeave);
  }

  hostDisconnected(): void {
    window.removeEventListener('storage', this.#onStorage);
    window.removeEventListener('pagehide', this.#onLeave);
    document.removeEventListener('visibilitychange', this.#onLeave);
  }

  #onLeave = (event: Event): void => {
    if (event.type === 'pagehide' || document.visibilityState === 'hidden') this.#host.taskStore.flush();
  };

  #onStorage = (event: StorageEvent): void => {
    const store = this.#host.taskStore;
    if (!isStoreKey(event.key, store.name) || scheduled.has(store)) return;
    scheduled.add(store);
    setTimeout(() => {
      scheduled.delete(store);
      store.reload();
    }, 0);
  };
}
