/**
 * "Run again" and "Edit & run again" under a finished run (issue 13 §12): the form of the store
 * answers them; without a form, "Run again" submits from the stream and "Edit" says why nothing happened.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream, until } from '../../support/scripted-stream.js';

const REQUEST = { input: 'Who supplies Acme?', processor: 'core', task_spec: { output_schema: { type: 'text' as const, description: 'A short list' } } };
const DONE: TaskRun = {
  id: 'trun_done', provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:09Z',
  streamEnded: true, request: REQUEST, input: REQUEST.input, output: { type: 'text', content: 'Acme buys from Initech.', basis: [] },
};
const created = json({ run_id: 'trun_new', status: 'queued', is_active: true, processor: 'lite', created_at: '2026-11-01T11:00:00Z' }, 202);

async function page(withForm: boolean) {
  const script = await scriptStream([{ when: '/v1/tasks/runs/trun_', events: [], end: 'hang' }, created]);
  const store = freshStore();
  store.addRun(DONE);
  store.select(DONE.id);
  const root = await fixture<HTMLDivElement>(html`<div>
    ${withForm ? html`<task-form store=${store.name} proxy-url=${script.url}></task-form>` : ''}
    <task-stream store=${store.name} proxy-url=${script.url}></task-stream></div>`);
  const stream = root.querySelector('task-stream') as TaskStreamElement;
  await stream.updateComplete;
  const button = (part: string) => stream.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`);
  return { root, stream, store, script, form: root.querySelector('task-form') as TaskFormElement | null, button };
}

describe('<task-stream> run again', () => {
  it('offers "Run again" and "Edit & run again" under a completed run', async () => {
    const { button } = await page(true);
    expect(button('run-again')!.textContent).to.equal('Run again');
    expect(button('edit-rerun')!.textContent).to.equal('Edit & run again');
  });

  it('"Run again" has the form submit the same request, through task-submit', async () => {
    const { form, button, store } = await page(true);
    const sent: unknown[] = [];
    form!.addEventListener('task-submit', (e) => sent.push(e.request));
    button('run-again')!.click();
    await until(() => store.selectedId === 'trun_new', 5000, 'the new run selected');
    expect(sent).to.deep.equal([REQUEST]);
  });

  it('"Edit & run again" fills the form and focuses it; nothing is sent', async () => {
    const { form, button, script } = await page(true);
    button('edit-rerun')!.click();
    await until(() => form!.shadowRoot!.activeElement?.id === 'pf-input', 3000, 'the form focused');
    expect(form!.request).to.deep.equal(REQUEST);
    expect((await script.log()).filter((r) => r.method === 'POST')).to.have.length(0);
  });

  it('without a form, "Run again" submits from the stream and "Edit & run again" says there is no form', async () => {
    const { button, store, stream } = await page(false);
    button('edit-rerun')!.click();
    await stream.updateComplete;
    expect(stream.shadowRoot!.querySelector('[part~="rerun"]')!.textContent).to.contain('no task form');
    button('run-again')!.click();
    await until(() => store.selectedId === 'trun_new', 5000, 'the new run selected');
    expect(store.getRun('trun_new')!.request).to.deep.include({ input: REQUEST.input });
  });
});
