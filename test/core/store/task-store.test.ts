import { expect } from '@open-wc/testing';
import { createTaskStore, type StoreChange } from '../../../src/core/store/task-store.js';
import { createMemoryStorage } from '../../../src/core/store/memory-storage.js';
import { KEY_PREFIX } from '../../../src/core/store/persistence.js';
import { createMemoryEventLog } from '../../../src/core/store/event-log.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { delay, json, scriptStream, until } from '../../support/scripted-stream.js';

const run = (id: string, extra: Partial<TaskRun> = {}): TaskRun => ({
  id, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z', ...extra,
});
const message = (id: string, text = id): TaskEvent => ({ kind: 'message', id, category: 'plan', text, source: 'test' });

describe('task store', () => {
  it('keeps each run’s events in order and exactly once', () => {
    const store = createTaskStore({ persistence: 'memory' });
    store.addRun(run('r1'));
    expect(store.applyEvents('r1', [message('a'), message('b')]).map((e) => e.id)).to.deep.equal(['a', 'b']);
    expect(store.applyEvents('r1', [message('b'), message('a'), message('c')]).map((e) => e.id)).to.deep.equal(['c']);
    expect(store.getEvents('r1').map((e) => e.id)).to.deep.equal(['a', 'b', 'c']);
  });

  it('treats a repeated status as no transition and never moves a status back', () => {
    const store = createTaskStore({ persistence: 'memory' });
    store.addRun(run('r1', { status: 'queued' }));
    const status = (id: string, s: TaskRun['status']): TaskEvent => ({ kind: 'status', id, status: s, apiStatus: s, source: 'test' });
    store.applyEvents('r1', [status('s1', 'queued'), status('s2', 'running'), status('s3', 'running'), status('s4', 'queued'), status('s5', 'completed'), status('s6', 'running')]);
    expect(store.getEvents('r1').map((e) => (e.kind === 'status' ? e.status : ''))).to.deep.equal(['running', 'completed']);
    expect(store.getRun('r1')!.status).to.equal('completed');
  });

  it('tells subscribers what changed, and stops after unsubscribe', () => {
    const store = createTaskStore({ persistence: 'memory' });
    const changes: StoreChange['type'][] = [];
    const off = store.subscribe((c) => changes.push(c.type));
    store.addRun(run('r1'));
    store.applyEvents('r1', [message('a')]);
    store.select('r1');
    off();
    store.applyEvents('r1', [message('b')]);
    expect(changes).to.deep.equal(['runs', 'events', 'selection']);
  });

  it('lists runs newest first', () => {
    const store = createTaskStore({ persistence: 'memory' });
    store.addRun(run('old', { createdAt: '2026-01-01T00:00:00Z' }));
    store.addRun(run('new', { createdAt: '2026-06-01T00:00:00Z' }));
    store.addRun(run('mid', { createdAt: '2026-03-01T00:00:00Z' }));
    expect(store.getRuns().map((r) => r.id)).to.deep.equal(['new', 'mid', 'old']);
  });

  it('persists runs, events and the selection for the next page load', async () => {
    const persistence = { index: createMemoryStorage(), log: createMemoryEventLog() };
    const first = createTaskStore({ persistence, name: 'p' });
    first.addRun(run('r1'));
    first.applyEvents('r1', [message('a'), message('b')]);
    first.select('r1');
    first.flush();
    await first.settled();
    const second = createTaskStore({ persistence, name: 'p' });
    expect(second.getRuns().map((r) => r.id)).to.deep.equal(['r1']);
    expect(second.selectedId).to.equal('r1');
    expect((await second.loadEvents('r1')).map((e) => e.id)).to.deep.equal(['a', 'b']);
    expect(second.applyEvents('r1', [message('a')]), 'a replay after reload is still deduped').to.have.length(0);
  });

  it('moves a corrupt run index to a backup key and starts clean with a warning', () => {
    const storage = createMemoryStorage();
    storage.setItem(`${KEY_PREFIX}:c`, '{"v":1,"runs":[{"id":');
    const warnings: string[] = [];
    const store = createTaskStore({ persistence: { index: storage, log: createMemoryEventLog() }, name: 'c', warn: (m) => warnings.push(m) });
    expect(store.getRuns()).to.deep.equal([]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('could not be read');
    const backups = Array.from({ length: storage.length }, (_, i) => storage.key(i)!).filter((k) => k.startsWith(`${KEY_PREFIX}:c:corrupt:`));
    expect(backups).to.have.length(1);
    expect(storage.getItem(backups[0]!)).to.equal('{"v":1,"runs":[{"id":');
    store.addRun(run('fresh'));
    store.flush();
    expect(createTaskStore({ persistence: { index: storage, log: createMemoryEventLog() }, name: 'c' }).getRuns().map((r) => r.id)).to.deep.equal(['fresh']);
  });

  it('when the event log refuses a write, removes the oldest finished runs’ logs, marks them with a notice, and keeps every event in memory', async () => {
    const index = createMemoryStorage();
    const log = createMemoryEventLog({ quota: 60_000 });
    const warnings: string[] = [];
    const store = createTaskStore({ persistence: { index, log }, name: 'q', warn: (m) => warnings.push(m) });
    const bulk = (prefix: string) => Array.from({ length: 40 }, (_, i) => message(`${prefix}${i}`, 'x'.repeat(200)));
    store.addRun(run('oldest', { status: 'completed', createdAt: '2026-01-01T00:00:00Z' }), bulk('o'));
    store.addRun(run('older', { status: 'completed', createdAt: '2026-02-01T00:00:00Z' }), bulk('p'));
    store.flush();
    await store.settled();
    const changes: StoreChange[] = [];
    store.subscribe((c) => changes.push(c));
    store.addRun(run('live', { status: 'running', createdAt: '2026-03-01T00:00:00Z' }), bulk('l'));
    expect(() => store.flush()).to.not.throw();
    await store.settled();
    const marked = changes.find((c) => c.type === 'run' && c.runId === 'oldest') as Extract<StoreChange, { type: 'run' }> | undefined;
    expect(marked?.run.eventsEvicted, 'the store announced the eviction').to.equal(true);
    expect(marked?.previous.eventsEvicted).to.equal(undefined);
    expect(store.getEvents('oldest'), 'the live session keeps its events').to.have.length(40);
    expect(store.applyEvents('oldest', bulk('o')), 'and re-applying them is an ordinary no-op').to.deep.equal([]);
    expect(store.getRun('older')!.eventsEvicted).to.equal(undefined);
    store.flush();
    const reloaded = createTaskStore({ persistence: { index, log }, name: 'q' });
    expect(reloaded.getRuns().map((r) => r.id), 'every run is kept').to.deep.equal(['live', 'older', 'oldest']);
    expect(reloaded.getRun('oldest')!.eventsEvicted).to.equal(true);
    expect(await reloaded.loadEvents('oldest')).to.have.length(0);
    expect(await reloaded.loadEvents('older')).to.have.length(40);
    expect(await reloaded.loadEvents('live')).to.have.length(40);
    expect(reloaded.getRun('live')!.eventsEvicted).to.equal(undefined);
  });

  it('survives the real localStorage being full, and saves again once there is room', async () => {
    const filler: string[] = [];
    for (let size = 512 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) {
          localStorage.setItem(`filler-${filler.length}`, 'f'.repeat(size));
          filler.push(`filler-${filler.length}`);
        }
      } catch {
        // full at this size: try smaller pieces
      }
    }
    const name = `full-${Date.now().toString(36)}`;
    try {
      const warnings: string[] = [];
      const store = createTaskStore({ name, persistence: localStorage, warn: (m) => warnings.push(m) });
      store.addRun(run('r1'), [message('a', 'y'.repeat(512 * 1024))]);
      expect(() => store.flush()).to.not.throw();
      expect(warnings.some((w) => w.includes('storage is full'))).to.equal(true);
      expect(store.getEvents('r1'), 'the page keeps working in memory').to.have.length(1);
      filler.splice(0).forEach((key) => localStorage.removeItem(key));
      store.applyEvents('r1', [message('b')]);
      store.flush();
      await store.settled();
      expect(localStorage.getItem(`${KEY_PREFIX}:${name}`)).to.contain('"r1"');
      store.clear();
      await store.settled();
    } finally {
      filler.forEach((key) => localStorage.removeItem(key));
      localStorage.removeItem(`${KEY_PREFIX}:${name}`);
    }
  });

  it('opens one connection per run however many watchers, and closes it when the last leaves', async () => {
    const script = await scriptStream([{ when: '/events', events: [{ event: 'task_run.progress_msg.plan', data: '{"type":"task_run.progress_msg.plan","message":"hi","timestamp":"t"}' }], end: 'hang' }]);
    const store = createTaskStore({ persistence: 'memory', connection: { statusPollMs: 0 } });
    store.addRun(run('shared'));
    const endpoint = () => ({ provider: 'parallel' as const, baseUrl: script.url, auth: { mode: 'none' as const } });
    const releaseA = store.watch('shared', endpoint);
    const releaseB = store.watch('shared', endpoint);
    await until(() => store.getEvents('shared').length === 1);
    releaseA();
    await delay(100);
    let log = await script.log();
    expect(log).to.have.length(1);
    expect(log[0]!.closed, 'still open for the second watcher').to.equal(false);
    releaseB();
    await until(() => store.getConnection('shared')?.state === 'closed');
    await delay(50);
    log = await script.log();
    expect(log).to.have.length(1);
    expect(log[0]!.closed).to.equal(true);
  });

  it('stop() closes the connection and keeps the run; reconnect() opens it again', async () => {
    const script = await scriptStream([{ when: '/events', events: [{ event: 'task_run.progress_msg.plan', data: '{"type":"task_run.progress_msg.plan","message":"hi","timestamp":"t"}' }], end: 'hang' }]);
    const store = createTaskStore({ persistence: 'memory', connection: { statusPollMs: 0 } });
    store.addRun(run('r'));
    const release = store.watch('r', () => ({ provider: 'parallel', baseUrl: script.url, auth: { mode: 'none' } }));
    await until(() => store.getConnection('r')?.state === 'open');
    store.stop('r');
    await until(() => store.getConnection('r')?.state === 'closed');
    expect(store.getRun('r')!.status).to.equal('running');
    store.reconnect('r');
    await until(() => (store.getConnection('r')?.state === 'open'));
    expect(await script.log()).to.have.length(2);
    expect(store.getEvents('r'), 'the replay added nothing twice').to.have.length(1);
    release();
  });

  it('submit() posts the create request, adds the run and selects it', async () => {
    const script = await scriptStream([json({ run_id: 'trun_new', interaction_id: 'trun_new', status: 'queued', is_active: true, processor: 'base', created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:00Z' }, 202)]);
    const store = createTaskStore({ persistence: 'memory' });
    const created = await store.submit({ input: 'What is Zürich?', processor: 'base' }, { provider: 'parallel', baseUrl: script.url, auth: { mode: 'api-key', apiKey: 'k1' } });
    expect(created.id).to.equal('trun_new');
    expect(store.selectedId).to.equal('trun_new');
    expect(store.getRun('trun_new')!.input).to.equal('What is Zürich?');
    const [request] = await script.log();
    expect(request!.method).to.equal('POST');
    expect(request!.url).to.equal(`${script.url}/v1/tasks/runs`);
    expect(request!.headers['x-api-key']).to.equal('k1');
    expect(request!.headers['parallel-beta']).to.contain('events-sse-2025-07-24');
  });

  it('submit() rejects with the API’s 422 message and adds nothing', async () => {
    const script = await scriptStream([json({ type: 'error', error: { ref_id: 'x', message: 'Unknown processor "turbo"' } }, 422)]);
    const store = createTaskStore({ persistence: 'memory' });
    let error: unknown;
    try {
      await store.submit({ input: 'q', processor: 'turbo' }, { provider: 'parallel', baseUrl: script.url, auth: { mode: 'none' } });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).to.contain('(422)').and.not.contain('Unknown processor');
    expect((error as { detail?: string }).detail).to.equal('Unknown processor "turbo"');
    expect((error as { status?: number }).status).to.equal(422);
    expect(store.getRuns()).to.have.length(0);
  });
});
