/**
 * A run the user stopped watching does not read as live (fresh3 §d.2): its clock stands still at
 * the last news, saying when that was ("elapsed 0:10 as of 15:09"), and its bar does not move;
 * "Watch again" makes it live again.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { freshStore } from '../../support/stores.js';
import { delay, scriptStream, until } from '../../support/scripted-stream.js';

const RUN = 'trun_stopped_clock';
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<task-stream> a run the user stopped watching', () => {
  it('shows a still clock at the last news, “as of” its time, and a bar that does not move; “Watch again” makes it live again', async () => {
    const script = await scriptStream([{ when: '/events', events: [], end: 'hang' }]);
    const store = freshStore();
    const created = Date.now() - 60_000;
    const lastNews = new Date(created + 10_000);
    store.addRun({ id: RUN, provider: 'parallel', status: 'running', processor: 'base', createdAt: new Date(created).toISOString(), input: 'Stop watching test', watchStopped: true });
    store.applyEvents(RUN, [{ kind: 'message', id: 'm1', category: 'exec', text: 'Searching the web', source: 'task_run.progress_msg_exec', timestamp: lastNews.toISOString() }]);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${RUN} proxy-url=${script.url}></task-stream>`);
    const elapsed = () => text(el.shadowRoot!.querySelector('[part~="elapsed"]'));
    await until(() => text(el.shadowRoot!.querySelector('[part~="connection"]')).includes('Not watching'), 5000, 'not watching');
    await until(() => elapsed() !== '', 5000, 'the clock');
    expect(elapsed()).to.match(/^elapsed 0:10 as of \d/);
    const bar = el.shadowRoot!.querySelector<HTMLElement>('[part~="progress"]')!;
    expect(bar.hasAttribute('data-indeterminate'), 'the bar does not move').to.equal(false);
    await delay(1500);
    expect(elapsed(), 'the clock stands still').to.match(/^elapsed 0:10 as of /);
    el.reconnect();
    await until(() => /^elapsed \d+:\d\d$/.test(elapsed()), 5000, 'a live clock');
    expect(elapsed()).to.not.equal('elapsed 0:10');
    el.stop();
  });
});
