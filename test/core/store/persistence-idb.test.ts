/**
 * The default persistence in a real browser: the run index and the event logs in
 * IndexedDB (issue 10 §1–3). Each store gets a name of its own; everything is removed afterwards.
 */
import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import type { StoreChange } from '../../../src/core/store/task-store.js';
import { RECORD_EVENTS, TAIL_EVENTS } from '../../../src/core/store/persistence.js';
import { IDB_NAME } from '../../../src/core/store/idb-event-log.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { indexKey, useIdbStores } from '../../support/idb-stores.js';
import { delay, until } from '../../support/scripted-stream.js';

const run = (id: string, extra: Partial<TaskRun> = {}): TaskRun => ({
  id, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z', ...extra,
});
const message = (id: string, text = id): TaskEvent => ({ kind: 'message', id, category: 'plan', text, source: 'test' });
const status = (s: 'completed' | 'running'): TaskEvent => ({ kind: 'status', id: `status:${s}`, status: s, apiStatus: s, source: 'test' });

const { uniqueName, open } = useIdbStores('idb');

/** The raw batches IndexedDB holds for one store, in key order. */
async function storedBatches(name: string): Promise<{ run: string; events: unknown[] }[]> {
  const db = await openDB(IDB_NAME);
  try {
    const all = (await db.getAll('batches')) as { store: string; run: string; events: unknown[] }[];
    return all.filter((b) => b.store === name);
  } finally {
    db.close();
  }
}
async function quarantined(name: string): Promise<{ where: string; reason: string; record: unknown }[]> {
  const db = await openDB(IDB_NAME);
  try {
    return ((await db.getAll('quarantine')) as { store: string; where: string; reason: string; record: unknown }[]).filter((q) => q.store === name);
  } finally {
    db.close();
  }
}
/** The runs of the IndexedDB run index of one store. */
async function storedRuns(name: string): Promise<TaskRun[]> {
  const db = await openDB(IDB_NAME);
  try {
    return ((await db.getAll('runs')) as { store: string; run: TaskRun }[]).filter((r) => r.store === name).map((r) => r.run);
  } finally {
    db.close();
  }
}

