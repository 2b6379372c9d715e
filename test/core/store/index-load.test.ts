/**
 * A long stored history loads without holding the main thread (issue 17): the newest runs are there
 * when the store is created, the rest are checked a slice at a time in later tasks, and nothing that
 * reads or changes runs meanwhile loses a stored run. Real localStorage in Chromium, as the run index
 * of a store given `persistence: localStorage` (the default index is in IndexedDB: run-index-idb.test.ts).
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type StoreChange, type TaskStore } from '../../../src/core/store/task-store.js';
import { KEY_PREFIX } from '../../../src/core/store/persistence.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { until } from '../../support/scripted-stream.js';

const COUNT = 10_000;
let n = 0;
const opened: TaskStore[] = [];
const indexKey = (name: string) => `${KEY_PREFIX}:${name}`;

/** `count` stored runs, newest first (run-0 is the newest), as the run index stores them. */
function storedRuns(count: number): TaskRun[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    id: `run-${i}`, provider: 'parallel', status: 'completed', processor: 'core',
    createdAt: new Date(start + (count - i) * 60_000).toISOString(), input: `Question ${i} about something worth a look`,
  }));
}

function seeded(runs: unknown[], extra: object = {}, warnings: string[] = []): { name: string; open: () => TaskStore } {
  const name = `index-load-${Date.now().toString(36)}-${++n}`;
  localStorage.setItem(indexKey(name), JSON.stringify({ v: 1, runs, ...extra }));
  return {
    name,
    open() {
      const store = createTaskStore({ name, persistence: localStorage, warn: (m) => warnings.push(m), saveDelayMs: 60_000 });
      opened.push(store);
      return store;
    },
  };
}

/** Long main-thread tasks (ms) while `action` runs. */
async function longTasksDuring(action: () => Promise<void>): Promise<number[]> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  await action();
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return tasks;
}

afterEach(() => {
  for (const store of opened.splice(0)) {
    store.dispose();
    for (const key of Object.keys(localStorage)) if (key.startsWith(indexKey(store.name))) localStorage.removeItem(key);
  }
});

describe('a long stored history', () => {
  it('lists the newest runs at once and the rest within later tasks, in stored order, then says so once', async () => {
    const { open } = seeded(storedRuns(COUNT));
    const changes: StoreChange[] = [];
    let store!: TaskStore;
    const tasks = await longTasksDuring(async () => {
      store = open();
      store.subscribe((change) => changes.push(change));
      const first = store.getRuns();
      expect(first.length, 'the newest runs are there at once').to.be.at.least(500);
      expect(first.length, 'not every run is checked in the first task').to.be.below(COUNT);
      expect(first[0]!.id).to.equal('run-0');
      await until(() => store.getRuns().length === COUNT, 5000, 'every stored run');
    });
    expect(store.getRuns().map((r) => r.id).slice(0, 3)).to.deep.equal(['run-0', 'run-1', 'run-2']);
    expect(store.getRuns()[COUNT - 1]!.id).to.equal('run-9999');
    expect(changes.filter((c) => c.type === 'runs'), 'one runs change when the load completes').to.have.length(1);
    // Reading the 4 MB index from localStorage and parsing it is one task of its own (not checked here).
    expect(tasks.slice(1).filter((d) => d > 50), 'tasks over 50 ms after the first').to.deep.equal([]);
  });

  it('loads a long history over several tasks however fast the machine checks runs (no slice is bounded by time alone)', async () => {
    const { open } = seeded(storedRuns(COUNT));
    // A machine so fast that no time passes while runs are checked: an 8 ms slice would never end.
    const now = performance.now.bind(performance);
    const frozen = now();
    performance.now = () => frozen;
    let store: TaskStore;
    try {
      store = open();
    } finally {
      performance.now = now;
    }
    const first = store.getRuns().length;
    expect(first, 'the newest runs at once').to.be.at.least(500);
    expect(first, 'the rest in later tasks').to.be.below(COUNT);
    await until(() => store.getRuns().length === COUNT, 5000, 'every stored run');
  });

  it('finds a run whose turn has not come, and keeps its selection', async () => {
    const { open } = seeded(storedRuns(COUNT), { selectedId: 'run-9000' });
    const store = open();
    expect(store.getRuns().length).to.be.below(COUNT);
    expect(store.selectedId, 'the saved selection of an old run').to.equal('run-9000');
    expect(store.getRun('run-9999')?.input).to.equal('Question 9999 about something worth a look');
    await until(() => store.getRuns().length === COUNT, 5000, 'every stored run');
    expect(store.getRun('run-9999'), 'the same run once its turn came').to.equal(store.getRuns()[COUNT - 1]);
  });

  it('keeps every stored run when a run changes, is added or removed while the rest still loads', async () => {
    const { open } = seeded(storedRuns(COUNT));
    const store = open();
    expect(store.getRuns().length).to.be.below(COUNT);
    store.updateRun('run-9999', { title: 'Changed early' });
    expect(store.getRuns(), 'a change completes the load first').to.have.length(COUNT);
    expect(store.getRun('run-9999')!.title).to.equal('Changed early');
    store.addRun({ id: 'new', provider: 'parallel', status: 'queued', createdAt: '2027-01-01T00:00:00Z' });
    store.removeRuns(['run-1', 'run-2']);
    store.flush();
    const saved = JSON.parse(localStorage.getItem(indexKey(store.name))!) as { runs: TaskRun[] };
    expect(saved.runs).to.have.length(COUNT - 1);
    expect(saved.runs[0]!.id).to.equal('new');
  });

  it('sets a broken record deep in the history aside when the load completes; the rest load', async () => {
    const runs: unknown[] = storedRuns(COUNT);
    runs[8000] = { ...(runs[8000] as object), status: 42 };
    const warnings: string[] = [];
    const { open } = seeded(runs, {}, warnings);
    const store = open();
    await until(() => warnings.length > 0, 5000, 'the warning');
    expect(store.getRuns()).to.have.length(COUNT - 1);
    expect(store.getRun('run-8000')).to.equal(undefined);
    expect(warnings[0]).to.contain('1 stored run').and.contain('could not be read');
  });
});
