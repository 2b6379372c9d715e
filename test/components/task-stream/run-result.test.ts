/**
 * Structured output as a field view with its evidence beside each value (issue 13 §4).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { fieldLabel, isIdentifierNumber } from '../../../src/components/task-stream/render-fields.js';
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

  it('shows years, ids and codes as written, with no thousands separator; amounts keep theirs', async () => {
    const el = await showJson({
      founded_year: 1992, foundedYear: 1887, founding_date: 2004, founded: 1999, zip_code: 80331, customer_id: 104522,
      phone_number: 5550100, employees: 12000, number_of_employees: 4500, revenue_eur: 12500000, year_count: 1500,
    }, []);
    const value = (path: string) => field(el, path).querySelector('dd')!.textContent!.trim();
    for (const [path, text] of [['founded_year', '1992'], ['foundedYear', '1887'], ['founding_date', '2004'], ['founded', '1999'],
      ['zip_code', '80331'], ['customer_id', '104522'], ['phone_number', '5550100']]) {
      expect(value(path!), path).to.equal(text);
    }
    expect(value('employees')).to.equal((12000).toLocaleString());
    expect(value('number_of_employees')).to.equal((4500).toLocaleString());
    expect(value('revenue_eur')).to.equal((12500000).toLocaleString());
    expect(value('year_count')).to.equal((1500).toLocaleString());
    const table = await showJson({ offices: [{ city: 'Bern', zip: 3011, founded_year: 1848, staff: 2500 }] }, []);
    const cells = [...field(table, 'offices').querySelectorAll('tbody td')].map((td) => td.textContent!.trim());
    expect(cells.slice(0, 4)).to.deep.equal(['Bern', '3011', '1848', (2500).toLocaleString()]);
  });

  it('takes an integer as a year only by its field name: 1000–2999 under a "…year"/"…date" key, never a fraction', () => {
    expect(isIdentifierNumber('fiscal_year', 2025)).to.equal(true);
    expect(isIdentifierNumber('release_date', 1999)).to.equal(true);
    expect(isIdentifierNumber('release_date', 20250101)).to.equal(false);
    expect(isIdentifierNumber('founded_year', 1992.5)).to.equal(false);
    expect(isIdentifierNumber('number_of_orders', 1992)).to.equal(false);
    expect(isIdentifierNumber('total_id_count', 1992)).to.equal(false);
    expect(isIdentifierNumber('revenue', 1992)).to.equal(false);
    expect(isIdentifierNumber(undefined, 1992)).to.equal(false);
  });
});

describe('<task-stream> sources of a text answer', () => {
  async function showText(provider: 'shannon' | 'parallel', content: string, basis: FieldBasis[]) {
    const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
    const store = freshStore();
    const run: TaskRun = { id: `${provider}-text-1`, provider, status: 'completed', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:01:00Z',
      output: { type: 'text', content, basis } };
    store.addRun(run);
    const el = await fixture<TaskStreamElement>(html`<task-stream provider=${provider} store=${store.name} run-id=${run.id} proxy-url=${url}></task-stream>`);
    await el.updateComplete;
    return el;
  }
  const ANSWER = 'Zürich was founded by the Romans.\n\n## Sources\n1. [Zürich](https://en.wikipedia.org/wiki/Z%C3%BCrich)\n2. [Geneva](https://en.wikipedia.org/wiki/Geneva)';
  const cite = (url: string, title: string) => ({ url, title, excerpts: [] });

  it('lists a Shannon answer’s sources once: none again under the answer when the answer already links them all, and no raw field name', async () => {
    const el = await showText('shannon', ANSWER, [{ field: 'output', citations: [cite('https://en.wikipedia.org/wiki/Zürich', 'Zürich'), cite('https://en.wikipedia.org/wiki/Geneva/', 'Geneva')] }]);
    await until(() => !!parts(el, 'output')[0]?.querySelector('a'), 3000, 'the answer');
    const output = parts(el, 'output')[0]!;
    expect(output.querySelector('.basis-list'), 'no second list of the same sources').to.equal(null);
    expect([...output.querySelectorAll('a')].filter((a) => a.href.includes('Geneva')), 'Geneva linked once').to.have.length(1);
  });

  it('lists only the sources the answer does not link, under a heading in words (never the field name “output”)', async () => {
    const el = await showText('shannon', ANSWER, [{ field: 'output', reasoning: 'Two encyclopedias agree.', citations: [cite('https://en.wikipedia.org/wiki/Geneva', 'Geneva'), cite('https://www.britannica.com/place/Zurich', 'Britannica')] }]);
    const list = parts(el, 'output')[0]!.querySelector('.basis-list')!;
    expect(list.querySelector('summary')!.textContent!.trim()).to.equal('Sources and reasoning');
    expect([...list.querySelectorAll('[part~="citation"] a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://www.britannica.com/place/Zurich']);
    expect(list.textContent).to.contain('Two encyclopedias agree.');
    expect([...list.querySelectorAll('*')].some((node) => node.children.length === 0 && node.textContent!.trim() === 'output'), 'no raw field label').to.equal(false);
  });
});
