/**
 * Result tables scroll inside their own box, never the page (landings of words3/words4: the e2e
 * screenshot flow once saw 26 px of horizontal overflow at 1440 px from a result table). Tables of
 * every kind a result has — a markdown table, a JSON field table of records with long unbroken
 * values (URLs), a table nested in an object — at widths from a phone's to a wide desktop column.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const LONG_URL = 'https://www.example-research-source.com/reports/2025/annual-market-overview-and-outlook-for-the-industry-segment-in-europe';
const PROSE = 'Acme announced the acquisition of Initech after a long review by the competition authority';
const record = (i: number) => ({ date: `2025-0${i + 1}-15`, development: PROSE, source_url: `${LONG_URL}-${i}` });

const OUTPUTS: Array<[string, NonNullable<TaskRun['output']>]> = [
  ['a markdown table with long links', { type: 'text', basis: [], content: `| Source | Published | Main point |\n|---|---|---|\n| [${LONG_URL}](${LONG_URL}) | 2025-03-01 | ${PROSE} |\n| [Short](${LONG_URL}) | 2024-11-20 | ${PROSE} |` }],
  ['a JSON field table of records with URLs', { type: 'json', basis: [], content: { summary: PROSE, recent_developments: [0, 1, 2].map(record) } }],
  ['a JSON table nested in an object', { type: 'json', basis: [], content: { company: { name: 'Acme', filings: [0, 1].map(record) } } }],
];

/** How far anything in the element reaches past its box on the right (0 when nothing does), through scroll boxes that clip. */
function overflowRight(el: HTMLElement): number {
  return Math.max(0, el.scrollWidth - el.clientWidth);
}

async function show(output: NonNullable<TaskRun['output']>, width: number) {
  const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
  const store = freshStore();
  store.addRun({ id: 'trun_wide', provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:01:00Z', processor: 'core', output });
  // The box scrolls and is positioned, as a page is: whatever sticks out of the element (an absolutely
  // positioned descendant included) shows in its scrollWidth, as it would in the page's.
  const box = await fixture<HTMLDivElement>(html`<div style="width: ${width}px; overflow: auto; position: relative"><task-stream store=${store.name} run-id="trun_wide" proxy-url=${url}></task-stream></div>`);
  const el = box.querySelector('task-stream') as TaskStreamElement;
  await until(() => !!el.shadowRoot!.querySelector('table tbody td'), 5000, 'the table');
  return { box, el };
}

describe('<task-stream> result tables scroll in their own box', () => {
  for (const [name, output] of OUTPUTS) {
    it(`${name}: the page never scrolls sideways, from 320 to 1440 px`, async () => {
      const { box, el } = await show(output, 320);
      for (const width of [320, 375, 480, 600, 784, 900, 1100, 1440]) {
        box.style.width = `${width}px`;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        expect(overflowRight(box), `${name} at ${width}px`).to.be.at.most(1);
        for (const wrap of el.shadowRoot!.querySelectorAll<HTMLElement>('.table-wrap')) {
          expect(wrap.getBoundingClientRect().right, `the table's box at ${width}px`).to.be.at.most(box.getBoundingClientRect().right + 1);
        }
      }
    });
  }

  it('a table of records keeps its widest text readable at 375 px when each cell carries its citations (new-user trial: the date column took the width of a citation link, the text had a few characters a line)', async () => {
    const citation = (i: number) => ({ url: `https://www.statista.com/statistics/441074/annual-revenue-of-acme-gmbh-in-germany-${i}`, title: '', excerpts: [] });
    const basis = [0, 1].flatMap((i) => ['date', 'development'].map((c) => ({ field: `recent_developments.${i}.${c}`, citations: [citation(i)], confidence: 'medium' as const, reasoning: 'From the filing.' })));
    const output = { type: 'json' as const, basis, content: { recent_developments: [0, 1].map((i) => ({ date: `2023-07-1${i}`, development: PROSE })) } };
    const { el } = await show(output, 375);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const wrap = el.shadowRoot!.querySelector<HTMLElement>('.table-wrap')!;
    expect(wrap.scrollWidth, 'the table fits its box: no sideways scrolling to read it').to.be.at.most(wrap.clientWidth + 1);
    const [date, text] = [...el.shadowRoot!.querySelectorAll<HTMLElement>('tbody tr:first-child td')].map((cell) => cell.getBoundingClientRect().width);
    expect(text!, `the text column (${Math.round(text!)} px) is wider than the date column (${Math.round(date!)} px)`).to.be.greaterThan(date!);
    const link = el.shadowRoot!.querySelector<HTMLElement>('tbody .citation a')!;
    expect(link.textContent!.trim(), 'the citation is still shown in full').to.contain('statista.com');
  });

  it('a table of records with a URL column keeps its text readable at 375 px (second trial: the Source URL column took 323 px, the development text 117 px)', async () => {
    const { el } = await show(OUTPUTS[1]![1], 375);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const cells = [...el.shadowRoot!.querySelectorAll<HTMLElement>('tbody tr:first-child td')].map((cell) => cell.getBoundingClientRect().width);
    const [, text, url] = cells;
    expect(text!, `the text column (${Math.round(text!)} px) is at least as wide as the URL column (${Math.round(url!)} px)`).to.be.at.least(url!);
    const wrap = el.shadowRoot!.querySelector<HTMLElement>('.table-wrap')!;
    expect(wrap.scrollWidth, 'the table fits its box').to.be.at.most(wrap.clientWidth + 1);
  });

  it('every scroll box of the run view is the containing block of what it holds (nothing positioned escapes its clipping)', async () => {
    const { el } = await show(OUTPUTS[1]![1], 375);
    el.shadowRoot!.querySelector<HTMLDetailsElement>('.raw-json')!.open = true;
    const scrollBoxes = [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')].filter((node) => /auto|scroll/.test(getComputedStyle(node).overflowX));
    const names = scrollBoxes.map((node) => `${node.localName}.${node.className}`);
    expect(names).to.include.members(['div.table-wrap', 'pre.']);
    for (const [i, node] of scrollBoxes.entries()) expect(getComputedStyle(node).position, names[i]).to.not.equal('static');
  });
});
