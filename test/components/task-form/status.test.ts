/**
 * The form's spoken status line ("Task created: …", "Batch created: …", "Nothing was sent: …") follows
 * the page's language like every other word of the form (new-user trial: "Task created: trun_…"
 * stayed English after `lang` changed to German, the rest of the form switched). It is rendered from
 * what happened, not kept as a sentence made in the language of that moment.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';
import { created } from './helpers.js';

const status = (el: TaskFormElement) => el.shadowRoot!.querySelector('[role="status"][aria-live]')!.textContent!.trim();
const submitText = (el: TaskFormElement) => el.shadowRoot!.querySelector('[part="submit"]')!.textContent!.trim();

async function formIn(lang: string, proxyUrl: string, authMode = 'none'): Promise<{ box: HTMLDivElement; el: TaskFormElement }> {
  const store = freshStore();
  store.setCredential('parallel', 'mock-test-key');
  const box = await fixture<HTMLDivElement>(html`<div lang=${lang}><task-form provider="parallel" store=${store.name} proxy-url=${proxyUrl} auth-mode=${authMode}></task-form></div>`);
  const el = box.querySelector<TaskFormElement>('task-form')!;
  await el.updateComplete;
  return { box, el };
}

async function typeInput(el: TaskFormElement, value: string): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#pf-input')!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('the form’s status line follows the page’s language', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  it('says “Task created” in German once the lang changes to German, and in English again when it changes back', async () => {
    const script = await scriptStream([created('trun_status1')]);
    const { box, el } = await formIn('en', script.url);
    await typeInput(el, 'Who makes the best tea?');
    await el.submit();
    await until(() => status(el) === 'Task created: trun_status1', 5000, 'the English status');
    box.setAttribute('lang', 'de');
    await until(() => submitText(el) !== 'Run task', 2000, 'the German form');
    expect(status(el)).to.equal('Aufgabe erstellt: trun_status1');
    box.setAttribute('lang', 'en');
    await until(() => status(el) === 'Task created: trun_status1', 2000, 'English again');
  });

  it('says “Nothing was sent” in the new language too', async () => {
    const { box, el } = await formIn('de', '/mock');
    await el.submit();
    expect(status(el)).to.equal('Es wurde nichts gesendet: Korrigieren Sie die markierten Felder.');
    box.setAttribute('lang', 'en');
    await until(() => status(el) === 'Nothing was sent: fix the highlighted fields.', 2000, 'the English status');
  });

  it('says “Batch created” with its count in the new language', async () => {
    const { box, el } = await formIn('en', '/mock', 'api-key');
    await typeInput(el, 'Where is the company based?');
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name="batch-mode"]')!.click();
    await until(() => !!el.shadowRoot!.querySelector('#pf-batch'), 5000, 'the batch field');
    const area = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#pf-batch')!;
    area.value = 'Acme\nGlobex';
    area.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await el.submit();
    await until(() => status(el).startsWith('Batch created: '), 10_000, 'the English status');
    expect(status(el)).to.match(/^Batch created: \S+ with 2 runs$/);
    const id = status(el).split(' ')[2];
    box.setAttribute('lang', 'de');
    await until(() => status(el) !== `Batch created: ${id} with 2 runs`, 2000, 'a new language');
    expect(status(el)).to.equal(`Stapel erstellt: ${id} mit 2 Läufen`);
  });
});
