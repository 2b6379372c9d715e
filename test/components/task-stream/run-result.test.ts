/**
 * Structured output as a field view with its evidence beside each value (issue 13 §4).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { fieldLabel } from '../../../src/components/task-stream/render-fields.js';
import type { FieldBasis, TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

function parts(el: HTMLElement, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

const CONTENT = {
  company_name: 'Acme GmbH',
  revenue_eur: 12500000,
  founded: 1999,
  listed: false,
  website: 'https://acme.example/about',
  headquarters: { city: 'Zürich', country: 'Switzerland' },
  key_executives: [{ name: 'Ada Lovelace', role: 'CEO' }, { name: 'Alan Turing', role: 'CTO' }],
  products: ['Anvils', 'Rockets'],
};
const BASIS: FieldBasis[] = [
  { field: 'revenue_eur', confidence: 'medium', reasoning: 'From the 2025 annual report.', citations: [{ url: 'https://acme.example/report', title: 'Annual report', excerpts: ['Revenue was **€12.5 million**.'] }] },
  { field: 'headquarters.city', confidence: 'high', citations: [{ url: 'https://registry.example/acme', excerpts: [] }] },
  { field: 'key_executives.0', confidence: 'low', citations: [{ url: 'https://news.example/ada', title: 'Ada joins', excerpts: [] }] },
  { field: 'subsidiaries', confidence: 'low', reasoning: 'None found.', citations: [] },
];

async function showJson(content: unknown, basis: FieldBasis[]) {
  const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
  const store = freshStore();
  const run: TaskRun = { id: 'trun_json', provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:01:00Z',
    processor: 'core', output: { type: 'json', content, basis } };
  store.addRun(run);
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${run.id} proxy-url=${url}></task-stream>`);
  await el.updateComplete;
  return el;
}

const field = (el: TaskStreamElement, path: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="field"][data-path="${path}"]`)!;

describe('<task-stream> structured results', () => {
  it('labels fields in words: revenue_eur is “Revenue EUR”, an index is “#1”', () => {
    expect(fieldLabel('revenue_eur')).to.equal('Revenue EUR');
    expect(fieldLabel('company_name')).to.equal('Company name');
    expect(fieldLabel('0')).to.equal('#1');
  });

  it('shows a JSON result as labelled values, not a monospace tree', async () => {
    const el = await showJson(CONTENT, BASIS);
    const view = parts(el, 'fields')[0]!;
    expect(view.querySelector('.json-tree'), 'no tree').to.equal(null);
    expect(field(el, 'company_name').querySelector('dt')!.textContent).to.equal('Company name');
    expect(field(el, 'company_name').querySelector('dd')!.textContent!.trim()).to.equal('Acme GmbH');
    expect(field(el, 'revenue_eur').querySelector('dt')!.textContent).to.equal('Revenue EUR');
    expect(field(el, 'revenue_eur').querySelector('dd')!.textContent).to.contain((12500000).toLocaleString());
    expect(field(el, 'listed').querySelector('dd')!.textContent!.trim()).to.equal('No');
    expect(field(el, 'website').querySelector('a')!.getAttribute('href')).to.equal('https://acme.example/about');
    expect(getComputedStyle(field(el, 'company_name').querySelector('dd')!).fontFamily).to.not.match(/mono/i);
  });

  it('puts each field’s confidence and citations beside its value, with excerpts on demand', async () => {
    const el = await showJson(CONTENT, BASIS);
    const revenue = field(el, 'revenue_eur');
    expect(revenue.querySelector('[part~="confidence"]')!.textContent).to.equal('medium confidence');
    expect(revenue.querySelector('[part~="citation"] a')!.getAttribute('href')).to.equal('https://acme.example/report');
    const why = revenue.querySelector('details.why') as HTMLDetailsElement;
    expect(why.open, 'excerpts on demand').to.equal(false);
    await until(() => !!why.querySelector('.excerpt strong'));
    expect(why.textContent).to.contain('From the 2025 annual report.');
    expect(field(el, 'headquarters.city').querySelector('[part~="confidence"]')!.textContent).to.equal('high confidence');
    expect(field(el, 'company_name').querySelector('[part~="confidence"]'), 'no badge without basis').to.equal(null);
  });

  it('shows nested objects as sections, arrays of objects as tables and arrays of values as lists', async () => {
    const el = await showJson(CONTENT, BASIS);
    expect(field(el, 'headquarters').querySelector('dl [part~="field"][data-path="headquarters.country"]')!.textContent).to.contain('Switzerland');
    const table = field(el, 'key_executives').querySelector('table')!;
    expect([...table.querySelectorAll('th')].map((th) => th.textContent).slice(0, 2)).to.deep.equal(['Name', 'Role']);
    expect(table.querySelectorAll('tbody tr')).to.have.length(2);
    expect(table.querySelector('tbody tr')!.querySelector('[part~="confidence"]')!.textContent, 'a row’s evidence in its row').to.equal('low confidence');
    expect([...field(el, 'products').querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal(['Anvils', 'Rockets']);
  });

  it('keeps evidence for fields the output does not have, and offers the raw JSON with copy', async () => {
    const el = await showJson(CONTENT, BASIS);
    const other = parts(el, 'fields')[0]!.querySelector('.other-basis')!;
    expect(other.textContent).to.contain('Subsidiaries').and.contain('None found.');
    const raw = parts(el, 'raw-json')[0] as HTMLDetailsElement;
    expect(raw.open).to.equal(false);
    expect(JSON.parse(raw.querySelector('pre')!.textContent!)).to.deep.equal(CONTENT);
    expect([...parts(el, 'output')[0]!.querySelectorAll('button')].map((b) => b.textContent)).to.include('Copy output');
    await expect(el).to.be.accessible();
  });
});
