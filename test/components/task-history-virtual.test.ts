/**
 * <task-history> at scale (issue 17): thousands of runs render only the rows near the view, with the
 * listbox semantics, keyboard model and screen-reader positions of a short list.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskHistoryElement } from '../../src/components/task-history/task-history.js';
import type { TaskSelectEvent } from '../../src/components/shared/events.js';
import type { TaskRun } from '../../src/core/providers/task-event.js';
import { createTaskStore } from '../../src/core/store/task-store.js';
import { registerTaskStore } from '../../src/core/store/registry.js';
import { createMemoryStorage } from '../../src/core/store/memory-storage.js';
import { createMemoryEventLog } from '../../src/core/store/event-log.js';
import { bestOfAttempts } from '../support/long-tasks.js';
import { until } from '../support/scripted-stream.js';

const STATUSES = ['completed', 'failed', 'cancelled', 'running'] as const;
const TOPICS = ['apples', 'bananas', 'cherries', 'dates', 'elderberries'];

/** `count` runs, newest first: run-0 is the newest; its input starts with a fruit and a number. */
function manyRuns(count: number): TaskRun[] {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    id: `run-${i}`, provider: 'parallel', processor: 'core', status: STATUSES[i % STATUSES.length]!,
    createdAt: new Date(start + (count - i) * 60_000).toISOString(), input: `${TOPICS[i % TOPICS.length]} question ${i}`,
  }));
}

let stores = 0;

