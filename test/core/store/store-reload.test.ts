import { expect } from '@open-wc/testing';
import { createTaskStore, type StoreChange, type TaskStore } from '../../../src/core/store/task-store.js';
import { createMemoryStorage } from '../../../src/core/store/memory-storage.js';
import type { StorageLike } from '../../../src/core/store/persistence.js';
import { createMemoryEventLog } from '../../../src/core/store/event-log.js';
import { until } from '../../support/scripted-stream.js';
import type { TaskEvent, TaskRun, TaskStatus } from '../../../src/core/providers/task-event.js';

const run = (id: string, extra: Partial<TaskRun> = {}): TaskRun => ({
  id, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z', ...extra,
});
const message = (id: string): TaskEvent => ({ kind: 'message', id, category: 'plan', text: id, source: 'test' });
const status = (s: TaskStatus): TaskEvent => ({ kind: 'status', id: `status:${s}`, status: s, apiStatus: s, source: 'test' });

/**
 * Two "tabs": two stores of the same name over the same index storage and event log, without a
 * broadcast channel. Writes happen only on flush(); the first tab's writes are settled.
 */
async function twoTabs(seed: (store: TaskStore) => void = () => {}) {
  const storage: StorageLike = createMemoryStorage();
  const log = createMemoryEventLog();
  const open = () => createTaskStore({ persistence: { index: storage, log }, name: 'tabs', saveDelayMs: 60_000 });
  const first = open();
  seed(first);
  first.flush();
  await first.settled();
  const second = open();
  for (const run of second.getRuns()) await second.loadEvents(run.id);
  const changes: StoreChange[] = [];
  second.subscribe((change) => changes.push(change));
  return { first, second, open, changes, types: () => changes.map((c) => c.type) };
}

describe('task store reload() (cross-tab sync)', () => {
  it('adds runs another tab saved, with their events read on first use, newest first', async () => {
    const { first, second, types } = await twoTabs((s) => s.addRun(run('old', { createdAt: '2026-01-01T00:00:00Z' })));
    first.addRun(run('new', { createdAt: '2026-06-01T00:00:00Z' }), [message('a'), message('b')]);
    first.flush();
    await first.settled();
    second.reload();
    expect(second.getRuns().map((r) => r.id)).to.deep.equal(['new', 'old']);
    expect(types()).to.deep.equal(['runs']);
    expect((await second.loadEvents('new')).map((e) => e.id)).to.deep.equal(['a', 'b']);
  });

  it('applies new events of a known run exactly once, and a second reload changes nothing', async () => {
    const { first, second, changes, types } = await twoTabs((s) => s.addRun(run('r', { status: 'queued' }), [message('a')]));
    first.applyEvents('r', [status('running'), message('b'), status('completed')]);
    first.flush();
    await first.settled();
    second.reload();
    second.reload();
    await until(() => second.getEvents('r').length === 4);
    await new Promise((r) => setTimeout(r, 20));
    expect(second.getEvents('r').map((e) => e.id)).to.deep.equal(['a', 'status:running', 'b', 'status:completed']);
    expect(second.getRun('r')!.status).to.equal('completed');
    expect(types()).to.deep.equal(['run', 'events']);
    const events = changes.find((c) => c.type === 'events') as Extract<StoreChange, { type: 'events' }>;
    expect(events.events.map((e) => e.id)).to.deep.equal(['status:running', 'b', 'status:completed']);
  });

  it('removes runs another tab removed, but keeps a run of its own that is not saved yet', async () => {
    const { first, second } = await twoTabs((s) => {
      s.addRun(run('keep'));
      s.addRun(run('gone'));
    });
    second.addRun(run('mine', { createdAt: '2026-12-01T00:00:00Z' }));
    first.removeRun('gone');
    first.flush();
    second.reload();
    expect(second.getRuns().map((r) => r.id)).to.have.members(['keep', 'mine']);
    expect(second.getEvents('gone')).to.deep.equal([]);
  });

  it('clears the selection when the selected run was removed in another tab', async () => {
    const { first, second, types } = await twoTabs((s) => {
      s.addRun(run('r'));
      s.select('r');
    });
    expect(second.selectedId).to.equal('r');
    first.removeRun('r');
    first.flush();
    second.reload();
    expect(second.getRuns()).to.deep.equal([]);
    expect(second.selectedId).to.equal(undefined);
    expect(types()).to.deep.equal(['runs', 'selection']);
  });

  it('follows another tab’s clear()', async () => {
    const { first, second } = await twoTabs((s) => {
      s.addRun(run('a'));
      s.addRun(run('b'));
    });
    first.clear();
    first.flush();
    second.reload();
    expect(second.getRuns()).to.deep.equal([]);
  });

  it('never brings back a run it removed from another tab’s older copy', async () => {
    const { first, second } = await twoTabs((s) => s.addRun(run('x')));
    second.removeRun('x');
    first.addRun(run('y', { createdAt: '2026-12-01T00:00:00Z' }));
    first.flush(); // still lists x: the first tab has not heard of the removal yet
    second.reload();
    expect(second.getRuns().map((r) => r.id)).to.deep.equal(['y']);
    second.flush();
    first.reload();
    expect(first.getRuns().map((r) => r.id)).to.deep.equal(['y']);
  });

  it('keeps runs another tab saved meanwhile when it writes its own list', async () => {
    const { first, second } = await twoTabs((s) => s.addRun(run('base', { createdAt: '2026-01-01T00:00:00Z' })));
    first.addRun(run('theirs', { createdAt: '2026-02-01T00:00:00Z' }));
    first.flush();
    second.addRun(run('ours', { createdAt: '2026-03-01T00:00:00Z' }));
    second.flush(); // before it heard of "theirs"
    first.reload();
    expect(first.getRuns().map((r) => r.id)).to.deep.equal(['ours', 'theirs', 'base']);
    expect(second.getRuns().map((r) => r.id)).to.deep.equal(['ours', 'theirs', 'base']);
  });

  it('keeps its own selection when another tab picks a run (each tab shows its own run); a new tab starts with the last pick', async () => {
    const { first, second, open } = await twoTabs((s) => {
      s.addRun(run('a'));
      s.addRun(run('b'));
      s.addRun(run('c'));
    });
    second.select('c');
    second.flush();
    first.select('b');
    first.flush();
    second.reload();
    expect(second.selectedId, 'not switched by the other tab').to.equal('c');
    first.reload();
    expect(first.selectedId).to.equal('b');
    await first.settled();
    const third = open();
    expect(third.selectedId, 'a new tab: the last pick saved').to.equal('b');
    third.dispose();
  });

  it('emits nothing when storage did not change', async () => {
    const { second, types } = await twoTabs((s) => {
      s.addRun(run('done', { status: 'completed' }), [message('a')]);
      s.addRun(run('live'), [message('b')]);
    });
    second.reload();
    expect(types()).to.deep.equal([]);
  });
});
