/**
 * What the run is, and when (issue 13 §1, §2, §5): the heading, the question, the id, the times on
 * the shared clock, and what the run costs.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { clock } from '../../../src/components/shared/clock.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const SHANNON_ID = 'task-00000000-0000-0000-0000-000000000002-1761545271';
const QUESTION = 'Compare the cost of living in Zürich and Geneva for a family of four, including rent, childcare, health insurance and taxes, and say which city is cheaper overall.';

function parts(el: HTMLElement, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

/** A stream element showing `run` (with `events`) on a script that keeps the connection open. */
async function show(run: TaskRun, events: TaskEvent[] = [], width = 1440) {
  const script = await scriptStream([{ when: '/', events: [], end: 'hang' }]);
  const store = freshStore();
  store.addRun(run, events);
  const el = await fixture<TaskStreamElement>(html`<task-stream style="width: ${width}px" store=${store.name} run-id=${run.id} provider=${run.provider} proxy-url=${script.url}></task-stream>`);
  await el.updateComplete;
  return { el, store };
}

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

describe('<task-stream> header: what the run is', () => {
  afterEach(() => clock.resetSkew());

  it('is headed by the start of the input when the API gave no title; the whole input is one click away', async () => {
    const { el } = await show({ id: 'trun_q1', provider: 'parallel', status: 'running', createdAt: ago(2000), processor: 'core', input: QUESTION });
    const title = parts(el, 'title')[0]!;
    expect(title.tagName).to.equal('H2');
    expect(title.textContent).to.match(/^Compare the cost of living in Zürich and Geneva/).and.match(/…$/);
    const input = parts(el, 'input')[0] as HTMLDetailsElement;
    expect(input.open, 'collapsed').to.equal(false);
    expect(input.querySelector('.input-text')!.textContent).to.equal(QUESTION);
    expect(title.textContent, 'the id is not the heading').to.not.contain('trun_q1');
    el.stop();
  });

  it('is headed by Shannon’s generated title, streamed or final, with the question one click away', async () => {
    const { el, store } = await show({ id: SHANNON_ID, provider: 'shannon', status: 'running', createdAt: ago(2000), input: QUESTION }, [
      { kind: 'title', id: 't1', source: 'thread.message.delta', text: 'Zürich vs ', partial: true },
    ]);
    expect(parts(el, 'title')[0]!.textContent).to.equal('Zürich vs');
    store.updateRun(SHANNON_ID, { title: 'Zürich vs Geneva Living' });
    await el.updateComplete;
    expect(parts(el, 'title')[0]!.textContent).to.equal('Zürich vs Geneva Living');
    expect(parts(el, 'input')[0]!.textContent).to.contain(QUESTION);
    el.stop();
  });

  it('keeps a long Shannon id on one line beside its Copy button at 375 px, and says “Run id copied.” next to that button', async () => {
    const { el } = await show({ id: SHANNON_ID, provider: 'shannon', status: 'running', createdAt: ago(2000), input: 'Short question' }, [], 375);
    const id = parts(el, 'run-id')[0]!;
    const copy = id.parentElement!.querySelector('button')!;
    expect(id.textContent).to.equal(SHANNON_ID);
    expect(getComputedStyle(id).whiteSpace).to.equal('nowrap');
    const idBox = id.getBoundingClientRect();
    const copyBox = copy.getBoundingClientRect();
    expect(Math.abs(idBox.top - copyBox.top), 'the button stays on the id’s line').to.be.below(8);
    expect(el.scrollWidth, 'nothing overflows the element').to.be.at.most(el.clientWidth + 1);
    expect(copy.getAttribute('aria-label')).to.equal('Copy run id');
    copy.click();
    await until(() => parts(el, 'feedback').length === 1);
    const feedback = parts(el, 'feedback')[0]!;
    expect(feedback.parentElement, 'the notice sits next to its button').to.equal(copy.parentElement);
    expect(feedback.textContent).to.match(/Run id copied\.|Could not copy the run id/);
    el.stop();
  });
});