describe('persistence: run index and event logs in IndexedDB', () => {
  it('appends only the new events, one batch per run and flush, and reads them back after a reload', async () => {
    const name = uniqueName();
    const first = open(name);
    first.addRun(run('r1'), [message('a'), message('b')]);
    first.flush();
    await first.settled();
    first.applyEvents('r1', [message('c')]);
    first.flush();
    await first.settled();
    const batches = await storedBatches(name);
    expect(batches.map((b) => (b.events as TaskEvent[]).map((e) => e.id))).to.deep.equal([['a', 'b'], ['c']]);
    expect(JSON.stringify(await storedRuns(name)), 'the index holds runs, not events').to.not.contain('"a"');
    expect(localStorage.getItem(indexKey(name)), 'nothing in localStorage').to.equal(null);
    const second = open(name);
    await second.ready();
    expect(second.getRuns().map((r) => r.id), 'the history is there once read').to.deep.equal(['r1']);
    expect((await second.loadEvents('r1')).map((e) => e.id)).to.deep.equal(['a', 'b', 'c']);
  });

  it('writes a run that finishes at once, without waiting for the save delay', async () => {
    const name = uniqueName();
    const store = open(name);
    await store.ready();
    store.addRun(run('done'), [message('a')]);
    store.applyEvents('done', [status('completed')]);
    await store.settled();
    expect((await storedRuns(name)).map((r) => r.status)).to.deep.equal(['completed']);
    expect((await storedBatches(name)).flatMap((b) => (b.events as TaskEvent[]).map((e) => e.id))).to.deep.equal(['a', 'status:completed']);
  });

  it('moves logs of the localStorage format into IndexedDB on first load, checking each event', async () => {
    const name = uniqueName();
    localStorage.setItem(indexKey(name), JSON.stringify({ v: 1, runs: [run('old', { status: 'completed' })], selectedId: 'old' }));
    localStorage.setItem(`${indexKey(name)}:events:old`, JSON.stringify({ v: 1, events: [message('a'), null, message('b')] }));
    const warnings: string[] = [];
    const store = open(name, warnings);
    await store.ready();
    expect(store.getRuns().map((r) => r.id)).to.deep.equal(['old']);
    expect((await store.loadEvents('old')).map((e) => e.id)).to.deep.equal(['a', 'b']);
    expect(localStorage.getItem(`${indexKey(name)}:events:old`), 'the old key is gone').to.equal(null);
    expect((await quarantined(name)).map((q) => q.record)).to.deep.equal([null]);
    expect(warnings.join(' ')).to.contain('set aside');
  });

  it('hears another tab’s new events on the BroadcastChannel, without reading storage again', async () => {
    const name = uniqueName();
    const first = open(name);
    first.addRun(run('r'), [message('a')]);
    first.flush();
    await first.settled();
    const second = open(name);
    await second.ready();
    await second.loadEvents('r');
    const changes: StoreChange[] = [];
    second.subscribe((c) => changes.push(c));
    first.applyEvents('r', [message('b')]);
    first.flush();
    await until(() => second.getEvents('r').length === 2, 2000, 'the event from the other tab');
    expect(changes.filter((c) => c.type === 'events').map((c) => (c as { events: readonly TaskEvent[] }).events.map((e) => e.id))).to.deep.equal([['b']]);
    second.flush();
    await second.settled();
    expect((await storedBatches(name)).flatMap((b) => (b.events as TaskEvent[]).map((e) => e.id)), 'the receiving tab did not write them again').to.deep.equal(['a', 'b']);
  });

  it('keeps API keys out of IndexedDB and localStorage', async () => {
    const name = uniqueName();
    const store = open(name);
    store.setCredential('parallel', 'sk-secret-key-123');
    store.addRun(run('r', { request: { input: 'q', mcp_servers: [{ type: 'url', name: 'x', url: 'https://u:p@mcp.example/?token=abc', headers: { Authorization: 'Bearer sk-mcp' } }] } }), [message('a')]);
    store.flush();
    await store.settled();
    const everything = JSON.stringify(await storedBatches(name)) + JSON.stringify({ ...localStorage });
    expect(everything).to.not.contain('sk-secret-key-123');
    expect(everything).to.not.contain('sk-mcp');
    expect(everything).to.not.contain('abc');
    expect(everything).to.not.contain('u:p@');
  });

  it('after a reload, a run reads its events once, and a replay while reading adds nothing twice', async () => {
    const name = uniqueName();
    const first = open(name);
    first.addRun(run('r'), [message('a'), message('b')]);
    first.flush();
    await first.settled();
    const second = open(name);
    await second.ready();
    const added = second.applyEvents('r', [message('a'), message('b'), message('c')]); // a replay on connect
    expect(added, 'held until the stored log is read').to.deep.equal([]);
    await second.loadEvents('r');
    await delay(10);
    expect(second.getEvents('r').map((e) => e.id)).to.deep.equal(['a', 'b', 'c']);
  });

  it('stores a long flush in records of a bounded size, in order', async () => {
    const name = uniqueName();
    const first = open(name);
    const ids = Array.from({ length: RECORD_EVENTS * 2 + 7 }, (_, i) => `e${i}`);
    first.addRun(run('r'), ids.map((id) => message(id)));
    first.flush();
    await first.settled();
    const batches = await storedBatches(name);
    expect(batches.map((b) => b.events.length)).to.deep.equal([RECORD_EVENTS, RECORD_EVENTS, 7]);
    expect(batches.flatMap((b) => (b.events as TaskEvent[]).map((e) => e.id))).to.deep.equal(ids);
  });

  it('after a reload, shows the latest events of a long log first, then puts the older ones before them, each once and in order', async () => {
    const name = uniqueName();
    const first = open(name);
    const ids = Array.from({ length: 3000 }, (_, i) => `e${i}`);
    first.addRun(run('r', { status: 'completed' }), ids.map((id) => message(id)));
    first.flush();
    await first.settled();
    const second = open(name);
    await second.ready();
    const changes: StoreChange[] = [];
    second.subscribe((change) => changes.push(change));
    const all = await second.loadEvents('r');
    expect(all.map((e) => e.id)).to.deep.equal(ids);
    const events = changes.filter((c): c is Extract<StoreChange, { type: 'events' }> => c.type === 'events');
    expect(events.length, 'the tail, then the rest').to.equal(2);
    const [tail, rest] = events;
    expect(tail!.at).to.equal(undefined);
    expect(tail!.events.length).to.be.at.least(TAIL_EVENTS).and.below(ids.length);
    expect(tail!.events.map((e) => e.id), 'the newest events').to.deep.equal(ids.slice(ids.length - tail!.events.length));
    expect(rest!.at).to.equal('start');
    expect(rest!.events.map((e) => e.id), 'the older events').to.deep.equal(ids.slice(0, ids.length - tail!.events.length));
  });

  it('after a reload, a long log whose newest batch holds a few events still shows its latest events first, not the whole log at once', async () => {
    const name = uniqueName();
    const first = open(name);
    const ids = Array.from({ length: RECORD_EVENTS * 12 + 2 }, (_, i) => `e${i}`);
    first.addRun(run('r', { status: 'completed' }), ids.slice(0, -2).map((id) => message(id)));
    first.flush();
    await first.settled();
    first.applyEvents('r', ids.slice(-2).map((id) => message(id))); // the last flush: two events
    first.flush();
    await first.settled();
    expect((await storedBatches(name)).at(-1)!.events.length).to.equal(2);
    const second = open(name);
    await second.ready();
    const changes: StoreChange[] = [];
    second.subscribe((change) => changes.push(change));
    expect((await second.loadEvents('r')).map((e) => e.id)).to.deep.equal(ids);
    const [tail, ...rest] = changes.filter((c): c is Extract<StoreChange, { type: 'events' }> => c.type === 'events');
    expect(rest.length, 'the tail, then the rest').to.equal(1);
    expect(tail!.events.length).to.be.at.least(TAIL_EVENTS).and.at.most(RECORD_EVENTS * 2 + 2);
    expect(tail!.events.map((e) => e.id), 'the newest events').to.deep.equal(ids.slice(ids.length - tail!.events.length));
  });

  it('while a long log is read in slices, a replay adds nothing twice and new events come after the stored ones', async () => {
    const name = uniqueName();
    const first = open(name);
    const ids = Array.from({ length: 2000 }, (_, i) => `e${i}`);
    first.addRun(run('r'), ids.map((id) => message(id)));
    first.flush();
    await first.settled();
    const second = open(name);
    await second.ready();
    let replayed = false;
    second.subscribe((change) => {
      // The tail is shown: a replay of everything (Parallel on connect) plus one new event arrives now.
      if (change.type === 'events' && !replayed) {
        replayed = true;
        second.applyEvents('r', [...ids.map((id) => message(id)), message('new')]);
      }
    });
    await second.loadEvents('r');
    await delay(10);
    expect(replayed).to.equal(true);
    expect(second.getEvents('r').map((e) => e.id)).to.deep.equal([...ids, 'new']);
  });
});
