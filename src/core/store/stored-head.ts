/**
 * Checking run records read from the run index in a database (issue 10 §2, issue 17), record by
 * record (stored-schema.ts), in the bundle's shared chunk: the newest runs read when a store is
 * created (idb-head.ts) are checked and listed before the IndexedDB code has arrived; the older
 * pages are checked the same way by idb-stored-runs.ts.
 */
import type { TaskRun } from '../providers/task-event.js';
import type { QuarantineEntry } from './event-log.js';
import { RUN_RECORD_VERSION, type RunRecordsHead } from './run-records.js';
import { checkRun } from './stored-schema.js';

/** What checking records found so far: good runs (each id once), records set aside, newer ones skipped. */
export interface RecordCheck {
  ids: Set<string>;
  bad: QuarantineEntry[];
  /** Ids of records of a newer format: left alone (neither listed nor set aside). */
  skipped: string[];
}

/** The head of a store's run index, read and checked. */
export interface CheckedHead extends RecordCheck {
  /** The head as read: the older pages continue after `head.last`. */
  head: RunRecordsHead;
  /** `newer`: the selection record is a newer library's, which owns the index (nothing else is set). */
  status: 'ok' | 'newer';
  /** The newest runs (without the selected run when it is older). */
  newest: TaskRun[];
  /** The runs to show first, newest first: the newest ones and the selected one. */
  runs: TaskRun[];
  /** The stored selection, when its run is among `runs`. */
  selectedId?: string;
}

/** Checks raw records `{store, id, createdAt, v, run}`: good runs go to `runs`, the rest to `check`. */
export function checkRecords(raw: readonly unknown[], runs: TaskRun[], check: RecordCheck): void {
  for (const record of raw) {
    const r = record as { id?: unknown; v?: unknown; run?: unknown } | null;
    if (typeof r?.v === 'number' && r.v > RUN_RECORD_VERSION) {
      if (typeof r.id === 'string') check.skipped.push(r.id);
      continue;
    }
    const checked = checkRun(r?.run);
    if (checked.ok && checked.value.id === r?.id) {
      if (check.ids.has(checked.value.id)) continue; // the selected run, read with the head and again in its page
      check.ids.add(checked.value.id);
      runs.push(checked.value);
    } else {
      check.bad.push({ where: `run ${typeof r?.id === 'string' ? r.id : '?'}`, reason: checked.ok ? 'id does not match its key' : checked.reason, record, at: new Date().toISOString() });
    }
  }
}

const newestFirst = (a: TaskRun, b: TaskRun) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0);

/** Checks the head of a run index: its newest runs, its selection, the selected run. */
export function checkHead(head: RunRecordsHead): CheckedHead {
  const check: RecordCheck = { ids: new Set(), bad: [], skipped: [] };
  const meta = head.meta as { v?: unknown; selectedId?: unknown } | undefined;
  if (typeof meta?.v === 'number' && meta.v > RUN_RECORD_VERSION) return { ...check, head, status: 'newer', newest: [], runs: [] };
  const newest: TaskRun[] = [];
  checkRecords(head.records, newest, check);
  const selected: TaskRun[] = [];
  // A failing selected run is set aside with its page.
  if (head.selected) checkRecords([head.selected], selected, { ids: new Set(), bad: [], skipped: [] });
  const selectedId = typeof meta?.selectedId === 'string' && (check.ids.has(meta.selectedId) || selected.length) ? meta.selectedId : undefined;
  const runs = selected.length ? [...newest, ...selected].sort(newestFirst) : newest;
  return { ...check, head, status: 'ok', newest, runs, selectedId };
}
