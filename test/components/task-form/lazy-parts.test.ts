/**
 * The form's parts that wait for a person (lazy-form-parts.ts, issue 11 item 8): an idle form downloads
 * neither jsonc-parser's scanner nor the words of a failed request; typing loads the scanner, so
 * broken JSON is placed by line and column; a create request loads the words of its failure, so a
 * refusal reads in full.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { requestErrorLoaded } from '../../../src/components/task-form/lazy-form-parts.js';
import { jsonScannerLoaded } from '../../../src/core/validation/json-scanner.js';
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

    await choose(el, 'inputMode', 'json');
    await type(el, '#pf-input', '{"company": "Acme",\n "country" "DE"}');
    expect(jsonScannerLoaded(), 'typing loaded the scanner').to.equal(true);
    expect($(el, '#pf-input-error').textContent).to.contain('not valid JSON').and.match(/line 2, column \d+/);

    await type(el, '#pf-input', '{"company": "Acme"}');
    await el.submit();
    await el.updateComplete;
    expect(requestErrorLoaded(), 'the request loaded its failure’s words').to.equal(true);
    expect($(el, '[part~="error"]').textContent).to.contain('Input too long for processor lite').and.contain('422');
  });
});
