/**
 * The run index in IndexedDB (run-records.ts; database layout in idb-database.ts): one record per
 * run in `runs`, read newest first through the `by-created` index (`[store, createdAt, id]`), and
 * the selection in `meta`. Loaded on first use with `idb` (lazy-event-log.ts).
 */
import { connectTaskDb, type RunRecord, type TaskDbConnection } from './idb-database.js';
import { RUN_RECORD_VERSION, type RunCursor, type RunRecords } from './run-records.js';

/** The index key of a raw record read back (its own `createdAt` and `id`). */
const cursorOf = (record: RunRecord): RunCursor => [String(record.createdAt), String(record.id)];

/** The run index in the database `connection` opens (its own connection by default). */
export function createIdbRunRecords(connection: TaskDbConnection = connectTaskDb()): RunRecords {
  const db = () => connection.db();
  /** Every key of `store` in `by-created`: arrays sort after strings, so `[store, []]` is above them all. */
  const lowest = (store: string) => [store];
  const highest = (store: string) => [store, []];

  return {
    async head(store, count) {
      const tx = (await db()).transaction(['runs', 'meta']);
      const meta = await tx.objectStore('meta').get(store);
      const records: RunRecord[] = [];
      const range = IDBKeyRange.bound(lowest(store), highest(store));
      let cursor = await tx.objectStore('runs').index('by-created').openCursor(range, 'prev');
      while (cursor && records.length < count) {
        records.push(cursor.value);
        cursor = records.length < count ? await cursor.continue() : null;
      }
      const selectedId = (meta as { selectedId?: unknown } | undefined)?.selectedId;
      const selected = typeof selectedId === 'string' && !records.some((r) => r.id === selectedId)
        ? await tx.objectStore('runs').get([store, selectedId])
        : undefined;
      await tx.done;
      const oldest = records.at(-1);
      return { records, meta, selected, last: oldest && cursorOf(oldest) };
    },
    async page(store, before, after, count) {
      const range = IDBKeyRange.bound(after ? [store, ...after] : lowest(store), [store, ...before], !!after, true);
      const records = await (await db()).getAllFromIndex('runs', 'by-created', range, count);
      const last = records.at(-1);
      return { records, next: records.length === count && last ? cursorOf(last) : undefined };
    },
    async write(store, change) {
      const tx = (await db()).transaction(['runs', 'meta'], 'readwrite');
      const runs = tx.objectStore('runs');
      for (const id of change.remove) void runs.delete([store, id]);
      for (const run of change.put) void runs.put({ store, id: run.id, createdAt: run.createdAt, v: RUN_RECORD_VERSION, run });
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
