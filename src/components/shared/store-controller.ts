/**
 * Binds an element to the named store of its `store` attribute: subscribes while connected,
 * unsubscribes when disconnected, and follows a change of the store name.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StoreChange, TaskStore } from '../../core/store/task-store.js';
import { getTaskStore } from '../../core/store/registry.js';

export interface StoreHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  /** The store name (the `store` attribute). */
  store: string;
  /** Called for every change of the store, synchronously. */
  onStoreChange(change: StoreChange): void;
  /** Called when the controller switches to another store (also the first time). */
  onStoreAttached?(store: TaskStore): void;
}

export class StoreController implements ReactiveController {
  #host: StoreHost;
  #store: TaskStore | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: StoreHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The current store (resolved on first use). */
  get store(): TaskStore {
    if (!this.#store || this.#store.name !== this.#host.store) this.#attach();
    return this.#store!;
  }

  hostConnected(): void {
    this.#attach();
  }

  hostUpdate(): void {
    if (this.#unsubscribe && this.#store?.name !== this.#host.store) this.#attach();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #attach(): void {
    this.#unsubscribe?.();
    this.#store = getTaskStore(this.#host.store || 'default');
    this.#unsubscribe = this.#host.isConnected ? this.#store.subscribe((change) => this.#host.onStoreChange(change)) : undefined;
    this.#host.onStoreAttached?.(this.#store);
  }
}
