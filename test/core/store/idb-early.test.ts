/**
 * The database opened while the elements' code downloads (idb-early.ts): an existing database is
 * opened early and its connection taken once by the first store; a database that does not exist
 * is never created by the guess. Real IndexedDB.
 */
import { expect } from '@open-wc/testing';
import { openTaskDbEarly, takeTaskDbEarly } from '../../../src/core/store/idb-early.js';
import { IDB_VERSION, openTaskDb } from '../../../src/core/store/idb-head.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import { createIdbRunRecords } from '../../../src/core/store/idb-run-records.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';

const unique = (what: string) => `${what}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
const deleteDb = (name: string) => new Promise((resolve) => {
  const request = indexedDB.deleteDatabase(name);
  request.onsuccess = request.onerror = request.onblocked = resolve;
});

afterEach(() => {
  void takeTaskDbEarly()?.then((db) => db?.close());
});

describe('opening the database early', () => {
  it('opens an existing database, and hands its connection over once', async () => {
    const name = unique('early');
    (await openTaskDb(name)).close();
    openTaskDbEarly(name);
    const early = takeTaskDbEarly(name);
    expect(early, 'a connection under way').to.not.equal(undefined);
    const db = await early!;
    expect(db?.name).to.equal(name);
    expect(db?.version).to.equal(IDB_VERSION);
    expect([...db!.objectStoreNames].sort()).to.deep.equal(['batches', 'meta', 'quarantine', 'runs']);
    expect(takeTaskDbEarly(name), 'taken once').to.equal(undefined);
    db!.close();
    await deleteDb(name);
  });

  it('never creates a database that does not exist', async () => {
    const name = unique('absent');
    openTaskDbEarly(name);
    expect(await takeTaskDbEarly(name)!).to.equal(undefined);
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    expect(databases.map((d) => d.name)).not.to.include(name);
    // The store's own open then creates it as before.
    const db = await openTaskDb(name);
    expect(db.version).to.equal(IDB_VERSION);
    db.close();
    await deleteDb(name);
  });

  it('a store created after the early open lists its stored runs from that connection', async () => {
    const store = unique('store');
    const records = createIdbRunRecords();
    const run = { id: 'r1', provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', input: 'q' } as TaskRun;
    await records.write(store, { put: [run], remove: [], selectedId: 'r1' });
    records.close();
    openTaskDbEarly();
    const created = createTaskStore({ name: store });
    expect(takeTaskDbEarly(), 'taken by the store').to.equal(undefined);
    await created.ready();
    expect(created.getRuns().map((r) => r.id)).to.deep.equal(['r1']);
    expect(created.selectedId).to.equal('r1');
    created.clear();
    await created.settled();
    created.dispose();
  });
});
