/**
 * A Parallel run whose first stream starts after it has ended has an incomplete log (freshF 6c,
 * freshG 2): Parallel answers a finished run's stream with its final state only, so a run this
 * store knew while it was active, whose events reach the final state with no progress among them,
 * is marked `logIncomplete` wherever its record reaches that state — a stream that started after
 * the end (the stream budget, a reload), a status refresh that saw the end first — and the mark is
 * stored and reaches other tabs. A run first seen finished, and a run streamed while it worked, are
 * not marked. Against the real mock; the cross-tab case on real IndexedDB and BroadcastChannel.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore } from '../../../src/core/store/task-store.js';
import { isTerminalStatus, type TaskRun } from '../../../src/core/providers/task-event.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import { delay, until } from '../../support/scripted-stream.js';

const endpoint: EndpointConfig = { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: 'mock-test-key' } };
const memoryStore = () => createTaskStore({ persistence: 'memory', shareConnections: 'none' });
const queuedEvent = { kind: 'status', id: 'status:queued', status: 'queued', apiStatus: 'queued', source: 'create' } as const;

/** Submits a fast run from a throwaway store (the run as the create answer gave it: queued). */
async function submitted(): Promise<TaskRun> {
  const creator = memoryStore();
  const run = await creator.submit({ input: 'Budget wait test', processor: 'lite', metadata: { mock_speed: 3 } }, endpoint);
  creator.dispose();
  return run;
}

/** Waits, from a throwaway store, until the server says the run is over. */
async function serverFinishes(runId: string): Promise<void> {
  const probe = memoryStore();
  probe.addRun({ id: runId, provider: 'parallel', status: 'running', createdAt: new Date().toISOString() });
  for (let i = 0; i < 100 && !isTerminalStatus(probe.getRun(runId)!.status); i++) {
    await delay(300);
    await probe.refreshStatus(runId, endpoint).catch(() => undefined);
  }
  probe.dispose();
}

const opened: TaskStore[] = [];
async function tab(name: string): Promise<TaskStore> {
  const store = createTaskStore({ name, shareConnections: 'none' });
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

describe('a Parallel run whose first stream starts after it ended', () => {
  it('freshF 6c: known here while queued, first streamed after its end — its log is marked incomplete, its result is shown', async function () {
    this.timeout(60_000);
    const run = await submitted();
    const store = memoryStore();
    store.addRun({ ...run }, [queuedEvent]);
    await serverFinishes(run.id);
    const release = store.watch(run.id, () => endpoint);
    await until(() => store.getConnection(run.id)?.phase === 'finished', 20_000, 'the run is finished');
    expect(store.getRun(run.id)!.status).to.equal('completed');
    expect(store.getRun(run.id)!.output, 'the result').to.not.equal(undefined);
    expect(store.getRun(run.id)!.logIncomplete, 'its progress never came').to.equal(true);
    release();
    store.dispose();
  });

  it('a status refresh (the history’s) that sees the end of a run known running marks it, before any stream', async function () {
    this.timeout(60_000);
    const run = await submitted();
    const store = memoryStore();
    store.addRun({ ...run }, [queuedEvent]);
    for (let i = 0; i < 100 && store.getRun(run.id)!.status === 'queued'; i++) {
      await store.refreshStatus(run.id, endpoint);
      await delay(100);
    }
    expect(store.getRun(run.id)!.status, 'a refresh says running').to.equal('running');
    expect(store.getRun(run.id)!.logIncomplete ?? false, 'not while it runs').to.equal(false);
    await serverFinishes(run.id);
    await store.refreshStatus(run.id, endpoint);
    expect(store.getRun(run.id)!.status).to.equal('completed');
    expect(store.getEvents(run.id).filter((event) => event.kind !== 'status' && event.kind !== 'output'), 'status snapshots only').to.deep.equal([]);
    expect(store.getRun(run.id)!.logIncomplete).to.equal(true);
    store.dispose();
  });

  it('the mark is stored with the run and reaches another tab and a tab opened later (IndexedDB)', async function () {
    this.timeout(60_000);
    const name = `log-incomplete-${Math.random().toString(36).slice(2)}`;
    const [a, b] = [await tab(name), await tab(name)];
    const run = await submitted();
    a.addRun({ ...run }, [queuedEvent]);
    await until(() => b.getRun(run.id)?.status === 'queued', 5000, 'tab B lists it queued');
    await serverFinishes(run.id);
    const release = a.watch(run.id, () => endpoint);
    await until(() => a.getConnection(run.id)?.phase === 'finished', 20_000, 'tab A finishes it');
    expect(a.getRun(run.id)!.logIncomplete).to.equal(true);
    await until(() => b.getRun(run.id)?.logIncomplete === true, 5000, 'tab B learns the mark');
    expect(b.getRun(run.id)!.status).to.equal('completed');
    await a.settled();
    const later = await tab(name);
    expect(later.getRun(run.id)?.logIncomplete, 'a tab opened later').to.equal(true);
    release();
  });

  it('a run first seen after it finished (known by id only) is not marked: its view says it has the final state only', async function () {
    this.timeout(60_000);
    const run = await submitted();
    await serverFinishes(run.id);
    const store = memoryStore();
    const release = store.watch(run.id, () => endpoint);
    await until(() => store.getConnection(run.id)?.phase === 'finished', 20_000, 'the run is finished');
    expect(store.getRun(run.id)!.status).to.equal('completed');
    expect(store.getRun(run.id)!.logIncomplete ?? false).to.equal(false);
    release();
    store.dispose();
  });

  it('a run streamed while it worked keeps a complete log', async function () {
    this.timeout(60_000);
    const run = await submitted();
    const store = memoryStore();
    store.addRun({ ...run }, [queuedEvent]);
    const release = store.watch(run.id, () => endpoint);
    await until(() => store.getConnection(run.id)?.phase === 'finished', 30_000, 'the run is finished');
    expect(store.getEvents(run.id).some((e) => e.kind === 'message' || e.kind === 'stats'), 'progress received').to.equal(true);
    expect(store.getRun(run.id)!.logIncomplete ?? false).to.equal(false);
    release();
    store.dispose();
  });
});
