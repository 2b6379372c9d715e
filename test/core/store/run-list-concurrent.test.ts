/**
 * Several tabs change one run list at once (issue 17's IndexedDB index, issue 14 §1's tabs): no run
 * another tab added is lost, whatever the order in which writes, reads and messages meet. Stores of
 * one name stand for the tabs: real IndexedDB and real BroadcastChannels in the browser.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore } from '../../../src/core/store/task-store.js';
import { connectTaskDb } from '../../../src/core/store/idb-database.js';
import { HEAD_RUNS } from '../../../src/core/store/idb-stored-runs.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { until } from '../../support/scripted-stream.js';
import { clearedAfterEach } from '../../support/idb-stores.js';

const run = (id: string, createdAt: string): TaskRun => ({ id, provider: 'parallel', status: 'queued', createdAt });
const at = (minute: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + minute * 60_000).toISOString();

let n = 0;
const opened = clearedAfterEach();
function tabs(count: number): TaskStore[] {
  const name = `concurrent-${Date.now().toString(36)}-${++n}`;
  const stores = Array.from({ length: count }, () => createTaskStore({ name, saveDelayMs: 20 }));
  opened.push(...stores);
  return stores;
}
async function storedIds(name: string): Promise<string[]> {
  const connection = connectTaskDb();
  const db = await connection.db();
  try {
    return (await db.getAll('runs')).filter((r) => r.store === name).map((r) => r.id);
  } finally {
    connection.close();
  }
}
const missing = (store: TaskStore, ids: readonly string[]) => ids.filter((id) => !store.getRun(id));

describe('one run list changed by several tabs at once', () => {
  it('five tabs each adding two runs at the same moment all end with the ten runs, and storage holds the ten', async () => {
    const stores = tabs(5);
    await Promise.all(stores.map((store) => store.ready()));
    const ids = stores.flatMap((store, tab) => [0, 1].map((k) => {
      const id = `tab${tab}-run${k}`;
      store.addRun(run(id, at(tab * 2 + k)));
      return id;
    }));
    await until(() => stores.every((store) => missing(store, ids).length === 0), 5000, 'every tab to list the ten runs');
    await Promise.all(stores.map((store) => store.settled()));
    expect((await storedIds(stores[0]!.name)).sort()).to.deep.equal([...ids].sort());
  });

  it('a tab that re-reads the stored list while other tabs add runs keeps every one of them (the read may predate a run whose message came first)', async function () {
    this.timeout(30_000);
    const [reader, ...writers] = tabs(3);
    // More runs than the first read takes: the rest of the list is read in later tasks, in which
    // other tabs' writes and messages arrive.
    for (let i = 0; i < HEAD_RUNS + 20; i++) writers[0]!.addRun(run(`old-${i}`, at(i)));
    writers[0]!.flush();
    await writers[0]!.settled();
    await reader!.ready();
    await until(() => reader!.getRuns().length === HEAD_RUNS + 20, 5000, 'the reader to list the old runs');
    const added: string[] = [];
    for (let round = 0; round < 20; round++) {
      reader!.reload(); // what a `storage` event or a full log's eviction makes a tab do
      for (const [w, writer] of writers.entries()) {
        const id = `new-${round}-${w}`;
        added.push(id);
        writer.addRun(run(id, at(1000 + round * 2 + w)));
        writer.flush();
      }
      await new Promise((resolve) => setTimeout(resolve, round % 4));
    }
    await Promise.all(writers.map((writer) => writer.settled()));
    await until(() => missing(reader!, added).length === 0, 5000, 'the reader to list every added run').catch(() => {});
    expect(missing(reader!, added), 'runs the reader lost').to.deep.equal([]);
    reader!.reload();
    await reader!.settled();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(missing(reader!, added), 'runs lost after one more read').to.deep.equal([]);
  });
});
