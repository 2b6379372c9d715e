/**
 * A run's record converges with its event log, whichever tab wrote it (issue 14 §1, freshF 6d):
 * tab A streams a run to its end while tab B lists it without showing it; B's copy, the record a
 * tab opened later reads, and any tab that reads the run's log all end with the log's final status
 * and result, and a final status is never moved back. Stores of one name stand for tabs: the
 * default persistence (real IndexedDB, BroadcastChannel) and Web Locks, against the real mock.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore } from '../../../src/core/store/task-store.js';
import { convergeRun, deriveFromLog } from '../../../src/core/store/converge-run.js';
import { connectTaskDb } from '../../../src/core/store/idb-database.js';
import { RUN_RECORD_VERSION } from '../../../src/core/store/run-records.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { delay, until } from '../../support/scripted-stream.js';

function counted() {
  const requests: string[] = [];
  const fetchFn = (input: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${input.replace(/\?.*$/, '').replace(/^\/mock/, '')}`);
    return fetch(input, init);
  };
  const endpoint: EndpointConfig = { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: 'mock-test-key' }, fetch: fetchFn as EndpointConfig['fetch'] };
  return { requests, endpoint };
}

const opened: TaskStore[] = [];
async function tab(name: string): Promise<TaskStore> {
  const store = createTaskStore({ name });
  opened.push(store);
  await store.ready();
  return store;
}
afterEach(async () => {
  const [first, ...rest] = opened.splice(0);
  for (const store of rest) store.dispose();
  if (first) {
    first.clear();
    await first.settled();
    first.dispose();
  }
});

const uniqueName = () => `converge-${Math.random().toString(36).slice(2)}`;

/** Tab A submits a Parallel run and streams it to its end; tab B lists it without showing it. */
async function runInTabA(a: TaskStore, b: TaskStore) {
  const { endpoint } = counted();
  const run = await a.submit({ input: 'Stale tab test: EU fishing quotas', processor: 'lite', metadata: { mock_speed: 3 } }, endpoint);
  const release = a.watch(run.id, () => endpoint);
  await until(() => !!b.getRun(run.id), 5000, 'tab B lists the run');
  expect(b.selectedId, 'tab B does not show it').to.equal(undefined);
  await until(() => a.getRun(run.id)?.status === 'completed' && !!a.getRun(run.id)?.output, 30_000, 'tab A sees the end');
  await a.settled();
  return { run, release };
}

