/**
 * Binds an element to the named store of its `store` attribute: subscribes while connected,
 * unsubscribes when disconnected. A change of the store name is followed where it happens — the
 * host calls {@link StoreController.follow} from `willUpdate` when `store` changed — never as a
 * side effect of reading {@link StoreController.store}, which is a pure lookup (shapes-to-improve
 * item 7: Lit runs `willUpdate` before controllers' `hostUpdate`, so a getter that re-attached
 * made correctness depend on who happened to read it first).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StoreChange, TaskStore } from '../../core/store/task-store.js';
import { getTaskStore } from '../../core/store/registry.js';

export interface StoreHost extends ReactiveControllerHost {
  readonly isConnected: boolean;
  /** The store name (the `store` attribute). */
  store: string;
  /** Called for every change of the subscribed store, synchronously. */
  onStoreChange(change: StoreChange): void;
}

export class StoreController implements ReactiveController {
  #host: StoreHost;
  /** The store subscribed to while connected. */
  #attached: TaskStore | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: StoreHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The store the `store` attribute names now (`default` when empty). No side effects beyond the registry lookup. */
  get store(): TaskStore {
    const name = this.#host.store || 'default';
    return this.#attached?.name === name ? this.#attached : getTaskStore(name);
  }

  hostConnected(): void {
    this.#attach();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#attached = undefined;
  }

  /** Follows a changed `store` attribute: moves the subscription to the named store (while connected). */
  follow(): void {
    if (this.#host.isConnected && this.#attached?.name !== (this.#host.store || 'default')) this.#attach();
  }

  #attach(): void {
    this.#unsubscribe?.();
    this.#attached = getTaskStore(this.#host.store || 'default');
    const host = this.#host;
    this.#unsubscribe = this.#attached.subscribe((change) => host.onStoreChange(change));
  }
}
