/**
 * A `<task-history>` row is tinted as one (freshF §3: at 768 px the hover tint covered the run's text
 * but not its button column). The row is two elements in two columns, the option and its buttons:
 * the pointer over either half tints both, the selected row's tint covers both, and the tint goes
 * when the pointer leaves.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const runs: TaskRun[] = ['a', 'b', 'c'].map((id, i) => ({
  id: `run-${id}`, provider: 'parallel', status: 'completed', processor: 'lite',
  createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString(), input: `Question ${id}`,
}));

const PLAIN = 'rgba(0, 0, 0, 0)';

async function history(width: number) {
  const store = freshStore();
  for (const run of runs) store.addRun(run);
  store.select('run-c');
  const box = await fixture<HTMLDivElement>(html`<div style=${`width: ${width}px`}><task-history store=${store.name} refresh-interval="0"></task-history></div>`);
  const el = box.querySelector('task-history') as TaskHistoryElement;
  await el.updateComplete;
  const root = el.shadowRoot!;
  const halves = (id: string) => [root.querySelector<HTMLElement>(`.item[data-id="${id}"]`)!, root.querySelector<HTMLElement>(`.item-actions[data-id="${id}"]`)!];
  const tints = (id: string) => halves(id).map((half) => getComputedStyle(half).backgroundColor);
  return { el, halves, tints };
}

async function pointAt(element: HTMLElement, where: 'middle' | 'bottom-edge') {
  const box = element.getBoundingClientRect();
  const y = where === 'middle' ? box.top + box.height / 2 : box.bottom - 3;
  await sendMouse({ type: 'move', position: [Math.round(box.left + box.width / 2), Math.round(y)] });
}

describe('<task-history> row tint', () => {
  afterEach(() => resetMouse());

  for (const width of [768, 360]) {
    it(`covers the whole row, both columns, under the pointer and when selected (${width} px)`, async () => {
      const { halves, tints } = await history(width);
      const [selectedText, selectedButtons] = tints('run-c');
      expect(selectedText, 'the selected row is tinted').to.not.equal(PLAIN);
      expect(selectedButtons, 'the selected row\'s buttons share its tint').to.equal(selectedText);
      expect(tints('run-a'), 'no tint before the pointer comes').to.deep.equal([PLAIN, PLAIN]);

      const [option, buttons] = halves('run-a');
      await pointAt(option, 'middle');
      await until(() => tints('run-a')[1] !== PLAIN, 2000, 'the button column tinted with the text');
      const [text, column] = tints('run-a');
      expect(text, 'the run\'s text is tinted').to.not.equal(PLAIN);
      expect(column, 'the button column has the same tint').to.equal(text);
      expect(tints('run-b'), 'the other rows are not').to.deep.equal([PLAIN, PLAIN]);

      await pointAt(buttons, 'bottom-edge');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(tints('run-a'), 'the row stays tinted with the pointer on its button column').to.deep.equal([text, text]);
      await pointAt(halves('run-b')[1], 'bottom-edge');
      await until(() => tints('run-b')[0] !== PLAIN, 2000, 'the text tinted with the button column under the pointer');
      expect(tints('run-b')[1]).to.equal(tints('run-b')[0]);
      expect(tints('run-a'), 'the row the pointer left is not tinted').to.deep.equal([PLAIN, PLAIN]);

      await sendMouse({ type: 'move', position: [1, 1] });
      await until(() => tints('run-b')[0] === PLAIN && tints('run-b')[1] === PLAIN, 2000, 'no tint once the pointer left');
      expect(tints('run-c'), 'the selected row keeps its tint').to.deep.equal([selectedText, selectedButtons]);
    });
  }
});
