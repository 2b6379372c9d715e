/**
 * A stale writer never regresses a stored run record (issue 14, "a stale record at rest"): every
 * write of the run index to IndexedDB merges each run with the record already stored, in the same
 * readwrite transaction, by the store's convergence rule (converge-run.ts). Two adapters on one
 * database stand for two tabs: tab B writes the run's end, tab A (which still thinks it is running
 * and never heard the end) writes later. Real IndexedDB in the browser.
 */
import { expect } from '@open-wc/testing';
import { connectTaskDb, type RunRecord } from '../../../src/core/store/idb-database.js';
import { createIdbRunRecords } from '../../../src/core/store/idb-run-records.js';
import type { RunRecords } from '../../../src/core/store/run-records.js';
import type { TaskOutput, TaskRun } from '../../../src/core/providers/task-event.js';

const output: TaskOutput = { type: 'text', content: 'EU fishing quotas fell 4 % in 2026.', basis: [] };
const run = (id: string, extra: Partial<TaskRun> = {}): TaskRun => ({
  id, provider: 'parallel', status: 'running', apiStatus: 'running', createdAt: '2026-11-01T10:00:00Z', input: `Question ${id}`, ...extra,
});

let n = 0;
const opened: RunRecords[] = [];
const names: string[] = [];
/** Two adapters ("tabs") on the one database, each with its own connection, and a store name no other test uses. */
function twoTabs(): { a: RunRecords; b: RunRecords; name: string } {
  const [a, b] = [createIdbRunRecords(connectTaskDb()), createIdbRunRecords(connectTaskDb())];
  opened.push(a, b);
  const name = `merge-${Date.now().toString(36)}-${++n}`;
  names.push(name);
  return { a, b, name };
}
afterEach(async () => {
  const [first] = opened;
  for (const name of names.splice(0)) await first?.clear(name);
  for (const records of opened.splice(0)) records.close();
});

/** The stored record of run `id` of store `name`, read on a connection of its own. */
async function storedRun(name: string, id: string): Promise<RunRecord | undefined> {
  const connection = connectTaskDb();
  try {
    return await (await connection.db()).get('runs', [name, id]);
  } finally {
    connection.close();
  }
}
/** Writes a raw record straight into the `runs` object store (another version or a bad write). */
async function putRaw(record: object): Promise<void> {
  const connection = connectTaskDb();
  const db = await connection.db();
  await db.put('runs', record as RunRecord);
  connection.close();
}

