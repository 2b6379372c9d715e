/**
 * A final status learned in one tab reaches every tab (issue 14 §1, fresh3): a follower's own
 * status refresh, or a stopped tab's, tells the owner and the others over the run's channel; each
 * applies it once, the owner's waits end and a missing output is fetched — by one tab. Several
 * stores stand for tabs, over the real mock, with the in-memory coordinator (test/support/fake-tabs.ts).
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore } from '../../../src/core/store/task-store.js';
import { isTerminalStatus, type TaskRun } from '../../../src/core/providers/task-event.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import type { TabCoordinator } from '../../../src/core/tabs/tab-coordinator.js';
import { createTabWorld } from '../../support/fake-tabs.js';
import { delay, until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';

/** An endpoint whose requests are listed; `refuseStreams`: its event streams answer 401 (this tab cannot stream). */
function endpointOf(refuseStreams = false) {
  const requests: string[] = [];
  const fetchFn = (input: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${input.replace(/\?.*$/, '').replace(/^\/mock/, '')}`);
    if (refuseStreams && input.includes('/events')) {
      return Promise.resolve(new Response(JSON.stringify({ error: { message: 'Invalid API key' } }), { status: 401, headers: { 'content-type': 'application/json' } }));
    }
    return fetch(input, init);
  };
  const endpoint: EndpointConfig = { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY }, fetch: fetchFn as EndpointConfig['fetch'] };
  return { requests, endpoint };
}

function tab(name: string, coordinator: TabCoordinator): TaskStore {
  return createTaskStore({ name, persistence: 'memory', shareConnections: coordinator, tabTuning: { beatMs: 250, takeoverMs: 1500 } });
}

async function createRun(tabs: TaskStore[]): Promise<TaskRun> {
  const creator = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
  const run = await creator.submit({ input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_speed: 3 } }, endpointOf().endpoint);
  creator.dispose();
  for (const t of tabs) t.addRun({ ...run });
  return run;
}

async function serverFinishes(runId: string): Promise<void> {
  const probe = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
  probe.addRun({ id: runId, provider: 'parallel', status: 'running', createdAt: new Date().toISOString() });
  for (let i = 0; i < 100 && !isTerminalStatus(probe.getRun(runId)!.status); i++) {
    await delay(300);
    await probe.refreshStatus(runId, endpointOf().endpoint).catch(() => undefined);
  }
  probe.dispose();
}

const finished = (store: TaskStore, id: string) => store.getConnection(id)?.phase === 'finished' && !!store.getRun(id)?.output;

describe('a final status learned in one tab reaches every tab', () => {
  it('a follower’s status refresh that finds the run completed ends the owner’s failure: the owner fetches the result once, and both tabs show it', async function () {
    this.timeout(60_000);
    const world = createTabWorld();
    const [owner, follower] = [tab('t-learned', world.tab()), tab('t-learned', world.tab())];
    const run = await createRun([owner, follower]);
    const theOwner = endpointOf(true);
    const releaseOwner = owner.watch(run.id, () => theOwner.endpoint);
    await until(() => owner.getConnection(run.id)?.role === 'owner' && owner.getConnection(run.id)?.phase === 'failed', 10_000, 'the owner cannot stream');
    const theFollower = endpointOf();
    const releaseFollower = follower.watch(run.id, () => theFollower.endpoint);
    await until(() => follower.getConnection(run.id)?.role === 'follower', 5000, 'the second tab follows');
    await serverFinishes(run.id);
    theOwner.requests.length = 0;
    await follower.refreshStatus(run.id, theFollower.endpoint);
    await until(() => finished(owner, run.id), 10_000, 'the owner finishes');
    await until(() => finished(follower, run.id), 10_000, 'the follower shows the owner’s end and its result');
    await delay(500);
    expect(theOwner.requests, 'the owner fetched the result, nothing else').to.deep.equal([`GET /v1/tasks/runs/${run.id}/result`]);
    expect(theFollower.requests, 'the follower asked for the status only').to.deep.equal([`GET /v1/tasks/runs/${run.id}`]);
    expect(owner.getRun(run.id)!.status).to.equal('completed');
    expect(owner.getEvents(run.id).filter((e) => e.kind === 'status' && e.status === 'completed'), 'applied once').to.have.length(1);
    releaseOwner();
    releaseFollower();
    owner.dispose();
    follower.dispose();
  });

  it('a tab where the user stopped watching learns the end the streaming tab saw, and shows it finished with the result, without a request of its own', async function () {
    this.timeout(60_000);
    const world = createTabWorld();
    const [watching, stopped] = [tab('t-stopped', world.tab()), tab('t-stopped', world.tab())];
    const run = await createRun([watching, stopped]);
    const theStopped = endpointOf();
    const releaseStopped = stopped.watch(run.id, () => theStopped.endpoint);
    stopped.stop(run.id);
    await until(() => stopped.getConnection(run.id)?.phase === 'stopped', 5000, 'not watching');
    const theWatching = endpointOf();
    const releaseWatching = watching.watch(run.id, () => theWatching.endpoint);
    await until(() => finished(watching, run.id), 20_000, 'the watching tab sees the end');
    await until(() => stopped.getRun(run.id)?.status === 'completed', 5000, 'the stopped tab learns the end');
    await until(() => finished(stopped, run.id), 5000, 'the stopped tab shows the result');
    await delay(300);
    expect(stopped.getConnection(run.id)?.phase).to.equal('finished');
    expect(theStopped.requests, 'the output came with the end').to.deep.equal([]);
    releaseStopped();
    releaseWatching();
    watching.dispose();
    stopped.dispose();
  });
});
