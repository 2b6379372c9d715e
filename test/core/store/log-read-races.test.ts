/**
 * What arrives while a run's stored log is being read is not lost (CI, e2e "the owner tab closes
 * mid-stream": a remaining tab lacked the `status:queued` the closed owner had shown). The read
 * is slow here on purpose (a loaded machine's IndexedDB): the log's keys are taken, then the read
 * waits for a gate, so it returns what was stored when it began.
 * - another tab's write announced during the read is applied after it;
 * - an owner streams only once its log is read, so every event it gets is fanned out to followers;
 * - a run a tab starts watching by id is read from the log another tab may have written for it.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore } from '../../../src/core/store/task-store.js';
import { createMemoryStorage } from '../../../src/core/store/memory-storage.js';
import type { StorageLike } from '../../../src/core/store/persistence.js';
import { createMemoryEventLog, type EventLog } from '../../../src/core/store/event-log.js';
import { isTerminalStatus, type TaskEvent, type TaskRun } from '../../../src/core/providers/task-event.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import { createTabWorld } from '../../support/fake-tabs.js';
import { until } from '../../support/scripted-stream.js';

const message = (id: string): TaskEvent => ({ kind: 'message', id, category: 'plan', text: id, source: 'test' });
const ids = (store: TaskStore, id: string) => store.getEvents(id).map((e) => e.id);

/** `log` whose reads take their keys at once and then wait until `open()` (or `afterMs`). */
function gatedLog(log: EventLog, afterMs?: number) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
    if (afterMs !== undefined) setTimeout(resolve, afterMs);
  });
  let reads = 0;
  const gated: EventLog = Object.create(log, {
    keys: {
      value: async (store: string, runId: string) => {
        const keys = await log.keys(store, runId);
        reads++;
        await gate;
        return keys;
      },
    },
  });
  return { log: gated, open, reads: () => reads };
}

/** Resolves once a message on the store's BroadcastChannel was delivered (and a task later). */
function announced(name: string): Promise<void> {
  const channel = new BroadcastChannel(`task-elements:${name}`);
  return new Promise<void>((resolve) => {
    channel.onmessage = () => {
      channel.close();
      setTimeout(resolve, 0);
    };
  });
}

describe('events that come while a run’s stored log is being read', () => {
  it('another tab’s write announced during the read is applied after it, though the read began before the write', async () => {
    const name = `t-race-${Math.random().toString(36).slice(2)}`;
    const index: StorageLike = createMemoryStorage();
    const log = createMemoryEventLog();
    const writer = createTaskStore({ name, persistence: { index, log, channel: true } });
    const run: TaskRun = { id: 'r1', provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' };
    writer.addRun(run, [message('a')]);
    writer.flush();
    await writer.settled();
    const slow = gatedLog(log);
    const reader = createTaskStore({ name, persistence: { index, log: slow.log, channel: true } });
    await reader.ready();
    expect(reader.getRun('r1'), 'listed from the shared index').to.not.equal(undefined);
    const read = reader.loadEvents('r1');
    await until(() => slow.reads() === 1, 2000, 'the read took its keys');
    const heard = announced(name);
    writer.applyEvents('r1', [message('b'), message('c')]);
    writer.flush();
    await writer.settled();
    await heard;
    slow.open();
    await read;
    await until(() => reader.getEvents('r1').length >= 3, 2000, 'the announced events applied after the read');
    expect(ids(reader, 'r1')).to.deep.equal(['a', 'b', 'c']);
    writer.dispose();
    reader.dispose();
  });

  it('an owner whose stored log is still being read when it takes the run fans out every event it then gets: a follower without the log channel ends with the same events, the first status included', async function () {
    this.timeout(60_000);
    const name = `t-owner-read-${Math.random().toString(36).slice(2)}`;
    const index: StorageLike = createMemoryStorage();
    const log = createMemoryEventLog();
    const endpoint = (): EndpointConfig => ({ provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: 'mock-test-key' } });
    const creator = createTaskStore({ name, persistence: { index, log } });
    const run = await creator.submit({ input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_speed: 2 } }, endpoint());
    creator.flush();
    await creator.settled();
    creator.dispose();
    const world = createTabWorld();
    const tuning = { beatMs: 250, takeoverMs: 1500 };
    // The owner's disk is slow: its read of the run's log takes 1.5 s (the stream has begun by then).
    const owner = createTaskStore({ name, persistence: { index, log: gatedLog(log, 1500).log }, shareConnections: world.tab(), tabTuning: tuning });
    const follower = createTaskStore({ name, persistence: { index, log }, shareConnections: world.tab(), tabTuning: tuning });
    await Promise.all([owner.ready(), follower.ready()]);
    const releases = [owner.watch(run.id, endpoint)];
    await until(() => owner.getConnection(run.id)?.role === 'owner', 5000, 'the first tab owns the run');
    releases.push(follower.watch(run.id, endpoint));
    const done = (store: TaskStore) => isTerminalStatus(store.getRun(run.id)!.status) && store.getConnection(run.id)?.state === 'closed';
    await until(() => done(owner) && done(follower), 45_000, 'the run ends in both tabs');
    await until(() => ids(follower, run.id).length === ids(owner, run.id).length, 3000, 'the follower has as many events as the owner');
    expect(ids(follower, run.id)).to.deep.equal(ids(owner, run.id));
    expect(owner.getEvents(run.id).filter((e) => e.kind === 'status').length, 'status events').to.be.greaterThan(1);
    releases.forEach((release) => release());
    owner.dispose();
    follower.dispose();
  });

  it('a run a tab starts watching by id, which another tab already logged, shows the events stored there', async () => {
    const name = `t-by-id-${Math.random().toString(36).slice(2)}`;
    const log = createMemoryEventLog();
    const writer = createTaskStore({ name, persistence: { index: createMemoryStorage(), log } });
    writer.addRun({ id: 'r2', provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' }, [message('x'), message('y')]);
    writer.flush();
    await writer.settled();
    // Its own index (it listed nothing yet): the run is known to it only by id.
    const viewer = createTaskStore({ name, persistence: { index: createMemoryStorage(), log } });
    await viewer.ready();
    const endpoint = (): EndpointConfig => ({ provider: 'parallel', baseUrl: '/mock-unreachable', auth: { mode: 'api-key', apiKey: 'k' }, fetch: () => new Promise<Response>(() => {}) });
    const release = viewer.watch('r2', endpoint);
    expect(viewer.getRun('r2')?.status).to.equal('unknown');
    await until(() => ids(viewer, 'r2').length === 2, 3000, 'the stored events');
    expect(ids(viewer, 'r2')).to.deep.equal(['x', 'y']);
    release();
    writer.dispose();
    viewer.dispose();
  });
});
