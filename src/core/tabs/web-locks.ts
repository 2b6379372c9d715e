/**
 * The browser's {@link TabCoordinator}: locks from the Web Locks API (`navigator.locks`, W3C Web
 * Locks API §4 "LockManager") and channels from `BroadcastChannel` (HTML §9.5). Both are looked up
 * on `globalThis` when asked for (workers have them too); where either is missing (older Safari,
 * some embedded webviews, Node without them) there is no coordinator and every tab keeps its own
 * connection, as before issue 14.
 */
import type { AcquireOptions, TabChannel, TabCoordinator, TabLease } from './tab-coordinator.js';

interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal; steal?: boolean; ifAvailable?: boolean }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

/** The Web Locks coordinator, or undefined where Web Locks or BroadcastChannel is missing. */
export function webLocksCoordinator(): TabCoordinator | undefined {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  if (!locks || typeof locks.request !== 'function' || typeof BroadcastChannel !== 'function') return undefined;
  return { acquire: (name, signal, options) => acquire(locks, name, signal, options), channel: openChannel };
}

function acquire(locks: LockManagerLike, name: string, signal: AbortSignal, options: AcquireOptions = {}): Promise<TabLease | undefined> {
  return new Promise((resolve, reject) => {
    const lost = new AbortController();
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    // `signal` may only be given without `steal` and `ifAvailable` (Web Locks §4.2 step 6).
    const plain = !options.steal && !options.ifAvailable;
    const request = locks.request(name, { ...(plain ? { signal } : {}), ...(options.steal ? { steal: true } : {}), ...(options.ifAvailable ? { ifAvailable: true } : {}) }, async (lock) => {
      if (lock === null) return resolve(undefined); // ifAvailable: someone else holds it
      if (signal.aborted) return reject(signal.reason); // no longer wanted: given back at once
      resolve({ lost: lost.signal, release: () => release() });
      await held;
    });
    request.then(
      () => lost.abort(), // released: by us (then nobody listens) or after the callback ended
      (error: unknown) => {
        reject(signal.aborted ? (signal.reason ?? error) : error); // no effect once granted
        // Stolen: the request rejects with an AbortError while our callback still waits; end it.
        release();
        lost.abort(error);
      },
    );
  });
}

function openChannel(name: string): TabChannel {
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(message: unknown) => void>();
  channel.onmessage = (event: MessageEvent) => {
    for (const listener of [...listeners]) listener(event.data);
  };
  return {
    post(message) {
      try {
        channel.postMessage(message);
      } catch {
        // not cloneable, or the channel is closed: other tabs read the stored log instead
      }
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel.close(),
  };
}