describe('<task-stream> times on the shared clock', () => {
  afterEach(() => clock.resetSkew());

  it('never says “in” for a past time: a server clock 18 s ahead reads “just now”, and elapsed time counts from the server’s now', async () => {
    const created = new Date(Date.now() + 18_000).toISOString();
    const { el } = await show({ id: 'trun_skew', provider: 'parallel', status: 'running', createdAt: created, processor: 'lite' });
    const header = parts(el, 'header')[0]!.textContent!;
    expect(header).to.contain('created just now').and.not.match(/\bin \d/);
    expect(clock.skew('parallel')).to.be.within(17_000, 18_500);
    expect(parts(el, 'elapsed')[0]!.textContent).to.match(/elapsed 0:0[0-2]/);
    el.stop();
  });

  it('ticks once a second from one shared timer: two views of one run show the same age and elapsed time', async () => {
    const run: TaskRun = { id: 'trun_two', provider: 'parallel', status: 'running', createdAt: ago(65_000), processor: 'lite' };
    const { el, store } = await show(run);
    const other = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${run.id}></task-stream>`);
    const before = parts(el, 'elapsed')[0]!.textContent;
    await new Promise((r) => setTimeout(r, 2100));
    await el.updateComplete;
    await other.updateComplete;
    expect(parts(el, 'elapsed')[0]!.textContent, 'the clock moved').to.not.equal(before);
    expect(parts(other, 'elapsed')[0]!.textContent).to.equal(parts(el, 'elapsed')[0]!.textContent);
    expect(parts(other, 'header')[0]!.querySelector('time')!.textContent).to.equal(parts(el, 'header')[0]!.querySelector('time')!.textContent);
    el.stop();
  });

  it('gives a run the same age in the stream and the history, a server ahead of us included', async () => {
    const created = new Date(Date.now() + 12_000).toISOString();
    const { el, store } = await show({ id: 'trun_hist', provider: 'parallel', status: 'running', createdAt: created, processor: 'lite' });
    const history = await fixture<HTMLElement>(html`<task-history store=${store.name} refresh-interval="0"></task-history>`);
    const age = (root: HTMLElement) => root.shadowRoot!.querySelector('time')!.textContent!.replace(/^created /, '');
    expect(age(history)).to.equal('just now');
    expect(age(el)).to.equal('just now');
    await new Promise((r) => setTimeout(r, 1100));
    await el.updateComplete;
    expect(age(history)).to.equal(age(el));
    el.stop();
  });

  it('counts down to the session’s real retry deadline, not a stale clock', async () => {
    const script = await scriptStream([{ when: '/', status: 503, chunks: ['down'] }]);
    const store = freshStore({ connection: { retry: { initialDelayMs: 3000, maxDelayMs: 3000, minDelayMs: 3000 }, statusPollMs: 0 } });
    store.addRun({ id: 'trun_retry', provider: 'parallel', status: 'running', createdAt: ago(1000), processor: 'lite' });
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id="trun_retry" proxy-url=${script.url}></task-stream>`);
    await until(() => store.getConnection('trun_retry')?.nextRetryAt !== undefined, 5000, 'a retry wait');
    await el.updateComplete;
    const deadline = store.getConnection('trun_retry')!.nextRetryAt!;
    const shown = Number(/in (\d+) s/.exec(parts(el, 'connection')[0]!.textContent!)![1]);
    expect(shown).to.equal(Math.ceil((deadline - Date.now()) / 1000));
    expect(shown).to.be.at.most(3);
    el.stop();
  });
});

describe('<task-stream> what a run costs', () => {
  it('shows a Parallel processor’s price per run once, in the header, not again under the result', async () => {
    const { el } = await show({
      id: 'trun_price', provider: 'parallel', status: 'completed', createdAt: ago(60_000), updatedAt: ago(1000), processor: 'core',
      output: { type: 'text', content: 'Done.', basis: [] },
    });
    expect(parts(el, 'header')[0]!.querySelector('[part~="price"]')!.textContent).to.equal('$0.025 per run');
    expect(el.shadowRoot!.querySelectorAll('[part~="price"]')).to.have.length(1);
    expect(parts(el, 'output')[0]!.textContent).not.to.contain('per run');
  });

  it('sums Shannon’s per-call usage into one total under the header (not again under the result), and names the model tier', async () => {
    const call = (i: number, cost: number): TaskEvent => ({
      kind: 'text', id: `c${i}`, source: 'thread.message.completed', agent: `agent-${i}`, text: `Part ${i}`,
      usage: { totalTokens: 1000, inputTokens: 800, outputTokens: 200, costUsd: cost, model: 'gpt-5-mini' },
    });
    const { el } = await show({
      id: SHANNON_ID, provider: 'shannon', status: 'completed', createdAt: ago(60_000), updatedAt: ago(1000), mode: 'standard',
      request: { query: 'q', mode: 'standard', model_tier: 'large' }, input: 'q',
      output: { type: 'text', content: 'The answer.', basis: [] },
    }, [call(1, 0.0125), call(2, 0.0129), call(3, 0.0113), call(4, 0.0150)]);
    const totals = parts(el, 'usage-total').map((p) => p.textContent!);
    expect(totals).to.have.length(1);
    expect(parts(el, 'header')[0]!.nextElementSibling!.textContent).to.contain('4,000 tokens').and.contain('$0.052');
    expect(parts(el, 'output')[0]!.textContent).not.to.contain('tokens').and.not.to.contain('$0.052');
    expect(parts(el, 'processor')[0]!.textContent).to.equal('standard mode · large tier');
  });
});
