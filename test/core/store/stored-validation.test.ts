/**
 * Every stored record is checked field by field; a failing record is set aside on its own and the
 * rest load (issue 10 §2). Real localStorage and IndexedDB in Chromium. The run index here is the
 * Web Storage one (`persistence: localStorage`, read at once); the IndexedDB run index has its
 * own tests (run-index-idb.test.ts).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import { createTaskStore, type StoreChange, type TaskStore } from '../../../src/core/store/task-store.js';
import { registerTaskStore, releaseTaskStore } from '../../../src/core/store/registry.js';
import { KEY_PREFIX } from '../../../src/core/store/persistence.js';
import { connectTaskDb } from '../../../src/core/store/idb-database.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { until } from '../../support/scripted-stream.js';

const run = (id: string, extra: Record<string, unknown> = {}): TaskRun => ({
  id, provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', ...extra,
}) as TaskRun;
const message = (id: string): TaskEvent => ({ kind: 'message', id, category: 'plan', text: id, source: 'test' });

let n = 0;
const opened: TaskStore[] = [];
function uniqueName(): string {
  return `valid-${Date.now().toString(36)}-${++n}`;
}
function open(name: string, warnings: string[] = []): TaskStore {
  const store = createTaskStore({ name, persistence: localStorage, warn: (m) => warnings.push(m), saveDelayMs: 60_000 });
  opened.push(store);
  return store;
}
const indexKey = (name: string) => `${KEY_PREFIX}:${name}`;
const keysOf = (name: string) => Object.keys(localStorage).filter((k) => k.startsWith(indexKey(name)));
const seedIndex = (name: string, runs: unknown[], extra: object = {}) => localStorage.setItem(indexKey(name), JSON.stringify({ v: 1, runs, ...extra }));

afterEach(async () => {
  for (const store of opened.splice(0)) {
    store.clear();
    await store.settled();
    store.dispose();
    for (const key of keysOf(store.name)) localStorage.removeItem(key);
  }
});

describe('stored data is validated, record by record', () => {
  for (const [label, bad] of [
    ['"output":"x"', { output: 'x' }],
    ['"status":42', { status: 42 }],
    ['"provider":"evil"', { provider: 'evil' }],
    ['a numeric createdAt', { createdAt: 1_700_000_000_000 }],
  ] as const) {
    it(`sets a stored run with ${label} aside on its own; the other runs load`, () => {
      const name = uniqueName();
      seedIndex(name, [run('good-1'), run('bad', bad), run('good-2', { createdAt: '2026-10-01T00:00:00Z' })]);
      const warnings: string[] = [];
      const store = open(name, warnings);
      expect(store.getRuns().map((r) => r.id)).to.deep.equal(['good-1', 'good-2']);
      const aside = keysOf(name).filter((k) => k.includes(':quarantine:'));
      expect(aside).to.have.length(1);
      expect(JSON.parse(localStorage.getItem(aside[0]!)!)[0].record.id).to.equal('bad');
      expect(warnings.join(' ')).to.contain('1 stored run').and.contain('could not be read');
    });
  }

  it('shows a run next to one stored with "output":"x" or "status":42 in <task-stream>, without an error', async () => {
    const name = uniqueName();
    seedIndex(name, [run('bad-output', { output: 'x' }), run('bad-status', { status: 42 }), run('fine', { output: { type: 'text', content: 'All good.', basis: [] } })], { selectedId: 'bad-output' });
    const store = open(name);
    registerTaskStore(store);
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    try {
      const el = await fixture<TaskStreamElement>(html`<task-stream store=${name}></task-stream>`);
      expect(el.shadowRoot!.textContent).to.contain('No run selected');
      store.select('fine');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="output"]')!.textContent).to.contain('All good.');
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      releaseTaskStore(name);
    }
  });

  it('sets stored events [null] aside one by one, keeps the rest, and the batch is rewritten without them', async () => {
    const name = uniqueName();
    seedIndex(name, [run('r')]);
    const connection = connectTaskDb();
    const db = await connection.db();
    await db.add('batches', { store: name, run: 'r', events: [null] });
    await db.add('batches', { store: name, run: 'r', events: [message('a'), { kind: 'message', id: 'b' }, message('c')] });
    connection.close();
    const store = open(name);
    expect((await store.loadEvents('r')).map((e) => e.id)).to.deep.equal(['a', 'c']);
    const again = open(name);
    expect((await again.loadEvents('r')).map((e) => e.id), 'the next load finds nothing to set aside').to.deep.equal(['a', 'c']);
  });

  it('keeps every kind of event a run can have across a reload (prompt, title, gap, seq and usage included)', async () => {
    const name = uniqueName();
    const first = open(name);
    const base = { source: 'test', seq: 1 };
    const events: TaskEvent[] = [
      { ...base, kind: 'prompt', id: 'p', text: 'the prompt', agent: 'a', model: 'm', provider: 'x' },
      { ...base, kind: 'title', id: 't', text: 'A title', partial: false, usage: { totalTokens: 3 } },
      { ...base, kind: 'gap', id: 'g', afterSeq: 1, beforeSeq: 5, missing: 3 },
      { ...base, kind: 'text', id: 'x', text: 'said', agent: 'a', usage: { totalTokens: 9, costUsd: 0.01 } },
      message('m'),
    ];
    first.addRun(run('r', { title: 'A title', warnings: [{ type: 'warning', message: 'w' }], streamEnded: true }), events);
    first.flush();
    await first.settled();
    const warnings: string[] = [];
    const second = open(name, warnings);
    expect(second.getRun('r')?.title).to.equal('A title');
    expect((await second.loadEvents('r')).map((e) => e.id)).to.deep.equal(['p', 't', 'g', 'x', 'm']);
    expect(warnings, 'nothing set aside').to.deep.equal([]);
  });

  it('with a numeric createdAt stored and localStorage full, no save throws, and saves work again once there is room', async () => {
    const name = uniqueName();
    seedIndex(name, [run('numeric', { createdAt: 1_700_000_000_000 }), run('ok')]);
    const filler: string[] = [];
    for (let size = 512 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) {
          localStorage.setItem(`filler-v-${filler.length}`, 'f'.repeat(size));
          filler.push(`filler-v-${filler.length}`);
        }
      } catch {
        // full at this size
      }
    }
    try {
      const store = open(name);
      store.addRun(run('new', { status: 'running', createdAt: '2026-12-01T00:00:00Z' }), [message('a')]);
      expect(() => store.flush()).to.not.throw();
      expect(() => store.applyEvents('new', [{ kind: 'status', id: 'status:completed', status: 'completed', apiStatus: 'completed', source: 't' }])).to.not.throw();
      expect(store.getRuns().map((r) => r.id)).to.deep.equal(['new', 'ok']);
      filler.splice(0).forEach((key) => localStorage.removeItem(key));
      store.flush();
      expect(JSON.parse(localStorage.getItem(indexKey(name))!).runs.map((r: TaskRun) => r.id)).to.deep.equal(['new', 'ok']);
    } finally {
      filler.forEach((key) => localStorage.removeItem(key));
    }
  });
});

describe('another tab’s unreadable or newer data never deletes this tab’s runs', () => {
  for (const [label, written] of [['{', '{'], ['{"v":2,…}', JSON.stringify({ v: 2, runs: [{ id: 'x', shape: 'new' }], extra: true })]] as const) {
    it(`keeps every run when another tab writes ${label}`, () => {
      const name = uniqueName();
      const store = open(name);
      store.addRun(run('a'));
      store.addRun(run('b'));
      store.flush();
      const changes: StoreChange[] = [];
      store.subscribe((c) => changes.push(c));
      localStorage.setItem(indexKey(name), written);
      store.reload();
      expect(store.getRuns().map((r) => r.id)).to.have.members(['a', 'b']);
      expect(changes).to.deep.equal([]);
      expect(keysOf(name).filter((k) => k.includes(':corrupt:') || k.includes(':quarantine:')), 'nothing quarantined on a reload').to.deep.equal([]);
    });
  }

  it('leaves a newer version’s index alone: not quarantined, not overwritten', () => {
    const name = uniqueName();
    const newer = JSON.stringify({ v: 2, runs: [{ id: 'from-the-future' }] });
    localStorage.setItem(indexKey(name), newer);
    const warnings: string[] = [];
    const store = open(name, warnings);
    expect(store.getRuns()).to.deep.equal([]);
    expect(warnings.join(' ')).to.contain('newer version');
    store.addRun(run('here'));
    store.flush();
    expect(localStorage.getItem(indexKey(name))).to.equal(newer);
    expect(keysOf(name)).to.deep.equal([indexKey(name)]);
    expect(store.getRuns().map((r) => r.id), 'this page keeps its run in memory').to.deep.equal(['here']);
  });

  it('writes its runs back over another tab’s unreadable data at its next save', () => {
    const name = uniqueName();
    const store = open(name);
    store.addRun(run('a'));
    store.flush();
    localStorage.setItem(indexKey(name), '{');
    store.reload();
    store.addRun(run('b'));
    store.flush();
    expect(JSON.parse(localStorage.getItem(indexKey(name))!).runs.map((r: TaskRun) => r.id)).to.have.members(['a', 'b']);
  });
});
