/**
 * Versioned persistence of a store's runs and events in a Web Storage-like backend.
 *
 * Layout: `<prefix>:<store>` holds `{v, runs, selectedId}`; `<prefix>:<store>:events:<runId>` holds
 * `{v, events}` for one run, so a run's events can be dropped on their own. Nothing here ever
 * throws to the page:
 * - unreadable JSON or an unknown version is moved to `<key>:corrupt:<time>` and the store starts
 *   clean with a warning;
 * - a full quota evicts the events of the oldest finished runs first (their runs stay, marked
 *   `eventsEvicted`), then gives up with a warning.
 */
import type { TaskEvent, TaskRun } from '../providers/task-event.js';
import { isTerminalStatus } from '../providers/task-event.js';

/** The subset of the Web Storage API used. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export const SCHEMA_VERSION = 1;
export const KEY_PREFIX = 'task-elements';

/** What a store keeps across reloads. */
export interface PersistedState {
  runs: TaskRun[];
  selectedId?: string;
  events: Map<string, TaskEvent[]>;
}

/** The run list and selection, as stored. */
export interface StoredState {
  runs: TaskRun[];
  selectedId?: string;
}

/** Reads and writes one store's state. */
export interface Persistence {
  load(): PersistedState;
  /** Reads the run list and selection alone; undefined when nothing readable is stored. */
  loadState(): StoredState | undefined;
  /** Reads one run's stored events; undefined when none are stored. */
  loadEvents(runId: string): TaskEvent[] | undefined;
  /**
   * Writes the run list and the events of the given runs (all runs when omitted). Returns whether
   * the run list was written.
   */
  save(state: PersistedState, dirtyRuns?: Iterable<string>): boolean;
  /** Removes one run's events. */
  removeEvents(runId: string): void;
  /** Removes everything of this store. */
  clear(): void;
  /** The key of the run list, so cross-tab listeners can watch it. */
  readonly stateKey: string;
}

export type Warn = (message: string) => void;

/** A Map-backed storage with an optional quota (bytes of UTF-16 keys + values, like browsers count). */
export function createMemoryStorage(options: { quota?: number } = {}): StorageLike {
  const map = new Map<string, string>();
  const size = () => [...map].reduce((total, [k, v]) => total + (k.length + v.length) * 2, 0);
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem(key, value) {
      const previous = map.get(key);
      map.set(key, String(value));
      if (options.quota !== undefined && size() > options.quota) {
        if (previous === undefined) map.delete(key);
        else map.set(key, previous);
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
    },
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
}

/** The page's localStorage, or undefined where there is none or it is blocked (privacy modes, workers). */
export function browserLocalStorage(): StorageLike | undefined {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    return storage ?? undefined;
  } catch {
    return undefined;
  }
}

function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; code?: number } | null;
  return !!e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22);
}

/** Creates the persistence of store `name` in `storage`. */
export function createPersistence(storage: StorageLike, name: string, warn: Warn): Persistence {
  const stateKey = `${KEY_PREFIX}:${name}`;
  const eventsKey = (runId: string) => `${stateKey}:events:${runId}`;

  function quarantine(key: string, raw: string, reason: string): void {
    const backup = `${key}:corrupt:${Date.now()}`;
    try {
      storage.setItem(backup, raw);
    } catch {
      // no room for the backup: dropping it beats crashing
    }
    try {
      storage.removeItem(key);
    } catch {
      // nothing more to do
    }
    warn(`task-elements: stored data under "${key}" could not be read (${reason}); it was moved to "${backup}" and the store starts clean.`);
  }

  function readRaw(key: string): string | null {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  }

  function readVersioned<T>(key: string, field: string, raw = readRaw(key)): T | undefined {
    if (raw === null) return undefined;
    try {
      const parsed = JSON.parse(raw) as { v?: unknown } & Record<string, unknown>;
      if (parsed?.v !== SCHEMA_VERSION || !Array.isArray(parsed[field])) {
        quarantine(key, raw, `unknown schema version ${JSON.stringify(parsed?.v)}`);
        return undefined;
      }
      return parsed as T;
    } catch (error) {
      quarantine(key, raw, error instanceof Error ? error.message : 'invalid JSON');
      return undefined;
    }
  }

  /** Writes with quota recovery: evicts finished runs' events, oldest first, until it fits. */
  function write(key: string, value: string, state: PersistedState): boolean {
    const evictable = state.runs
      .filter((run) => isTerminalStatus(run.status) && !run.eventsEvicted && eventsKey(run.id) !== key)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (;;) {
      try {
        storage.setItem(key, value);
        return true;
      } catch (error) {
        if (!isQuotaError(error)) {
          warn(`task-elements: could not save "${key}": ${error instanceof Error ? error.message : String(error)}`);
          return false;
        }
        const victim = evictable.shift();
        if (!victim) {
          warn(`task-elements: storage is full; "${key}" was not saved. Older runs' events were already removed.`);
          return false;
        }
        storage.removeItem(eventsKey(victim.id));
        victim.eventsEvicted = true;
        state.events.delete(victim.id);
      }
    }
  }

  // The run list as last read or written: a store checks storage before every write (cross-tab
  // merge), and an unchanged list must not be parsed again each time.
  let cached: { raw: string; state: StoredState } | undefined;

  function loadState(): StoredState | undefined {
    const raw = readRaw(stateKey);
    if (raw !== null && raw === cached?.raw) return cached.state;
    const saved = readVersioned<{ runs: TaskRun[]; selectedId?: string }>(stateKey, 'runs', raw);
    if (!saved || raw === null) return undefined;
    const runs = saved.runs.filter((run) => run && typeof run.id === 'string' && typeof run.provider === 'string');
    cached = { raw, state: { runs, selectedId: saved.selectedId } };
    return cached.state;
  }

  function loadEvents(runId: string): TaskEvent[] | undefined {
    return readVersioned<{ events: TaskEvent[] }>(eventsKey(runId), 'events')?.events;
  }

  return {
    stateKey,
    load() {
      const saved = loadState();
      const runs = saved?.runs ?? [];
      const events = new Map<string, TaskEvent[]>();
      for (const run of runs) {
        const stored = loadEvents(run.id);
        if (stored) events.set(run.id, stored);
      }
      return { runs, selectedId: saved?.selectedId, events };
    },
    loadState,
    loadEvents,
    save(state, dirtyRuns) {
      const ids = dirtyRuns ? [...dirtyRuns] : state.runs.map((run) => run.id);
      for (const id of ids) {
        const events = state.events.get(id);
        if (events) write(eventsKey(id), JSON.stringify({ v: SCHEMA_VERSION, events }), state);
      }
      // Written last so that evictions made above are recorded in the run list.
      const raw = JSON.stringify({ v: SCHEMA_VERSION, runs: state.runs, selectedId: state.selectedId });
      if (!write(stateKey, raw, state)) return false;
      cached = { raw, state: { runs: [...state.runs], selectedId: state.selectedId } };
      return true;
    },
    removeEvents(runId) {
      try {
        storage.removeItem(eventsKey(runId));
      } catch {
        // storage unavailable: nothing to remove
      }
    },
    clear() {
      cached = undefined;
      try {
        const keys: string[] = [];
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (key && (key === stateKey || key.startsWith(`${stateKey}:events:`))) keys.push(key);
        }
        keys.forEach((key) => storage.removeItem(key));
      } catch {
        // storage unavailable
      }
    },
  };
}
