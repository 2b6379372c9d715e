/**
 * Controls named for what they do (issue 13 §7): cancel asks first, pause and resume show their
 * states, an approval request needs attention.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream, until } from '../../support/scripted-stream.js';

const WF = 'task-00000000-0000-0000-0000-00000000c0de-1761545271';

function parts(el: HTMLElement, name: string): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>(`[part~="${name}"]`)];
}

async function shannonRun() {
  const script = await scriptStream([
    // One event, then the stream stays open: a body with no bytes at all leaves Firefox's fetch pending.
    { when: '/stream/sse', events: [{ id: '1-0', event: 'WORKFLOW_STARTED', data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_STARTED', agent_id: 'orchestrator', message: 'Starting', seq: 1, stream_id: '1-0' }) }], end: 'hang' },
    { when: '/cancel', ...json({ success: true, message: 'Task cancellation requested', task_id: WF }) },
    { when: '/pause', ...json({ success: true, message: 'Task paused', task_id: WF }, 202) },
    { when: '/resume', ...json({ success: true, message: 'Task resumed', task_id: WF }, 202) },
  ]);
  const store = freshStore();
  store.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: new Date().toISOString(), input: 'A long, paid research task' });
  const el = await fixture<TaskStreamElement>(html`<task-stream provider="shannon" store=${store.name} run-id=${WF} proxy-url=${script.url}></task-stream>`);
  await until(() => store.getConnection(WF)?.state === 'open', 5000, 'the stream');
  await el.updateComplete;
  const posts = async (path: string) => (await script.log()).filter((r) => r.method === 'POST' && r.url.includes(path)).length;
  return { el, store, posts };
}

const control = (i: number, action: 'pausing' | 'paused' | 'resumed'): TaskEvent =>
  ({ kind: 'control', id: `c${i}`, source: `workflow.${action}`, action, text: `Workflow ${action}` });

describe('<task-stream> controls', () => {
  it('asks before cancelling a Shannon run: “Keep it running” sends nothing, “Yes, cancel the run” sends one cancel', async () => {
    const { el, posts } = await shannonRun();
    parts(el, 'cancel')[0]!.click();
    await el.updateComplete;
    const confirm = parts(el, 'confirm')[0]!;
    expect(confirm.textContent).to.contain('Cancel this run?');
    expect(parts(el, 'cancel'), 'the question replaces the button').to.have.length(0);
    [...confirm.querySelectorAll('button')].find((b) => b.textContent === 'Keep it running')!.click();
    await el.updateComplete;
    expect(await posts('/cancel')).to.equal(0);
    parts(el, 'cancel')[0]!.click();
    await el.updateComplete;
    [...parts(el, 'confirm')[0]!.querySelectorAll('button')].find((b) => b.textContent === 'Yes, cancel the run')!.click();
    await until(() => el.run?.status === 'cancelling');
    expect(await posts('/cancel')).to.equal(1);
    el.stop();
  });

  it('pauses and resumes a Shannon run, showing “Pausing…” until it is paused and “Resume” while it is', async () => {
    const { el, store, posts } = await shannonRun();
    expect(parts(el, 'stop')[0]!.textContent, 'Stop is named for what it does').to.equal('Stop watching');
    parts(el, 'pause')[0]!.click();
    await until(() => parts(el, 'pause')[0]?.textContent === 'Pausing…');
    expect(parts(el, 'pause')[0]!.disabled).to.equal(true);
    store.applyEvents(WF, [control(1, 'pausing')]);
    await el.updateComplete;
    expect(parts(el, 'pause')[0]!.textContent).to.equal('Pausing…');
    store.applyEvents(WF, [control(2, 'paused'), { kind: 'status', id: 's2', source: 'workflow.paused', status: 'paused', apiStatus: 'TASK_STATUS_PAUSED' }]);
    await until(() => parts(el, 'resume').length === 1);
    expect(await posts('/pause')).to.equal(1);
    expect(el.shadowRoot!.querySelector('[part~="notice"]')!.textContent).to.contain('paused');
    parts(el, 'resume')[0]!.click();
    await until(() => parts(el, 'resume')[0]?.textContent === 'Resuming…');
    expect(parts(el, 'resume')[0]!.disabled).to.equal(true);
    store.applyEvents(WF, [control(3, 'resumed'), { kind: 'status', id: 's3', source: 'workflow.resumed', status: 'running', apiStatus: 'TASK_STATUS_RUNNING' }]);
    await until(() => parts(el, 'pause')[0]?.textContent === 'Pause');
    expect(await posts('/resume')).to.equal(1);
    el.stop();
  });

  it('shows an approval request as needing attention, and no Approve/Deny it could not send', async () => {
    const { el, store } = await shannonRun();
    store.applyEvents(WF, [{ kind: 'approval', id: 'a1', source: 'APPROVAL_REQUESTED', phase: 'requested', text: 'Needs approval: spend over budget' }]);
    await until(() => parts(el, 'attention').length === 1);
    expect(parts(el, 'attention')[0]!.textContent).to.contain('Needs your approval').and.contain('spend over budget');
    expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent)).to.not.include('Approve');
    store.applyEvents(WF, [{ kind: 'approval', id: 'a2', source: 'APPROVAL_DECISION', phase: 'decided', text: 'Approved — continuing' }]);
    await until(() => parts(el, 'attention').length === 0);
    el.stop();
  });
});
