/**
 * One live connection per run across tabs (issue 14 §1), with several stores standing for tabs:
 * over the real mock (HTTP), the owner streams and the followers apply what it fans out, each
 * event once; a closed or frozen owner is taken over and the run completes everywhere without a
 * loss or a duplicate. The first cases use an in-memory coordinator (test/support/fake-tabs.ts);
 * the last one the browser's own Web Locks and BroadcastChannel.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore, type TaskStoreOptions } from '../../../src/core/store/task-store.js';
import { isTerminalStatus, type ProviderName, type TaskRun } from '../../../src/core/providers/task-event.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import type { TabCoordinator } from '../../../src/core/tabs/tab-coordinator.js';
import { globalTimers, type Timers } from '../../../src/core/util/environment.js';
import { createTabWorld } from '../../support/fake-tabs.js';
import { delay, until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';
/** Beats and takeover a loaded machine keeps apart (a false takeover would show as a second stream). */
const TUNING = { beatMs: 250, takeoverMs: 1500 };

/** Counts the stream requests (not creates or status checks) every tab makes, with their times. */
function streamCounter() {
  const streams: number[] = [];
  const fetchCounting = (input: string, init?: RequestInit) => {
    if ((init?.method ?? 'GET') === 'GET' && /\/runs\/[^/]+\/events|\/stream\/sse/.test(input)) streams.push(performance.now());
    return fetch(input, init);
  };
  return { streams, fetch: fetchCounting };
}

function endpointFor(provider: ProviderName, fetchFn: typeof fetch | ((input: string, init?: RequestInit) => Promise<Response>)): EndpointConfig {
  return { provider, baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY }, fetch: fetchFn as EndpointConfig['fetch'] };
}

const paramsOf = (provider: ProviderName, speed: number) =>
  provider === 'parallel'
    ? { input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_speed: speed } }
    : { query: 'Compare Zürich and Geneva', mode: 'simple', context: { mock_speed: speed } };

/** A store standing for one tab of the same origin. */
function tab(name: string, shareConnections: TaskStoreOptions['shareConnections'], extra: Partial<TaskStoreOptions> = {}): TaskStore {
  return createTaskStore({ name, persistence: 'memory', shareConnections, tabTuning: TUNING, ...extra });
}

/** Creates a run through the API (no watch) and makes every tab know it, as the shared history does. */
async function createRun(provider: ProviderName, speed: number, tabs: TaskStore[]): Promise<TaskRun> {
  const creator = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
  const run = await creator.submit(paramsOf(provider, speed), endpointFor(provider, fetch));
  creator.dispose();
  for (const t of tabs) t.addRun({ ...run });
  return run;
}

const done = (store: TaskStore, id: string) => isTerminalStatus(store.getRun(id)!.status) && store.getConnection(id)?.state === 'closed';
const ids = (store: TaskStore, id: string) => store.getEvents(id).map((e) => e.id);

/**
 * The events a tab of its own gets for the run, watched from the start (a late connection gets
 * less: Shannon's replay buffer is bounded, a finished Parallel run answers with its final state).
 */
function reference(provider: ProviderName, run: TaskRun): () => Promise<string[]> {
  const alone = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
  alone.addRun({ ...run });
  const release = alone.watch(run.id, () => endpointFor(provider, fetch));
  return async () => {
    await until(() => done(alone, run.id), 30_000, 'the reference run ends');
    const list = ids(alone, run.id);
    release();
    alone.dispose();
    return list;
  };
}

function expectSameEventsOnce(store: TaskStore, runId: string, expected: string[], who: string): void {
  const got = ids(store, runId);
  expect(new Set(got).size, `${who}: no event twice`).to.equal(got.length);
  expect([...got].sort(), `${who}: every event`).to.deep.equal([...expected].sort());
}

/** Timers that stop firing while `frozen` (a frozen tab: its JavaScript does not run timers). */
function freezableTimers() {
  let frozen = false;
  const timers: Timers = {
    setTimeout: (callback, ms) => globalTimers.setTimeout(() => { if (!frozen) callback(); }, ms),
    clearTimeout: (handle) => globalTimers.clearTimeout(handle),
  };
  return { timers, freeze: () => (frozen = true) };
}

