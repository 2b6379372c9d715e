import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskOutput, TaskRun } from '../../../src/core/providers/task-event.js';
import { MAX_MARKDOWN_CHARS } from '../../../src/components/shared/markdown-limits.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';
import { bestOfAttempts, longTasksOnce } from '../../support/long-tasks.js';

/** Long main-thread tasks (ms) while `work` runs: the best of up to three attempts (test/support/long-tasks.ts). */
async function longTasksDuring(work: (attempt: string) => Promise<void>): Promise<number[]> {
  await showOutput('warm-up'); // the element's own first render is not the output's cost
  return bestOfAttempts((attempt) => longTasksOnce(() => work(`\n\n(attempt ${attempt})`), 200)); // new text: nothing cached
}

async function showOutput(content: unknown) {
  const store = freshStore();
  const id = `trun_md_${Math.random().toString(36).slice(2)}`;
  const run: TaskRun = {
    id, provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z',
    output: { type: 'text', content, basis: [] } as TaskOutput,
  };
  store.addRun(run);
  store.select(id);
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name}></task-stream>`);
  await until(() => !!el.shadowRoot!.querySelector('[part="output"]'));
  return el;
}

const body = (el: TaskStreamElement) => el.shadowRoot!.querySelector('[part="output"] .output-body')!;
const status = (el: TaskStreamElement) => el.shadowRoot!.querySelector('[part~="status"]')!.getAttribute('data-status');

const nestedList = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i * 2)}- level ${i} ${'x'.repeat(590)}`).join('\n');
const normalMarkdown = (chars: number) =>
  Array.from({ length: Math.ceil(chars / 120) }, (_, i) => `## Part ${i}\n\nSome *text* with **bold** and [a link](https://example.org/${i}).\n\n- one\n- two\n`).join('\n').slice(0, chars);

describe('markdown output, bounded', () => {
  it("shows '>'.repeat(5000) + ' x' as plain text with a note, without a long task, and the run stays completed", async () => {
    const text = '>'.repeat(5000) + ' x';
    let el!: TaskStreamElement;
    const long = await longTasksDuring(async (attempt) => {
      el = await showOutput(text + attempt);
    });
    expect(body(el).querySelector('[part="markdown-note"]')!.textContent).to.contain('nested too deeply');
    expect(body(el).textContent).to.contain('>>>>> x'.slice(-4));
    expect(status(el)).to.equal('completed');
    expect(long.filter((ms) => ms > 50), 'tasks over 50 ms').to.deep.equal([]);
  });

  it('shows 600 nested list levels (730 KB) as plain text without blocking the page', async () => {
    const text = nestedList(600);
    expect(text.length).to.be.greaterThan(700_000);
    let el!: TaskStreamElement;
    const long = await longTasksDuring(async (attempt) => {
      el = await showOutput(text + attempt);
    });
    expect(body(el).querySelector('[part="markdown-note"]')!.textContent).to.contain('plain text');
    expect(status(el)).to.equal('completed');
    expect(long.filter((ms) => ms > 50), 'tasks over 50 ms').to.deep.equal([]);
  });

  it('shows 40 nested list levels in a short text as plain text (the nesting limit, not the size)', async () => {
    const el = await showOutput(Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 2)}- level ${i}`).join('\n'));
    expect(body(el).querySelector('[part="markdown-note"]')!.textContent).to.contain('nested too deeply');
  });

  for (const [name, text] of [
    ['a paragraph of 2,000 emphasis delimiters', '_a'.repeat(2_000)],
    ['the quadratic case at the size limit', '_a'.repeat(MAX_MARKDOWN_CHARS / 2)],
    ['1 MB of plain text', 'All quiet here.\n'.repeat(65_536)],
    ['1 MB of brackets', '['.repeat(1_000_000)],
    ['ordinary markdown just under the size limit', normalMarkdown(MAX_MARKDOWN_CHARS - 10)],
    ['a 1 MB table', '|a|b|\n|-|-|\n' + '|x|y|\n'.repeat(170_000)],
  ] as const) {
    it(`renders ${name} with no main-thread task over 50 ms`, async () => {
      let el!: TaskStreamElement;
      const long = await longTasksDuring(async (attempt) => {
        el = await showOutput(text + attempt);
        await until(() => body(el).querySelector('[data-plain="pending"]') === null, 10_000, 'formatting in slices');
      });
      expect(status(el)).to.equal('completed');
      expect(long.filter((ms) => ms > 50), 'tasks over 50 ms').to.deep.equal([]);
    });
  }

  it('formats ordinary markdown over the one-task size in slices, ending with the same elements', async () => {
    const el = await showOutput(normalMarkdown(60_000));
    await until(() => body(el).querySelector('[data-plain="pending"]') === null, 10_000, 'formatting in slices');
    expect(body(el).querySelector('[part="markdown-note"]')).to.equal(null);
    expect(body(el).querySelectorAll('h3').length).to.be.greaterThan(400);
    expect(body(el).querySelector('a')!.getAttribute('href')).to.equal('https://example.org/0');
  });

  it('a text output whose content is not text shows what there is, and the run stays completed', async () => {
    const el = await showOutput(42);
    expect(body(el).textContent).to.contain('42');
    expect(status(el)).to.equal('completed');
  });
});
