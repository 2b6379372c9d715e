/**
 * The log's rows skip their rendering while off screen (`content-visibility: auto`); the rows in
 * view must be drawn in every engine (WebKit 2.50 left a scrolled list's rows 0×0 in view — see
 * the batch view, which had to drop it).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const message = (i: number) => ({
  event: 'task_run.progress_msg_exec',
  data: JSON.stringify({ type: 'task_run.progress_msg_exec', message: `step ${i} of the research`, timestamp: new Date(Date.now() - 60_000 + i * 100).toISOString() }),
});

describe('<task-stream> log rows', () => {
  it('draws the rows in view of a long live log (text readable, not 0×0), in every engine', async () => {
    const script = await scriptStream([{ when: '/events', events: Array.from({ length: 150 }, (_, i) => message(i + 1)), end: 'hang' }]);
    const store = freshStore();
    store.addRun({ id: 'trun_rows', provider: 'parallel', status: 'running', createdAt: new Date(Date.now() - 60_000).toISOString(), input: 'rows' });
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id="trun_rows" proxy-url=${script.url} style="display:block;width:600px"></task-stream>`);
    const rows = () => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="event"]')];
    await until(() => rows().length >= 100, 10_000, 'the rows');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const scroller = el.shadowRoot!.querySelector<HTMLElement>('.events-scroller');
    const box = (scroller ?? el).getBoundingClientRect();
    const inView = rows().filter((row) => { const r = row.getBoundingClientRect(); return r.bottom > box.top + 1 && r.top < box.bottom - 1; });
    expect(inView.length, 'rows in view').to.be.greaterThan(0);
    for (const row of inView) {
      const label = row.querySelector<HTMLElement>('.event-body')!;
      expect(label.getBoundingClientRect().width, `row ${row.dataset.id} drawn`).to.be.greaterThan(0);
      expect(label.innerText, `row ${row.dataset.id} text`).to.match(/step \d+/);
    }
    store.dispose?.();
  });
});
