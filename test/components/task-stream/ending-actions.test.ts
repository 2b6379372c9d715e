/**
 * How a run that did not succeed ended, and the ways forward (fresh2, Shannon fails): the advice
 * names only what the run's provider has (Shannon has no processor), and "Edit & run again" sits
 * with "Try again", not under the partial text.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const parts = (el: HTMLElement, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

async function show(run: TaskRun, events: TaskEvent[] = []) {
  const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
  const store = freshStore();
  store.addRun(run, events);
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${run.id} provider=${run.provider} proxy-url=${url} auth-mode="api-key"></task-stream>`);
  await el.updateComplete;
  return el;
}

const failed = (provider: TaskRun['provider']): TaskRun => ({
  id: provider === 'shannon' ? 'task-failed-2' : 'trun_failed_2', provider, status: 'failed', createdAt: new Date(Date.now() - 60_000).toISOString(),
  ...(provider === 'shannon' ? { mode: 'standard', request: { query: 'Compare Zürich and Geneva' } } : { processor: 'core', request: { input: 'Acme', processor: 'core' } }),
  input: 'Compare Zürich and Geneva', error: { message: 'The run could not finish.' },
});

describe('<task-stream> ending of a run that did not succeed', () => {
  it('advises a failed Shannon run without a processor (it has none), and a failed Parallel run with one', async () => {
    const shannon = (await show(failed('shannon'))).shadowRoot!.querySelector('[part~="ending"]')!.textContent!;
    expect(shannon).to.contain('Try again');
    expect(shannon).to.not.contain('processor');
    expect(shannon).to.contain('mode');
    const parallel = (await show(failed('parallel'))).shadowRoot!.querySelector('[part~="ending"]')!.textContent!;
    expect(parallel).to.contain('another processor');
    expect(parallel).to.not.contain('mode');
  });

  it('keeps “Edit & run again” beside “Try again”, above the partial text of a failed Shannon run', async () => {
    const el = await show(failed('shannon'), [{ kind: 'text-delta', id: 'd1', source: 'LLM_PARTIAL', agent: 'Kanda', text: 'Zürich was founded', seq: 3 }]);
    await until(() => parts(el, 'live-text').length > 0, 3000, 'the partial text');
    const retry = parts(el, 'retry')[0]!;
    const edit = parts(el, 'edit-rerun');
    expect(edit, 'one "Edit & run again"').to.have.length(1);
    expect(edit[0]!.parentElement, 'in the same group as "Try again"').to.equal(retry.parentElement);
    expect(retry.nextElementSibling, 'right after it').to.equal(edit[0]);
    expect(retry.closest('[part~="ending"]'), 'in the ending').to.not.equal(null);
    const partial = parts(el, 'live-text')[0]!;
    expect(edit[0]!.compareDocumentPosition(partial) & Node.DOCUMENT_POSITION_FOLLOWING, 'the partial text after the actions').to.not.equal(0);
    expect(parts(el, 'run-again'), 'no second way to run it again').to.have.length(0);
  });
});
