/**
 * The default run index lives in IndexedDB (issue 17): read newest first without a long task,
 * written record by record, moved from localStorage once, checked record by record, shared with
 * other tabs on the BroadcastChannel. Real IndexedDB and localStorage in the browser.
 */
import { expect } from '@open-wc/testing';
import type { StoreChange, TaskStore } from '../../../src/core/store/task-store.js';
import { connectTaskDb, type RunRecord } from '../../../src/core/store/idb-database.js';
import { createIdbRunRecords } from '../../../src/core/store/idb-run-records.js';
import { HEAD_RUNS } from '../../../src/core/store/idb-stored-runs.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { indexKey, useIdbStores } from '../../support/idb-stores.js';
import { until } from '../../support/scripted-stream.js';
import { bestOfAttempts, longTasksOnce } from '../../support/long-tasks.js';

const run = (id: string, extra: Record<string, unknown> = {}): TaskRun => ({
  id, provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', input: `Question ${id}`, ...extra,
}) as TaskRun;

/** `count` runs, newest first (run-0 is the newest). */
function manyRuns(count: number): TaskRun[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => run(`run-${i}`, { createdAt: new Date(start + (count - i) * 60_000).toISOString(), processor: 'core' }));
}

const { uniqueName, open } = useIdbStores('idx');

