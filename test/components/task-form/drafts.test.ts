import { expect, fixture, html } from '@open-wc/testing';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { json } from '../../support/scripted-stream.js';
import { freshStore } from '../../support/stores.js';
import { $, choose, created, form, press, select, shannonCreated, submitted, type } from './helpers.js';

/** The same form after a reload: the element is removed and a new one of the same store is made. */
async function reload(el: TaskFormElement): Promise<TaskFormElement> {
  const { store, provider } = el;
  el.remove();
  return fixture<TaskFormElement>(html`<task-form store=${store} provider=${provider}></task-form>`);
}

const value = (el: TaskFormElement, selector: string) => ($(el, selector) as HTMLInputElement).value;

function everythingStored(): string {
  return Object.keys(sessionStorage).map((k) => `${k}=${sessionStorage.getItem(k)}`).join('\n')
    + Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n');
}

describe('<task-form> drafts: a reload loses nothing, and no secret is kept', () => {
  it('keeps every Parallel field, typed domains included, across a reload', async () => {
    const { el } = await form();
    await type(el, '#pf-input', 'Who supplies Acme?');
    await select(el, '#pf-processor', 'core');
    await choose(el, 'outputType', 'text');
    await type(el, '#pf-output-description', 'A short list');
    await type(el, '#pf-include-domain', 'acme.com');
    await press(el, 'Add');
    await type(el, '#pf-exclude-domain', 'spam.example');
    await type(el, '#pf-metadata', '{"team": "supply"}');
    await type(el, '#pf-location', 'DE');
    const before = el.request;
    const again = await reload(el);
    expect(value(again, '#pf-input')).to.equal('Who supplies Acme?');
    expect(value(again, '#pf-exclude-domain')).to.equal('spam.example');
    expect(value(again, '#pf-processor')).to.equal('core');
    expect(again.request).to.deep.equal(before);
  });

  it('keeps the Shannon draft too, beside the Parallel one', async () => {
    const { el } = await form({ provider: 'shannon', responses: [shannonCreated()] });
    await type(el, '#sf-query', 'Compare Zürich and Geneva');
    await select(el, '#sf-mode', 'complex');
    const again = await reload(el);
    expect(value(again, '#sf-query')).to.equal('Compare Zürich and Geneva');
    expect(value(again, '#sf-mode')).to.equal('complex');
    again.provider = 'parallel';
    await again.updateComplete;
    expect(value(again, '#pf-input')).to.equal('');
  });

  it('never stores a key or a secret: MCP headers, token-bearing URLs and secret fields read "hidden" after a reload', async () => {
    const { el } = await form({ authMode: 'api-key' });
    await type(el, '#api-key', 'sk-live-key-0001');
    await type(el, '#pf-input', 'Secrets stay out');
    await type(el, '#pf-webhook', 'https://hooks.example/p?token=whk4f8a9b0c1d2e3f4a5b6c7');
    await type(el, '#pf-mcp', JSON.stringify([{ type: 'url', name: 'docs', url: 'https://mcp.example', headers: { Authorization: 'Bearer mcp-bearer-4242' } }]));
    await type(el, '#pf-metadata', '{"api_key": "meta-secret-77"}');
    const stored = everythingStored();
    for (const secret of ['sk-live-key-0001', 'whk4f8a9b0c1d2e3f4a5b6c7', 'mcp-bearer-4242', 'meta-secret-77']) expect(stored).to.not.contain(secret);
    const again = await reload(el);
    expect(value(again, '#pf-input')).to.equal('Secrets stay out');
    expect(value(again, '#pf-webhook')).to.contain('token=hidden');
    expect(value(again, '#pf-mcp')).to.contain('"Authorization": "hidden"');
    await again.submit();
    expect($(again, '#pf-webhook-error').textContent).to.contain('type it again');
  });

  it('does not keep JSON that cannot be read yet when it holds something secret-looking', async () => {
    const { el } = await form();
    await type(el, '#pf-mcp', '[{"type": "url", "headers": {"Authorization": "Bearer half-typed-99');
    await type(el, '#pf-metadata', '{"team": "sup');
    expect(everythingStored()).to.not.contain('half-typed-99');
    const again = await reload(el);
    expect(value(again, '#pf-mcp')).to.equal('');
    expect(value(again, '#pf-metadata')).to.equal('{"team": "sup');
  });

  it('starts from an empty form when the stored draft is unreadable or of the wrong shape', async () => {
    const store = freshStore();
    sessionStorage.setItem(`task-elements:${store.name}:form-draft`, '{not json');
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name}></task-form>`);
    expect(value(el, '#pf-input')).to.equal('');
    sessionStorage.setItem(`task-elements:${store.name}:form-draft`, JSON.stringify({ version: 1, parallel: { input: 42, processor: 'turbo', includeDomains: 'acme.com', outputType: 'xml' } }));
    const again = await reload(el);
    expect(value(again, '#pf-input')).to.equal('');
    await again.submit();
    expect($(again, '#pf-processor').getAttribute('aria-invalid')).to.equal('true');
    expect($(again, '#pf-processor-error').textContent).to.contain('turbo');
  });
});

describe('<task-form> advanced values: seen when set, one-shot ones used once', () => {
  it('lists what is set in the collapsed section outside it', async () => {
    const { el } = await form();
    await type(el, '#pf-webhook', 'https://hooks.example/parallel');
    await type(el, '#pf-metadata', '{"team": "supply", "quarter": "q3"}');
    await type(el, '#pf-previous', 'int_trun_earlier');
    await type(el, '#pf-location', 'de');
    const details = $(el, '#pf-advanced') as HTMLDetailsElement;
    expect(details.open).to.equal(false);
    const list = $(el, '#pf-advanced-set');
    expect(details.contains(list)).to.equal(false);
    expect(list.checkVisibility()).to.equal(true);
    expect(list.textContent!.replace(/\s+/g, ' ')).to.contain('Follows up on: int_trun_earlier').and.contain('Webhook: https://hooks.example/parallel')
      .and.contain('Metadata: 2 keys').and.contain('Location: DE');
    expect(details.querySelector('summary')!.getAttribute('aria-describedby')).to.equal('pf-advanced-set');
    await expect(el).to.be.accessible();
  });

  it('clears the follow-up id once a task was created with it, so the next task does not chain', async () => {
    const { el } = await form({ responses: [created('trun_a'), created('trun_b')] });
    const requests = submitted(el);
    await type(el, '#pf-input', 'Tell me more');
    await type(el, '#pf-previous', 'int_trun_earlier');
    await el.submit();
    expect(requests[0]!.previous_interaction_id).to.equal('int_trun_earlier');
    expect(value(el, '#pf-previous')).to.equal('');
    expect(el.shadowRoot!.querySelector('#pf-advanced-set')).to.equal(null);
    await el.submit();
    expect(requests[1]).to.not.have.property('previous_interaction_id');
  });

  it('keeps the follow-up id when the request failed, to try again', async () => {
    const { el } = await form({ responses: [json({ type: 'error', error: { message: 'Bad request' } }, 400)] });
    await type(el, '#pf-input', 'Tell me more');
    await type(el, '#pf-previous', 'int_trun_earlier');
    await el.submit();
    expect(value(el, '#pf-previous')).to.equal('int_trun_earlier');
  });

  it('clears a follow-up from the summary line without opening the section', async () => {
    const { el } = await form();
    await type(el, '#pf-previous', 'int_trun_earlier');
    await press(el, 'Clear');
    expect(value(el, '#pf-previous')).to.equal('');
  });

  it('uses a Shannon session once: it is listed while set and cleared after the task was created', async () => {
    const { el } = await form({ provider: 'shannon', responses: [shannonCreated()] });
    const requests = submitted(el);
    await type(el, '#sf-query', 'And what about Basel?');
    await type(el, '#sf-sessionId', 'sess-42');
    await type(el, '#sf-modelOverride', 'gpt-5-mini');
    expect($(el, '#sf-advanced-set').textContent!.replace(/\s+/g, ' ')).to.contain('Continues session: sess-42').and.contain('Model: gpt-5-mini');
    await el.submit();
    expect(requests[0]!.session_id).to.equal('sess-42');
    expect(value(el, '#sf-sessionId')).to.equal('');
    expect(value(el, '#sf-modelOverride')).to.equal('gpt-5-mini');
  });
});
