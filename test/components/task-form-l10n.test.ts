import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskFormElement } from '../../src/components/task-form/task-form.js';
import { freshStore } from '../support/stores.js';
import { until } from '../support/scripted-stream.js';
import { $, choose, press, select, type } from './task-form/helpers.js';
import { PSEUDO_LANG, pseudo, registerPseudoLocale, untranslated } from '../support/pseudo-locale.js';

async function formIn(lang: string, attrs: { provider?: string; authMode?: string } = {}) {
  const store = freshStore();
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><task-form store=${store.name} proxy-url="/nowhere"
    provider=${attrs.provider ?? 'parallel'} auth-mode=${attrs.authMode ?? 'none'}></task-form></div>`);
  const el = wrapper.querySelector('task-form')!;
  await el.updateComplete;
  return el;
}

const root = (el: TaskFormElement) => el.shadowRoot!;
const submit = async (el: TaskFormElement) => {
  ($(el, '[part~="submit"]') as HTMLButtonElement).click();
  await el.updateComplete;
  await el.updateComplete;
};

/** Values the user typed, processor ids and code examples: data, shown as it is. */
const DATA = ['lite', 'base', 'core2x', 'core', 'pro', 'ultra2x', 'ultra4x', 'ultra8x', 'ultra', 'fast', 'example.org',
  'https://example.com/hooks/parallel', '{"project": "q3-review"}', '[{"type":"url","name":"docs","url":"https://mcp.example.com"}]',
  '{"force_research": true}', 'gpt-5-mini', 'openai', 'US', 'http://bad.example', 'not json', 'int_prev', 'sess:1', 'ftp://x', 'JSON', 'MCP', 'API', 'URL', 'ID'];

describe('<task-form> in the user’s language', () => {
  it('speaks German: labels, buttons, hints, prices and latencies in German formats, field errors', async () => {
    const el = await formIn('de');
    expect($(el, '[part~="submit"]').textContent!.trim()).to.equal('Aufgabe ausführen');
    expect(root(el).querySelector('label[for="pf-input"]')!.textContent).to.equal('Aufgabe');
    const options = [...root(el).querySelectorAll('#pf-processor option')].map((o) => o.textContent!);
    expect(options.find((o) => o.startsWith('core2x '))).to.match(/^core2x — 50\s\$\/1\.000 · 60\sSek\.–10\sMin\.$/);
    expect(options.find((o) => o.startsWith('ultra8x-fast '))).to.match(/2\.400\s\$/);
    await submit(el);
    expect($(el, '#pf-input-error').textContent).to.equal('Beschreiben Sie die Aufgabe: Die Eingabe ist erforderlich.');
    await choose(el, 'inputMode', 'json');
    await type(el, '#pf-input', '{"a": 1,, }');
    expect($(el, '#pf-input-error').textContent).to.equal('Die Eingabe ist kein gültiges JSON: prüfen Sie Zeile 1, Spalte 9.');
  });

  describe('every visible string is localizable: each state under a pseudo-language leaves no English', () => {
    before(registerPseudoLocale);

    it('Parallel: empty, every error shown, JSON input and schema checks, sources, advanced values set', async () => {
      const el = await formIn(PSEUDO_LANG, { authMode: 'api-key' });
      await until(() => $(el, '[part~="submit"]').textContent!.trim() === pseudo('Run task'), 3000, 'the pseudo catalog');
      expect(untranslated(root(el), DATA), 'empty').to.deep.equal([]);
      await submit(el);
      expect(untranslated(root(el), DATA), 'every error').to.deep.equal([]);
      await choose(el, 'inputMode', 'json');
      await type(el, '#pf-input', 'not json');
      await choose(el, 'outputType', 'json');
      await type(el, '#pf-output-schema', JSON.stringify({ type: 'array', anyOf: [], properties: { reasoning: { type: 'string', format: 'email' } } }));
      await type(el, '#pf-include-domain', 'ftp://x');
      await type(el, '#pf-after-date', '2026-02-31');
      (root(el).querySelector('#pf-advanced') as HTMLDetailsElement).open = true;
      await type(el, '#pf-webhook', 'http://bad.example');
      await type(el, '#pf-metadata', '{"a_key_that_is_far_too_long": 1}');
      await type(el, '#pf-mcp', '[{"type":"url"}]');
      await type(el, '#pf-location', 'USA');
      await type(el, '#pf-previous', 'int_prev');
      await type(el, '#pf-input-schema', '{');
      expect(untranslated(root(el), [...DATA, 'a_key_that_is_far_too_long', 'reasoning', 'format', 'anyOf', 'type', 'object', 'properties', 'required', 'string', 'null', 'additionalProperties', 'false', 'name', 'url']), 'field errors').to.deep.equal([]);
      await choose(el, 'outputType', 'text');
      await type(el, '#pf-input', '{"ok": true}');
      await type(el, '#pf-metadata', '{"k": "v"}');
      await type(el, '#pf-mcp', '[]');
      (root(el).querySelector('#pf-advanced') as HTMLDetailsElement).open = false;
      await el.updateComplete;
      expect(untranslated(root(el), DATA), 'set values listed outside the closed section').to.deep.equal([]);
      await type(el, '#api-key', 'sk-1');
      await press(el, pseudo('Show'));
      expect(untranslated(root(el), [...DATA, 'sk-1']), 'the key field').to.deep.equal([]);
    });

    it('Shannon: empty, errors, every choice and the advanced values', async () => {
      const el = await formIn(PSEUDO_LANG, { provider: 'shannon' });
      await until(() => $(el, '[part~="submit"]').textContent!.trim() === pseudo('Run task'), 3000, 'the pseudo catalog');
      await submit(el);
      await select(el, '#sf-mode', 'supervisor');
      (root(el).querySelector('#sf-advanced') as HTMLDetailsElement).open = true;
      await type(el, '#sf-sessionId', 'bad session id!');
      await type(el, '#sf-modelOverride', 'a b');
      await type(el, '#sf-providerOverride', 'c d');
      await type(el, '#sf-context', '[1]');
      expect(untranslated(root(el), [...DATA, 'bad session id!', 'a b', 'c d']), 'errors').to.deep.equal([]);
      await type(el, '#sf-sessionId', 'sess:1');
      await type(el, '#sf-modelOverride', 'gpt-5-mini');
      await type(el, '#sf-context', '{"k": 1}');
      (root(el).querySelector('#sf-advanced') as HTMLDetailsElement).open = false;
      await el.updateComplete;
      expect(untranslated(root(el), DATA), 'advanced values').to.deep.equal([]);
    });
  });
});
