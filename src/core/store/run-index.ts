/**
 * The run index: a store's run list and selection, kept where reads are synchronous (Web Storage,
 * `localStorage` by default) so a page paints its history in the first frame and other tabs hear
 * of changes through the `storage` event. It is small: run records only (status, input, output,
 * the redacted request); the events are in the event log (event-log.ts), written separately.
 *
 * Key `task-elements:<store>` holds `{v: 1, runs, selectedId}` (the same envelope as before the
 * event logs moved out, so version 1 stays readable by every version that wrote it). Reading:
 * - every run is checked (stored-schema.ts); failing runs are set aside one by one under
 *   `task-elements:<store>:quarantine:<time>` and the rest load;
 * - unreadable JSON: on first load it is moved to `…:corrupt:<time>` and the store starts clean; when
 *   another tab wrote it (`reload`), it is ignored: this tab keeps its runs and writes them back;
 * - a newer version (`v` above {@link INDEX_VERSION}) is left alone and is not overwritten.
 */
import type { TaskRun } from '../providers/task-event.js';
import { checkRun, type Checked } from './stored-schema.js';

/** The subset of the Web Storage API used. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export type Warn = (message: string) => void;

export const INDEX_VERSION = 1;
export const KEY_PREFIX = 'task-elements';

/** What reading the index found. */
export interface IndexRead {
  /** `ok`: runs read; `empty`: nothing stored; `unreadable`: not JSON / not an index; `newer`: a later version's. */
  status: 'ok' | 'empty' | 'unreadable' | 'newer';
  runs: TaskRun[];
  selectedId?: string;
  /** Ids of stored records that failed validation (set aside on first load, skipped on reload). */
  invalidIds: string[];
  /** How many records were set aside (first load only): the index should be written back. */
  quarantined?: number;
}

/**
 * An index being read: parsed at once, its records checked a slice at a time so that a long history
 * does not hold the main thread (issue 17). `read.runs` grows as records are checked.
 */
export interface IndexLoad {
  /** What was read so far; complete (invalid ids, quarantine) once `done`. */
  readonly read: IndexRead;
  /** True once every record was checked. */
  done: boolean;
  /**
   * Checks records until `deadline` (a `performance.now()` time) or the end, at least `atLeast`
   * records whatever the time and at most `atMost` (so how much one task does never depends on the
   * machine's speed alone); true when done.
   */
  step(deadline: number, atLeast?: number, atMost?: number): boolean;
  /** Checks every record left, now, and returns the complete read. */
  finish(): IndexRead;
  /** A stored run by id, checked now if its turn has not come yet; undefined when there is none. */
  find(id: string): TaskRun | undefined;
}

export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; code?: number } | null;
  return !!e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22);
}

function safe<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback;
  }
}

