/**
 * Issue 9 inputs at the elements: configuration that arrives late, moves and re-mounts, per-provider
 * credentials, events across shadow roots, and the order and number of DOM events.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import type { TaskHistoryElement } from '../../src/components/task-history/task-history.js';
import type { TaskFormElement } from '../../src/components/task-form/task-form.js';
import { TaskRerunEvent, type TaskCompleteEvent, type TaskConnectionEvent, type TaskErrorEvent } from '../../src/components/shared/events.js';
import { freshStore } from '../support/stores.js';
import { delay, json, scriptStream, until, type ScriptedEvent } from '../support/scripted-stream.js';

const WF = 'wf-1';
const done: ScriptedEvent[] = [
  { id: '1-0', event: 'thread.message.completed', data: JSON.stringify({ workflow_id: WF, agent_id: 'final_output', response: '5 + 5 equals 10.', seq: 1, stream_id: '1-0' }) },
  { id: '2-0', event: 'WORKFLOW_COMPLETED', data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_COMPLETED', agent_id: 'orchestrator', message: 'done', seq: 2, stream_id: '2-0' }) },
  { id: '3-0', event: 'done', data: '[DONE]' },
];
const completed = json({ task_id: WF, workflow_id: WF, status: 'COMPLETED', result: '5 + 5 equals 10.' });
const running = json({ task_id: WF, workflow_id: WF, status: 'RUNNING' });
const phaseOf = (el: TaskStreamElement) => el.shadowRoot!.querySelector('[part~="connection"]')?.getAttribute('data-phase');

describe('elements and the run lifecycle (issue 9)', () => {
  it('1. <task-stream auth-mode="api-key"> whose apiKey is set after upgrade waits, then streams at once', async () => {
    const script = await scriptStream([{ when: 'stream/sse', events: done }, completed]);
    const store = freshStore();
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url} auth-mode="api-key"></task-stream>`);
    // The connection code is a chunk loaded on first watch (lazy-session.ts): the phase follows it.
    await until(() => phaseOf(el) === 'waiting-for-config', 5000, 'waiting for settings');
    expect(el.shadowRoot!.textContent).to.contain('Waiting for settings');
    expect(el.shadowRoot!.textContent).to.not.contain('Connection failed');
    el.apiKey = 'late-key';
    await until(() => el.run?.status === 'completed', 5000, 'completed');
    const log = await script.log();
    expect(log[0]!.headers['x-api-key']).to.equal('late-key');
  });

  it('1. <task-history> refreshes at once when its key arrives after upgrade', async () => {
    const script = await scriptStream([running]);
    const store = freshStore();
    store.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} provider="shannon" proxy-url=${script.url} auth-mode="api-key"></task-history>`);
    await delay(100);
    expect(await script.log(), 'nothing sent without a key').to.have.length(0);
    el.apiKey = 'late-key';
    await el.updateComplete;
    await delay(100);
    const log = await script.log();
    expect(log.length, 'refreshed without waiting for the interval').to.be.at.least(1);
    expect(log[0]!.headers['x-api-key']).to.equal('late-key');
  });

  it('6. moving a streaming element to another parent keeps its one connection', async () => {
    const script = await scriptStream([{ when: 'stream/sse', events: [done[0]!], end: 'hang' }, running]);
    const store = freshStore();
    const box = await fixture<HTMLDivElement>(html`<div><section></section><task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream></div>`);
    const el = box.querySelector('task-stream') as TaskStreamElement;
    await until(() => store.getConnection(WF)?.phase === 'open', 5000, 'open');
    box.querySelector('section')!.append(el);
    box.insertBefore(el, box.firstChild);
    await delay(150);
    const log = await script.log();
    expect(log.filter((r) => r.url.includes('stream/sse'))).to.have.length(1);
    expect(log[0]!.closed, 'still open').to.equal(false);
    expect(store.getConnection(WF)?.phase).to.equal('open');
    el.remove();
    await until(() => store.getConnection(WF)?.phase === 'idle', 2000, 'released when really removed');
  });

  it('5. after stop(), removing and re-adding <task-stream> (a framework re-render) stays stopped until reconnect()', async () => {
    const script = await scriptStream([{ when: 'stream/sse', events: [done[0]!], end: 'hang' }, running]);
    const store = freshStore();
    const box = await fixture<HTMLDivElement>(html`<div><task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream></div>`);
    const el = box.querySelector('task-stream') as TaskStreamElement;
    await until(() => store.getConnection(WF)?.phase === 'open', 5000, 'open');
    el.stop();
    el.remove();
    await delay(20);
    box.append(el);
    const other = document.createElement('task-stream') as TaskStreamElement;
    Object.assign(other, { store: store.name, provider: 'shannon', runId: WF, proxyUrl: script.url });
    box.append(other);
    await delay(150);
    expect(store.getConnection(WF)?.phase).to.equal('stopped');
    expect((await script.log()).filter((r) => r.url.includes('stream/sse'))).to.have.length(1);
    el.reconnect();
    await until(() => store.getConnection(WF)?.phase === 'open', 5000, 'open again');
  });

  it('11. credentials are per provider: a Parallel element’s key never goes to Shannon requests', async () => {
    const store = freshStore();
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="parallel" auth-mode="api-key"></task-stream>`);
    el.apiKey = 'PARALLEL-KEY';
    expect(el.endpoint('parallel').auth.apiKey).to.equal('PARALLEL-KEY');
    expect(el.endpoint('shannon').auth.apiKey, 'no Shannon key: none is sent').to.equal(undefined);
    store.setCredential('shannon', 'SHANNON-KEY');
    expect(el.endpoint('shannon').auth.apiKey).to.equal('SHANNON-KEY');
  });

  it('12. a re-run from a history inside another component’s shadow root reaches the form of its store', async () => {
    const store = freshStore();
    const form = await fixture<TaskFormElement>(html`<task-form store=${store.name}></task-form>`);
    const host = document.createElement('div');
    document.body.append(host);
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('div'));
    const run = { id: 'trun_old', provider: 'parallel' as const, status: 'completed' as const, createdAt: '2026-11-01T10:00:00Z', request: { input: 'Re-run me please', processor: 'core' } };
    inner.dispatchEvent(new TaskRerunEvent(run, 'parallel', store.name));
    await form.updateComplete;
    const input = form.shadowRoot!.querySelector('textarea') as HTMLTextAreaElement;
    expect(input.value).to.equal('Re-run me please');
    host.remove();
  });

  it('fires task-connection once per real change, and the last task-progress before task-complete', async () => {
    const script = await scriptStream([{ when: 'stream/sse', events: done }, completed]);
    const store = freshStore();
    const seen: string[] = [];
    await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}
      @task-connection=${(e: TaskConnectionEvent) => seen.push(`connection:${e.state}/${(e.connection as { phase?: string }).phase}`)}
      @task-progress=${() => seen.push('progress')}
      @task-complete=${() => seen.push('complete')}></task-stream>`);
    await until(() => seen.includes('complete'), 5000, 'complete');
    await delay(300);
    // The state is what task-connection reports: confirming → finished are both `closed`, one event.
    const connections = seen.filter((s) => s.startsWith('connection:')).map((s) => s.split('/')[0]);
    for (let i = 1; i < connections.length; i++) expect(connections[i], `${connections}`).to.not.equal(connections[i - 1]);
    expect(connections.filter((s) => s === 'connection:closed'), `${connections}`).to.have.length(1);
    expect(seen.lastIndexOf('progress'), seen.join(' ')).to.be.lessThan(seen.indexOf('complete'));
    expect(seen.filter((s) => s === 'complete')).to.have.length(1);
  });

  it('b. a run found finished by a status refresh after its stream failed (204) finishes at once: no stream again, task-complete once, last, with the output', async () => {
    const script = await scriptStream([{ when: 'stream/sse', status: 204 }, { ...running, when: 'tasks/wf-1' }, { ...completed, when: 'tasks/wf-1' }]);
    const store = freshStore();
    const seen: string[] = [];
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}
      @task-connection=${(e: TaskConnectionEvent) => seen.push(`connection:${e.state}`)}
      @task-progress=${() => seen.push('progress')}
      @task-complete=${(e: TaskCompleteEvent) => seen.push(`complete:${e.output ? 'output' : 'none'}`)}></task-stream>`);
    await until(() => store.getConnection(WF)?.phase === 'failed', 5000, 'the 204 said as a failure');
    await store.refreshStatus(WF, el.endpoint('shannon'));
    await until(() => seen.some((s) => s.startsWith('complete')), 5000, 'complete');
    await delay(300);
    const streams = (await script.log()).filter((r) => r.url.includes('stream/sse'));
    expect(streams, 'a finished run opens no stream').to.have.length(1);
    expect(store.getConnection(WF)?.phase).to.equal('finished');
    expect(seen.filter((s) => s.startsWith('complete')), seen.join(' ')).to.deep.equal(['complete:output']);
    expect(seen.lastIndexOf('progress'), seen.join(' ')).to.be.lessThan(seen.indexOf('complete:output'));
    const states = seen.filter((s) => s.startsWith('connection:'));
    expect(states.slice(states.indexOf('connection:failed')), 'failed, then closed for good').to.deep.equal(['connection:failed', 'connection:closed']);
  });

  it('c. a final status learned while the stream only pings (Shannon timed out) ends the live look at once and closes the stream', async () => {
    const thinking = { id: '1-0', event: 'LLM_PARTIAL', data: JSON.stringify({ workflow_id: WF, type: 'LLM_PARTIAL', agent_id: 'Tamachi', message: 'Zürich is', seq: 1, stream_id: '1-0' }) };
    const timedOut = json({ task_id: WF, workflow_id: WF, status: 'TIMEOUT', error: 'Workflow execution timed out' });
    const script = await scriptStream([{ when: 'stream/sse', events: [thinking, { comment: 'ping' }], end: 'hang' }, { ...timedOut, when: 'tasks/wf-1' }]);
    const store = freshStore();
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>`);
    await until(() => store.getConnection(WF)?.phase === 'open' && /writing…/.test(el.shadowRoot!.textContent ?? ''), 5000, 'open, writing');
    await store.refreshStatus(WF, el.endpoint('shannon'));
    await until(() => store.getConnection(WF)?.phase === 'finished', 2000, 'finished at once');
    await el.updateComplete;
    expect(el.run!.status).to.equal('timeout');
    expect(el.shadowRoot!.querySelector('[part~="connection"]')!.getAttribute('data-state')).to.not.equal('open');
    expect(el.shadowRoot!.textContent).to.not.match(/writing…/);
    // The server hears the abort a moment after the client made it.
    let closed = false;
    for (let i = 0; i < 40 && !closed; i++, await delay(50)) closed = (await script.log()).find((r) => r.url.includes('stream/sse'))!.closed;
    expect(closed, 'the stream is closed').to.equal(true);
  });

  it('e. a run whose key is refused (401) says so: “key rejected”, no progress track, no pause or cancel, and one task-error however many elements ask', async () => {
    const refused = json({ error: 'unauthorized', message: 'Invalid API key' }, 401);
    const script = await scriptStream([refused]);
    const store = freshStore();
    store.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: new Date().toISOString() });
    const errors: string[] = [];
    const box = await fixture<HTMLDivElement>(html`<div @task-error=${(e: TaskErrorEvent) => errors.push(e.message)}>
      <task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>
      <task-history store=${store.name} provider="shannon" proxy-url=${script.url} refresh-interval="50"></task-history></div>`);
    const el = box.querySelector('task-stream') as TaskStreamElement;
    await until(() => store.getConnection(WF)?.phase === 'failed', 5000, 'refused');
    await delay(400); // several history refresh rounds
    await el.updateComplete;
    expect(errors, 'one failure, one task-error').to.have.length(1);
    expect(errors[0]).to.contain('401');
    const root = el.shadowRoot!;
    expect(root.querySelector('[part~="pause"]'), 'no Pause').to.equal(null);
    expect(root.querySelector('[part~="cancel"]'), 'no Cancel run').to.equal(null);
    expect(root.querySelector('[part~="status"]')!.getAttribute('data-reach')).to.equal('key-rejected');
    expect(root.querySelector('[part~="progress"]'), 'no progress track, no percentage').to.equal(null);
  });
});
