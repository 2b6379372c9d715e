/**
 * Where a store's event logs live: an append-only list of batches per run (issue 10 §1). The
 * store never rewrites a log: each flush appends one batch per run holding only the events that
 * are new, so the bytes written follow the events' own size. Implementations: IndexedDB
 * (idb-event-log.ts, the default in browsers) and {@link createMemoryEventLog} (tests, hosts that
 * want no persistence). Records are read back raw: persistence.ts validates them.
 */
import type { TaskEvent } from '../providers/task-event.js';

/** One appended batch as stored: `events` is whatever was read back, checked by the caller. */
export interface StoredBatch {
  /** The batch's key, to rewrite it without its failing events. */
  key: number;
  events: unknown;
}

/** A record set aside because it failed validation. */
export interface QuarantineEntry {
  /** What it was: `run` or `event`, with the run id. */
  where: string;
  reason: string;
  record: unknown;
  at: string;
}

/** The event logs of every store of one origin, keyed by store name and run id. */
export interface EventLog {
  /**
   * Appends batches (`[runId, events]`, several per run allowed, kept in the order given) in one
   * transaction. Rejects as the backend does (`QuotaExceededError`).
   */
  append(store: string, batches: Iterable<readonly [runId: string, events: readonly TaskEvent[]]>): Promise<void>;
  /** The keys of a run's batches, in append order; empty when none. */
  keys(store: string, runId: string): Promise<number[]>;
  /** The batches with these keys (of this store), in the order given; missing ones are left out. */
  get(store: string, keys: readonly number[]): Promise<StoredBatch[]>;
  /** Replaces one batch's events (after failing ones were quarantined); removes it when empty. */
  rewrite(store: string, key: number, events: readonly TaskEvent[]): Promise<void>;
  /** Removes the logs of the given runs. */
  remove(store: string, runIds: readonly string[]): Promise<void>;
  /** Removes every log of the store. */
  clear(store: string): Promise<void>;
  /** Keeps failing records aside, for inspection. */
  quarantine(store: string, entries: readonly QuarantineEntry[]): Promise<void>;
  /** Closes the backend's connection. */
  close(): void;
}

/** Options of {@link createMemoryEventLog}. */
export interface MemoryEventLogOptions {
  /** Refuse writes past this many bytes (UTF-16 code units × 2 of the JSON), as a full disk does. */
  quota?: number;
}

/** An in-memory log. Values are cloned in and out, as IndexedDB does. */
export function createMemoryEventLog(options: MemoryEventLogOptions = {}): EventLog & { readonly quarantined: QuarantineEntry[] } {
  let next = 1;
  const batches = new Map<number, { store: string; run: string; events: unknown; size: number }>();
  const quarantined: QuarantineEntry[] = [];
  const used = () => [...batches.values()].reduce((total, b) => total + b.size, 0);
  const sizeOf = (events: unknown) => JSON.stringify(events).length * 2;
  return {
    quarantined,
    async append(store, entries) {
      const added = [...entries].filter(([, events]) => events.length).map(([run, events]) => ({ store, run, events: structuredClone(events), size: sizeOf(events) }));
      if (options.quota !== undefined && used() + added.reduce((t, b) => t + b.size, 0) > options.quota) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      for (const batch of added) batches.set(next++, batch);
    },
    async keys(store, runId) {
      return [...batches].filter(([, b]) => b.store === store && b.run === runId).map(([key]) => key);
    },
    async get(store, keys) {
      return keys.flatMap((key) => {
        const b = batches.get(key);
        return b && b.store === store ? [{ key, events: structuredClone(b.events) }] : [];
      });
    },
    async rewrite(store, key, events) {
      const batch = batches.get(key);
      if (!batch || batch.store !== store) return;
      if (events.length) batches.set(key, { ...batch, events: structuredClone(events), size: sizeOf(events) });
      else batches.delete(key);
    },
    async remove(store, runIds) {
      for (const [key, b] of batches) if (b.store === store && runIds.includes(b.run)) batches.delete(key);
    },
    async clear(store) {
      for (const [key, b] of batches) if (b.store === store) batches.delete(key);
    },
    async quarantine(_store, entries) {
      quarantined.push(...structuredClone(entries));
    },
    close() {},
  };
}
