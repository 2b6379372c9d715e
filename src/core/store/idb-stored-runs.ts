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
import type { EventLog } from './event-log.js';
import { isQuotaError, type IndexRead, type RunIndex, type Warn } from './run-index.js';
import { HEAD_RUNS } from './idb-head.js';
import type { RunChange, RunRecords, StoredRuns } from './run-records.js';
import { checkHead, checkRecords, type CheckedHead } from './stored-head.js';

export { HEAD_RUNS } from './idb-head.js';
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

  /**
   * Reads the index (see above). `onHead` gets the newest runs and the selection as soon as they
   * are read; the promise resolves with every run (newest first). Never rejects: a database that
   * cannot be opened or read gives an empty read, with a warning.
   */
  async function load(mode: 'startup' | 'reload', onHead?: (read: IndexRead) => void, early?: Promise<CheckedHead | undefined>): Promise<IndexRead> {
    try {
      // Read when the store was created (lazy-event-log.ts), only when no localStorage index had to move first.
      let first = await early;
      if (first) migrated ??= Promise.resolve();
      else {
        if (mode === 'startup' || !migrated) await (migrated ??= migrate().catch(() => warn(`task-elements: the history of "${name}" could not be moved from localStorage to IndexedDB; it stays in localStorage and is tried again on the next load.`)));
        first = checkHead(await records.head(name, HEAD_RUNS));
        if (first.status === 'ok') onHead?.({ status: 'ok', runs: first.runs, selectedId: first.selectedId, invalidIds: [] });
      }
      if (first.status === 'newer') {
        if (mode === 'startup') warn(`task-elements: the history of "${name}" was saved by a newer version of task-elements; it is left as it is, and this page keeps its runs in memory only.`);
        newer = true;
        return { status: 'newer', runs: [], invalidIds: [] };
      }
      const { head, newest, selectedId, bad, skipped } = first;
      const older: TaskRun[] = [];
      if (head.last && head.records.length >= HEAD_RUNS) {
        for (let after = undefined as readonly [string, string] | undefined, more = true; more;) {
          await yieldToBackground(); // each page in a task of its own, after what the page has to do (the head is painted first)
          const page = await records.page(name, head.last, after, PAGE_RUNS);
          checkRecords(page.records, older, first);
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

