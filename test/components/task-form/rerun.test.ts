import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { TaskRerunEvent, type TaskCreatedEvent } from '../../../src/components/shared/events.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { delay, scriptStream, until } from '../../support/scripted-stream.js';
import { freshStore } from '../../support/stores.js';
import { $, created, form, shannonCreated, submitted, type } from './helpers.js';

const REQUEST = {
  input: 'Who supplies Acme?', processor: 'core',
  task_spec: { output_schema: { type: 'text' as const, description: 'A short list' } },
  source_policy: { include_domains: ['acme.com'] }, metadata: { team: 'supply' },
};

function earlierRun(request: unknown, provider: 'parallel' | 'shannon' = 'parallel'): TaskRun {
  return { id: provider === 'parallel' ? 'trun_earlier' : 'task-earlier', provider, status: 'completed', createdAt: '2026-11-01T10:00:00Z', request };
}

/** A form below a page-tall spacer, so it starts out of view. */
async function formOffScreen(provider = 'parallel') {
  const store = freshStore();
  const script = await scriptStream([provider === 'parallel' ? created('trun_again') : shannonCreated('task-again')]);
  const page = await fixture<HTMLDivElement>(html`<div><div style="height: 3000px"></div>
    <task-form store=${store.name} proxy-url=${script.url} provider=${provider}></task-form><div style="height: 3000px"></div></div>`);
  window.scrollTo(0, 0);
  return { el: page.querySelector('task-form')!, store, script };
}

const inView = (el: Element) => {
  const box = el.getBoundingClientRect();
  return box.top >= -1 && box.top < window.innerHeight;
};

describe('<task-form> running a task again', () => {
  it('"Run again" sends the earlier request unchanged and leaves the fields as they were', async () => {
    const { el, script, store } = await form({ responses: [created('trun_again')] });
    const requests = submitted(el);
    await type(el, '#pf-input', 'A new question being typed');
    const createdEvent = oneEvent(el, 'task-created') as Promise<TaskCreatedEvent>;
    await el.runAgain(earlierRun(REQUEST));
    expect((await createdEvent).runId).to.equal('trun_again');
    expect(requests).to.deep.equal([REQUEST]);
    expect(await script.log()).to.have.length(1);
    expect(store.selectedId).to.equal('trun_again');
    expect(($(el, '#pf-input') as HTMLTextAreaElement).value).to.equal('A new question being typed');
  });

  it('"Run again" does not send a secret that was not kept: it opens the request for editing and marks the field', async () => {
    const { el, script } = await formOffScreen();
    await el.runAgain(earlierRun({ ...REQUEST, webhook: { url: 'https://hooks.example/p?token=hidden', event_types: ['task_run.status'] } }));
    await delay(30);
    expect(await script.log()).to.have.length(0);
    expect($(el, '#pf-webhook').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#pf-webhook-error').textContent).to.contain('type it again');
    await until(() => inView(el), 3000, 'the form scrolled into view');
    expect(el.shadowRoot!.activeElement?.id).to.equal('pf-webhook');
  });

  it('"Run again" asks for the key first when the auth mode needs one and none is held', async () => {
    const store = freshStore();
    const script = await scriptStream([created()]);
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url} auth-mode="api-key"></task-form>`);
    await el.runAgain(earlierRun(REQUEST));
    expect(await script.log()).to.have.length(0);
    expect($(el, '#api-key-error').textContent).to.contain('Enter an API key');
  });

  it('"Edit & run again" fills the form, scrolls it into view and focuses it; nothing is sent', async () => {
    const { el, script } = await formOffScreen();
    expect(inView(el)).to.equal(false);
    await el.edit(earlierRun(REQUEST));
    expect(el.request).to.deep.equal(REQUEST);
    await until(() => inView(el), 3000, 'the form scrolled into view');
    expect(el.shadowRoot!.activeElement?.id).to.equal('pf-input');
    expect(await script.log()).to.have.length(0);
  });

  it('"Edit & run again" of a Shannon run switches the form, and its reflected provider attribute, to Shannon', async () => {
    const { el } = await formOffScreen('parallel');
    await el.edit(earlierRun({ query: 'Compare Zürich and Geneva', mode: 'complex' }, 'shannon'));
    expect(el.getAttribute('provider')).to.equal('shannon');
    expect(($(el, '#sf-query') as HTMLTextAreaElement).value).to.equal('Compare Zürich and Geneva');
    expect(el.shadowRoot!.activeElement?.id).to.equal('sf-query');
  });

  it('answers task-rerun events of its own store by their action, and ignores other stores', async () => {
    const { el, script } = await formOffScreen();
    const sender = document.createElement('div');
    document.body.append(sender);
    sender.dispatchEvent(new TaskRerunEvent(earlierRun(REQUEST), 'parallel', 'another-store', 'run'));
    await delay(30);
    expect(await script.log()).to.have.length(0);
    sender.dispatchEvent(new TaskRerunEvent(earlierRun(REQUEST), 'parallel', el.store, 'edit'));
    await until(() => el.request !== undefined);
    expect(await script.log()).to.have.length(0);
    const createdEvent = oneEvent(el, 'task-created');
    sender.dispatchEvent(new TaskRerunEvent(earlierRun(REQUEST), 'parallel', el.store, 'run'));
    await createdEvent;
    expect(await script.log()).to.have.length(1);
    sender.remove();
  });

  it('runs again a run kept without its request from what was asked', async () => {
    const { el } = await form({ responses: [created('trun_again')] });
    const requests = submitted(el);
    await el.runAgain({ provider: 'parallel', input: 'Only the input was kept' });
    expect(requests[0]).to.deep.equal({ input: 'Only the input was kept', processor: 'base' });
  });
});
