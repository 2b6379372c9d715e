import { expect } from '@open-wc/testing';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { delay } from '../../support/scripted-stream.js';
import { $, choose, form, press, shannonCreated, submitted, type } from './helpers.js';

const CONTROLS = 'input, select, textarea';

/** Every control marked invalid, with its computed border colour, and the colour errors are written in. */
function invalidControls(el: TaskFormElement) {
  const danger = getComputedStyle(el.shadowRoot!.querySelector('.field-error')!).color;
  const invalid = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
  return { danger, invalid: invalid.map((c) => ({ id: c.id, tag: c.localName, border: getComputedStyle(c).borderTopColor })) };
}

/** For each error shown: the control it is about, and the controls standing between the two. */
function errorPlacement(el: TaskFormElement) {
  const root = el.shadowRoot!;
  const controls = [...root.querySelectorAll<HTMLElement>(CONTROLS)];
  return [...root.querySelectorAll<HTMLElement>('.field-error')].map((error) => {
    const control = root.getElementById(error.id.replace(/-error$/, ''))!;
    const between = controls.filter((c) => c !== control
      && (control.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING)
      && (c.compareDocumentPosition(error) & Node.DOCUMENT_POSITION_FOLLOWING));
    return { error: error.id, describes: control?.getAttribute('aria-describedby')?.split(' ').includes(error.id) ?? false, between: between.map((c) => c.id || c.getAttribute('type') || c.localName) };
  });
}

async function everyParallelFieldInvalid(el: TaskFormElement): Promise<void> {
  await choose(el, 'inputMode', 'json');
  await type(el, '#pf-input', '{"company": ');
  await choose(el, 'outputType', 'json');
  await type(el, '#pf-output-schema', '{"type": "array"}');
  await type(el, '#pf-include-domain', 'https://acme.com/path');
  await type(el, '#pf-exclude-domain', 'not a domain!');
  await type(el, '#pf-webhook', 'http://insecure.example/hook');
  await type(el, '#pf-metadata', '{"a_key_much_longer_than_sixteen": 1}');
  await type(el, '#pf-input-schema', '{"type": ');
  await type(el, '#pf-mcp', '{}');
  await type(el, '#pf-location', 'Germany');
}

