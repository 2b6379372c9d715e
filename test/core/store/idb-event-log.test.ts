/**
 * The IndexedDB event log's clearing (src/core/store/idb-event-log.ts), on real IndexedDB, each test
 * in a database of its own so no other test's logs share it. WebKit's in-memory IndexedDB (Safari
 * Private Browsing; also WebDriver's sessions) deletes a record in time proportional to the distinct
 * keys of the `by-run` index, one per run with a log: clearing them one by one does not scale.
 */
import { expect } from '@open-wc/testing';
import { connectTaskDb } from '../../../src/core/store/idb-database.js';
import { createIdbEventLog } from '../../../src/core/store/idb-event-log.js';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';

const message = (id: string): TaskEvent => ({ kind: 'message', id, category: 'plan', text: id, source: 'test' });

let databases: string[] = [];
function database() {
  const name = `log-${Date.now().toString(36)}-${databases.length}`;
  databases.push(name);
  const connection = connectTaskDb(name);
  return { connection, log: createIdbEventLog(connection) };
}
afterEach(async () => {
  for (const name of databases.splice(0)) {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  }
});

describe('the IndexedDB event log', () => {
  it('clears the logs of 10,000 runs in seconds, not one batch at a time', async function () {
    this.timeout(60_000);
    const { connection, log } = database();
    await log.append('big', Array.from({ length: 10_000 }, (_, i) => [`run-${i}`, [message(`m-${i}`)]] as const));
    const started = performance.now();
    await log.clear('big');
    const took = performance.now() - started;
    expect(await log.keys('big', 'run-0')).to.deep.equal([]);
    expect(await (await connection.db()).count('batches')).to.equal(0);
    connection.close();
    expect(took, `cleared in ${Math.round(took)} ms`).to.be.below(5000);
  });

  it('clears one store’s logs and leaves another store’s as they were', async () => {
    const { connection, log } = database();
    await log.append('mine', [['a', [message('a1')]], ['b', [message('b1'), message('b2')]]]);
    await log.append('theirs', [['a', [message('x1')]]]);
    await log.clear('mine');
    expect(await log.keys('mine', 'a')).to.deep.equal([]);
    expect(await log.keys('mine', 'b')).to.deep.equal([]);
    const kept = await log.keys('theirs', 'a');
    expect((await log.get('theirs', kept)).map((batch) => batch.events)).to.deep.equal([[message('x1')]]);
    await log.clear('theirs');
    expect(await (await connection.db()).count('batches')).to.equal(0);
    connection.close();
  });
});
