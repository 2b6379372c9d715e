/**
 * The run index in a database (issue 17; records in run-records.ts): read without a long task and
 * written record by record. Reading, newest first:
 * 1. once per page load, an index still in localStorage (`task-elements:<store>`, what earlier
 *    versions wrote) is moved into the database, then removed from localStorage; a newer version's
 *    index there is left alone;
 * 2. the newest {@link HEAD_RUNS} runs, the selection and the selected run (one transaction): the
 *    page can paint its history and the selected run;
 * 3. the older runs, {@link PAGE_RUNS} at a time, each page read and checked in a task of its own.
 * Every record is checked (stored-schema.ts): one that fails is set aside on its own (the
 * event log's `quarantine`) and removed from the index at startup, the rest load; on a reload
 * (another tab wrote) it is only reported, as still stored. A record or selection of a newer format
 * is left alone (neither loaded nor set aside); a newer selection record means a newer library owns
 * the index: nothing is written to it.
 *
 * Loaded with the IndexedDB code (lazy-event-log.ts), not with the elements.
 */
import type { TaskRun } from '../providers/task-event.js';
import { yieldToBackground, yieldToEventLoop } from '../util/environment.js';
import type { EventLog, QuarantineEntry } from './event-log.js';
import { isQuotaError, type IndexRead, type RunIndex, type Warn } from './run-index.js';
import { RUN_RECORD_VERSION, type RunChange, type RunRecords, type StoredRuns } from './run-records.js';
import { checkRun } from './stored-schema.js';

/** Runs read first: more than a history shows at once. */
export const HEAD_RUNS = 30;
/** Runs read and checked per later page (one task each). */
export const PAGE_RUNS = 500;

/** Reads and writes one store's run index in `records`; `legacy` is its localStorage index, migrated once. */
export function createStoredRuns(records: RunRecords, legacy: RunIndex, log: EventLog, name: string, warn: Warn): StoredRuns {
  let newer = false;
  let migrated: Promise<void> | undefined;

  /** Moves a localStorage index into the database, then removes it there (only once that is written). */
  async function migrate(): Promise<void> {
    const load = legacy.begin('startup');
    while (!load.step(performance.now() + 8)) await yieldToEventLoop();
    const read = load.read;
    if (read.status !== 'ok') return; // empty, set aside as unreadable (warned), or a newer version's: left alone
    await records.write(name, { put: read.runs, remove: [], selectedId: read.selectedId ?? null });
    legacy.removeItem(legacy.stateKey);
  }

  /** Checks raw records; good runs go to `runs` (each id once), bad ones to `bad`, newer ones to `skipped`. */
  function check(raw: readonly unknown[], runs: TaskRun[], ids: Set<string>, bad: QuarantineEntry[], skipped: string[]): void {
    for (const record of raw) {
      const r = record as { id?: unknown; v?: unknown; run?: unknown } | null;
      if (typeof r?.v === 'number' && r.v > RUN_RECORD_VERSION) {
        if (typeof r.id === 'string') skipped.push(r.id);
        continue;
      }
      const checked = checkRun(r?.run);
      if (checked.ok && checked.value.id === r?.id) {
        if (ids.has(checked.value.id)) continue; // the selected run, read with the head and again in its page
        ids.add(checked.value.id);
        runs.push(checked.value);
      } else {
        bad.push({ where: `run ${typeof r?.id === 'string' ? r.id : '?'}`, reason: checked.ok ? 'id does not match its key' : checked.reason, record, at: new Date().toISOString() });
      }
    }
  }

  /**
   * Reads the index (see above). `onHead` gets the newest runs and the selection as soon as they
   * are read; the promise resolves with every run (newest first). Never rejects: a database that
   * cannot be opened or read gives an empty read, with a warning.
   */
  async function load(mode: 'startup' | 'reload', onHead?: (read: IndexRead) => void): Promise<IndexRead> {
    try {
      if (mode === 'startup' || !migrated) await (migrated ??= migrate().catch(() => warn(`task-elements: the history of "${name}" could not be moved from localStorage to IndexedDB; it stays in localStorage and is tried again on the next load.`)));
      const head = await records.head(name, HEAD_RUNS);
      const meta = head.meta as { v?: unknown; selectedId?: unknown } | undefined;
      if (typeof meta?.v === 'number' && meta.v > RUN_RECORD_VERSION) {
        if (mode === 'startup') warn(`task-elements: the history of "${name}" was saved by a newer version of task-elements; it is left as it is, and this page keeps its runs in memory only.`);
        newer = true;
        return { status: 'newer', runs: [], invalidIds: [] };
      }
      const ids = new Set<string>();
      const bad: QuarantineEntry[] = [];
      const skipped: string[] = [];
      const newest: TaskRun[] = [];
      check(head.records, newest, ids, bad, skipped);
      const selected: TaskRun[] = [];
      if (head.selected) check([head.selected], selected, new Set(), [], []); // a failing one is set aside with its page
      const selectedId = typeof meta?.selectedId === 'string' && (ids.has(meta.selectedId) || selected.length) ? meta.selectedId : undefined;
      const headRuns = selected.length ? [...newest, ...selected].sort(newestFirst) : newest;
      onHead?.({ status: 'ok', runs: headRuns, selectedId, invalidIds: [] });
      const older: TaskRun[] = [];
      if (head.last && head.records.length >= HEAD_RUNS) {
        for (let after = undefined as readonly [string, string] | undefined, more = true; more;) {
          await yieldToBackground(); // each page in a task of its own, after what the page has to do (the head is painted first)
          const page = await records.page(name, head.last, after, PAGE_RUNS);
          check(page.records, older, ids, bad, skipped);
          after = page.next;
          more = !!page.next;
        }
      }
      const runs = [...newest, ...older.reverse()];
      const invalidIds = [...skipped, ...bad.flatMap((entry) => (typeof (entry.record as { id?: unknown })?.id === 'string' ? [(entry.record as { id: string }).id] : []))];
      if (mode === 'startup' && bad.length) {
        warn(`task-elements: ${bad.length} stored run${bad.length === 1 ? '' : 's'} of "${name}" could not be read (${bad[0]!.reason}) and ${bad.length === 1 ? 'was' : 'were'} set aside; the other runs load.`);
        void log.quarantine(name, bad).then(() => records.write(name, { put: [], remove: invalidIds.filter((id) => !skipped.includes(id)) })).catch(() => {});
      }
      return { status: 'ok', runs, selectedId, invalidIds: mode === 'reload' ? invalidIds : skipped, quarantined: mode === 'startup' ? bad.length : 0 };
    } catch (error) {
      warn(`task-elements: the history of "${name}" could not be read (${error instanceof Error ? error.name : 'error'}); this page keeps its runs in memory.`);
      return { status: 'unreadable', runs: [], invalidIds: [] };
    }
  }

  /** Writes what changed; false (after a warning) when refused or when a newer version owns the index. */
  async function write(change: RunChange): Promise<boolean> {
    if (newer) return false;
    if (!change.put.length && !change.remove.length && change.selectedId === undefined) return true;
    try {
      await records.write(name, change);
      return true;
    } catch (error) {
      warn(isQuotaError(error)
        ? `task-elements: storage is full; the history of "${name}" was not saved. It is kept in this page and saved when there is room.`
        : `task-elements: could not save the history of "${name}" (${error instanceof Error ? error.name : 'error'}).`);
      return false;
    }
  }

  return {
    load,
    write,
    clear: () => (newer ? Promise.resolve() : records.clear(name)),
    close: () => records.close(),
  };
}

function newestFirst(a: TaskRun, b: TaskRun): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

