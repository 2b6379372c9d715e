/**
 * Batches (Parallel task groups) through the three elements against the real mock (/mock): the
 * batch mode of <task-form>, the group view of <task-stream>, one entry per batch in <task-history>.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskGroupCreatedEvent } from '../../../src/components/task-group/group-events.js';
import { submitBatch } from '../../../src/core/providers/parallel/group-client.js';
import { createGroupStore, getGroupStore, registerGroupStore } from '../../../src/core/store/group-store.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';
const csv50 = ['company,country', ...Array.from({ length: 50 }, (_, i) => `Company ${i + 1},${i % 2 ? 'DE' : 'US'}`)].join('\n');

const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const qa = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];

async function page() {
  const store = freshStore();
  store.setCredential('parallel', KEY);
  const created: TaskGroupCreatedEvent[] = [];
  const root = await fixture<HTMLDivElement>(html`<div @task-group-created=${(e: TaskGroupCreatedEvent) => created.push(e)}>
    <task-form provider="parallel" store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-form>
    <task-stream store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-stream>
    <task-history store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-history>
  </div>`);
  const form = root.querySelector<TaskFormElement>('task-form')!;
  const stream = root.querySelector<TaskStreamElement>('task-stream')!;
  const history = root.querySelector<TaskHistoryElement>('task-history')!;
  return { root, store, form, stream, history, created };
}

async function batchMode(form: TaskFormElement, format: string, text: string): Promise<HTMLTextAreaElement> {
  const toggle = q<HTMLInputElement>(form, 'input[name="batch-mode"]')!;
  if (!toggle.checked) toggle.click();
  await until(() => !!q(form, '#pf-batch'), 5000, 'the batch field');
  q<HTMLInputElement>(form, `input[name="batch-format"][value="${format}"]`)!.click();
  const area = q<HTMLTextAreaElement>(form, '#pf-batch')!;
  area.value = text;
  area.dispatchEvent(new Event('input'));
  await form.updateComplete;
  return area;
}

describe('batches in the elements (Parallel task groups)', () => {
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('task-elements-groups:test-')) localStorage.removeItem(key);
  });

  it('a 50-input batch from CSV: count and price before submit, then it runs to completion in the stream, one history entry, a run opens, CSV downloads', async () => {
    const { store, form, stream, history, created } = await page();
    await batchMode(form, 'csv', csv50);
    const processor = q<HTMLSelectElement>(form, '#pf-processor')!;
    processor.value = 'lite';
    processor.dispatchEvent(new Event('change'));
    await form.updateComplete;
    expect(q(form, '#pf-batch-hint')!.textContent).to.equal('50 inputs with the fields company, country · estimated $0.25 (lite, $5 per 1,000 runs)');
    q(form, '[part="submit"]')!.click();
    await until(() => created.length === 1, 10_000, 'task-group-created');
    expect(created[0]!.runIds).to.have.length(50);
    await until(() => q(stream, '[part="group-count"][data-status="completed"]')?.textContent?.trim().startsWith('50') ?? false, 30_000, '50 completed');
    expect(qa(stream, '[part="group-run"]')).to.have.length(50);
    expect(qa(stream, '[part="group-run"]')[0]!.textContent).to.contain('company: Company 1, country: US');
    await until(() => qa(history, '[part="group-item"]').length === 1, 5000, 'one history entry');
    await until(() => qa(history, '[part="group-item-counts"]')[0]?.textContent === '50 completed', 5000, 'history counts');
    expect(store.getRuns(), 'the runs of a batch are not 50 history entries').to.have.length(0);
    expect(q(history, '[part="empty"]'), 'a history of batches only is not "No runs yet"').to.equal(null);

    qa(stream, '.group-run')[1]!.click();
    await until(() => !!q(stream, '[part="group-run-open"] [part~="output"]'), 10_000, 'the opened run to show its output');
    expect(q(stream, '[part="group-run-open"] [part="title"]')!.textContent, 'the opened run is titled by its input').to.equal('company: Company 2, country: DE');
    q(stream, '.back')!.click();
    await stream.updateComplete;

    const blobs: Blob[] = [];
    const { createObjectURL } = URL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob) => (blobs.push(blob), 'blob:test');
    HTMLAnchorElement.prototype.click = () => {};
    try {
      [...qa(stream, 'button')].find((b) => b.textContent === 'Download results (CSV)')!.click();
      await until(() => blobs.length === 1, 10_000, 'the CSV');
      await until(() => !qa(stream, 'button').some((b) => b.textContent === 'Download results (JSON)' && (b as HTMLButtonElement).disabled), 5000, 'the downloads to be ready again');
      [...qa(stream, 'button')].find((b) => b.textContent === 'Download results (JSON)')!.click();
      await until(() => blobs.length === 2, 10_000, 'the JSON');
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    }
    const lines = (await blobs[0]!.text()).trim().split('\r\n');
    expect(lines).to.have.length(51);
    expect(lines[0]!.startsWith('run_id,status,input.company,input.country,output.')).to.equal(true);
    expect(lines[1]).to.match(/^trun_\w+,completed,Company 1,US,/);
    const json = JSON.parse(await blobs[1]!.text()) as Array<{ status: string; input: unknown }>;
    expect(json).to.have.length(50);
    expect(json[0]!.status).to.equal('completed');
    expect(json[0]!.input).to.deep.equal({ company: 'Company 1', country: 'US' });
  });

  it('refuses a CSV row with too few values inline, naming the line, and sends nothing', async () => {
    const { form } = await page();
    const requests: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      requests.push(String(input));
      return original(input, init);
    };
    try {
      const area = await batchMode(form, 'csv', 'company,country\nAcme,US\nGlobex\n');
      q(form, '[part="submit"]')!.click();
      await until(() => area.getAttribute('aria-invalid') === 'true', 5000, 'the field error');
      expect(q(form, '#pf-batch-error')!.textContent).to.equal('Line 3 has 1 value, but the header has 2 columns (company, country). Every row needs one value per column (a value may be empty).');
      expect(requests.filter((url) => url.includes('/groups'))).to.deep.equal([]);
    } finally {
      window.fetch = original;
    }
  });

  it('in Detect (the default), pasted CSV with a header row is CSV, as from a file: the field\'s own placeholder is 2 inputs with 2 fields', async () => {
    const { form } = await page();
    const area = await batchMode(form, 'auto', '');
    for (const text of [area.placeholder, 'company;country\nAcme;US\nGlobex;DE', 'company\tcountry\nAcme\tUS\nGlobex\tDE', '"company","country"\n"Acme, Inc.","US"\n"Globex","DE"']) {
      await batchMode(form, 'auto', text);
      expect(q(form, '#pf-batch-hint')!.textContent, text).to.match(/^2 inputs with the fields company, country · /);
    }
    await batchMode(form, 'auto', 'Who makes the best tea?\nWhere is Acme based?');
    expect(q(form, '#pf-batch-hint')!.textContent).to.match(/^Read as 2 lines, one input each · /);
  });

  it('counts lines and JSON arrays before submit, and says when more than 1,000 inputs go in several calls', async () => {
    const { form } = await page();
    await batchMode(form, 'lines', 'Acme\n\nGlobex\nInitech\n');
    expect(q(form, '#pf-batch-hint')!.textContent).to.match(/^3 inputs · estimated \$/);
    await batchMode(form, 'json', '[{"company": "Acme"}, {"company": "Globex"}]');
    expect(q(form, '#pf-batch-hint')!.textContent).to.equal('2 inputs · estimated $0.020 (base, $10 per 1,000 runs)');
    await batchMode(form, 'lines', Array.from({ length: 1001 }, (_, i) => `Company ${i}`).join('\n'));
    expect(q(form, '#pf-batch-hint')!.textContent).to.contain('1,001 inputs');
    expect(q(form, '#pf-batch-hint')!.textContent).to.contain('sent in 2 calls of up to 1,000');
    expect(q(form, '[part="submit"]')!.textContent).to.equal('Run batch');
  });

  it('after a reload the group view resumes the batch from the last event_id it saw', async () => {
    const { root, form, stream, created } = await page();
    await batchMode(form, 'lines', 'Acme\nGlobex\nInitech');
    (q<HTMLDetailsElement>(form, '#pf-advanced')!).open = true;
    const metadata = q<HTMLTextAreaElement>(form, '#pf-metadata')!;
    metadata.value = '{"mock_speed": 4}';
    metadata.dispatchEvent(new Event('input'));
    await form.updateComplete;
    q(form, '[part="submit"]')!.click();
    await until(() => created.length === 1, 10_000, 'task-group-created');
    const { groupId } = created[0]!;
    const name = stream.store;
    await until(() => (getGroupStore(name).tracker(groupId)?.lastEventId ?? '') !== '', 10_000, 'a first event');
    root.remove(); // the page goes away: its connection closes
    const saved = getGroupStore(name).tracker(groupId)!.lastEventId!;
    await new Promise((resolve) => setTimeout(resolve, 400)); // the group store saves within 250 ms

    registerGroupStore(createGroupStore(name)); // "reload": a new group store over the same localStorage
    const requests: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      requests.push(String(input));
      return original(input, init);
    };
    try {
      const again = await fixture<TaskStreamElement>(html`<task-stream store=${name} proxy-url="/mock" auth-mode="api-key"></task-stream>`);
      await until(() => q(again, '[part="group-count"][data-status="completed"]')?.textContent?.trim().startsWith('3') ?? false, 20_000, '3 completed');
      const events = requests.filter((url) => url.includes(`/groups/${groupId}/events`));
      expect(events[0]).to.contain(`last_event_id=${encodeURIComponent(saved)}`);
    } finally {
      window.fetch = original;
    }
  });

  it('picking the batch in the history shows it in the stream; picking a run shows the run again', async () => {
    const { store, form, stream, history, created } = await page();
    store.setCredential('parallel', KEY);
    await batchMode(form, 'lines', 'Acme\nGlobex');
    q(form, '[part="submit"]')!.click();
    await until(() => created.length === 1, 10_000, 'task-group-created');
    await until(() => qa(history, '[part="group-item"]').length === 1, 5000, 'the history entry');
    const toggle = q<HTMLInputElement>(form, 'input[name="batch-mode"]')!;
    toggle.click(); // one run now
    await form.updateComplete;
    const input = q<HTMLTextAreaElement>(form, '#pf-input')!;
    input.value = 'A single question';
    input.dispatchEvent(new Event('input'));
    await form.updateComplete;
    q(form, '[part="submit"]')!.click();
    await until(() => stream.run !== undefined, 10_000, 'the single run in the stream');
    expect(q(stream, '[part="group"]'), 'a selected run hides the batch').to.equal(null);
    const picked: string[] = [];
    history.addEventListener('task-group-select', (e) => picked.push((e as Event & { groupId: string }).groupId));
    qa(history, '[part="group-item"]')[0]!.click();
    await until(() => !!q(stream, '[part="group"]'), 5000, 'the batch in the stream');
    expect(picked).to.deep.equal([created[0]!.groupId]);
    expect(stream.run, 'no run is shown with the batch').to.equal(undefined);
    await until(() => qa(history, '[part="group-item"]')[0]!.getAttribute('aria-current') === 'true', 5000, 'the batch marked as the one shown');
    qa(history, '[role="option"]')[0]!.click();
    await until(() => stream.run !== undefined && !q(stream, '[part="group"]'), 5000, 'the run again');
    await until(() => qa(history, '[part="group-item"]')[0]!.getAttribute('aria-current') === 'false', 5000, 'the batch no longer marked');
  });

  it('<task-stream run-id="tgrp_…"> shows a batch this browser did not submit, read from the API', async () => {
    const store = freshStore();
    store.setCredential('parallel', KEY);
    const submitted = await submitBatch({ provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY } },
      { inputs: ['Acme', 'Globex', 'Initech'], processor: 'lite' });
    const stream = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} proxy-url="/mock" auth-mode="api-key" run-id=${submitted.groupId}></task-stream>`);
    await until(() => qa(stream, '[part="group-run"]').length === 3, 10_000, 'the runs');
    expect(qa(stream, '[part="group-run"] .preview').map((p) => p.textContent)).to.deep.equal(['Acme', 'Globex', 'Initech']);
    await until(() => q(stream, '[part="group-count"][data-status="completed"]')?.textContent?.trim().startsWith('3') ?? false, 20_000, '3 completed');
    expect(stream.run, 'a group is not a run of the store').to.equal(undefined);
  });
});