/** A store that finds `count` runs stored (in memory, in the run index's stored format). */
async function historyOf(count: number) {
  const name = `virtual-${Date.now().toString(36)}-${++stores}`;
  const index = createMemoryStorage();
  index.setItem(`task-elements:${name}`, JSON.stringify({ v: 1, runs: manyRuns(count) }));
  const store = createTaskStore({ name, persistence: { index, log: createMemoryEventLog() } });
  registerTaskStore(store);
  await until(() => store.getRuns().length === count, 12_000, 'every stored run loaded');
  const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} refresh-interval="0"></task-history>`);
  // The virtual list arrives as a chunk of its own; until then the first rows are shown.
  await until(() => optionCount(el) > 0 && !!listbox(el)?.style.minHeight, 12_000, 'the virtual list');
  return { el, store };
}

const root = (el: TaskHistoryElement) => el.shadowRoot!;
const optionCount = (el: TaskHistoryElement) => root(el).querySelectorAll('[role="option"]').length;
const listbox = (el: TaskHistoryElement) => root(el).querySelector<HTMLElement>('[role="listbox"]')!;
const activeOption = (el: TaskHistoryElement) => {
  const id = listbox(el).getAttribute('aria-activedescendant');
  return id ? root(el).getElementById(id) : null;
};
const activeRun = (el: TaskHistoryElement) => activeOption(el)?.getAttribute('data-id');
const press = (key: string, target: Element) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));

function countElements(node: ParentNode): number {
  let n = 0;
  for (const child of node.children) n += 1 + countElements(child);
  return n;
}

/** Long main-thread tasks (ms) while `action` runs, and a little after. */
async function longTasksDuring(action: () => Promise<void>): Promise<number[]> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  await action();
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  return tasks;
}

describe('<task-history> with thousands of runs', () => {
  // Chromium reports "ResizeObserver loop completed with undelivered notifications" when the
  // virtualizer's size observers see a size change it made in the same frame (they get it at the next
  // one): a report, not a failure (w3c/csswg-drafts#5488). Any other error still fails the test.
  let onerror: OnErrorEventHandler;
  before(() => {
    onerror = window.onerror;
    window.onerror = (message, ...rest) => String(message).includes('ResizeObserver loop') || onerror?.call(window, message, ...rest);
  });
  after(() => {
    window.onerror = onerror;
  });

  it('renders fewer than 500 elements for 10,000 runs, and says how many there are', async () => {
    const { el } = await historyOf(10_000);
    expect(countElements(root(el)), 'elements in the shadow tree').to.be.below(500);
    expect(optionCount(el)).to.be.above(3).and.below(60);
    expect(root(el).querySelector('.count')!.textContent).to.contain('10,000 runs');
  });

  it('gives every rendered option its position and the set size', async () => {
    const { el } = await historyOf(2_000);
    const options = [...root(el).querySelectorAll('[role="option"]')];
    expect(options[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(options.every((o) => o.getAttribute('aria-setsize') === '2000')).to.equal(true);
    expect(options.map((o) => Number(o.getAttribute('aria-posinset')))).to.deep.equal(options.map((_, i) => i + 1));
  });

  it('moves with End, Home, PageDown and PageUp to rows that were not rendered, and keeps the focus on the listbox', async () => {
    const { el } = await historyOf(5_000);
    const box = listbox(el);
    box.focus();
    await until(() => activeRun(el) === 'run-0');
    press('End', box);
    await until(() => activeRun(el) === 'run-4999', 3000, 'End reaches the last run');
    expect(activeOption(el)!.getAttribute('aria-posinset')).to.equal('5000');
    expect(root(el).activeElement).to.equal(box);
    const scroller = root(el).querySelector<HTMLElement>('.rows')!;
    const shown = activeOption(el)!.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    expect(shown.top >= view.top - 1 && shown.bottom <= view.bottom + 1, 'the active row is scrolled into view').to.equal(true);
    press('Home', box);
    await until(() => activeRun(el) === 'run-0', 3000, 'Home');
    press('PageDown', box);
    await until(() => activeRun(el) !== 'run-0', 3000, 'PageDown');
    const page = Number(activeOption(el)!.getAttribute('aria-posinset')) - 1;
    expect(page, 'a page is the rows that fit, less one').to.be.above(1);
    press('PageDown', box);
    await until(() => activeRun(el) === `run-${2 * page}`, 3000, 'a second PageDown');
    press('PageUp', box);
    await until(() => activeRun(el) === `run-${page}`, 3000, 'PageUp');
    press('ArrowDown', box);
    await until(() => activeRun(el) === `run-${page + 1}`);
    const picked = oneEvent(el, 'task-select') as Promise<TaskSelectEvent>;
    press(' ', box);
    expect((await picked).runId).to.equal(`run-${page + 1}`);
  });

  it('moves to the next run whose input starts with what is typed (type-ahead)', async () => {
    const { el } = await historyOf(1_000);
    const box = listbox(el);
    box.focus();
    await until(() => activeRun(el) === 'run-0');
    press('c', box);
    await until(() => activeRun(el) === 'run-2', 2000, '"c" → cherries question 2');
    press('c', box);
    await until(() => activeRun(el) === 'run-7', 2000, '"c" again → the next cherries');
    await new Promise((r) => setTimeout(r, 600)); // a pause starts a new search
    press('d', box);
    press('a', box);
    await until(() => activeRun(el) === 'run-8', 2000, '"da" → dates question 8');
    press('x', box);
    await new Promise((r) => setTimeout(r, 50));
    expect(activeRun(el), 'nothing starts with "dax": the active run stays').to.equal('run-8');
  });

  it('filters 10,000 runs by text and status without a long task, typing first and filtering after a pause', async function () {
    // Up to three fresh 10,000-run histories, each loaded and virtualized: more than the default
    // 15 s on a loaded 2-core machine (a landing failed there on the virtual list's 5 s wait).
    this.timeout(60_000);
    // Best of up to three fresh histories: a spike from elsewhere on the shared machine is not the filter's.
    const tasks = await bestOfAttempts(async () => {
      const { el } = await historyOf(10_000);
      const search = root(el).querySelector<HTMLInputElement>('[part="search"]')!;
      const count = () => root(el).querySelector('.count')!.textContent!.trim();
      const typing = await longTasksDuring(async () => {
        for (const text of ['q', 'qu', 'que', 'ques', 'question 99']) {
          search.value = text;
          search.dispatchEvent(new Event('input'));
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(count(), 'nothing is filtered while typing').to.equal('10,000 runs');
        await until(() => count() !== '10,000 runs', 2000, 'the filter after a pause');
      });
      // "question 99", "question 990"…"question 999", "question 9900"…"question 9999": 1 + 10 + 100.
      expect(count()).to.equal('111 of 10,000 runs');
      const select = root(el).querySelector<HTMLSelectElement>('[part="status-filter"]')!;
      const status = await longTasksDuring(async () => {
        select.value = 'failed';
        select.dispatchEvent(new Event('change'));
        await el.updateComplete;
      });
      expect(count()).to.match(/ of 10,000 runs$/);
      return [...typing, ...status];
    });
    expect(tasks.filter((d) => d > 50), 'tasks over 50 ms').to.deep.equal([]);
  });

  it('is accessible as a virtual list with an active option', async () => {
    const { el, store } = await historyOf(500);
    store.select('run-3');
    listbox(el).focus();
    await until(() => activeRun(el) === 'run-3');
    await expect(el).to.be.accessible();
  });
});
