/**
 * A follower that misses the owner's messages for a while (its tab frozen or paused through part of
 * the run or its end; fresh14 d: "Completed" with 2–8 of 14 events, or "Live" 20 s after the end)
 * notices it — a gap in the owner's numbers, a beat ahead of what it got, its own timers running
 * late — and asks the owner for the whole state: it ends with every event exactly once, in the
 * owner's order, and the owner's final connection, without a second stream. Over the real mock.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore } from '../../../src/core/store/task-store.js';
import { isTerminalStatus } from '../../../src/core/providers/task-event.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import type { TabCoordinator } from '../../../src/core/tabs/tab-coordinator.js';
import { globalTimers, type Timers } from '../../../src/core/util/environment.js';
import { FollowerSync } from '../../../src/core/tabs/follower-sync.js';
import { createTabWorld } from '../../support/fake-tabs.js';
import { delay, until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';
const TUNING = { beatMs: 250, takeoverMs: 1500 };

function streamCounter() {
  const streams: string[] = [];
  const counting = (input: string, init?: RequestInit) => {
    if ((init?.method ?? 'GET') === 'GET' && /\/runs\/[^/]+\/events/.test(input)) streams.push(input);
    return fetch(input, init);
  };
  const endpoint = (): EndpointConfig => ({ provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY }, fetch: counting as EndpointConfig['fetch'] });
  return { streams, endpoint };
}

/** Timers of a tab that can be paused: callbacks due meanwhile run when it resumes (late), as in a frozen page. */
function pausableTimers() {
  let paused = false;
  const due: (() => void)[] = [];
  const timers: Timers = {
    setTimeout: (callback, ms) => globalTimers.setTimeout(() => (paused ? due.push(callback) : callback()), ms),
    clearTimeout: (handle) => globalTimers.clearTimeout(handle),
  };
  return { timers, pause: () => void (paused = true), resume: () => { paused = false; due.splice(0).forEach((callback) => callback()); } };
}

/** A tab whose page can be paused: its channel is deaf and mute and its timers stop until resumed. */
function pausableTab(name: string, coordinator: TabCoordinator & { freeze(): void; thaw(): void }) {
  const clock = pausableTimers();
  const store = createTaskStore({ name, persistence: 'memory', shareConnections: coordinator, tabTuning: TUNING, timers: clock.timers });
  return { store, pause: () => (coordinator.freeze(), clock.pause()), resume: () => (coordinator.thaw(), clock.resume()) };
}

const ids = (store: TaskStore, id: string) => store.getEvents(id).map((e) => e.id);
const ended = (store: TaskStore, id: string) => isTerminalStatus(store.getRun(id)!.status) && store.getConnection(id)?.state === 'closed';

describe('a follower that missed the owner’s messages', () => {
  it('paused from the start or mid-run through the run’s end: after resuming it shows every event once, in order, and the final status and connection, with one stream', async function () {
    this.timeout(60_000);
    const world = createTabWorld();
    const counter = streamCounter();
    const name = `t-missed-${Math.random().toString(36).slice(2)}`;
    const owner = createTaskStore({ name, persistence: 'memory', shareConnections: world.tab(), tabTuning: TUNING });
    const early = pausableTab(name, world.tab());
    const middle = pausableTab(name, world.tab());
    const creator = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
    const run = await creator.submit({ input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_speed: 1 } }, counter.endpoint());
    creator.dispose();
    for (const store of [owner, early.store, middle.store]) store.addRun({ ...run });

    const releases = [owner.watch(run.id, counter.endpoint)];
    await until(() => owner.getConnection(run.id)?.role === 'owner', 5000, 'the first tab owns the run');
    releases.push(early.store.watch(run.id, counter.endpoint), middle.store.watch(run.id, counter.endpoint));
    await until(() => early.store.getConnection(run.id)?.role === 'follower' && middle.store.getConnection(run.id)?.role === 'follower', 5000, 'two followers');
    early.pause();
    const atPause = ids(early.store, run.id).length;
    await until(() => owner.getEvents(run.id).length >= atPause + 4, 20_000, 'the run moves on');
    middle.pause();
    const middleAtPause = ids(middle.store, run.id).length;
    await until(() => ended(owner, run.id), 30_000, 'the run ends at the owner');
    const all = ids(owner, run.id);
    expect(middleAtPause, 'the middle tab missed events').to.be.below(all.length);
    await delay(TUNING.takeoverMs + 500); // paused well past the end, as in fresh14 d
    expect(ended(early.store, run.id) || ended(middle.store, run.id), 'nothing reached the paused tabs').to.equal(false);

    early.resume();
    middle.resume();
    for (const [who, store] of [['the tab paused early', early.store], ['the tab paused mid-run', middle.store]] as const) {
      await until(() => ended(store, run.id) && ids(store, run.id).length === all.length, 5000, `${who} catches up`);
      expect(ids(store, run.id), `${who}: every event once, in the owner’s order`).to.deep.equal(all);
      expect(store.getRun(run.id)!.status).to.equal('completed');
      expect(store.getRun(run.id)!.output, `${who}: the result`).to.not.equal(undefined);
      expect(store.getConnection(run.id)?.phase, `${who}: not “Live”`).to.not.equal('open');
    }
    expect(counter.streams.length, 'no takeover: one stream').to.equal(1);
    releases.forEach((release) => release());
    [owner, early.store, middle.store].forEach((store) => store.dispose());
  });
});

describe('FollowerSync (the owner’s numbers, as a follower checks them)', () => {
  it('applies the next number; a gap, a new owner or a beat ahead asks for the state once per second and drops until it comes', () => {
    const sync = new FollowerSync(1000);
    sync.state('A', 3);
    expect(sync.numbered('A', 4, 0)).to.equal('apply');
    expect(sync.beat('A', 4, 0)).to.equal('ok');
    expect(sync.numbered('A', 6, 10), 'a gap').to.equal('ask');
    expect(sync.numbered('A', 7, 20), 'dropped while asking').to.equal('drop');
    expect(sync.beat('A', 7, 500)).to.equal('ok');
    expect(sync.beat('A', 7, 1200), 'asked again, unanswered for a second').to.equal('ask');
    sync.state('A', 7);
    expect(sync.numbered('A', 8, 1300)).to.equal('apply');
    expect(sync.beat('A', 9, 1400), 'a beat ahead of what arrived').to.equal('ask');
    sync.state('A', 9);
    expect(sync.numbered('B', 1, 1500), 'a new owner').to.equal('ask');
    sync.state('B', 1);
    expect(sync.woke(3000), 'its own timers ran late').to.equal(true);
  });
});
