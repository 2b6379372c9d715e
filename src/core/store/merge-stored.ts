/**
 * How a store folds in what other tabs of the same origin wrote to the storage they share. Pure:
 * it decides, the store applies. There is no lock between tabs, so the rules are chosen to converge
 * and never to lose a run:
 * - a stored run this store does not know was added elsewhere: add it, unless this store removed it
 *   (a tombstone), so another tab's older copy cannot bring a deleted run back;
 * - a known run that was stored when this store last looked and is gone now was removed elsewhere;
 *   a run that was never stored (not saved yet, or storage was full) is kept, and so is a run whose
 *   stored record could not be read (another tab's bad write is no removal);
 * - a known run's stored events are re-read when they may have grown there: the run is still active
 *   here, or its stored status or output differs. Finished runs that agree are not read again.
 */
import { isTerminalStatus, type TaskRun } from '../providers/task-event.js';

/** What to change so the store agrees with storage. */
export interface StoredMerge {
  /** Stored runs to add (their events are read from storage). */
  added: TaskRun[];
  /** Ids of known runs that were removed elsewhere. */
  removed: string[];
  /** Ids of known runs whose stored events may hold new ones. */
  grown: string[];
}

/** What the store remembers about storage. */
export interface MergeContext {
  /** Ids the stored run list held when this store last read or wrote it. */
  stored: ReadonlySet<string>;
  /** Ids this store removed: never brought back from storage. */
  tombstones: ReadonlySet<string>;
  /** `false`: only add runs (before a write); `true`: also removals and grown events. @default true */
  full?: boolean;
  /** Ids of stored records that could not be read: still stored, so never taken as removed. */
  unreadable?: readonly string[];
}

/** Plans the merge of the `stored` run list into the store's `local` runs. */
export function planStoredMerge(local: readonly TaskRun[], stored: readonly TaskRun[], context: MergeContext): StoredMerge {
  const localIds = new Set(local.map((run) => run.id));
  const added = stored.filter((run) => !localIds.has(run.id) && !context.tombstones.has(run.id));
  if (context.full === false) return { added, removed: [], grown: [] };
  const storedById = new Map(stored.map((run) => [run.id, run]));
  const removed: string[] = [];
  const grown: string[] = [];
  for (const run of local) {
    const theirs = storedById.get(run.id);
    if (!theirs) {
      if (context.stored.has(run.id) && !context.unreadable?.includes(run.id)) removed.push(run.id);
    } else if (mayHaveGrown(run, theirs)) {
      grown.push(run.id);
    }
  }
  return { added, removed, grown };
}

function mayHaveGrown(mine: TaskRun, theirs: TaskRun): boolean {
  return !isTerminalStatus(mine.status) || mine.status !== theirs.status || (!mine.output && !!theirs.output);
}
