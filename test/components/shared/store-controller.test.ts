/**
 * An element's store binding (shapes-to-improve item 7): it subscribes to the store its `store`
 * attribute names while connected, moves when the attribute changes — in every element, whoever
 * reads the store first — and reading `taskStore` never subscribes anything.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const run = (id: string) => ({
  id, provider: 'parallel' as const, status: 'completed' as const, createdAt: '2026-11-01T10:00:00Z',
  output: { type: 'text' as const, content: `Answer of ${id}`, basis: [] },
});
const options = (el: Element) => el.shadowRoot!.querySelectorAll('[role=option]').length;

describe('the store binding of the elements', () => {
  it('<task-history> follows a changed store attribute: the new store\'s runs show, the old store\'s changes are ignored', async () => {
    const a = freshStore();
    const b = freshStore();
    a.addRun(run('trun_a1'));
    b.addRun(run('trun_b1'));
    b.addRun(run('trun_b2'));
    const el = await fixture<TaskHistoryElement>(html`<task-history store=${a.name}></task-history>`);
    await until(() => options(el) === 1, 3000, 'store a listed');
    el.setAttribute('store', b.name);
    await until(() => options(el) === 2, 3000, 'store b listed');
    expect(el.taskStore).to.equal(b);
    a.addRun(run('trun_a2'));
    a.addRun(run('trun_a3'));
    await el.updateComplete;
    expect(options(el), 'changes of the old store do not reach it').to.equal(2);
    b.addRun(run('trun_b3'));
    await until(() => options(el) === 3, 3000, 'a change of the new store');
  });

  it('<task-stream> shows the selection of the store it was moved to', async () => {
    const a = freshStore();
    const b = freshStore();
    a.addRun(run('trun_a1'));
    a.select('trun_a1');
    b.addRun(run('trun_b1'));
    b.select('trun_b1');
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${a.name}></task-stream>`);
    await until(() => el.run?.id === 'trun_a1', 3000, 'store a\'s run');
    el.store = b.name;
    await until(() => el.run?.id === 'trun_b1', 3000, 'store b\'s run');
  });

  it('reading taskStore of an element that is not connected subscribes nothing', async () => {
    const store = freshStore();
    const el = document.createElement('task-history') as TaskHistoryElement;
    el.store = store.name;
    expect(el.taskStore).to.equal(store);
    let renders = 0;
    const original = el.requestUpdate.bind(el);
    el.requestUpdate = (...args: Parameters<typeof el.requestUpdate>) => {
      renders++;
      return original(...args);
    };
    store.addRun(run('trun_x'));
    expect(renders, 'no change notice reached the unconnected element').to.equal(0);
  });
});
