/**
 * The batch draft of <task-form> over a reload (fresh14 e, freshF §5): the element is removed and a
 * new one made for the same store, as a reload does; this tab's sessionStorage is what survives.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import { MAX_DRAFT_CHARS } from '../../../src/components/task-group/batch-draft.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';
const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);

async function form(name: string): Promise<TaskFormElement> {
  return fixture<TaskFormElement>(html`<task-form provider="parallel" store=${name} proxy-url="/mock" auth-mode="api-key"></task-form>`);
}

/** What a reload does to the form: the element goes (its page hides), a new one comes for the same store. */
async function reload(old: TaskFormElement): Promise<TaskFormElement> {
  const name = old.store;
  old.remove();
  return form(name);
}

async function batchField(el: TaskFormElement): Promise<HTMLTextAreaElement> {
  await until(() => !!q(el, '#pf-batch'), 5000, 'the batch field');
  return q<HTMLTextAreaElement>(el, '#pf-batch')!;
}

async function type(el: TaskFormElement, text: string): Promise<void> {
  const area = await batchField(el);
  area.value = text;
  area.dispatchEvent(new Event('input'));
  await el.updateComplete;
}

const toggle = (el: TaskFormElement) => q<HTMLInputElement>(el, 'input[name="batch-mode"]')!;
const checkedFormat = (el: TaskFormElement) => q<HTMLInputElement>(el, 'input[name="batch-format"]:checked')?.value;

describe('the batch draft over a reload', () => {
  afterEach(() => {
    for (const key of Object.keys(sessionStorage)) if (key.includes(':test-')) sessionStorage.removeItem(key);
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  it('comes back after a reload (the switch, the pasted text, the format, the file name) and is gone after the batch was sent', async () => {
    const store = freshStore();
    store.setCredential('parallel', KEY);
    let el = await form(store.name);
    toggle(el).click();
    q<HTMLInputElement>(await batchField(el).then(() => el), 'input[name="batch-format"][value="csv"]')!.click();
    const csv = 'company,country\nAcme,US\nGlobex,DE';
    await type(el, csv);
    el = await reload(el);
    expect(toggle(el).checked, 'still in batch mode').to.equal(true);
    expect((await batchField(el)).value).to.equal(csv);
    expect(checkedFormat(el)).to.equal('csv');

    // A file's name decides Detect: one column named in a .csv file is CSV, the same text pasted is lines.
    q<HTMLInputElement>(el, 'input[name="batch-format"][value="auto"]')!.click();
    const files = new DataTransfer();
    files.items.add(new File(['company\nAcme\nGlobex'], 'companies.csv', { type: 'text/csv' }));
    const picker = q<HTMLInputElement>(el, 'input.batch-file')!;
    picker.files = files.files;
    picker.dispatchEvent(new Event('change'));
    await until(() => /^2 inputs with the fields company · /.test(q(el, '#pf-batch-hint')?.textContent ?? ''), 5000, 'the file read as CSV');
    el = await reload(el);
    await batchField(el);
    expect(checkedFormat(el)).to.equal('auto');
    expect(q(el, '#pf-batch-hint')!.textContent, 'the file name came back with the text').to.match(/^2 inputs with the fields company · /);

    const created: string[] = [];
    el.addEventListener('task-group-created', (e) => created.push((e as Event & { groupId: string }).groupId));
    q(el, '[part="submit"]')!.click();
    await until(() => created.length === 1, 10_000, 'the batch sent');
    el = await reload(el);
    expect(toggle(el).checked, 'a sent batch is not a draft').to.equal(false);
    toggle(el).click();
    expect((await batchField(el)).value).to.equal('');
  });

  it('a text too long to keep in full comes back as its first lines that fit, and the form says so', async () => {
    const store = freshStore();
    let el = await form(store.name);
    toggle(el).click();
    const line = (i: number) => `Company ${String(i).padStart(6, '0')} with a long enough name to fill the line, ${'x'.repeat(40)}`;
    const lines = Array.from({ length: Math.ceil((MAX_DRAFT_CHARS * 1.5) / line(0).length) }, (_, i) => line(i));
    await type(el, lines.join('\n'));
    el = await reload(el);
    const kept = (await batchField(el)).value;
    expect(kept.length).to.be.at.most(MAX_DRAFT_CHARS).and.above(MAX_DRAFT_CHARS / 4);
    expect(lines.join('\n').startsWith(kept), 'whole first lines').to.equal(true);
    const count = kept.split('\n').filter(Boolean).length;
    const notice = [...el.shadowRoot!.querySelectorAll('[role="status"]')].map((n) => n.textContent ?? '').find((text) => text.includes('Too long'));
    expect(notice).to.equal(`Too long to keep over the reload: only the first ${count.toLocaleString('en')} lines are back. Paste the rest again or choose the file.`);
    await type(el, 'Acme\nGlobex');
    expect([...el.shadowRoot!.querySelectorAll('[role="status"]')].some((n) => n.textContent?.includes('Too long')), 'an edited text is the person\'s own again').to.equal(false);
  });
});
