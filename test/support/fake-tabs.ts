/**
 * An in-memory TabCoordinator for tests of the cross-tab sharing: exclusive locks with a FIFO
 * queue and `steal` (like the Web Locks API), and channels that deliver to every other listener of
 * a name in a later task (like BroadcastChannel). Each "tab" is one `tab()` of the same world.
 */
import type { TabChannel, TabCoordinator, TabLease } from '../../src/core/tabs/tab-coordinator.js';

interface Holder {
  lost: AbortController;
  granted: boolean;
  grant: (lease: TabLease) => void;
  signal: AbortSignal;
}

export function createTabWorld() {
  const locks = new Map<string, Holder[]>(); // [0] holds when granted
  const channels = new Map<string, Set<(message: unknown) => void>>();

  function grantNext(name: string): void {
    const queue = locks.get(name) ?? [];
    const first = queue[0];
    if (!first || first.granted) return;
    first.granted = true;
    first.grant({
      lost: first.lost.signal,
      release: () => {
        const list = locks.get(name) ?? [];
        const at = list.indexOf(first);
        if (at < 0) return;
        list.splice(at, 1);
        grantNext(name);
      },
    });
  }

  /**
   * One tab; `freeze()` makes it fall silent, as a frozen page does (its posts and deliveries stop:
   * messages posted to it meanwhile are lost); `thaw()` resumes it.
   */
  const tab = (): TabCoordinator & { freeze(): void; thaw(): void } => {
    let frozen = false;
    return {
    freeze: () => void (frozen = true),
    thaw: () => void (frozen = false),
    acquire(name, signal, options = {}) {
      return new Promise((resolve, reject) => {
        if (signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
        const queue = locks.get(name) ?? [];
        locks.set(name, queue);
        if (options.ifAvailable && queue.length) return resolve(undefined);
        const holder: Holder = { lost: new AbortController(), granted: false, grant: resolve, signal };
        if (options.steal && queue[0]?.granted) {
          // Like Web Locks: the stealer holds the lock before the old holder hears it lost it.
          const victim = queue.shift()!;
          queue.unshift(holder);
          grantNext(name);
          victim.lost.abort(new DOMException('stolen', 'AbortError'));
          return;
        }
        queue.push(holder);
        signal.addEventListener('abort', () => {
          if (holder.granted) return;
          queue.splice(queue.indexOf(holder), 1);
          reject(new DOMException('aborted', 'AbortError'));
        }, { once: true });
        grantNext(name);
      });
    },
    channel(name): TabChannel {
      let set = channels.get(name);
      if (!set) channels.set(name, (set = new Set()));
      const mine = new Set<(message: unknown) => void>();
      const all = set;
      return {
        post(message) {
          if (frozen) return;
          const copy = structuredClone(message);
          for (const listener of [...all]) if (!mine.has(listener)) setTimeout(() => all.has(listener) && listener(copy), 0);
        },
        listen(given) {
          const listener = (message: unknown) => void (frozen || given(message));
          mine.add(listener);
          all.add(listener);
          return () => {
            mine.delete(listener);
            all.delete(listener);
          };
        },
        close() {
          for (const listener of mine) all.delete(listener);
          mine.clear();
        },
      };
    },
    };
  };

  /** Who holds the lock `name` (undefined: free). */
  const holderOf = (name: string) => locks.get(name)?.find((h) => h.granted);
  return { tab, holderOf };
}