/** The run index of store `name` in `storage`. */
export function createRunIndex(storage: StorageLike, name: string, warn: Warn) {
  const stateKey = `${KEY_PREFIX}:${name}`;
  let cached: { raw: string; read: IndexRead } | undefined;

  function setAside(suffix: string, value: string): string | undefined {
    const key = `${stateKey}:${suffix}:${Date.now()}`;
    try {
      storage.setItem(key, value);
      return key;
    } catch {
      return undefined; // no room for the copy: dropping it beats crashing
    }
  }

  /**
   * Starts reading the index. `startup` repairs what it cannot read (moves it aside); `reload`
   * (another tab wrote) changes nothing in storage. Parsing happens now; the records are checked as
   * {@link IndexLoad.step} and {@link IndexLoad.finish} are called, in stored order (newest first).
   */
  function begin(mode: 'startup' | 'reload'): IndexLoad {
    const settled = (read: IndexRead): IndexLoad => ({ read, done: true, step: () => true, finish: () => read, find: () => undefined });
    const raw = safe(() => storage.getItem(stateKey), null);
    if (raw === null) return settled({ status: 'empty', runs: [], invalidIds: [] });
    if (raw === cached?.raw) return settled(cached.read);
    let parsed: { v?: unknown; runs?: unknown; selectedId?: unknown } | null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    if (typeof parsed?.v === 'number' && parsed.v > INDEX_VERSION) {
      if (mode === 'startup') warn(`task-elements: the history under "${stateKey}" was saved by a newer version of task-elements; it is left as it is, and this page keeps its runs in memory only.`);
      return settled({ status: 'newer', runs: [], invalidIds: [] });
    }
    if (!parsed || parsed.v !== INDEX_VERSION || !Array.isArray(parsed.runs)) {
      if (mode === 'startup') {
        const backup = setAside('corrupt', raw);
        safe(() => storage.removeItem(stateKey), undefined);
        warn(`task-elements: the stored history under "${stateKey}" could not be read; ${backup ? `it was moved to "${backup}"` : 'there was no room to keep a copy'} and the history starts empty.`);
      }
      return settled({ status: 'unreadable', runs: [], invalidIds: [] });
    }
    const records: unknown[] = parsed.runs;
    const runs: TaskRun[] = [];
    const invalid: { record: unknown; reason: string }[] = [];
    const ids = new Set<string>();
    // Runs looked up by id before their turn came (find): checked once, the same object later.
    const early = new Map<unknown, Checked<TaskRun>>();
    let next = 0;
    const selectedId = typeof parsed.selectedId === 'string' ? parsed.selectedId : undefined;
    const read: IndexRead = { status: 'ok', runs, selectedId, invalidIds: [], quarantined: 0 };

    function complete(): void {
      const invalidIds = invalid.map(({ record }) => (record as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
      if (invalid.length && mode === 'startup') {
        const backup = setAside('quarantine', JSON.stringify(invalid));
        warn(`task-elements: ${invalid.length} stored run${invalid.length === 1 ? '' : 's'} under "${stateKey}" could not be read (${invalid[0]!.reason}); ${backup ? `set aside under "${backup}"` : 'dropped (no room to keep a copy)'}. The other runs load.`);
      }
      read.invalidIds = mode === 'reload' ? invalidIds : [];
      read.quarantined = mode === 'startup' ? invalid.length : 0;
      if (!invalid.length) cached = { raw: raw!, read };
    }

    const load: IndexLoad = {
      read,
      done: false,
      step(deadline, atLeast = 0, atMost = Infinity) {
        const floor = next + atLeast;
        const ceiling = next + atMost;
        while (next < records.length) {
          if (next >= ceiling) return false;
          const record = records[next++];
          const checked = early.get(record) ?? checkRun(record);
          if (checked.ok && !ids.has(checked.value.id)) {
            ids.add(checked.value.id);
            runs.push(checked.value);
          } else invalid.push({ record, reason: checked.ok ? 'duplicate id' : checked.reason });
          if (next >= floor && (next & 63) === 0 && performance.now() >= deadline) return false;
        }
        if (!load.done) {
          load.done = true;
          complete();
        }
        return true;
      },
      finish() {
        load.step(Infinity);
        return read;
      },
      find(id) {
        const found = runs.find((run) => run.id === id);
        if (found || load.done) return found;
        for (let i = next; i < records.length; i++) {
          if ((records[i] as { id?: unknown } | null)?.id !== id) continue;
          const checked = early.get(records[i]) ?? checkRun(records[i]);
          early.set(records[i], checked);
          if (checked.ok) return checked.value;
        }
        return undefined;
      },
    };
    return load;
  }

  /** Reads the whole index (see {@link begin} for `startup` and `reload`). */
  function read(mode: 'startup' | 'reload'): IndexRead {
    return begin(mode).finish();
  }

  /** Writes the index. Returns false (after a warning) when storage refused; never throws. */
  function write(runs: readonly TaskRun[], selectedId: string | undefined): boolean {
    const raw = JSON.stringify({ v: INDEX_VERSION, runs, selectedId });
    if (raw === cached?.raw) return true;
    try {
      storage.setItem(stateKey, raw);
      cached = { raw, read: { status: 'ok', runs: [...runs], selectedId, invalidIds: [] } };
      return true;
    } catch (error) {
      warn(isQuotaError(error)
        ? `task-elements: storage is full; the history under "${stateKey}" was not saved. It is kept in this page and saved when there is room.`
        : `task-elements: could not save the history under "${stateKey}".`);
      return false;
    }
  }

  /** Keys of this store under `stateKey` whose names start with `prefix` (e.g. `events:`). */
  function keysUnder(prefix: string): string[] {
    return safe(() => {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(`${stateKey}:${prefix}`)) keys.push(key);
      }
      return keys;
    }, []);
  }

  return {
    stateKey,
    begin,
    read,
    write,
    keysUnder,
    getItem: (key: string) => safe(() => storage.getItem(key), null),
    removeItem: (key: string) => safe(() => storage.removeItem(key), undefined),
    clear() {
      cached = undefined;
      for (const key of [stateKey, ...keysUnder('events:')]) safe(() => storage.removeItem(key), undefined);
    },
  };
}

export type RunIndex = ReturnType<typeof createRunIndex>;
