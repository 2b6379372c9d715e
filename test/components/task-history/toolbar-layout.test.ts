/**
 * `<task-history>` at phone widths (issue 13 §14): the search box shrinks first; "Clear all" never
 * wraps alone under it (it stays beside the status filter), the confirm bar keeps its two buttons
 * together, and nothing sticks out of the element.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import { freshStore } from '../../support/stores.js';

const WIDTHS = [260, 300, 343, 375, 420];

async function historyAt(width: number) {
  const store = freshStore();
  store.addRun({ id: 'trun_a', provider: 'parallel', status: 'completed', createdAt: '2026-01-01T00:00:00Z', processor: 'core', input: 'A question' });
  store.addRun({ id: 'trun_b', provider: 'parallel', status: 'running', createdAt: '2026-01-01T00:01:00Z', processor: 'core', input: 'Another question' });
  const box = await fixture<HTMLDivElement>(html`<div style=${`width: ${width}px`}><task-history store=${store.name} refresh-interval="0"></task-history></div>`);
  const el = box.querySelector('task-history') as TaskHistoryElement;
  await el.updateComplete;
  return el;
}

/** Vertical middle of an element (controls of one line differ in height by a few px). */
const middle = (el: Element) => {
  const box = el.getBoundingClientRect();
  return box.top + box.height / 2;
};
const sameLine = (a: Element, b: Element) => Math.abs(middle(a) - middle(b)) <= 4;

/** How far anything in the toolbar and the confirm bar reaches past the element's right edge, in px. */
function sticksOut(el: HTMLElement): number {
  const right = el.getBoundingClientRect().right;
  let worst = 0;
  for (const node of el.shadowRoot!.querySelectorAll('[part~="toolbar"], [part~="toolbar"] *, [part~="confirm"], [part~="confirm"] *')) {
    const box = node.getBoundingClientRect();
    if (box.width) worst = Math.max(worst, box.right - right);
  }
  return worst;
}

describe('<task-history> toolbar at narrow widths', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px "Clear all" stays beside the status filter, and the confirm bar's buttons stay together`, async () => {
      const el = await historyAt(width);
      const root = el.shadowRoot!;
      const clear = root.querySelector<HTMLButtonElement>('[part~="clear"]')!;
      const filter = root.querySelector('[part~="status-filter"]')!;
      expect(sameLine(clear, filter), 'Clear all on the filter\'s line').to.equal(true);
      expect(sticksOut(el), 'nothing sticks out').to.be.at.most(1);

      clear.click();
      await el.updateComplete;
      const buttons = [...root.querySelectorAll<HTMLButtonElement>('[part~="confirm"] button')];
      expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Delete 2 runs', 'Keep']);
      expect(sameLine(buttons[0]!, buttons[1]!), 'Confirm and Keep on one line').to.equal(true);
      expect(sticksOut(el), 'nothing of the confirm bar sticks out').to.be.at.most(1);
    });
  }
});