describe('a run record written to IndexedDB merges with the stored one in the same transaction', () => {
  it('a stale tab that still thinks a run is running, writing after another tab wrote its end, leaves it completed with its output', async () => {
    const { a, b, name } = twoTabs();
    await a.write(name, { put: [run('r1', { updatedAt: '2026-11-01T10:00:05Z' })], remove: [] });
    await b.write(name, { put: [run('r1', { status: 'completed', apiStatus: 'completed', updatedAt: '2026-11-01T10:03:00Z', output, streamEnded: true })], remove: [] });
    // Tab A never heard the end: it writes its own copy (its watch stopped) and closes.
    await a.write(name, { put: [run('r1', { updatedAt: '2026-11-01T10:00:05Z', watchStopped: true })], remove: [] });
    const stored = (await storedRun(name, 'r1'))!.run;
    expect(stored.status).to.equal('completed');
    expect(stored.apiStatus).to.equal('completed');
    expect(stored.updatedAt).to.equal('2026-11-01T10:03:00Z');
    expect(stored.streamEnded).to.equal(true);
    expect(stored.output).to.deep.equal(output);
    expect(stored.watchStopped, 'the stale tab’s own choice is kept').to.equal(true);
  });

  it('a queued copy never moves a stored running record back, and a failed end is kept with its error', async () => {
    const { a, b, name } = twoTabs();
    const error = { message: 'The task ran out of time.' };
    await b.write(name, { put: [run('r1'), run('r2', { status: 'failed', apiStatus: 'failed', error })], remove: [] });
    await a.write(name, { put: [run('r1', { status: 'queued', apiStatus: 'queued' }), run('r2', { status: 'queued', apiStatus: 'queued' })], remove: [] });
    expect((await storedRun(name, 'r1'))!.run.status).to.equal('running');
    const r2 = (await storedRun(name, 'r2'))!.run;
    expect(r2.status).to.equal('failed');
    expect(r2.error).to.deep.equal(error);
  });

  it('what the later writer knows that is genuinely newer still lands: a later update time and source count of the same status, and the end over a running record', async () => {
    const { a, b, name } = twoTabs();
    await b.write(name, { put: [run('r1', { updatedAt: '2026-11-01T10:00:05Z', stats: { considered: 3, read: 1, sample: [] } }), run('r2')], remove: [] });
    await a.write(name, {
      put: [
        run('r1', { updatedAt: '2026-11-01T10:02:00Z', stats: { considered: 40, read: 12, sample: ['https://example.org'] } }),
        run('r2', { status: 'completed', apiStatus: 'completed', output }),
      ],
      remove: [],
    });
    const r1 = (await storedRun(name, 'r1'))!.run;
    expect(r1.updatedAt).to.equal('2026-11-01T10:02:00Z');
    expect(r1.stats).to.deep.equal({ considered: 40, read: 12, sample: ['https://example.org'] });
    const r2 = (await storedRun(name, 'r2'))!.run;
    expect(r2.status).to.equal('completed');
    expect(r2.output).to.deep.equal(output);
  });

  it('a status of the same stage written later lands: a pause or a cancel over a stored running record', async () => {
    const { a, b, name } = twoTabs();
    await b.write(name, { put: [run('s1', { provider: 'shannon', output }), run('r2')], remove: [] });
    await a.write(name, { put: [run('s1', { provider: 'shannon', status: 'paused', apiStatus: 'TASK_STATUS_PAUSED' }), run('r2', { status: 'cancelling', apiStatus: 'cancelling' })], remove: [] });
    const s1 = (await storedRun(name, 's1'))!.run;
    expect(s1.status).to.equal('paused');
    expect(s1.apiStatus).to.equal('TASK_STATUS_PAUSED');
    expect(s1.output, 'what the stored record knew is kept').to.deep.equal(output);
    expect((await storedRun(name, 'r2'))!.run.status).to.equal('cancelling');
  });

  it('a batch stays one write: stale and new runs, a removal and the selection land together', async () => {
    const { a, b, name } = twoTabs();
    await b.write(name, { put: [run('done', { status: 'completed', apiStatus: 'completed', output }), run('gone')], remove: [], selectedId: 'done' });
    await a.write(name, { put: [run('done'), run('new', { status: 'queued' })], remove: ['gone'], selectedId: 'new' });
    expect((await storedRun(name, 'done'))!.run.status).to.equal('completed');
    expect((await storedRun(name, 'new'))!.run.status).to.equal('queued');
    expect(await storedRun(name, 'gone')).to.equal(undefined);
    const head = await a.head(name, 10);
    expect((head.meta as { selectedId?: string }).selectedId).to.equal('new');
  });

  it('a stored record that cannot be read, or is of a newer format, is replaced by the write as before and lends it nothing', async () => {
    const { a, name } = twoTabs();
    await putRaw({ store: name, id: 'bad', createdAt: '2026-11-01T10:00:00Z', v: 1, run: { id: 'bad', provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', output: 'x' } });
    await putRaw({ store: name, id: 'next', createdAt: '2026-11-01T10:00:00Z', v: 99, run: { ...run('next'), status: 'completed', output } });
    await a.write(name, { put: [run('bad'), run('next')], remove: [] });
    const bad = (await storedRun(name, 'bad'))!;
    expect(bad.run.status).to.equal('running');
    expect(bad.run.output).to.equal(undefined);
    const next = (await storedRun(name, 'next'))!;
    expect(next.v).to.equal(1);
    expect(next.run.status).to.equal('running');
  });
});
