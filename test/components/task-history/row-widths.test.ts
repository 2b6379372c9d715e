/**
 * No text in a `<task-history>` row is clipped at any container width from 280 to 1600 px, except
 * the input preview, which ends in one ellipsis (fresh3 e: at 765–768 px the demo's rows showed "1
 * minute …" and "10 seconds…"; the id was shortened in the middle, "trun_a42…2c2bdc79", and then cut
 * again at the end, "trun_a42…2c2bd…"). The id is shortened once, by one rule (shortRunId).
 * On a phone a row's "Edit & run again" takes at most two lines (a new user's trial at 375 px: it
 * took three, "Edit &" / "run" / "again", and German "Bearbeiten und erneut ausführen" too).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import { shortRunId } from '../../../src/components/shared/format.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { de } from '../../../src/components/shared/i18n/de.js';
import { historyStrings } from '../../../src/components/task-history/strings.js';

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
const LONG_INPUT = 'Compare the annual reports of the three largest European rail operators over the last decade';

/** The longest pieces a row shows: statuses, ages, processors and modes, and ids of every shape. */
const RUNS: TaskRun[] = [
  { id: 'trun_a42f0c9e7d3b4e1f8a6c5b2d2c2bdc79', provider: 'parallel', status: 'completed', createdAt: ago(58), processor: 'ultra8x', input: LONG_INPUT },
  { id: 'task-e6d77c09-b32d-46a7-86dc-f51a8f2698b0-1764489331', provider: 'shannon', status: 'action_required', createdAt: ago(10), mode: 'supervisor', input: 'Why?' },
  { id: 'trun_01234567890abcdef', provider: 'parallel', status: 'cancelling', createdAt: ago(3 * 60 + 5), processor: 'core2x', input: LONG_INPUT },
  { id: 'task-x-1764504001', provider: 'shannon', status: 'queued', createdAt: ago(11 * 3600), mode: 'research', input: 'Old one' },
  { id: 'trun_short', provider: 'parallel', status: 'timeout', createdAt: ago(40 * 86400), processor: 'base', input: LONG_INPUT },
] as TaskRun[];

/** Every container width from 280 to 1600 px: every 8 px where the demo's column goes (600–900), every 40 px elsewhere. */
const WIDTHS = [...new Set([
  ...Array.from({ length: 34 }, (_, i) => 280 + i * 40).filter((w) => w <= 1600),
  ...Array.from({ length: 38 }, (_, i) => 600 + i * 8),
  765, 768, 1600, 304, 359, 375,
])].sort((a, b) => a - b);

/**
 * Widths where the row's buttons take at most two lines: a 320 px and a 375 px window (the demo's
 * history is then 304 and 359 px wide), and those widths as the history's own.
 */
const PHONE_WIDTHS = [304, 320, 359, 375];

/** The lines a button's label takes: one box per line of its text. */
function linesOf(button: HTMLElement): number {
  const range = document.createRange();
  range.selectNodeContents(button);
  return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('<task-history> rows at every container width', () => {
  // Every shipped catalog: the buttons' column fits the longest label of each ("Erneut ausführen", words3 b).
  for (const lang of ['en', 'de']) it(`cut no status, age, provider, processor, id or button from 280 to 1600 px in ${lang}, nor scroll sideways; only the input ends in one ellipsis; the buttons take at most two lines at 304–375 px`, async () => {
    const store = freshStore();
    for (const run of RUNS) store.addRun(run);
    const box = await fixture<HTMLDivElement>(html`<div lang=${lang} style="width: 280px"><task-history store=${store.name} refresh-interval="0"></task-history></div>`);
    const el = box.querySelector('task-history') as TaskHistoryElement;
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('.item-actions button')!.textContent!.trim()).to.equal((lang === 'de' ? de : historyStrings)['history.rerun']);
    const problems: string[] = [];
    for (const width of WIDTHS) {
      box.style.width = `${width}px`;
      await frame();
      const options = [...root.querySelectorAll<HTMLElement>('[role="option"]')];
      expect(options.length).to.equal(RUNS.length);
      for (const option of options) {
        const row = option.getBoundingClientRect();
        const cells = [option.querySelector<HTMLElement>('[part~="item-status"]')!, ...option.querySelectorAll<HTMLElement>('[data-meta]')];
        for (const cell of cells) {
          const box = cell.getBoundingClientRect();
          const name = `${width} px: ${cell.dataset.meta ?? 'status'} "${cell.textContent!.trim()}" of ${option.dataset.id}`;
          if (cell.scrollWidth > cell.clientWidth) problems.push(`${name} is cut (${cell.scrollWidth} > ${cell.clientWidth})`);
          if (box.right > row.right + 0.5 || box.left < row.left - 0.5) problems.push(`${name} runs out of its row sideways`);
          if (box.bottom > row.bottom + 0.5 || box.top < row.top - 0.5) problems.push(`${name} runs out of its row's height`);
        }
        const id = option.querySelector<HTMLElement>('[data-meta="id"]')!;
        if (id.textContent!.trim() !== shortRunId(option.dataset.id!)) problems.push(`${width} px: the id of ${option.dataset.id} is shortened by another rule`);
        if (getComputedStyle(id).textOverflow === 'ellipsis') problems.push(`${width} px: the id of ${option.dataset.id} could be cut again`);
        const preview = option.querySelector<HTMLElement>('.preview')!;
        if (preview.getBoundingClientRect().bottom > row.bottom + 0.5) problems.push(`${width} px: the input of ${option.dataset.id} runs out of its row`);
      }
      for (const group of root.querySelectorAll<HTMLElement>('.item-actions')) {
        const column = group.getBoundingClientRect();
        for (const button of group.querySelectorAll<HTMLElement>('button')) {
          const box = button.getBoundingClientRect();
          const name = `${width} px: the button "${button.textContent!.trim()}"`;
          if (button.scrollWidth > button.clientWidth || button.scrollHeight > button.clientHeight) problems.push(`${name} is cut (${button.scrollWidth}×${button.scrollHeight} > ${button.clientWidth}×${button.clientHeight})`);
          if (box.right > column.right + 0.5 || box.left < column.left - 0.5) problems.push(`${name} runs out of its column sideways`);
          if (box.bottom > column.bottom + 0.5 || box.top < column.top - 0.5) problems.push(`${name} runs out of its row's height`);
          if (PHONE_WIDTHS.includes(width) && linesOf(button) > 2) problems.push(`${name} takes ${linesOf(button)} lines`);
        }
      }
      const sideways = root.querySelector<HTMLElement>('.rows')!;
      if (sideways.scrollWidth > sideways.clientWidth + 0.5 || el.scrollWidth > el.clientWidth + 0.5) problems.push(`${width} px: the history scrolls sideways`);
    }
    expect(problems, problems.slice(0, 12).join('\n')).to.deep.equal([]);
  });

  it('shortens the id once: a long id in the middle, with nothing cut at its end', () => {
    expect(shortRunId('trun_a42f0c9e7d3b4e1f8a6c5b2d2c2bdc79')).to.equal('trun_a42…2c2bdc79');
    expect(shortRunId('trun_01234567890abcdef')).to.equal('trun_012…90abcdef');
    expect(shortRunId('task-x-1764504001')).to.equal('task-x-1764504001');
    for (const run of RUNS) expect(shortRunId(run.id).length, run.id).to.be.at.most(17);
  });
});
