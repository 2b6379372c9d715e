import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskFormElement } from '../../src/components/task-form/task-form.js';
import type { TaskCreatedEvent, TaskErrorEvent, TaskSubmitEvent } from '../../src/components/shared/events.js';
import { freshStore } from '../support/stores.js';
import { delay, json, scriptStream, until } from '../support/scripted-stream.js';

const created = (id = 'trun_form1') => json({ run_id: id, interaction_id: id, status: 'queued', is_active: true, processor: 'base', created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:00Z' }, 202);

function $(el: TaskFormElement, selector: string): HTMLElement {
  const found = el.shadowRoot!.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

async function type(el: TaskFormElement, selector: string, value: string): Promise<void> {
  const input = $(el, selector) as HTMLInputElement | HTMLTextAreaElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function choose(el: TaskFormElement, name: string, value: string): Promise<void> {
  const radio = el.shadowRoot!.querySelector<HTMLInputElement>(`input[type=radio][name=${name}][value=${value}]`)!;
  radio.click();
  await el.updateComplete;
}

async function form(extra: { provider?: string; authMode?: string } = {}) {
  const store = freshStore();
  const script = await scriptStream([created()]);
  const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url}
    provider=${extra.provider ?? 'parallel'} auth-mode=${extra.authMode ?? 'none'}></task-form>`);
  return { el, store, script };
}

describe('<task-form>', () => {
  it('offers every processor with its price and latency, and is accessible', async () => {
    const { el } = await form();
    const options = [...el.shadowRoot!.querySelectorAll('#pf-processor option')].map((o) => o.textContent!);
    expect(options).to.have.length(18);
    expect(options.some((o) => o.startsWith('core2x — $50/1k'))).to.equal(true);
    expect(options.some((o) => o.startsWith('ultra8x-fast — $2,400/1k · 1 min–1 hr'))).to.equal(true);
    expect(el.shadowRoot!.querySelectorAll('[part~="field"]').length).to.be.greaterThan(4);
    await expect(el).to.be.accessible();
  });

  it('sends nothing while a field is invalid, says why next to each field, and focuses the first one', async () => {
    const { el, script } = await form();
    await choose(el, 'inputMode', 'json');
    await type(el, '#pf-input', '{"company": ');
    (($(el, '[part~="submit"]')) as HTMLButtonElement).click();
    await el.updateComplete;
    await delay(50);
    expect(await script.log()).to.have.length(0);
    const input = $(el, '#pf-input');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const describedBy = input.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy.map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '').join(' ')).to.contain('not valid JSON');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    await expect(el).to.be.accessible();
  });

  it('flags output schemas that break Parallel’s rules, and warns about soft ones', async () => {
    const { el, script } = await form();
    await type(el, '#pf-input', 'Acme Corp');
    await choose(el, 'outputType', 'json');
    const deep = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'object', properties: { d: { type: 'object', properties: { e: { type: 'object', properties: { f: { type: 'string' } } } } } } } } } } }, email: { type: 'string', format: 'email' } } };
    await type(el, '#pf-output-schema', JSON.stringify(deep));
    const error = $(el, '#pf-output-schema-error').textContent!;
    expect(error).to.contain('6 levels deep').and.contain('format (at email)');
    expect(el.shadowRoot!.querySelector('.warnings')!.textContent).to.contain('"required"');
    await el.submit();
    expect(await script.log()).to.have.length(0);
  });

  it('fires a cancelable task-submit; preventDefault sends nothing', async () => {
    const { el, script } = await form();
    await type(el, '#pf-input', 'What is Zürich known for?');
    el.addEventListener('task-submit', (e) => e.preventDefault(), { once: true });
    await el.submit();
    expect(await script.log()).to.have.length(0);
  });

  it('posts the create body, fires task-created and selects the run', async () => {
    const { el, store, script } = await form();
    await type(el, '#pf-input', 'What is Zürich known for?');
    await choose(el, 'outputType', 'text');
    await type(el, '#pf-output-description', 'A short report');
    const submitted = oneEvent(el, 'task-submit') as Promise<TaskSubmitEvent>;
    const createdEvent = oneEvent(el, 'task-created') as Promise<TaskCreatedEvent>;
    $(el, '[part~="submit"]').click();
    expect((await submitted).request).to.deep.equal({ input: 'What is Zürich known for?', processor: 'base', task_spec: { output_schema: { type: 'text', description: 'A short report' } } });
    const event = await createdEvent;
    expect(event.runId).to.equal('trun_form1');
    expect(event.provider).to.equal('parallel');
    expect(store.selectedId).to.equal('trun_form1');
    const [request] = await script.log();
    expect(request!.method).to.equal('POST');
    expect(request!.url).to.equal(`${script.url}/v1/tasks/runs`);
  });

  it('prevents double submission', async () => {
    const store = freshStore();
    const slow = await scriptStream([{ status: 202, headers: { 'content-type': 'application/json' }, chunks: ['{"run_id":"trun_slow","status":"queued",', '"is_active":true,"processor":"base","created_at":"2026-11-01T10:00:00Z"}'], delayMs: 300 }]);
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${slow.url}></task-form>`);
    await type(el, '#pf-input', 'once');
    $(el, '[part~="submit"]').click();
    $(el, '[part~="submit"]').click();
    void el.submit();
    await until(() => store.getRuns().length === 1);
    await delay(100);
    expect(await slow.log()).to.have.length(1);
  });

  it('shows the API’s 422 message inline and keeps every field as typed', async () => {
    const store = freshStore();
    const script = await scriptStream([json({ type: 'error', error: { ref_id: 'ref-9', message: 'Input too long for processor lite' } }, 422)]);
    const errors: TaskErrorEvent[] = [];
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url} @task-error=${(e: TaskErrorEvent) => errors.push(e)}></task-form>`);
    await type(el, '#pf-input', 'keep me');
    await el.submit();
    expect($(el, '[part~="error"]').textContent).to.contain('Input too long for processor lite').and.contain('422');
    expect(($(el, '[part~="error"] details') as HTMLDetailsElement).open, 'the words that say what to fix are shown').to.equal(true);
    expect(($(el, '#pf-input') as HTMLTextAreaElement).value).to.equal('keep me');
    expect(errors[0]!.message).to.contain('422').and.not.contain('Input too long');
    expect(errors[0]!.detail).to.equal('Input too long for processor lite');
    expect(store.getRuns()).to.have.length(0);
  });

  it('tells when to retry after a 429', async () => {
    const store = freshStore();
    const script = await scriptStream([json({ type: 'error', error: { message: 'Rate limit' } }, 429, { headers: { 'content-type': 'application/json', 'retry-after': '30' } })]);
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url}></task-form>`);
    await type(el, '#pf-input', 'q');
    await el.submit();
    expect($(el, '[part~="error"]').textContent).to.contain('Try again in 30 s');
  });

  it('says a refusal in one sentence, with the server’s own words behind Details, never glued to it (429, 401)', async () => {
    const store = freshStore();
    const script = await scriptStream([
      json({ type: 'error', error: { message: 'Rate limit exceeded. Retry after the time given in Retry-After.' } }, 429, { headers: { 'content-type': 'application/json', 'retry-after': '1' } }),
      json({ type: 'error', error: { message: 'Invalid API key. Check the x-api-key header.' } }, 401),
    ]);
    const errors: TaskErrorEvent[] = [];
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url} @task-error=${(e: TaskErrorEvent) => errors.push(e)}></task-form>`);
    await type(el, '#pf-input', 'q');
    for (const [said, sentence] of [['Rate limit exceeded.', 'Too many requests (429). Try again in 1 s.'], ['Invalid API key.', 'The API key was missing or rejected (401).']] as const) {
      await el.submit();
      const box = $(el, '[part~="error"]');
      expect(box.querySelector('.request-error-text')!.textContent).to.contain(sentence).and.not.contain(said);
      const details = box.querySelector('details')!;
      expect(details.open, 'details on demand').to.equal(false);
      expect(details.textContent).to.contain(said);
      const event = errors.at(-1)!;
      expect(event.message).to.contain(sentence).and.not.contain(said);
      expect(event.detail).to.contain(said);
    }
  });

  it('submits on Ctrl+Enter', async () => {
    const { el, script } = await form();
    await type(el, '#pf-input', 'keyboard');
    const createdEvent = oneEvent(el, 'task-created');
    $(el, '#pf-input').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, composed: true }));
    await createdEvent;
    expect(await script.log()).to.have.length(1);
  });

  it('validates source-policy domains before adding them as chips', async () => {
    const { el } = await form();
    await type(el, '#pf-include-domain', 'https://evil.example/path');
    (el.shadowRoot!.querySelector('#pf-include-domain + button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '#pf-include-domain-error').textContent).to.contain('scheme or path');
    await type(el, '#pf-include-domain', '.edu');
    $(el, '#pf-include-domain').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await el.updateComplete;
    await type(el, '#pf-include-domain', 'www.Example.COM');
    (el.shadowRoot!.querySelector('#pf-include-domain + button') as HTMLButtonElement).click();
    await el.updateComplete;
    const chips = [...el.shadowRoot!.querySelectorAll('.chip span')].map((c) => c.textContent);
    expect(chips).to.deep.equal(['.edu', 'example.com']);
    await type(el, '#pf-input', 'x');
    expect((el.request as { source_policy?: unknown }).source_policy).to.deep.equal({ include_domains: ['.edu', 'example.com'] });
  });

  it('for Shannon, requires a query and sends the chosen mode and strategy', async () => {
    const store = freshStore();
    const script = await scriptStream([json({ workflow_id: 'task-u-1', task_id: 'task-u-1', stream_url: '/api/v1/stream/sse?workflow_id=task-u-1' }, 201)]);
    const el = await fixture<TaskFormElement>(html`<task-form provider="shannon" store=${store.name} proxy-url=${script.url}></task-form>`);
    await el.submit();
    expect($(el, '#sf-query-error').textContent).to.contain('required');
    await type(el, '#sf-query', 'Compare Zürich and Geneva');
    const mode = $(el, '#sf-mode') as HTMLSelectElement;
    mode.value = 'complex';
    mode.dispatchEvent(new Event('change'));
    const strategy = $(el, '#sf-researchStrategy') as HTMLSelectElement;
    strategy.value = 'deep';
    strategy.dispatchEvent(new Event('change'));
    const createdEvent = oneEvent(el, 'task-created') as Promise<TaskCreatedEvent>;
    await el.submit();
    expect((await createdEvent).runId).to.equal('task-u-1');
    const [request] = await script.log();
    expect(request!.url).to.equal(`${script.url}/api/v1/tasks/stream`);
    expect(request!.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    expect(store.getRun('task-u-1')!.request).to.deep.equal({ query: 'Compare Zürich and Geneva', mode: 'complex', research_strategy: 'deep' });
  });

  it('asks for a masked API key when the auth mode needs one, and sends it only as a header', async () => {
    const { el, script, store } = await form({ authMode: 'api-key' });
    await type(el, '#pf-input', 'needs a key');
    await el.submit();
    expect($(el, '#api-key-error').textContent).to.contain('Enter an API key');
    expect(await script.log()).to.have.length(0);
    expect(($(el, '#api-key') as HTMLInputElement).type).to.equal('password');
    await type(el, '#api-key', 'sk-secret-1');
    const show = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Show')!;
    show.click();
    await el.updateComplete;
    expect(($(el, '#api-key') as HTMLInputElement).type).to.equal('text');
    await el.submit();
    const [request] = await script.log();
    expect(request!.headers['x-api-key']).to.equal('sk-secret-1');
    expect(request!.url).to.not.contain('sk-secret-1');
    expect(el.outerHTML).to.not.contain('sk-secret-1');
    expect(store.getCredential('parallel')).to.equal('sk-secret-1');
  });

  it('a 401 on submit: the key field says the key was refused; a new key typed there clears it, and the next submit sends it with every field as typed', async () => {
    const store = freshStore();
    const script = await scriptStream([json({ error: 'Invalid API key' }, 401), created('trun_after401')]);
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url} auth-mode="api-key"></task-form>`);
    await type(el, '#pf-input', 'keep me');
    await type(el, '#api-key', 'sk-wrong');
    await el.submit();
    expect($(el, '[part~="error"]').textContent).to.contain('401');
    expect($(el, '#api-key').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#api-key-error').textContent).to.contain('refused this key');
    await type(el, '#api-key', 'sk-right');
    expect(el.shadowRoot!.querySelector('[part~="error"]'), 'the old refusal is gone').to.equal(null);
    expect($(el, '#api-key').getAttribute('aria-invalid')).to.equal('false');
    expect(($(el, '#pf-input') as HTMLTextAreaElement).value, 'typed input survives').to.equal('keep me');
    const createdEvent = oneEvent(el, 'task-created');
    await el.submit();
    expect(((await createdEvent) as unknown as TaskCreatedEvent).runId).to.equal('trun_after401');
    const log = await script.log();
    expect(log.map((r) => r.headers['x-api-key'])).to.deep.equal(['sk-wrong', 'sk-right']);
    expect(store.getRuns()).to.have.length(1);
  });

  it('a 401 on submit, then a new apiKey set by a script: the refusal clears and the next submit uses the new key, without a reload', async () => {
    const store = freshStore();
    const script = await scriptStream([json({ error: 'Invalid API key' }, 401), created('trun_scriptkey')]);
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url} auth-mode="api-key"></task-form>`);
    el.apiKey = 'old-key';
    await el.updateComplete;
    await type(el, '#pf-input', 'still here');
    await el.submit();
    expect($(el, '[part~="error"]').textContent).to.contain('401');
    el.apiKey = 'new-key';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="error"]'), 'the old refusal is gone').to.equal(null);
    expect($(el, '[role="status"]').textContent).to.contain('Submit again');
    expect(el.request, 'the draft is kept').to.deep.include({ input: 'still here' });
    await el.submit();
    const log = await script.log();
    expect(log.map((r) => r.headers['x-api-key'])).to.deep.equal(['old-key', 'new-key']);
    expect(store.getRuns().map((r) => r.id)).to.deep.equal(['trun_scriptkey']);
  });

  it('prefills every field from an earlier run (re-run)', async () => {
    const { el } = await form();
    el.prefill('parallel', {
      input: { company: 'Acme' }, processor: 'pro-fast',
      task_spec: { output_schema: { type: 'json', json_schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } } },
      source_policy: { include_domains: ['acme.com'], after_date: '2025-01-01' }, metadata: { team: 'x' },
    });
    await el.updateComplete;
    expect(el.request).to.deep.equal({
      input: { company: 'Acme' }, processor: 'pro-fast',
      task_spec: { output_schema: { type: 'json', json_schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } } },
      source_policy: { include_domains: ['acme.com'], after_date: '2025-01-01' }, metadata: { team: 'x' },
    });
    expect(($(el, '#pf-processor') as HTMLSelectElement).value).to.equal('pro-fast');
  });
});
