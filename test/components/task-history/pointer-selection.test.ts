/**
 * <task-history> picked with a real pointer (fresh14 c, problem 2): a click on a run in a list scrolled
 * inside its box opens that run the first time. Focusing the listbox on pointerdown must not move the
 * list under the pointer (it used to scroll back to the selected run, so pointerup and click landed
 * elsewhere and nothing opened); the active option becomes the run clicked.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse, resetMouse } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import type { TaskSelectEvent } from '../../../src/components/shared/events.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

/** `count` finished runs, newest first (run-0 is at the top of the list). */
const runs = (count: number): TaskRun[] => Array.from({ length: count }, (_, i) => ({
  id: `run-${i}`, provider: 'parallel', status: 'completed', processor: 'lite',
  createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + (count - i) * 60_000).toISOString(), input: `Question number ${i}`,
}));

const root = (el: TaskHistoryElement) => el.shadowRoot!;
const scroller = (el: TaskHistoryElement) => root(el).querySelector<HTMLElement>('.rows')!;
const listbox = (el: TaskHistoryElement) => root(el).querySelector<HTMLElement>('[role="listbox"]')!;
const option = (el: TaskHistoryElement, id: string) => root(el).querySelector<HTMLElement>(`[role="option"][data-id="${id}"]`);
const activeRun = (el: TaskHistoryElement) => {
  const id = listbox(el).getAttribute('aria-activedescendant');
  return id ? root(el).getElementById(id)?.getAttribute('data-id') : undefined;
};
const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
  step(n);
});

/** A history of `count` runs in a box about four rows high, with run-0 (the top one) on show. */
async function scrolledHistory(count: number, virtual: boolean) {
  const store = freshStore();
  for (const run of runs(count).reverse()) store.addRun(run);
  store.select('run-0');
  const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} refresh-interval="0"
    style="--task-history-max-height: 22rem"></task-history>`);
  await until(() => !!option(el, 'run-0'), 5000, 'the first rows');
  // The virtual list arrives as a chunk of its own (it sets the listbox's height when it lays out).
  if (virtual) await until(() => !!listbox(el).style.minHeight, 12_000, 'the virtual list');
  const box = scroller(el);
  expect(box.scrollHeight, 'the list scrolls inside its box').to.be.greaterThan(box.clientHeight * 2);
  // Scrolled as with a wheel, some rows down: run-0 (the selected, active run) is out of view.
  box.scrollTop = box.clientHeight * 1.5;
  await frames(3);
  return { el, store, box };
}

/** The run whose row is wholly in view nearest the bottom of the box. */
function runNearBottom(el: TaskHistoryElement, box: HTMLElement): HTMLElement {
  const view = box.getBoundingClientRect();
  const inView = [...root(el).querySelectorAll<HTMLElement>('[role="option"]')]
    .filter((o) => o.getBoundingClientRect().top >= view.top && o.getBoundingClientRect().bottom <= view.bottom);
  return inView.at(-1)!;
}

async function clickPreviewOf(row: HTMLElement) {
  const rect = row.querySelector('.preview')!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
}

describe('<task-history> picked with the pointer in a scrolled list', () => {
  afterEach(() => resetMouse());

  for (const [kind, count, virtual] of [['plain rows', 10, false], ['the virtual list', 60, true]] as const) {
    it(`${kind}: the first click on a run opens it, and the list stays where it was scrolled`, async () => {
      const { el, store, box } = await scrolledHistory(count, virtual);
      const scrolled = box.scrollTop;
      const row = runNearBottom(el, box);
      const id = row.getAttribute('data-id')!;
      expect(id).to.not.equal('run-0');
      const picked: string[] = [];
      el.addEventListener('task-select', (e) => picked.push((e as TaskSelectEvent).runId));

      await clickPreviewOf(row);
      await until(() => picked.length > 0, 3000, 'a task-select from the first click');

      expect(picked).to.deep.equal([id]);
      expect(store.selectedId).to.equal(id);
      expect(root(el).activeElement, 'the listbox has the focus').to.equal(listbox(el));
      await frames(3);
      expect(Math.abs(box.scrollTop - scrolled), 'the list did not move under the pointer').to.be.lessThan(2);
      await until(() => activeRun(el) === id, 3000, 'the run clicked is the active option');
    });
  }

  it('a click on an unfocused list makes the run clicked the active one: the keyboard goes on from there', async () => {
    const { el, box } = await scrolledHistory(10, false);
    const row = runNearBottom(el, box);
    const index = Number(row.getAttribute('data-index'));
    await clickPreviewOf(row);
    await until(() => activeRun(el) === row.getAttribute('data-id'), 3000, 'the clicked run active');
    listbox(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true, cancelable: true }));
    await until(() => activeRun(el) === `run-${index - 1}`, 3000, 'ArrowUp moves from the run clicked');
  });
});
