/**
 * A run that waits for a person says so once and looks like it waits: the advice of an
 * action_required run is the header's notice, not repeated by its log row (fresh2: the sentence
 * twice); a paused run keeps the progress it had, in the waiting colour, and its open stream reads
 * "Connected" with a still dot, not "Live" (fresh2: the bar dropped from 20 % to empty beside a
 * "Live" dot).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const parts = (el: HTMLElement, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const occurrences = (text: string, piece: string) => text.split(piece).length - 1;

describe('<task-stream> runs that wait for a person', () => {
  it('says what to do about an action_required run once: in the header, not again in the log', async () => {
    const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
    const store = freshStore();
    const at = (s: number) => new Date(Date.now() - 30_000 + s * 1000).toISOString();
    // As the Parallel mapper gives it (map-parallel-event.ts): the status event carries the advice.
    const advice = 'Parallel is waiting for someone to act on this run before it continues.';
    store.addRun({ id: 'trun_act', provider: 'parallel', status: 'running', createdAt: at(0), processor: 'core', input: 'Q' },
      [{ kind: 'message', id: 'm1', source: 'task_run.progress_msg.plan', category: 'plan', text: 'Planning', timestamp: at(1) }]);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id="trun_act" provider="parallel" proxy-url=${url} auth-mode="api-key"></task-stream>`);
    store.applyEvents('trun_act', [{ kind: 'status', id: 'status:action_required', source: 'task_run.state', status: 'action_required', apiStatus: 'action_required',
      message: `${advice} Check the run in the Parallel platform, then press Check again to follow it.` }]);
    await until(() => parts(el, 'event').some((row) => row.dataset.type === 'status'), 5000, 'the status row');
    expect(parts(el, 'notice')[0]!.textContent).to.contain(advice);
    const statusRow = parts(el, 'event').find((row) => row.dataset.type === 'status')!;
    expect(statusRow.querySelector('.badge')!.getAttribute('data-status'), 'the row names the status').to.equal('action_required');
    expect(statusRow.textContent, 'and says nothing more').to.not.contain(advice);
    expect(occurrences(el.shadowRoot!.textContent!, advice), 'the advice once on the page').to.equal(1);
    el.stop();
  });

  it('keeps a paused Shannon run’s progress in the waiting colour, and calls its open stream “Connected” with a still dot', async () => {
    const WF = 'task-00000000-0000-0000-0000-00000000beef-1761545271';
    const started = JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_STARTED', agent_id: 'orchestrator', message: 'Starting', seq: 1, stream_id: '1-0' });
    const script = await scriptStream([{ when: '/stream/sse', events: [{ id: '1-0', event: 'WORKFLOW_STARTED', data: started }], end: 'hang' }]);
    const store = freshStore();
    store.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: new Date().toISOString(), input: 'A long research task' },
      [{ kind: 'tool', id: 't1', source: 'TOOL_INVOKED', phase: 'call', tool: 'web_search', text: 'Searching', agent: 'Kanda' }]);
    const el = await fixture<TaskStreamElement>(html`<task-stream provider="shannon" store=${store.name} run-id=${WF} proxy-url=${script.url}></task-stream>`);
    await until(() => store.getConnection(WF)?.state === 'open', 5000, 'the stream');
    await el.updateComplete;
    const progress = () => parts(el, 'progress')[0]!;
    const width = () => (progress().querySelector('.bar') as HTMLElement).style.width;
    expect(width()).to.equal('20%');
    expect(parts(el, 'connection')[0]!.textContent).to.contain('Live');

    store.applyEvents(WF, [
      { kind: 'control', id: 'c1', source: 'workflow.paused', action: 'paused', text: 'Workflow paused' },
      { kind: 'status', id: 's-paused', source: 'workflow.paused', status: 'paused', apiStatus: 'TASK_STATUS_PAUSED' },
    ]);
    await until(() => el.run?.status === 'paused', 3000, 'paused');
    await el.updateComplete;
    expect(width(), 'the progress it had').to.equal('20%');
    expect(progress().getAttribute('data-status')).to.equal('paused');
    expect(progress().hasAttribute('data-indeterminate')).to.equal(false);
    const warn = getComputedStyle(parts(el, 'status')[0]!).color;
    expect(getComputedStyle(progress().querySelector('.bar')!).backgroundColor, 'the waiting colour').to.equal(warn);
    const connection = parts(el, 'connection')[0]!;
    expect(connection.textContent).to.contain('Connected').and.not.contain('Live');
    const dot = getComputedStyle(connection.querySelector('.dot')!).backgroundColor;
    const muted = getComputedStyle(el.shadowRoot!.querySelector('.progress-meta')!).color;
    expect(dot, 'a still, muted dot').to.equal(muted);
    el.stop();
  });
});
