/**
 * Removing many runs at once ("Clear shown" in the history, `store.removeRuns`) on real IndexedDB:
 * one operation — one transaction for the runs, one for their logs, one change here and one notice
 * to other tabs — at a cost that stays in seconds in WebKit's in-memory IndexedDB, which deletes a
 * record in time proportional to an index's distinct keys (idb-bulk-delete.ts): 9,000 runs deleted
 * one by one among 10,000 took about a minute there.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type StoreChange, type TaskStore } from '../../../src/core/store/task-store.js';
import { connectTaskDb } from '../../../src/core/store/idb-database.js';
import { createIdbEventLog } from '../../../src/core/store/idb-event-log.js';
import { createIdbRunRecords } from '../../../src/core/store/idb-run-records.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { until } from '../../support/scripted-stream.js';
import { clearedAfterEach } from '../../support/idb-stores.js';

const start = Date.parse('2026-01-01T00:00:00Z');
const run = (i: number): TaskRun => ({
  id: `run-${i}`, provider: 'parallel', status: 'completed', createdAt: new Date(start - i * 60_000).toISOString(), input: `Question ${i}`,
}) as TaskRun;
const message = (id: string): TaskEvent => ({ kind: 'message', id, category: 'plan', text: id, source: 'test' });

let n = 0;
const opened = clearedAfterEach();
const uniqueName = () => `bulk-${Date.now().toString(36)}-${++n}`;
function open(name: string): TaskStore {
  const store = createTaskStore({ name, saveDelayMs: 60_000 });
  opened.push(store);
  return store;
}

/** Writes `count` runs (run-0 newest) with a one-event log each, as earlier pages would have. */
async function seed(name: string, count: number): Promise<void> {
  const records = createIdbRunRecords();
  await records.write(name, { put: Array.from({ length: count }, (_, i) => run(i)), remove: [], selectedId: null });
  records.close();
  const log = createIdbEventLog();
  await log.append(name, Array.from({ length: count }, (_, i) => [`run-${i}`, [message(`m-${i}`)]] as const));
  log.close();
}

/** This store's run ids in the `runs` object store, and the runs with a stored log among `probe`. */
async function stored(name: string, probe: readonly string[]): Promise<{ runs: string[]; logged: string[] }> {
  const connection = connectTaskDb();
  const db = await connection.db();
  try {
    const runs = (await db.getAll('runs')).filter((r) => r.store === name).map((r) => r.id);
    const logged: string[] = [];
    for (const id of probe) if ((await db.countFromIndex('batches', 'by-run', IDBKeyRange.only([name, id]))) > 0) logged.push(id);
    return { runs, logged };
  } finally {
    connection.close();
  }
}

describe('removing many runs at once (IndexedDB)', () => {
  it('removes 9,000 of 10,000 runs and their logs in seconds; the other 1,000 keep their records and logs, another store keeps its own', async function () {
    this.timeout(90_000);
    const name = uniqueName();
    const other = uniqueName();
    await seed(name, 10_000);
    await seed(other, 3);
    const store = open(name);
    open(other); // cleared after the test
    await store.ready();
    expect(store.getRuns()).to.have.length(10_000);
    const removed = store.getRuns().slice(1_000).map((r) => r.id);
    const started = performance.now();
    store.removeRuns(removed);
    store.flush();
    await store.settled();
    const took = performance.now() - started;
    const mine = await stored(name, ['run-0', 'run-999', 'run-1000', 'run-9999']);
    expect(mine.runs).to.have.length(1_000);
    expect(mine.runs).to.include.members(['run-0', 'run-999']);
    expect(mine.runs).not.to.include('run-1000');
    expect(mine.logged, 'the kept runs’ logs stay, the removed ones’ go').to.deep.equal(['run-0', 'run-999']);
    const theirs = await stored(other, ['run-0', 'run-1', 'run-2']);
    expect(theirs.runs.sort()).to.deep.equal(['run-0', 'run-1', 'run-2']);
    expect(theirs.logged).to.deep.equal(['run-0', 'run-1', 'run-2']);
    const next = open(name);
    await next.ready();
    expect(next.getRuns().map((r) => r.id)).to.deep.equal(store.getRuns().map((r) => r.id));
    next.select('run-999');
    await until(() => next.getEvents('run-999').length === 1, 5000, 'a kept run’s log read back');
    expect(took, `removed in ${Math.round(took)} ms`).to.be.below(10_000);
  });

  it('is one change here and one notice to another tab, which drops the runs without reading the index', async () => {
    const name = uniqueName();
    await seed(name, 300);
    const here = open(name);
    const there = open(name);
    await Promise.all([here.ready(), there.ready()]);
    const changesHere: StoreChange[] = [];
    const changesThere: StoreChange[] = [];
    here.subscribe((change) => changesHere.push(change));
    there.subscribe((change) => changesThere.push(change));
    here.removeRuns(here.getRuns().slice(0, 200).map((r) => r.id));
    here.flush();
    await until(() => there.getRuns().length === 100, 5000, 'the removal in the other tab');
    await here.settled();
    await new Promise((r) => setTimeout(r, 100));
    expect(changesHere.filter((c) => c.type === 'runs')).to.have.length(1);
    expect(changesThere.filter((c) => c.type === 'runs')).to.have.length(1);
    expect(there.getRuns().map((r) => r.id)).to.deep.equal(here.getRuns().map((r) => r.id));
  });
});
