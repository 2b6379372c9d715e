/**
 * Versioned persistence of one store: the run index plus the event logs (event-log.ts, IndexedDB by
 * default). The run index is in IndexedDB by default (`indexMode: 'async'`, stored-runs.ts: read
 * newest first without a long task, written record by record) or, for `'memory'` and a Web Storage
 * object, in that storage (`'sync'`, run-index.ts: read at once). Nothing here changes the store's memory: reads return
 * checked copies and writes return a report — which runs' logs were removed to make room — that
 * the store applies as an ordinary update and announces (issue 10 §1–2; shapes-to-improve item 3).
 * Nothing here throws to the page.
 *
 * - Appends: one batch per run with only the new events; a refused write (`QuotaExceededError`)
 *   removes the logs of the oldest finished runs, one at a time, and tries again.
 * - Reads: every event is checked; failing ones are quarantined one by one (and dropped from
 *   their batch), the rest load, each event id once.
 * - Migration: event logs of the localStorage format (`task-elements:<store>:events:<run>` →
 *   `{v:1, events}`) move into the event log on first load; the old keys are then removed.
 */
import type { TaskEvent, TaskRun } from '../providers/task-event.js';
import { isTerminalStatus } from '../providers/task-event.js';
import type { EventLog, QuarantineEntry, StoredBatch } from './event-log.js';
import { createRunIndex, isQuotaError, type IndexLoad, type IndexRead, type RunIndex, type StorageLike, type Warn } from './run-index.js';
import type { RunChange, StoredRuns } from './run-records.js';
import { checkEvent } from './stored-schema.js';
import { yieldToBackground } from '../util/environment.js';

export { KEY_PREFIX, INDEX_VERSION as SCHEMA_VERSION } from './run-index.js';
export type { StorageLike, Warn } from './run-index.js';

/** What one append did. */
export interface AppendReport {
  /** Runs whose stored log was removed to make room (the store marks them `eventsEvicted`). */
  evicted: string[];
  /** False when the events could not be written even after eviction (they stay in memory). */
  written: boolean;
}