describe('one connection per run across tabs', () => {
  it('three tabs watching one run make one stream request; each tab ends with every event exactly once', async () => {
    const world = createTabWorld();
    const counter = streamCounter();
    const tabs = [tab('t3', world.tab()), tab('t3', world.tab()), tab('t3', world.tab())];
    const run = await createRun('shannon', 20, tabs);
    const releases = tabs.map((t) => t.watch(run.id, () => endpointFor('shannon', counter.fetch)));
    await until(() => tabs.every((t) => done(t, run.id)), 30_000, 'every tab sees the end');
    expect(counter.streams.length, 'stream requests at the server').to.equal(1);
    const roles = tabs.map((t) => t.getConnection(run.id)?.role).sort();
    expect(roles).to.deep.equal(['follower', 'follower', 'owner']);
    const expected = ids(tabs.find((t) => t.getConnection(run.id)?.role === 'owner')!, run.id);
    expect(expected.length).to.be.above(3);
    tabs.forEach((t, i) => expectSameEventsOnce(t, run.id, expected, `tab ${i}`));
    expect(tabs.map((t) => t.getRun(run.id)!.status)).to.deep.equal(['completed', 'completed', 'completed']);
    releases.forEach((r) => r());
    tabs.forEach((t) => t.dispose());
  });

  for (const provider of ['shannon', 'parallel'] as const) {
    it(`${provider}: the owner tab closes mid-stream; another takes over within 2 s and both followers complete with every event exactly once`, async function () {
      this.timeout(40_000);
      const world = createTabWorld();
      const counter = streamCounter();
      const tabs = [tab('t-close', world.tab()), tab('t-close', world.tab()), tab('t-close', world.tab())];
      const run = await createRun(provider, 2, tabs);
      const expectedIds = reference(provider, run);
      const releases = tabs.map((t) => t.watch(run.id, () => endpointFor(provider, counter.fetch)));
      await until(() => tabs.some((t) => t.getConnection(run.id)?.role === 'owner' && t.getEvents(run.id).length >= 3), 20_000, 'the owner streams');
      const owner = tabs.findIndex((t) => t.getConnection(run.id)?.role === 'owner');
      expect(done(tabs[owner]!, run.id), 'closed mid-stream, not after the end').to.equal(false);
      const closedAt = performance.now();
      releases[owner]!();
      tabs[owner]!.dispose(); // the tab is gone: its lock is released
      const rest = tabs.filter((_, i) => i !== owner);
      await until(() => counter.streams.length === 2, 5000, 'a second stream request');
      expect(counter.streams[1]! - closedAt, 'takeover time (ms)').to.be.below(2000);
      await until(() => rest.every((t) => done(t, run.id)), 30_000, 'the others see the end');
      expect(counter.streams.length, 'one stream per owner').to.equal(2);
      const expected = await expectedIds();
      rest.forEach((t, i) => expectSameEventsOnce(t, run.id, expected, `tab ${i}`));
      rest.forEach((t) => expect(t.getRun(run.id)!.status).to.equal('completed'));
      rest.forEach((t) => t.dispose());
    });
  }

  it('a tab that took the run from the shared run list at a later status than its log still shows every event the owner logged (its queued/running changed nothing there)', async function () {
    this.timeout(40_000);
    const world = createTabWorld();
    const counter = streamCounter();
    const owner = tab('t-adopt', world.tab());
    const follower = tab('t-adopt', world.tab());
    const run = await createRun('parallel', 1, [owner]);
    const releaseOwner = owner.watch(run.id, () => endpointFor('parallel', counter.fetch));
    await until(() => owner.getRun(run.id)!.status === 'running' && owner.getEvents(run.id).length >= 3, 20_000, 'the owner streams');
    expect(ids(owner, run.id), 'the owner logged the transition').to.include('status:running');
    // The run list is written at once, the log about 250 ms later: the other tab knows the status first.
    follower.addRun({ ...owner.getRun(run.id)! });
    expect(follower.getEvents(run.id)).to.deep.equal([]);
    const releaseFollower = follower.watch(run.id, () => endpointFor('parallel', counter.fetch));
    await until(() => done(owner, run.id) && done(follower, run.id), 30_000, 'both see the end');
    expect(follower.getConnection(run.id)?.role).to.equal('follower');
    expectSameEventsOnce(follower, run.id, ids(owner, run.id), 'the tab that took the run from the list');
    expect(counter.streams.length).to.equal(1);
    releaseOwner();
    releaseFollower();
    owner.dispose();
    follower.dispose();
  });

  it('a frozen owner (it stops beating) is taken over by a follower, which completes the run with every event once (Parallel: its replay brings what the silence missed)', async function () {
    this.timeout(40_000);
    const world = createTabWorld();
    const counter = streamCounter();
    const frozen = freezableTimers();
    const ownerTab = world.tab();
    const owner = tab('t-freeze', ownerTab, { timers: frozen.timers });
    const follower = tab('t-freeze', world.tab());
    const run = await createRun('parallel', 0.5, [owner, follower]);
    const expectedIds = reference('parallel', run);
    const releaseOwner = owner.watch(run.id, () => endpointFor('parallel', counter.fetch));
    await until(() => owner.getConnection(run.id)?.role === 'owner', 5000, 'the first tab owns the run');
    const releaseFollower = follower.watch(run.id, () => endpointFor('parallel', counter.fetch));
    await until(() => follower.getEvents(run.id).length >= 2, 20_000, 'the follower gets events');
    frozen.freeze();
    ownerTab.freeze();
    const frozenAt = performance.now();
    await until(() => counter.streams.length === 2, 8000, 'the follower takes over');
    expect(counter.streams.length).to.equal(2);
    expect(done(follower, run.id), 'taken over while the run was live').to.equal(false);
    expect(counter.streams[1]! - frozenAt, 'takeover time (ms)').to.be.below(TUNING.takeoverMs + 1500);
    await until(() => done(follower, run.id), 30_000, 'the follower sees the end');
    expectSameEventsOnce(follower, run.id, await expectedIds(), 'the new owner');
    releaseOwner();
    releaseFollower();
    owner.dispose();
    follower.dispose();
  });

  it('with the browser’s Web Locks and BroadcastChannel: three stores on one run, one stream request, the same events once each', async () => {
    const counter = streamCounter();
    const name = `t-web-${Math.random().toString(36).slice(2)}`;
    const tabs = [tab(name, 'auto'), tab(name, 'auto'), tab(name, 'auto')];
    const run = await createRun('parallel', 20, tabs);
    const releases = tabs.map((t) => t.watch(run.id, () => endpointFor('parallel', counter.fetch)));
    await until(() => tabs.every((t) => done(t, run.id)), 30_000, 'every store sees the end');
    await delay(200);
    expect(counter.streams.length).to.equal(1);
    const expected = ids(tabs.find((t) => t.getConnection(run.id)?.role === 'owner')!, run.id);
    tabs.forEach((t, i) => expectSameEventsOnce(t, run.id, expected, `store ${i}`));
    releases.forEach((r) => r());
    tabs.forEach((t) => t.dispose());
  });
});
