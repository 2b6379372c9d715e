/**
 * `<task-history>` rows keep their words readable where the demo puts the history (fresh2: "15 seconds
 * ag", "S…", "P. b" under the Re-run/Delete buttons at 1280 and 375 px): every piece of a row's meta
 * (age, provider, processor or mode, id) shows its whole text or ends in an ellipsis and carries the
 * whole text as a title, and nothing of a row runs under its buttons.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';

/**
 * Window widths and the width the demo gives the history there (demo/demo.css: at 375 px one
 * column inside 0.5rem padding; at 1024 px the first of two columns, 1fr of 2.35fr; at 1280 px the
 * last of three columns, 1fr of 3.5fr, after 2rem padding and two 1rem gaps).
 */
const PLACES = [
  { window: 375, width: 359, lang: 'en' },
  { window: 375, width: 359, lang: 'de' },
  { window: 1024, width: 413, lang: 'en' },
  { window: 1280, width: 342, lang: 'en' },
  { window: 1280, width: 342, lang: 'de' },
];

/** WebKit's WebDriver cannot size the window; the element follows its container's width anyway. */
async function viewport(width: number): Promise<void> {
  try {
    await setViewport({ width, height: 800 });
  } catch (error) {
    if (!/not supported/i.test(String(error))) throw error;
  }
}

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

const RUNS: TaskRun[] = [
  { id: 'trun_9f3c2a7b1d6e4f0a8b5c', provider: 'parallel', status: 'completed', createdAt: ago(15), processor: 'base', input: 'What is 5 + 5?' },
  { id: 'task-00000000-0000-0000-0000-000000000002-1764504000', provider: 'shannon', status: 'running', createdAt: ago(16), mode: 'standard', input: 'Compare the two reports' },
  { id: 'trun_a1', provider: 'parallel', status: 'action_required', createdAt: ago(3 * 3600), processor: 'ultra8x', input: 'Needs a hand' },
  { id: 'task-x-1764504001', provider: 'shannon', status: 'cancelled', createdAt: ago(40 * 86400), mode: 'supervisor', input: 'Old one' },
] as TaskRun[];

async function historyIn(width: number, lang: string) {
  const store = freshStore();
  for (const run of RUNS) store.addRun(run);
  const box = await fixture<HTMLDivElement>(html`<div lang=${lang} style=${`width: ${width}px`}><task-history store=${store.name} refresh-interval="0"></task-history></div>`);
  const el = box.querySelector('task-history') as TaskHistoryElement;
  await el.updateComplete;
  return el;
}

/** The width a piece of text needs on one line, measured in a copy with the same font. */
function neededWidth(node: HTMLElement): number {
  const probe = document.createElement('span');
  const style = getComputedStyle(node);
  probe.style.cssText = `position: absolute; visibility: hidden; white-space: nowrap; font: ${style.font}; letter-spacing: ${style.letterSpacing}`;
  probe.textContent = node.textContent;
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width;
  probe.remove();
  return width;
}

const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

describe('<task-history> row meta where the demo puts the history', () => {
  after(() => viewport(800));

  for (const place of PLACES) {
    it(`at ${place.window} px (${place.lang}) every meta piece shows its whole text or an ellipsis with the whole text as title, clear of the buttons`, async () => {
      await viewport(place.window);
      const el = await historyIn(place.width, place.lang);
      const root = el.shadowRoot!;
      const options = [...root.querySelectorAll<HTMLElement>('[role="option"]')];
      expect(options.length).to.equal(RUNS.length);
      for (const option of options) {
        const row = option.getBoundingClientRect();
        const pieces = [...option.querySelectorAll<HTMLElement>('[data-meta]')];
        expect(pieces.map((p) => p.dataset.meta), `meta of ${option.dataset.id}`).to.include.members(['age', 'provider', 'id']);
        const buttons = [...root.querySelectorAll<HTMLElement>(`.item-actions[data-index="${option.dataset.index}"] button`)].map((b) => b.getBoundingClientRect());
        expect(buttons.length).to.equal(2);
        for (const piece of pieces) {
          const box = piece.getBoundingClientRect();
          const text = piece.textContent!.trim();
          const label = `${piece.dataset.meta} "${text}" of ${option.dataset.id}`;
          expect(text, label).not.to.equal('');
          expect(box.height, `${label} is drawn`).to.be.above(0);
          // Inside its row, not cut by the row's edges.
          expect(box.left, `${label} starts inside the row`).to.be.at.least(row.left - 0.5);
          expect(box.right, `${label} ends inside the row`).to.be.at.most(row.right + 0.5);
          expect(box.bottom, `${label} ends above the row's bottom`).to.be.at.most(row.bottom + 0.5);
          const fits = box.width + 0.5 >= neededWidth(piece);
          if (!fits) {
            expect(getComputedStyle(piece).textOverflow, `${label} is cut with an ellipsis`).to.equal('ellipsis');
            const title = piece.title || piece.closest('[title]')?.getAttribute('title') || '';
            // The id row shows a shortened id ("task-…-1764504000"): its title is the whole id.
            const whole = piece.dataset.meta === 'id' ? option.dataset.id! : text;
            expect(title.includes(whole), `${label} carries its whole text in a title ("${title}")`).to.equal(true);
            // An ellipsis after a letter or two says nothing: at least 4 em of it stays.
            expect(box.width, `${label} keeps a readable part`).to.be.at.least(4 * parseFloat(getComputedStyle(piece).fontSize));
          }
          for (const button of buttons) expect(overlaps(box, button), `${label} clear of the buttons`).to.equal(false);
        }
      }
    });
  }
});