/** Reads and writes one store's state. */
export interface Persistence {
  /** The key of the run index in Web Storage (before its move to IndexedDB), so cross-tab listeners can watch it. */
  readonly stateKey: string;
  /**
   * `sync`: the run index is in Web Storage and read at once ({@link readIndex}, {@link beginIndex},
   * {@link writeIndex}); `async`: it is in IndexedDB ({@link loadIndex}, {@link writeRuns}).
   */
  readonly indexMode: 'sync' | 'async';
  /**
   * `async` mode: reads the run index, newest first (stored-runs.ts): `onHead` gets the newest runs
   * and the selection, the promise every run. A localStorage index is moved into IndexedDB first,
   * once. Never rejects. In `sync` mode: the whole index, read at once.
   */
  loadIndex(mode: 'startup' | 'reload', onHead?: (read: IndexRead) => void): Promise<IndexRead>;
  /** `async` mode: writes the runs that changed, removes the removed ones, sets the selection; false when refused. */
  writeRuns(change: RunChange): Promise<boolean>;
  /** Reads the run index (see run-index.ts for `startup` vs `reload`). */
  readIndex(mode: 'startup' | 'reload'): IndexRead;
  /** Starts reading the run index at startup, its records checked a slice at a time (run-index.ts). */
  beginIndex(): IndexLoad;
  /** Writes the run index; false when refused. Refuses to overwrite a newer version's index. */
  writeIndex(runs: readonly TaskRun[], selectedId: string | undefined): boolean;
  /** Appends new events; `runs` are the store's runs, to choose what to evict when full. */
  append(batches: ReadonlyMap<string, readonly TaskEvent[]>, runs: readonly TaskRun[]): Promise<AppendReport>;
  /**
   * A run's stored events, checked, each id once, after migration. A long log is read newest
   * first, in slices (each slice one task): `onTail` gets the latest events (at least
   * {@link TAIL_EVENTS} when there are that many) as soon as they are read, before the older ones.
   */
  loadEvents(runId: string, onTail?: (tail: TaskEvent[]) => void): Promise<TaskEvent[]>;
  /** Removes the stored logs of these runs, in one transaction. */
  removeEvents(runIds: readonly string[]): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

const now = () => new Date().toISOString();

/** Events per stored record at most: a long flush is split, so no read or write of one is long. */
export const RECORD_EVENTS = 250;
/** Events read first after a reload: enough to paint the newest rows of a run. */
export const TAIL_EVENTS = 200;
/** Events read and checked per slice of an older log (one task each). */
const SLICE_EVENTS = 500;

/** `events` in records of at most {@link RECORD_EVENTS}, per run, in order. */
function records(batches: ReadonlyMap<string, readonly TaskEvent[]>): [string, readonly TaskEvent[]][] {
  const out: [string, readonly TaskEvent[]][] = [];
  for (const [runId, events] of batches) {
    for (let i = 0; i < events.length; i += RECORD_EVENTS) out.push([runId, events.length <= RECORD_EVENTS ? events : events.slice(i, i + RECORD_EVENTS)]);
  }
  return out;
}

/** `events` with each id once, the first occurrence kept. */
function dedupe(events: TaskEvent[]): TaskEvent[] {
  const ids = new Set<string>();
  return events.filter((event) => !ids.has(event.id) && !!ids.add(event.id));
}

/** Makes the run index of store `name` in a database; `legacy` is its Web Storage index, migrated once. */
export type StoredRunsFactory = (legacy: RunIndex, log: EventLog, name: string, warn: Warn) => StoredRuns;

/**
 * Creates the persistence of store `name`: its run index in a database when `storedRuns` is given
 * (IndexedDB; `storage` then only holds what earlier versions wrote there, migrated once), else in
 * `storage`; its events in `log`.
 */
export function createPersistence(storage: StorageLike, log: EventLog, name: string, warn: Warn, storedRuns?: StoredRunsFactory): Persistence {
  const index = createRunIndex(storage, name, warn);
  const stored = storedRuns?.(index, log, name, warn);
  let newer = false;
  const failed = (what: string) => (error: unknown) => {
    warn(`task-elements: ${what} (${error instanceof Error ? error.name : 'error'}); this page keeps working from memory.`);
  };

  async function quarantine(entries: QuarantineEntry[]): Promise<void> {
    if (!entries.length) return;
    warn(`task-elements: ${entries.length} stored record${entries.length === 1 ? '' : 's'} of "${name}" could not be read (${entries[0]!.where}: ${entries[0]!.reason}) and ${entries.length === 1 ? 'was' : 'were'} set aside; the rest load.`);
    await log.quarantine(name, entries).catch(() => {});
  }

  /** Checks events read back; returns the good ones and quarantines the rest. */
  function check(raw: unknown, where: string, bad: QuarantineEntry[]): TaskEvent[] {
    if (!Array.isArray(raw)) {
      bad.push({ where, reason: 'not a list of events', record: raw, at: now() });
      return [];
    }
    const good: TaskEvent[] = [];
    for (const record of raw) {
      const checked = checkEvent(record);
      if (checked.ok) good.push(checked.value);
      else bad.push({ where, reason: checked.reason, record, at: now() });
    }
    return good;
  }

  /** Moves the localStorage-format logs of this store into the event log, once. */
  async function migrate(): Promise<void> {
    const keys = index.keysUnder('events:');
    if (!keys.length) return;
    const batches = new Map<string, TaskEvent[]>();
    const bad: QuarantineEntry[] = [];
    for (const key of keys) {
      const runId = key.slice(`${index.stateKey}:events:`.length);
      let parsed: { v?: unknown; events?: unknown } | null = null;
      try {
        parsed = JSON.parse(index.getItem(key) ?? 'null');
      } catch {
        // unreadable: quarantined below
      }
      if (parsed?.v !== 1) bad.push({ where: `events of ${runId}`, reason: 'unreadable legacy log', record: index.getItem(key), at: now() });
      else batches.set(runId, check(parsed.events, `event of ${runId}`, bad));
    }
    await log.append(name, batches);
    await quarantine(bad);
    keys.forEach((key) => index.removeItem(key));
  }
  const migrated = migrate().catch(failed('the stored history could not be moved to IndexedDB'));

  /** Oldest finished runs first: the logs that may go to make room. */
  function evictable(runs: readonly TaskRun[], writing: ReadonlyMap<string, unknown>): string[] {
    return runs
      .filter((run) => isTerminalStatus(run.status) && !run.eventsEvicted && !writing.has(run.id))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
      .map((run) => run.id);
  }

  return {
    stateKey: index.stateKey,
    indexMode: stored ? 'async' : 'sync',
    async loadIndex(mode, onHead) {
      if (stored) return stored.load(mode, onHead);
      const read = index.read(mode);
      onHead?.(read);
      return read;
    },
    writeRuns: async (change) => (stored ? stored.write(change) : false),
    readIndex(mode) {
      const read = index.read(mode);
      if (read.status === 'newer') newer = true;
      return read;
    },
    beginIndex() {
      const load = index.begin('startup');
      if (load.read.status === 'newer') newer = true;
      return load;
    },
    writeIndex(runs, selectedId) {
      if (newer || index.read('reload').status === 'newer') {
        newer = true;
        return false; // a newer version's history: left alone
      }
      return index.write(runs, selectedId);
    },
    async append(batches, runs) {
      await migrated;
      const candidates = evictable(runs, batches);
      const evicted: string[] = [];
      for (;;) {
        try {
          await log.append(name, records(batches));
          return { evicted, written: true };
        } catch (error) {
          const victim = isQuotaError(error) ? candidates.shift() : undefined;
          if (!victim) {
            failed(isQuotaError(error) ? 'storage is full and no finished run’s log is left to remove; new events were not saved' : 'new events could not be saved')(error);
            return { evicted, written: false };
          }
          await log.remove(name, [victim]).catch(() => {});
          evicted.push(victim);
        }
      }
    },
    async loadEvents(runId, onTail) {
      await migrated;
      const bad: QuarantineEntry[] = [];
      /** Checks batches (in order); a batch with failing events is rewritten without them. */
      const checked = (batches: StoredBatch[]): TaskEvent[] => batches.flatMap((batch) => {
        const before = bad.length;
        const good = check(batch.events, `event of ${runId}`, bad);
        if (bad.length > before) void log.rewrite(name, batch.key, good).catch(() => {});
        return good;
      });
      // Newest first: slices of batches from the end, each read in one transaction (one task).
      const slices: TaskEvent[][] = [];
      try {
        const keys = await log.keys(name, runId);
        let end = keys.length;
        let read = 0;
        let want = TAIL_EVENTS;
        let batches = 0;
        while (end > 0) {
          // Batches per slice: from the events per batch seen so far (one batch to start with), at
          // most twice the last slice's: the newest batch may hold the last few events, and taken as
          // typical it made the second slice the whole log (10,002 events read before the first paint).
          const perBatch = read ? read / (keys.length - end) : RECORD_EVENTS;
          batches = Math.min(Math.max(1, Math.floor(want / Math.max(1, perBatch))), Math.max(1, batches * 2));
          const start = Math.max(0, end - batches);
          // Each older slice in a task of its own, after rendering and input: the tail is painted first
          // (the tail's own slices follow each other at once: nothing is shown before it).
          if (want !== TAIL_EVENTS) await yieldToBackground();
          const slice = checked(await log.get(name, keys.slice(start, end)));
          slices.unshift(slice);
          read += slice.length;
          end = start;
          if (want === TAIL_EVENTS && (read >= TAIL_EVENTS || end === 0)) {
            if (onTail && end > 0) onTail(dedupe(slices.flat()));
            want = SLICE_EVENTS;
          }
        }
      } catch (error) {
        failed('the stored events could not be read')(error);
        return [];
      }
      await quarantine(bad);
      // Two tabs watching one run both append its events: each id counts once.
      return dedupe(slices.flat());
    },
    removeEvents: (runIds) => log.remove(name, runIds).catch(failed('stored events could not be removed')),
    async clear() {
      if (!newer) index.clear();
      await Promise.all([
        stored?.clear().catch(failed('the stored history could not be cleared')),
        log.clear(name).catch(failed('the stored history could not be cleared')),
      ]);
    },
    close() {
      log.close();
      stored?.close();
    },
  };
}
