/**
 * Tables in results at a phone's width (issue 13 §14): a cell breaks between words only, so a date
 * stays on one line however long the text beside it; a table wider than the run scrolls inside its
 * own wrapper, and the page does not scroll sideways.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const PROSE = 'Acme announced the acquisition of Initech after a long review by the competition authority, which asked for remedies in three markets';

/** Lines of text an element's content takes. */
function lines(el: Element): number {
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].filter((box) => box.width > 0).map((box) => Math.round(box.top))).size;
}

async function show(output: NonNullable<TaskRun['output']>) {
  const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
  const store = freshStore();
  store.addRun({ id: 'trun_table', provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:01:00Z', processor: 'core', output });
  const box = await fixture<HTMLDivElement>(html`<div style="width: 343px"><task-stream store=${store.name} run-id="trun_table" proxy-url=${url}></task-stream></div>`);
  const el = box.querySelector('task-stream') as TaskStreamElement;
  await until(() => !!el.shadowRoot!.querySelector('table tbody td'), 5000, 'the table');
  return { box, el };
}

describe('<task-stream> tables at 375 px', () => {
  it('a markdown table keeps each date on one line beside a long text, and scrolls in its wrapper instead of widening the page', async () => {
    const { box, el } = await show({ type: 'text', basis: [], content: `| Date | Event | Value |\n|---|---|---|\n| 2024-03-15 | ${PROSE} | €12,500,000 |\n| 15 March 2024 | ${PROSE} | $3.2 billion |` });
    const rows = [...el.shadowRoot!.querySelectorAll('.markdown tbody tr')];
    expect(rows).to.have.length(2);
    for (const row of rows) {
      const date = row.querySelector('td')!;
      expect(lines(date), `"${date.textContent}" on one line`).to.equal(1);
      expect(lines(row.querySelectorAll('td')[2]!), 'the amount on one line').to.equal(1);
    }
    expect(el.getBoundingClientRect().right, 'the element stays in its box').to.be.at.most(box.getBoundingClientRect().right + 1);
  });

  it('a table of records in a JSON result keeps dates and amounts whole', async () => {
    const records = [{ date: '2024-03-15', summary: PROSE, amount: '€12,500,000' }, { date: '2023-11-02', summary: PROSE, amount: '€900,000' }];
    const { el } = await show({ type: 'json', content: { deals: records }, basis: [] });
    const cells = [...el.shadowRoot!.querySelectorAll('.field-table tbody td')];
    const whole = cells.filter((td) => /^(\d{4}-\d\d-\d\d|€[\d,]+)$/.test(td.textContent!.trim()));
    expect(whole.length, 'dates and amounts found').to.equal(4);
    for (const td of whole) expect(lines(td), td.textContent!).to.equal(1);
  });
});
