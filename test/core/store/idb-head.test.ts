/**
 * The read a store starts when it is created (idb-head.ts, issue 17): the database opened and
 * upgraded with plain IndexedDB, the newest runs of one store read newest first with its selection.
 * Real IndexedDB; each test in a database of its own, deleted after.
 */
import { expect } from '@open-wc/testing';
import { openTaskDb, readHead } from '../../../src/core/store/idb-head.js';

let name = '';
let db: IDBDatabase | undefined;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Run records of `store`, `count` of them, one minute apart: `<store>-0` is the oldest. */
function records(store: string, count: number) {
  const start = Date.parse('2026-03-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    store, id: `${store}-${i}`, createdAt: new Date(start + i * 60_000).toISOString(), v: 1, run: { id: `${store}-${i}` },
  }));
}

async function put(database: IDBDatabase, runs: object[], meta: object[]): Promise<void> {
  const tx = database.transaction(['runs', 'meta'], 'readwrite');
  for (const record of runs) tx.objectStore('runs').put(record);
  for (const record of meta) tx.objectStore('meta').put(record);
  await new Promise((resolve, reject) => ((tx.oncomplete = resolve), (tx.onabort = () => reject(tx.error))));
}

beforeEach(() => {
  name = `idb-head-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
});

afterEach(async () => {
  db?.close();
  db = undefined;
  await request(indexedDB.deleteDatabase(name));
});

describe('the run index read when a store is created (plain IndexedDB)', () => {
  it('opens a database someone created empty at version 1 and gives it every store of the layout', async () => {
    (await request(indexedDB.open(name, 1))).close();
    db = await openTaskDb(name);
    expect(db.version).to.equal(2);
    expect([...db.objectStoreNames].sort()).to.deep.equal(['batches', 'meta', 'quarantine', 'runs']);
  });

  it('reads no more than the newest runs asked for, of one store only, newest first, with the selection and the older selected run', async () => {
    db = await openTaskDb(name);
    await put(db, [...records('a', 50), ...records('b', 10), ...records('c', 5)], [{ store: 'a', v: 1, selectedId: 'a-3' }]);
    const head = await readHead(db, 'a', 30);
    expect(head.records.map((r) => (r as { id: string }).id)).to.deep.equal(Array.from({ length: 30 }, (_, i) => `a-${49 - i}`));
    expect(head.meta).to.deep.equal({ store: 'a', v: 1, selectedId: 'a-3' });
    expect((head.selected as { id: string }).id, 'the selected run, older than the newest 30').to.equal('a-3');
    expect(head.last).to.deep.equal([records('a', 50)[20]!.createdAt, 'a-20']);
  });

  it('gives no separate selected run when it is among the newest, and an empty head for a store with no runs', async () => {
    db = await openTaskDb(name);
    await put(db, records('a', 5), [{ store: 'a', v: 1, selectedId: 'a-4' }]);
    const head = await readHead(db, 'a', 30);
    expect(head.records).to.have.length(5);
    expect(head.selected).to.equal(undefined);
    const none = await readHead(db, 'z', 30);
    expect(none).to.deep.equal({ records: [], meta: undefined, selected: undefined, last: undefined });
  });
});
