/**
 * Cross-tab sync of the host's store: while the host is connected, listens to the window's
 * `storage` event (fired for writes made by *other* tabs of the same origin) and calls
 * `store.reload()` when a key of that store changed, or when all of storage was cleared. One save
 * writes several keys; the reload runs once per burst, in a task of its own.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { KEY_PREFIX } from '../../core/store/persistence.js';
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

export class StorageSyncController implements ReactiveController {
  #host: StorageSyncHost;
  #pending: ReturnType<typeof setTimeout> | undefined;

  constructor(host: StorageSyncHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('storage', this.#onStorage);
  }

  hostDisconnected(): void {
    window.removeEventListener('storage', this.#onStorage);
    clearTimeout(this.#pending);
    this.#pending = undefined;
  }

  #onStorage = (event: StorageEvent): void => {
    if (!isStoreKey(event.key, this.#host.taskStore.name) || this.#pending !== undefined) return;
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.#host.taskStore.reload();
    }, 0);
  };
}
