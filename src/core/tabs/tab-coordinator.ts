/**
 * What the cross-tab connection sharing needs from the platform (issue 14 §1), as an interface so
 * core stays free of browser globals: an exclusive lock per name, held by one tab of the origin at
 * a time (the Web Locks API in browsers, web-locks.ts), and a message channel per name that
 * reaches every other tab of the origin (BroadcastChannel). Tests pass an in-memory one.
 */

/** A lock this tab holds until it calls `release()` or `lost` aborts (another tab stole it, or the platform dropped it). */
export interface TabLease {
  /** Aborts when the lock is no longer held for any reason other than `release()`. */
  readonly lost: AbortSignal;
  /** Gives the lock back (idempotent). */
  release(): void;
}

/** Messages to every other tab listening on the same name (not to the sender). */
export interface TabChannel {
  /** Posts a structured-cloneable message; a message that cannot be sent is dropped. */
  post(message: unknown): void;
  /** Calls `listener` with every message from other tabs; returns the unsubscribe. */
  listen(listener: (message: unknown) => void): () => void;
  close(): void;
}

/** How {@link TabCoordinator.acquire} asks for a lock. */
export interface AcquireOptions {
  /** Take the lock from its holder (whose lease's `lost` aborts) instead of queueing behind it. */
  steal?: boolean;
  /** Resolve with `undefined` at once when the lock is held elsewhere, instead of waiting. */
  ifAvailable?: boolean;
}

/** Locks and channels shared by the tabs of one origin (store option `shareConnections`). */
export interface TabCoordinator {
  /**
   * Waits for the exclusive lock `name` (one holder per origin) and resolves with its lease, or
   * with `undefined` under `ifAvailable` when it is taken. Rejects with an AbortError when
   * `signal` aborts first; a lock granted after that is released at once.
   */
  acquire(name: string, signal: AbortSignal, options?: AcquireOptions): Promise<TabLease | undefined>;
  /** Opens the channel `name`. */
  channel(name: string): TabChannel;
}