describe('a run’s record converges with its event log, whichever tab wrote it', () => {
  it('freshF 6d: a tab that lists a run another tab streams learns its end without a request, and a tab opened later lists it completed with its result', async function () {
    this.timeout(60_000);
    const name = uniqueName();
    const [a, b] = [await tab(name), await tab(name)];
    const { run, release } = await runInTabA(a, b);
    await until(() => b.getRun(run.id)?.status === 'completed', 5000, 'tab B’s history says completed');
    expect(b.getRun(run.id)!.output, 'with the result').to.not.equal(undefined);
    await b.settled();
    const later = await tab(name);
    expect(later.getRun(run.id)?.status, 'a new tab lists it completed').to.equal('completed');
    expect(later.getRun(run.id)?.output).to.not.equal(undefined);
    release();
  });

  it('freshF 6d: tab B’s status refresh of the ended run (its history’s) never writes back the status B had, and B shows the end', async function () {
    this.timeout(60_000);
    const name = uniqueName();
    const [a, b] = [await tab(name), await tab(name)];
    const { run, release } = await runInTabA(a, b);
    const asB = counted();
    await b.refreshStatus(run.id, asB.endpoint);
    await b.settled();
    expect(b.getRun(run.id)?.status).to.equal('completed');
    const later = await tab(name);
    expect(later.getRun(run.id)?.status, 'the stored record, read by a tab opened later').to.equal('completed');
    const events = await later.loadEvents(run.id);
    expect(events.filter((e) => e.kind === 'status' && e.status === 'completed'), 'the log ends Completed, once').to.have.length(1);
    release();
  });

  it('a stale tab that writes a run it still thinks queued, after the run’s end was stored, leaves the stored record completed with its result (a stale record at rest)', async function () {
    this.timeout(60_000);
    const name = uniqueName();
    const [a, b] = [await tab(name), await tab(name)];
    const { run, release } = await runInTabA(a, b);
    release();
    const stale = await tab(name);
    stale.addRun({ ...run, status: 'queued', output: undefined });
    stale.flush();
    await stale.settled();
    const later = await tab(name);
    expect(later.getRun(run.id)?.status, 'the stored record, before any log is read').to.equal('completed');
    expect(later.getRun(run.id)?.output?.basis, 'and its result').to.be.an('array');
  });

  it('a tab reading a log whose final status its stored record lacks (a record left stale by an earlier version) takes the log’s status and result, and writes the record again', async function () {
    this.timeout(60_000);
    const name = uniqueName();
    const [a, b] = [await tab(name), await tab(name)];
    const { run, release } = await runInTabA(a, b);
    release();
    // Tab B learns the end and writes it too: that write lands first.
    await until(() => b.getRun(run.id)?.status === 'completed', 5000, 'tab B’s history says completed');
    await b.settled();
    // A stale copy put over the record as earlier versions wrote it: without merging with what was stored.
    const connection = connectTaskDb();
    await (await connection.db()).put('runs', { store: name, id: run.id, createdAt: run.createdAt, v: RUN_RECORD_VERSION, run: { ...run, status: 'queued', output: undefined } });
    connection.close();
    const later = await tab(name);
    expect(later.getRun(run.id)?.status, 'the record as it was left').to.equal('queued');
    await later.loadEvents(run.id);
    expect(later.getRun(run.id)?.status, 'the log’s final status').to.equal('completed');
    expect(later.getRun(run.id)?.output?.basis, 'and its result').to.be.an('array');
    await later.settled();
    const next = await tab(name);
    expect(next.getRun(run.id)?.status, 'written again: the next tab lists it completed').to.equal('completed');
  });
});

describe('convergeRun and deriveFromLog (pure)', () => {
  const base: TaskRun = { id: 'r', provider: 'parallel', status: 'queued', createdAt: '2026-11-30T00:00:00Z' };
  const output = { kind: 'text', text: 'done', basis: [] } as unknown as TaskRun['output'];
  const status = (s: TaskRun['status']): TaskEvent => ({ kind: 'status', id: `status:${s}`, status: s, apiStatus: s, source: 'stream' }) as TaskEvent;

  it('takes a status further along with its fields, and fills in what this copy lacks', () => {
    const theirs: TaskRun = { ...base, status: 'completed', apiStatus: 'completed', output, usage: { totalTokens: 5 } as TaskRun['usage'] };
    const next = convergeRun({ ...base, watchStopped: true }, theirs);
    expect(next).to.deep.include({ status: 'completed', apiStatus: 'completed', output, watchStopped: true });
    expect(next.usage).to.deep.equal(theirs.usage);
  });

  it('never moves a final status back, and returns the same copy when the other adds nothing', () => {
    const mine: TaskRun = { ...base, status: 'completed', output };
    expect(convergeRun(mine, { ...base, status: 'queued' })).to.equal(mine);
    expect(convergeRun(mine, { ...base, status: 'failed' }).status).to.equal('completed');
    expect(deriveFromLog(mine, [status('queued'), status('running')])).to.equal(mine);
  });

  it('derives the status and result a log ends with', () => {
    const out: TaskEvent = { kind: 'output', id: 'output', output } as TaskEvent;
    const derived = deriveFromLog(base, [status('queued'), status('running'), out, status('completed')]);
    expect(derived.status).to.equal('completed');
    expect(derived.output).to.equal(output);
  });
});
