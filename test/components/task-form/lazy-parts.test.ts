/**
 * The form's parts that wait for a person (lazy-form-parts.ts, issue 11 item 8): an idle form downloads
 * neither jsonc-parser's scanner, nor the words of its field checks, nor those of a failed request;
 * typing loads the scanner and the checks' words, so broken JSON is placed by line and column; a
 * create request loads the words of its failure, so a refusal reads in full; a refused submit of an
 * untouched form shows its checks in words, never their keys.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { requestErrorLoaded } from '../../../src/components/task-form/lazy-form-parts.js';
import { jsonScannerLoaded } from '../../../src/core/validation/json-scanner.js';
import { resetValidationWords, validationWordsLoaded, validationWordsSource } from '../../../src/core/validation/words.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream } from '../../support/scripted-stream.js';
import { $, choose, type } from './helpers.js';

describe('<task-form> parts loaded on use', () => {
  it('an idle form loads neither the JSON scanner nor the request error’s words; typing and a request load them', async () => {
    const store = freshStore();
    const script = await scriptStream([json({ type: 'error', error: { message: 'Input too long for processor lite' } }, 422)]);
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} proxy-url=${script.url}></task-form>`);
    expect(jsonScannerLoaded(), 'no scanner for an idle form').to.equal(false);
    expect(requestErrorLoaded(), 'no request error words for an idle form').to.equal(false);
    expect(validationWordsLoaded(), 'no words of field checks for an idle form').to.equal(false);

    await choose(el, 'inputMode', 'json');
    await type(el, '#pf-input', '{"company": "Acme",\n "country" "DE"}');
    expect(jsonScannerLoaded(), 'typing loaded the scanner').to.equal(true);
    expect(validationWordsLoaded(), 'typing loaded the checks’ words').to.equal(true);
    expect($(el, '#pf-input-error').textContent).to.contain('not valid JSON').and.match(/line 2, column \d+/);

    await type(el, '#pf-input', '{"company": "Acme"}');
    await el.submit();
    await el.updateComplete;
    expect(requestErrorLoaded(), 'the request loaded its failure’s words').to.equal(true);
    expect($(el, '[part~="error"]').textContent).to.contain('Input too long for processor lite').and.contain('422');
  });

  it('a refused submit of a form nobody touched shows its checks in words, never their keys', async () => {
    resetValidationWords();
    const store = freshStore();
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name}></task-form>`);
    await el.submit();
    expect($(el, '#pf-input-error').textContent).to.contain('the input is required');
    expect(el.shadowRoot!.textContent).to.not.contain('validation.');
    expect(el.shadowRoot!.activeElement?.id, 'the first invalid field has the focus').to.equal('pf-input');
  });

  it('says "Check this field." when the checks’ words cannot be loaded (offline), without loading again and again; using the form tries again', async () => {
    const load = validationWordsSource.load;
    let attempts = 0;
    resetValidationWords();
    validationWordsSource.load = () => {
      attempts++;
      return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    };
    try {
      const el = await fixture<TaskFormElement>(html`<task-form store=${freshStore().name}></task-form>`);
      await el.submit();
      expect($(el, '#pf-input-error').textContent).to.equal('Check this field.');
      expect(el.shadowRoot!.textContent).to.not.contain('validation.');
      // The submit's attempt, and one more when it moves the focus into the form: no loop.
      const tried = attempts;
      expect(tried).to.be.within(1, 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(attempts, 'no attempts after those').to.equal(tried);
      validationWordsSource.load = load;
      await type(el, '#pf-input', '');
      expect(validationWordsLoaded(), 'using the form tried again, and the words came').to.equal(true);
      expect($(el, '#pf-input-error').textContent).to.contain('the input is required');
    } finally {
      validationWordsSource.load = load;
    }
  });
});
