/**
 * A run the user stopped watching, that then finished (fresh3 §d): whoever learns the end — the
 * history's status refresh, a reload, another tab — the run is "finished", never "stopped", and
 * its output is fetched once, on view, with a bounded number of requests. Against the real mock,
 * with the default persistence (IndexedDB) and tab sharing (Web Locks, BroadcastChannel), and a
 * reload standing in as a second store of the same name.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore } from '../../../src/core/store/task-store.js';
import { isTerminalStatus, type ProviderName } from '../../../src/core/providers/task-event.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import { delay, until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';

function counted(provider: ProviderName) {
  const requests: string[] = [];
  const fetchCounting = (input: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${input.replace(/\?.*$/, '').replace(/^\/mock/, '')}`);
    return fetch(input, init);
  };
  const endpoint: EndpointConfig = { provider, baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY }, fetch: fetchCounting as EndpointConfig['fetch'] };
  return { requests, endpoint };
}

const paramsOf = (provider: ProviderName) =>
  provider === 'parallel'
    ? { input: 'Stop watching test', processor: 'lite', metadata: { mock_speed: 3 } }
    : { query: 'Stop watching test', mode: 'simple', context: { mock_speed: 3 } };

/** Waits, outside the stores, until the server says the run is over. */
async function serverFinishes(provider: ProviderName, runId: string): Promise<void> {
  const probe = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
  probe.addRun({ id: runId, provider, status: 'running', createdAt: new Date().toISOString() });
  const endpoint: EndpointConfig = { provider, baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY } };
  for (let i = 0; i < 100 && !isTerminalStatus(probe.getRun(runId)!.status); i++) {
    await delay(300);
    await probe.refreshStatus(runId, endpoint).catch(() => undefined);
  }
  probe.dispose();
}

/** Submits a run in a fresh store, watches it until it streams, then "Stop watching". */
async function stoppedRun(provider: ProviderName, name: string) {
  const { endpoint } = counted(provider);
  const store = createTaskStore({ name, persistence: 'local' });
  await store.ready();
  const run = await store.submit(paramsOf(provider), endpoint);
  const release = store.watch(run.id, () => endpoint);
  await until(() => store.getEvents(run.id).length >= 2 && store.getConnection(run.id)?.state === 'open', 20_000, 'the run streams');
  store.stop(run.id);
  await until(() => store.getConnection(run.id)?.phase === 'stopped', 5000, 'not watching');
  expect(isTerminalStatus(store.getRun(run.id)!.status), 'stopped while the run was live').to.equal(false);
  release();
  await store.settled();
  store.dispose();
  return run.id;
}

async function reopen(name: string): Promise<TaskStore> {
  const store = createTaskStore({ name, persistence: 'local' });
  await store.ready();
  return store;
}

const finished = (store: TaskStore, id: string) => store.getConnection(id)?.phase === 'finished' && !!store.getRun(id)?.output;

describe('a run the user stopped watching, then finished', () => {
  for (const provider of ['parallel', 'shannon'] as const) {
    it(`${provider}: after a reload, the status refresh that finds it completed brings its result — “finished”, never “stopped”, for the status and at most one result request`, async function () {
      this.timeout(60_000);
      const name = `stopped-${provider}-${Math.random().toString(36).slice(2)}`;
      const id = await stoppedRun(provider, name);
      const store = await reopen(name);
      const { requests, endpoint } = counted(provider);
      const release = store.watch(id, () => endpoint);
      await until(() => store.getConnection(id)?.phase === 'stopped', 5000, 'the stop holds over the reload');
      await delay(300);
      expect(requests, 'a stopped run opens nothing').to.deep.equal([]);
      await serverFinishes(provider, id);
      // What <task-history> does for an active run that nothing streams.
      await store.refreshStatus(id, endpoint);
      await until(() => finished(store, id), 10_000, 'the result').catch((e) => {
        throw new Error(`${e.message}: ${store.getConnection(id)?.phase} ${store.getRun(id)?.status} ${requests.join(', ')}`);
      });
      await delay(500);
      const path = provider === 'parallel' ? `/v1/tasks/runs/${id}` : `/api/v1/tasks/${id}`;
      const expected = provider === 'parallel' ? [`GET ${path}`, `GET ${path}/result`] : [`GET ${path}`];
      expect(requests, 'Parallel: the status, then the result; Shannon: the status carries the result').to.deep.equal(expected);
      expect(store.getRun(id)!.status).to.equal('completed');
      release();
      await store.settled();
      store.dispose();
    });
  }

  it('a stopped run whose end was stored by another tab meanwhile fetches its missing output when viewed again, once, and is not “stopped”', async function () {
    this.timeout(60_000);
    const name = `stopped-elsewhere-${Math.random().toString(36).slice(2)}`;
    const id = await stoppedRun('parallel', name);
    await serverFinishes('parallel', id);
    // Another tab learned the end (its history's refresh) and stored it; the output was not fetched there.
    const other = await reopen(name);
    await other.refreshStatus(id, counted('parallel').endpoint);
    expect(other.getRun(id)!.status).to.equal('completed');
    await other.settled();
    other.dispose();
    const store = await reopen(name);
    expect(store.getRun(id)!.watchStopped, 'the stop is still kept with the run').to.equal(true);
    const { requests, endpoint } = counted('parallel');
    const release = store.watch(id, () => endpoint);
    await until(() => finished(store, id), 10_000, 'the result');
    await delay(500);
    expect(requests).to.deep.equal([`GET /v1/tasks/runs/${id}/result`]);
    release();
    // Viewed again: the output is kept, nothing is fetched twice.
    const again = store.watch(id, () => endpoint);
    await until(() => store.getConnection(id)?.phase === 'finished', 5000, 'finished again');
    await delay(300);
    expect(requests).to.have.length(1);
    again();
    await store.settled();
    store.dispose();
  });

  it('“Watch again” (reconnect) on a stopped run that has finished opens no stream: it fetches the result', async function () {
    this.timeout(60_000);
    const name = `stopped-watch-again-${Math.random().toString(36).slice(2)}`;
    const id = await stoppedRun('parallel', name);
    await serverFinishes('parallel', id);
    const store = await reopen(name);
    const { requests, endpoint } = counted('parallel');
    const release = store.watch(id, () => endpoint);
    await until(() => store.getConnection(id)?.phase === 'stopped', 5000, 'not watching');
    // The page does not know yet that the run ended: the reconnect's stream tells, and the result follows.
    store.reconnect(id);
    await until(() => finished(store, id), 15_000, 'the result');
    expect(requests.filter((r) => r.endsWith('/result')).length, requests.join(', ')).to.be.at.most(1);
    expect(requests.length, requests.join(', ')).to.be.at.most(3);
    release();
    await store.settled();
    store.dispose();
  });
});
