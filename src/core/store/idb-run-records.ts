/**
 * The run index in IndexedDB (run-records.ts; database layout in idb-database.ts): one record per
 * run in `runs`, read newest first through the `by-created` index (`[store, createdAt, id]`), and
 * the selection in `meta`. Loaded on first use with `idb` (lazy-event-log.ts).
 *
 * A write never regresses a stored run (issue 14, "a stale record at rest"): tabs share the
 * records with no lock, so a tab that still thinks a run is running and writes it after another
 * tab wrote its end would leave the end lost at rest. Each run written is merged with the record
 * stored for it, read in the same readwrite transaction (no tab writes in between), by the
 * store's convergence rule (converge-run.ts): a further status and what goes with it, and what the
 * stored record knows that the written copy lacks (output, usage), are kept; the rest is the
 * writer's, so what it knows that is newer still lands.
 */
import { unwrap } from 'idb';
import type { TaskRun } from '../providers/task-event.js';
import { canTransition } from './apply-event.js';
import { convergeRun } from './converge-run.js';
import { deleteMany } from './idb-bulk-delete.js';
import { connectTaskDb, type RunRecord, type TaskDbConnection } from './idb-database.js';
import { cursorOf, readHead } from './idb-head.js';
import { RUN_RECORD_VERSION, type RunRecords } from './run-records.js';
import { checkRun } from './stored-schema.js';

/**
 * `run` as it is written over its stored record `stored`: converged with it (converge-run.ts), the
 * stored status taken only when it is further along (final over active, active over queued). One
 * of the same stage (running, paused, cancelling) is the writer's: it is the later word (a pause,
 * a cancel). A record of a newer format, or one that fails its check (stored-schema.ts), lends it nothing.
 */
function mergeAtRest(run: TaskRun, stored: RunRecord | undefined): TaskRun {
  if (stored?.v !== RUN_RECORD_VERSION) return run;
  const checked = checkRun(stored.run);
  if (!checked.ok) return run;
  const theirs = checked.value;
  const further = canTransition(run.status, theirs.status) && !canTransition(theirs.status, run.status);
  return convergeRun(run, further ? theirs : { ...theirs, status: run.status });
}

/** The run index in the database `connection` opens (its own connection by default). */
export function createIdbRunRecords(connection: TaskDbConnection = connectTaskDb()): RunRecords {
  const db = () => connection.db();
  /** Every key of `store` in `by-created`: arrays sort after strings, so `[store, []]` is above them all. */
  const lowest = (store: string) => [store];
  const highest = (store: string) => [store, []];

  return {
    // The same read as the one a store starts when it is created (idb-head.ts), on this connection.
    head: async (store, count) => readHead(unwrap(await db()), store, count),
    async page(store, before, after, count) {
      const range = IDBKeyRange.bound(after ? [store, ...after] : lowest(store), [store, ...before], !!after, true);
      const records = await (await db()).getAllFromIndex('runs', 'by-created', range, count);
      const last = records.at(-1);
      return { records, next: records.length === count && last ? cursorOf(last) : undefined };
    },
    async write(store, change) {
      const tx = (await db()).transaction(['runs', 'meta'], 'readwrite');
      const runs = tx.objectStore('runs');
      // Many removed at once ("Clear shown"): one pass, not one delete each (idb-bulk-delete.ts).
      await deleteMany(runs, change.remove.map((id) => [store, id]), false);
      // Each run merged with what is stored, read here: in this transaction no other tab writes.
      const stored = await Promise.all(change.put.map((run) => runs.get([store, run.id])));
      change.put.forEach((run, i) => void runs.put({ store, id: run.id, createdAt: run.createdAt, v: RUN_RECORD_VERSION, run: mergeAtRest(run, stored[i]) }));
      if (change.selectedId !== undefined) {
        void tx.objectStore('meta').put({ store, v: RUN_RECORD_VERSION, ...(change.selectedId === null ? {} : { selectedId: change.selectedId }) });
      }
      await tx.done;
    },
    async clear(store) {
      // Not one range delete: WebKit's in-memory IndexedDB (Safari Private Browsing, WebKitGTK's
      // ephemeral sessions) deletes a record in time proportional to the distinct keys of
      // `by-created`, which are one per run: 10,000 runs took 33 s, the 2,000 0.65 s. So when the
      // other stores' runs are no more than this store's, they are read, the object store is
      // cleared and they are put back, in the same transaction (idb-database.ts, "Deleting").
      const tx = (await db()).transaction(['runs', 'meta'], 'readwrite');
      const runs = tx.objectStore('runs');
      const own = IDBKeyRange.bound(lowest(store), highest(store));
      const [mine, all] = await Promise.all([runs.count(own), runs.count()]);
      if (all - mine <= mine) {
        const others = [...(await runs.getAll(IDBKeyRange.upperBound(lowest(store), true))), ...(await runs.getAll(IDBKeyRange.lowerBound(highest(store), true)))];
        await runs.clear();
        for (const record of others) void runs.put(record);
      } else {
        void runs.delete(own);
      }
      void tx.objectStore('meta').delete(store);
      await tx.done;
    },
    close: () => connection.close(),
  };
}
