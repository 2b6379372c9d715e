/**
 * Right-to-left pages (issue 15 §2): with `dir="rtl"` the elements mirror through logical CSS
 * properties — start is on the right — and no control is clipped. e2e/rtl-shot.ts takes the
 * screenshots a person looks at; these tests hold the layout.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import type { TaskFormElement } from '../../src/components/task-form/task-form.js';
import type { TaskHistoryElement } from '../../src/components/task-history/task-history.js';
import type { TaskEvent, TaskRun } from '../../src/core/providers/task-event.js';
import { freshStore } from '../support/stores.js';

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const RUN: TaskRun = {
  id: 'trun_rtl', provider: 'parallel', status: 'failed', createdAt: ago(120_000), processor: 'core', input: 'ما هي أكبر شركة في سويسرا؟',
  request: { input: 'ما هي أكبر شركة في سويسرا؟', processor: 'core' }, error: { message: 'خطأ' },
  output: { type: 'json', content: { الشركة: 'نستله', الشركات: [{ الاسم: 'أ' }] }, basis: [{ field: 'الشركة', confidence: 'high', citations: [] }] },
};
const EVENTS = [
  { kind: 'message', id: 'm1', source: 'x', category: 'plan', text: 'خطة', timestamp: ago(60_000) },
] as TaskEvent[];

/** Controls whose content does not fit their box (clipped text or overflowing inputs). */
function clipped(root: ShadowRoot): string[] {
  return [...root.querySelectorAll<HTMLElement>('button, select, input, [part~="status"], .badge')]
    .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
    .map((el) => `${el.localName}.${el.className}: ${el.textContent?.trim()}`);
}

/** Elements that stick out of the host on either side. */
function outside(host: HTMLElement): string[] {
  const box = host.getBoundingClientRect();
  return [...host.shadowRoot!.querySelectorAll<HTMLElement>('button, select, input, textarea, h2, p')]
    .filter((el) => el.offsetParent !== null)
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1;
    })
    .map((el) => `${el.localName}: ${el.textContent?.trim().slice(0, 40)}`);
}

async function page(width: number) {
  const store = freshStore();
  store.addRun(RUN, EVENTS);
  store.select(RUN.id);
  const wrapper = await fixture<HTMLElement>(html`<div lang="ar" dir="rtl" style="width: ${width}px">
    <task-form store=${store.name}></task-form>
    <task-stream store=${store.name} run-id=${RUN.id}></task-stream>
    <task-history store=${store.name} refresh-interval="0"></task-history></div>`);
  const form = wrapper.querySelector<TaskFormElement>('task-form')!;
  const stream = wrapper.querySelector<TaskStreamElement>('task-stream')!;
  const history = wrapper.querySelector<TaskHistoryElement>('task-history')!;
  await Promise.all([form.updateComplete, stream.updateComplete, history.updateComplete]);
  return { form, stream, history };
}

describe('right-to-left layout (dir="rtl")', () => {
  for (const width of [1000, 375]) {
    it(`mirrors through logical properties and clips no control, at ${width} px`, async () => {
      const { form, stream, history } = await page(width);
      for (const el of [form, stream, history]) {
        expect(getComputedStyle(el).direction, el.localName).to.equal('rtl');
        expect(clipped(el.shadowRoot!), `${el.localName}: clipped controls`).to.deep.equal([]);
        expect(outside(el), `${el.localName}: outside the element`).to.deep.equal([]);
      }
      const s = stream.shadowRoot!;
      const ending = s.querySelector<HTMLElement>('[part~="ending"]')!;
      expect(getComputedStyle(ending).borderRightWidth, 'the ending’s accent on the start side: the right').to.equal('4px');
      expect(getComputedStyle(ending).borderLeftWidth).to.equal('1px');
      (s.querySelector('[part~="log"] .link-button') as HTMLButtonElement | null)?.click();
      await stream.updateComplete;
      const row = s.querySelector<HTMLElement>('[part~="event"]')!;
      const label = row.querySelector('.event-label')!.getBoundingClientRect();
      const time = row.querySelector('.event-time')!.getBoundingClientRect();
      expect(time.left, 'the time at the end of the row: the left').to.be.below(label.left);
      const title = s.querySelector('[part~="title"]')!.getBoundingClientRect();
      const badge = s.querySelector('[part~="status"]')!.getBoundingClientRect();
      expect(badge.right, 'the status badge after the title, to its left').to.be.at.most(title.left + 1);
      const item = history.shadowRoot!.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')!;
      expect(getComputedStyle(item).boxShadow, 'the selected run’s accent on the right').to.match(/-3px 0px 0px/);
      const id = history.shadowRoot!.querySelector<HTMLElement>('.run-id')!;
      expect(getComputedStyle(id).direction, 'ids read left to right').to.equal('ltr');
      expect(getComputedStyle(id).textAlign, 'aligned to the start of the page: the right').to.equal('right');
      // The input format's two choices, side by side in one row: the second is left of the first.
      const choices = [...form.shadowRoot!.querySelectorAll('input[name="inputMode"]')].map((input) => input.closest('.choice')!.getBoundingClientRect());
      expect(choices, 'the input format choices').to.have.length(2);
      expect(choices[1]!.right, 'the second choice left of the first').to.be.below(choices[0]!.left);
    });
  }
});