describe('<task-form> fields: nothing typed is dropped, every error is seen where it belongs', () => {
  it('sends a domain that was typed but not added, and shows it as a chip afterwards', async () => {
    const { el, script } = await form();
    const requests = submitted(el);
    await type(el, '#pf-input', 'Who supplies Acme?');
    await type(el, '#pf-include-domain', 'www.Acme.com');
    expect($(el, '#pf-include-domain-hint').textContent).to.contain('added when you run the task');
    expect((el.request as { source_policy?: unknown }).source_policy).to.deep.equal({ include_domains: ['acme.com'] });
    await el.submit();
    expect(requests[0]!.source_policy).to.deep.equal({ include_domains: ['acme.com'] });
    expect(await script.log()).to.have.length(1);
    expect([...el.shadowRoot!.querySelectorAll('.chip span')].map((c) => c.textContent)).to.deep.equal(['acme.com']);
    expect(($(el, '#pf-include-domain') as HTMLInputElement).value).to.equal('');
  });

  it('refuses to send while a typed domain is not a domain, saying so under its own box, and keeps the text', async () => {
    const { el, script } = await form();
    await type(el, '#pf-input', 'Who supplies Acme?');
    await type(el, '#pf-exclude-domain', 'spam.example, example.org/ads');
    await el.submit();
    await delay(30);
    expect(await script.log()).to.have.length(0);
    expect($(el, '#pf-exclude-domain-error').textContent).to.contain('"example.org/ads"').and.contain('typed but not added');
    expect(el.shadowRoot!.querySelector('#pf-include-domain-error')).to.equal(null);
    expect(($(el, '#pf-exclude-domain') as HTMLInputElement).value).to.equal('spam.example, example.org/ads');
    expect(el.shadowRoot!.activeElement?.id).to.equal('pf-exclude-domain');
  });

  it('adds every domain of a pasted list at once, and keeps a piece that is not a domain in the box', async () => {
    const { el } = await form();
    await type(el, '#pf-include-domain', 'acme.com, .edu example.org bad/path');
    await press(el, 'Add');
    expect([...el.shadowRoot!.querySelectorAll('.chip span')].map((c) => c.textContent)).to.deep.equal(['acme.com', '.edu', 'example.org']);
    expect(($(el, '#pf-include-domain') as HTMLInputElement).value).to.equal('bad/path');
    expect($(el, '#pf-include-domain-error').textContent).to.contain('scheme or path');
  });

  it('draws every invalid field in the error colour: text inputs, URL inputs and selects as well as textareas', async () => {
    const { el } = await form();
    await everyParallelFieldInvalid(el);
    await el.submit();
    const { danger, invalid } = invalidControls(el);
    expect(invalid.map((c) => c.id)).to.include.members(['pf-input', 'pf-output-schema', 'pf-include-domain', 'pf-exclude-domain', 'pf-webhook', 'pf-metadata', 'pf-input-schema', 'pf-mcp', 'pf-location']);
    for (const control of invalid) expect(control.border, `${control.tag}#${control.id}`).to.equal(danger);
    const valid = getComputedStyle($(el, '#pf-previous')).borderTopColor;
    expect(valid).to.not.equal(danger);
  });

  it('puts each error right under its own control, with no other control in between (the webhook error under the URL)', async () => {
    const { el } = await form();
    await everyParallelFieldInvalid(el);
    await el.submit();
    const placement = errorPlacement(el);
    expect(placement.map((p) => p.error)).to.include('pf-webhook-error');
    for (const p of placement) expect(p, p.error).to.deep.equal({ error: p.error, describes: true, between: [] });
  });

  it('does the same for every Shannon field', async () => {
    const { el } = await form({ provider: 'shannon', responses: [shannonCreated()] });
    await type(el, '#sf-sessionId', 'has spaces in it');
    await type(el, '#sf-modelOverride', 'gpt 5');
    await type(el, '#sf-providerOverride', 'open ai');
    await type(el, '#sf-context', '[1, 2]');
    await el.submit();
    const { danger, invalid } = invalidControls(el);
    expect(invalid.map((c) => c.id).sort()).to.deep.equal(['sf-context', 'sf-modelOverride', 'sf-providerOverride', 'sf-query', 'sf-sessionId']);
    for (const control of invalid) expect(control.border, control.id).to.equal(danger);
    for (const p of errorPlacement(el)) expect(p, p.error).to.deep.equal({ error: p.error, describes: true, between: [] });
  });

  it('opens the collapsed section of the first invalid field and focuses it on submit', async () => {
    const { el, script } = await form();
    await type(el, '#pf-input', 'Fine');
    await type(el, '#pf-metadata', '{"team": ');
    (el.shadowRoot!.querySelector('#pf-advanced') as HTMLDetailsElement).open = false;
    await el.submit();
    expect(await script.log()).to.have.length(0);
    expect((el.shadowRoot!.querySelector('#pf-advanced') as HTMLDetailsElement).open).to.equal(true);
    expect(el.shadowRoot!.activeElement?.id).to.equal('pf-metadata');
  });

  it('names the whole metadata key that is too long', async () => {
    const { el } = await form();
    const key = 'customer_reference_number_for_the_quarterly_review';
    await type(el, '#pf-metadata', JSON.stringify({ [key]: 'x' }));
    expect($(el, '#pf-metadata-error').textContent).to.contain(`"${key}"`).and.contain(`${key.length} characters`);
  });

  it('says where JSON breaks in words, not with the parser’s message', async () => {
    const { el } = await form();
    await choose(el, 'inputMode', 'json');
    await type(el, '#pf-input', '{"company": "Acme",\n "country" "DE"}');
    const message = $(el, '#pf-input-error').textContent!;
    expect(message).to.contain('not valid JSON').and.match(/line 2, column \d+/);
    expect(message).to.not.match(/position|Unexpected|Expected/);
    await type(el, '#pf-input', '{"company": ');
    expect($(el, '#pf-input-error').textContent).to.contain('ends too early');
  });

  it('sets prose textareas in the text font and JSON ones in the code font, all at one size', async () => {
    const { el } = await form();
    await choose(el, 'outputType', 'text');
    const font = (id: string) => getComputedStyle($(el, id));
    const input = font('#pf-input');
    const description = font('#pf-output-description');
    expect(description.fontFamily).to.equal(input.fontFamily);
    expect(description.fontSize).to.equal(input.fontSize);
    expect(font('#pf-metadata').fontFamily).to.not.equal(input.fontFamily);
    expect(font('#pf-metadata').fontSize).to.equal(input.fontSize);
    await choose(el, 'inputMode', 'json');
    expect(font('#pf-input').fontFamily).to.equal(font('#pf-metadata').fontFamily);
  });

  it('stays accessible with every field invalid', async () => {
    const { el } = await form();
    await everyParallelFieldInvalid(el);
    await el.submit();
    (el.shadowRoot!.querySelector('details') as HTMLDetailsElement).open = true;
    await expect(el).to.be.accessible();
  });
});