/** Raw records of the `runs` object store for one store, and its selection record. */
async function stored(name: string): Promise<{ runs: RunRecord[]; meta: unknown; quarantine: { where: string; record: unknown }[] }> {
  const connection = connectTaskDb();
  const db = await connection.db();
  try {
    const runs = (await db.getAll('runs')).filter((r) => r.store === name);
    const quarantine = (await db.getAll('quarantine')).filter((q) => q.store === name);
    return { runs, meta: await db.get('meta', name), quarantine };
  } finally {
    connection.close();
  }
}
/** Writes raw records straight into the `runs` object store (what another version or tab could have written). */
async function putRaw(name: string, records: object[], selectedId?: string): Promise<void> {
  const connection = connectTaskDb();
  const db = await connection.db();
  const tx = db.transaction(['runs', 'meta'], 'readwrite');
  for (const record of records) void tx.objectStore('runs').put({ store: name, v: 1, ...record } as RunRecord);
  if (selectedId) void tx.objectStore('meta').put({ store: name, v: 1, selectedId });
  await tx.done;
  connection.close();
}
const ids = (store: TaskStore) => store.getRuns().map((r) => r.id);
/** Waits for an asynchronous condition (a read of IndexedDB). */
async function untilStored(check: () => Promise<boolean>, what: string): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > 3000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the run index in IndexedDB', () => {
  it('saves runs and the selection there, not in localStorage, and a new store lists them newest first', async () => {
    const name = uniqueName();
    const first = open(name);
    await first.ready();
    first.addRun(run('older', { createdAt: '2026-10-01T00:00:00Z' }));
    first.addRun(run('newer'));
    first.select('older');
    first.flush();
    await first.settled();
    expect(localStorage.getItem(indexKey(name))).to.equal(null);
    const saved = await stored(name);
    expect(saved.runs.map((r) => r.id).sort()).to.deep.equal(['newer', 'older']);
    expect(saved.meta).to.deep.include({ selectedId: 'older' });
    const second = open(name);
    expect(second.loaded, 'not read yet').to.equal(false);
    await second.ready();
    expect(second.loaded).to.equal(true);
    expect(ids(second)).to.deep.equal(['newer', 'older']);
    expect(second.selectedId).to.equal('older');
  });

  it('writes only the runs that changed: a status change in a history of 2,000 runs puts one record', async () => {
    const name = uniqueName();
    await createIdbRunRecords().write(name, { put: manyRuns(2000), remove: [] });
    const store = open(name);
    await store.ready();
    expect(store.getRuns()).to.have.length(2000);
    const puts: unknown[] = [];
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'runs') puts.push(args[0]);
      return put.apply(this, args);
    };
    try {
      store.updateRun('run-1500', { status: 'failed' });
      store.flush();
      await store.settled();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(puts).to.have.length(1);
    expect((puts[0] as RunRecord).run.status).to.equal('failed');
    store.removeRun('run-3');
    store.flush();
    await store.settled();
    expect((await stored(name)).runs).to.have.length(1999);
  });

  it('lists the newest runs and the selected one first, then all 10,000 in order, with no task over 50 ms', async function () {
    this.timeout(120_000);
    const runs = manyRuns(10_000);
    // The best of up to three loads counts (test/support/long-tasks.ts): a spike from elsewhere on a
    // shared machine fails one, work that really blocks fails all three. No longtask entries outside Chromium.
    const tasks = await bestOfAttempts(async () => {
      const name = uniqueName();
      const records = createIdbRunRecords();
      await records.write(name, { put: runs, remove: [], selectedId: 'run-9000' });
      records.close();
      let store!: TaskStore;
      const sizes: number[] = [];
      const seen = await longTasksOnce(async () => {
        store = open(name);
        store.subscribe((change) => change.type === 'runs' && sizes.push(store.getRuns().length));
        await until(() => store.getRuns().length > 0, 5000, 'the first runs');
        expect(store.loaded, 'the first runs come before the rest').to.equal(false);
        expect(store.getRuns().slice(0, HEAD_RUNS).map((r) => r.id)).to.deep.equal(runs.slice(0, HEAD_RUNS).map((r) => r.id));
        expect(store.selectedId).to.equal('run-9000');
        expect(store.getRun('run-9000')?.input).to.equal('Question run-9000');
        await store.ready();
      }, 50);
      expect(ids(store)).to.deep.equal(runs.map((r) => r.id));
      expect(sizes, 'the newest runs, then every run').to.deep.equal([HEAD_RUNS + 1, 10_000]);
      return seen;
    });
    expect(tasks.filter((t) => t > 50), `long tasks: ${tasks.join(', ')}`).to.deep.equal([]);
  });

  it('clears a history of 10,000 runs in seconds, not one record at a time, and another store in the database keeps its runs and selection', async function () {
    // WebKit's in-memory IndexedDB (Safari Private Browsing; also WebDriver's sessions) deletes a
    // record in time proportional to the index's distinct keys: 33 s for these 10,000 as one range.
    this.timeout(60_000);
    const name = uniqueName();
    const other = uniqueName();
    const records = createIdbRunRecords();
    await records.write(name, { put: manyRuns(10_000), remove: [], selectedId: 'run-5' });
    records.close();
    await putRaw(other, [{ id: 'kept', createdAt: '2026-11-01T10:00:00Z', run: run('kept') }], 'kept');
    const store = open(name);
    open(other); // cleared after the test
    await store.ready();
    const started = performance.now();
    store.clear();
    await store.settled();
    const took = performance.now() - started;
    const cleared = await stored(name);
    expect(cleared.runs).to.deep.equal([]);
    expect(cleared.meta).to.equal(undefined);
    const kept = await stored(other);
    expect(kept.runs.map((r) => r.run)).to.deep.equal([run('kept')]);
    expect(kept.meta).to.deep.include({ selectedId: 'kept' });
    expect(took, `cleared in ${Math.round(took)} ms`).to.be.below(5000);
  });

  it('moves a localStorage index into IndexedDB once, setting failing runs aside, and removes it from localStorage', async () => {
    const name = uniqueName();
    localStorage.setItem(indexKey(name), JSON.stringify({ v: 1, runs: [run('a'), run('bad', { status: 42 }), run('b', { createdAt: '2026-10-01T00:00:00Z' })], selectedId: 'b' }));
    const warnings: string[] = [];
    const store = open(name, warnings);
    await store.ready();
    expect(ids(store)).to.deep.equal(['a', 'b']);
    expect(store.selectedId).to.equal('b');
    expect(localStorage.getItem(indexKey(name)), 'moved').to.equal(null);
    expect((await stored(name)).runs.map((r) => r.id).sort()).to.deep.equal(['a', 'b']);
    expect(Object.keys(localStorage).filter((k) => k.startsWith(`${indexKey(name)}:quarantine:`)), 'the failing run, set aside').to.have.length(1);
    expect(warnings.join(' ')).to.contain('could not be read');
    const again = open(name);
    await again.ready();
    expect(ids(again), 'the next load reads IndexedDB').to.deep.equal(['a', 'b']);
  });

  it('leaves a newer version’s localStorage index where it is', async () => {
    const name = uniqueName();
    const newer = JSON.stringify({ v: 2, runs: [run('future')] });
    localStorage.setItem(indexKey(name), newer);
    const store = open(name);
    await store.ready();
    expect(ids(store)).to.deep.equal([]);
    expect(localStorage.getItem(indexKey(name))).to.equal(newer);
  });

  for (const [label, bad] of [
    ['"output":"x"', { output: 'x' }],
    ['"status":42', { status: 42 }],
    ['"provider":"evil"', { provider: 'evil' }],
    ['a numeric createdAt', { createdAt: 1_700_000_000_000 }],
  ] as const) {
    it(`sets a stored record with ${label} aside on its own; the other runs load`, async () => {
      const name = uniqueName();
      await putRaw(name, [
        { id: 'good-1', createdAt: '2026-11-01T10:00:00Z', run: run('good-1') },
        { id: 'bad', createdAt: '2026-10-15T10:00:00Z', run: run('bad', bad) },
        { id: 'good-2', createdAt: '2026-10-01T00:00:00Z', run: run('good-2', { createdAt: '2026-10-01T00:00:00Z' }) },
      ]);
      const warnings: string[] = [];
      const store = open(name, warnings);
      await store.ready();
      expect(ids(store)).to.deep.equal(['good-1', 'good-2']);
      expect(warnings.join(' ')).to.contain('1 stored run').and.contain('set aside');
      await untilStored(async () => (await stored(name)).runs.length === 2, 'the failing record removed from the index');
      expect((await stored(name)).quarantine.map((q) => (q.record as { id: string }).id)).to.deep.equal(['bad']);
    });
  }

  it('leaves a record of a newer format alone: not listed, not set aside, still stored', async () => {
    const name = uniqueName();
    await putRaw(name, [{ id: 'now', createdAt: '2026-11-01T10:00:00Z', run: run('now') }, { id: 'future', v: 2, createdAt: '2026-11-02T10:00:00Z', run: { shape: 'new' } }]);
    const store = open(name);
    await store.ready();
    expect(ids(store)).to.deep.equal(['now']);
    const saved = await stored(name);
    expect(saved.runs.map((r) => r.id).sort()).to.deep.equal(['future', 'now']);
    expect(saved.quarantine).to.deep.equal([]);
  });

  it('keeps runs added and removed while the index is read, and watches a run known by id once its stored record is listed, not as a new run', async () => {
    const name = uniqueName();
    await createIdbRunRecords().write(name, { put: [...manyRuns(300), run('watched', { createdAt: '2025-01-01T00:00:00Z', input: 'Stored question' })], remove: [] });
    const store = open(name);
    store.addRun(run('new-here', { createdAt: '2027-01-01T00:00:00Z' }));
    const release = store.watch('watched', () => ({ provider: 'parallel', baseUrl: 'http://127.0.0.1:9/none', auth: { mode: 'none' } }));
    await until(() => store.getRuns().length > 2, 5000, 'the first stored runs');
    store.removeRun('run-0');
    await store.ready();
    release();
    expect(store.getRuns()).to.have.length(301);
    expect(ids(store)[0]).to.equal('new-here');
    expect(store.getRun('run-0'), 'removed while loading: stays removed').to.equal(undefined);
    expect(store.getRun('watched')).to.deep.include({ input: 'Stored question', createdAt: '2025-01-01T00:00:00Z' });
    store.flush();
    await store.settled();
    const saved = (await stored(name)).runs;
    expect(saved.some((r) => r.id === 'run-0')).to.equal(false);
    expect(saved.some((r) => r.id === 'new-here')).to.equal(true);
  });

  it('hears another tab’s new, changed and removed runs on the BroadcastChannel, without reading the index, and keeps its own selection', async () => {
    const name = uniqueName();
    const first = open(name);
    const second = open(name);
    await Promise.all([first.ready(), second.ready()]);
    const changes: StoreChange[] = [];
    second.subscribe((change) => changes.push(change));
    first.addRun(run('a'));
    first.addRun(run('b', { createdAt: '2026-12-01T00:00:00Z' }));
    first.select('a');
    first.flush();
    await until(() => ids(second).length === 2, 3000, 'the runs from the other tab');
    expect(ids(second)).to.deep.equal(['b', 'a']);
    second.select('b');
    first.removeRun('b');
    first.flush();
    await until(() => ids(second).length === 1, 3000, 'the removal in the other tab');
    expect(ids(second)).to.deep.equal(['a']);
    expect(second.selectedId, 'its run was removed: nothing selected, not the other tab’s pick').to.equal(undefined);
    expect(changes.filter((c) => c.type === 'selection').length, 'its own pick and the removal').to.equal(2);
  });

  it('writes what is pending when asked to flush (leaving the page), and the next page lists it', async () => {
    const name = uniqueName();
    const store = open(name);
    store.addRun(run('early'));
    store.flush(); // before the index was read: written as soon as it is
    await store.ready();
    await untilStored(async () => (await stored(name)).runs.length === 1, 'the run written');
    const next = open(name);
    await next.ready();
    expect(ids(next)).to.deep.equal(['early']);
  });
});
