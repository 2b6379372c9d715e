/**
 * The connection budget (issue 14 §1): at most `size` run streams open at once across the tabs of
 * the origin (browsers allow six HTTP/1.1 connections per origin, shared by every tab; the rest
 * is left for requests). A slot is an exclusive lock `task-elements:stream-slot:<i>`, i < size,
 * held while a run's stream may be open. The run a tab shows (its store's selection) comes first:
 * when no slot is free it takes one that this page holds for a run it does not show, and that run
 * waits (its status polled) until a slot is free again. Other tabs' slots are never taken.
 */
import type { TabCoordinator, TabLease } from './tab-coordinator.js';

/** Streams open at once per origin unless the store says otherwise. */
export const DEFAULT_MAX_STREAMS = 4;

const SLOT = 'task-elements:stream-slot:';

/** A slot held by this page. */
interface Held {
  lease: TabLease;
  /** Whether its run is the one shown (never taken by another of this page). */
  shown(): boolean;
}

/** The slots this page holds, by index (shared by every store of the page). */
const held = new Map<number, Held>();

/**
 * A slot now, if one is free among the first `size` (or, for the run this page shows, one this
 * page holds for a run it does not show); undefined otherwise. The lease's `lost` aborts when the
 * shown run of this page takes it.
 */
export async function trySlot(coordinator: TabCoordinator, size: number, shown: () => boolean, signal: AbortSignal): Promise<TabLease | undefined> {
  const count = Math.max(1, Math.floor(size));
  for (let i = 0; i < count; i++) {
    const lease = await coordinator.acquire(SLOT + i, signal, { ifAvailable: true });
    if (lease) return keep(i, lease, shown);
  }
  if (!shown()) return undefined;
  const victim = [...held.entries()].find(([i, h]) => i < count && !h.shown());
  if (!victim) return undefined;
  const lease = await coordinator.acquire(SLOT + victim[0], signal, { steal: true });
  return lease && keep(victim[0], lease, shown);
}

/**
 * Waits for a slot ({@link trySlot} again every `recheckMs`, so a run that becomes shown takes
 * one) and resolves with its lease. Rejects when `signal` aborts first.
 */
export async function takeSlot(coordinator: TabCoordinator, size: number, shown: () => boolean, signal: AbortSignal, recheckMs = 1000): Promise<TabLease> {
  const count = Math.max(1, Math.floor(size));
  for (;;) {
    const now = await trySlot(coordinator, count, shown, signal);
    if (now) return now;
    // Queue on every slot until the next check; the first granted wins, the others are given back.
    const waiting = new AbortController();
    const stop = () => waiting.abort();
    signal.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(stop, recheckMs);
    try {
      const won = await Promise.any(
        Array.from({ length: count }, (_, i) => coordinator.acquire(SLOT + i, waiting.signal).then((lease) => {
          if (!lease) throw new Error('not granted');
          if (waiting.signal.aborted) {
            lease.release(); // another slot won meanwhile
            throw new Error('too late');
          }
          waiting.abort();
          return keep(i, lease, shown);
        })),
      ).catch(() => undefined);
      if (won) return won;
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
  }
}

/** Records a slot as held here; its `lost` aborts only when it is taken away, not on `release()`. */
function keep(index: number, lease: TabLease, shown: () => boolean): TabLease {
  const entry: Held = { lease, shown };
  held.set(index, entry);
  const lost = new AbortController();
  let released = false;
  const forget = () => held.get(index) === entry && held.delete(index);
  lease.lost.addEventListener('abort', () => {
    forget();
    if (!released) lost.abort();
  }, { once: true });
  return {
    lost: lost.signal,
    release() {
      released = true;
      forget();
      lease.release();
    },
  };
}
