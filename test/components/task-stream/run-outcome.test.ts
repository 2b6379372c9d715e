/**
 * The answer first, and endings that look like themselves (issue 13 §3, §6, §8, §9): a finished
 * run's result before a one-line log, failed and cancelled runs that say so with the right elapsed
 * time and a way forward, errors in words, agents by name, long rows clipped, notices that belong
 * to their run and go away.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { explainError, isMachineText } from '../../../src/components/task-stream/render-failure.js';
import { NOTICE_MS } from '../../../src/components/task-stream/notices.js';
import { HttpStatusError } from '../../../src/core/errors.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { delay, scriptStream, until } from '../../support/scripted-stream.js';

function parts(el: HTMLElement, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

async function show(run: TaskRun, events: TaskEvent[] = [], attrs: { proxyUrl?: string } = {}) {
  const url = attrs.proxyUrl ?? (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
  const store = freshStore();
  store.addRun(run, events);
  store.select(run.id);
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider=${run.provider} proxy-url=${url} auth-mode="api-key"></task-stream>`);
  await el.updateComplete;
  return { el, store };
}

const T0 = Date.parse('2026-11-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const message = (i: number, text = `step ${i}`, agent?: string, category = 'progress'): TaskEvent =>
  ({ kind: 'message', id: `m${i}`, source: 'PROGRESS', category, text, timestamp: at(i), ...(agent ? { agent } : {}) });

describe('<task-stream> answer first', () => {
  it('shows a finished run’s result first and collapses its log to “42 progress events · show”', async () => {
    const events = Array.from({ length: 42 }, (_, i) => message(i + 1));
    const { el } = await show({ id: 'trun_done', provider: 'parallel', status: 'completed', createdAt: at(0), updatedAt: at(50), processor: 'lite',
      output: { type: 'text', content: 'The answer.', basis: [] } }, events);
    const order = [...el.shadowRoot!.querySelectorAll('[part~="output"], [part~="log"]')].map((p) => p.getAttribute('part'));
    expect(order).to.deep.equal(['output', 'log']);
    expect(parts(el, 'event')).to.have.length(0);
    const summary = parts(el, 'log-summary')[0]!;
    expect(summary.textContent!.replace(/\s+/g, ' ').trim()).to.equal('42 progress events · show');
    summary.querySelector('button')!.click();
    await el.updateComplete;
    expect(parts(el, 'event')).to.have.length(42);
    expect(parts(el, 'log-summary')[0]!.querySelector('button')!.getAttribute('aria-expanded')).to.equal('true');
  });

  it('shows the answer being written as one growing text above the log, with its agent by name', async () => {
    const delta = (i: number, text: string): TaskEvent => ({ kind: 'text-delta', id: `d${i}`, source: 'thread.message.delta', agent: 'simple-agent', text, seq: i });
    const { el, store } = await show({ id: 'task-live', provider: 'shannon', status: 'running', createdAt: at(0) }, [message(1), delta(2, 'Zürich ')]);
    store.applyEvents('task-live', [delta(3, 'is larger.')]);
    await until(() => parts(el, 'live-text')[0]?.textContent?.includes('Zürich is larger.') ?? false);
    expect(parts(el, 'live-text')).to.have.length(1);
    expect(parts(el, 'live-text')[0]!.querySelector('.event-agent')!.textContent).to.equal('Assistant');
    const order = [...el.shadowRoot!.querySelectorAll('[part~="live"], [part~="log"]')].map((p) => p.getAttribute('part'));
    expect(order).to.deep.equal(['live', 'log']);
    el.stop();
  });
});

describe('<task-stream> endings', () => {
  it('draws a failed run’s bar in the danger colour, not as a success, and offers “Try again” that submits the same request', async () => {
    const request = { input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_scenario: 'happy', mock_speed: 50 } };
    const { el, store } = await show({ id: 'trun_failed', provider: 'parallel', status: 'failed', createdAt: at(0), updatedAt: at(9), processor: 'lite',
      input: request.input, request, error: { message: 'The task could not be completed.', refId: 'ref_1' } }, [], { proxyUrl: '/mock' });
    store.setCredential('parallel', 'mock-test-key');
    const progress = parts(el, 'progress')[0]!;
    expect(progress.getAttribute('data-status')).to.equal('failed');
    const bar = getComputedStyle(progress.querySelector('.bar')!).backgroundColor;
    const danger = getComputedStyle(parts(el, 'status')[0]!).color;
    expect(bar, 'the bar is the status colour').to.equal(danger);
    expect(parts(el, 'ending')[0]!.textContent).to.contain('This run failed.').and.contain('The task could not be completed.');
    expect(parts(el, 'elapsed')[0]!.textContent).to.equal('ran for 0:09');
    const created: string[] = [];
    el.addEventListener('task-created', (e) => created.push((e as unknown as { runId: string }).runId));
    parts(el, 'retry')[0]!.click();
    await until(() => created.length === 1, 8000, 'a new run');
    expect(created[0]).to.not.equal('trun_failed');
    expect(store.selectedId).to.equal(created[0]);
    expect(store.getRun(created[0]!)!.request).to.deep.include({ input: request.input, processor: 'lite' });
    await until(() => el.run?.id === created[0]);
    el.stop();
  });

  it('gives a cancelled run that ran 4 s “ran for 0:04” from its last event, and a grey bar', async () => {
    const { el } = await show({ id: 'task-cancel', provider: 'shannon', status: 'cancelled', createdAt: at(0), updatedAt: at(0) },
      [message(1), message(4, 'Cancelled by user')]);
    expect(parts(el, 'elapsed')[0]!.textContent).to.equal('ran for 0:04');
    expect(parts(el, 'progress')[0]!.getAttribute('data-status')).to.equal('cancelled');
    expect(parts(el, 'ending')[0]!.textContent).to.contain('This run was cancelled.');
  });

  it('says an HTTP error in one sentence, with the server’s own words apart under Details', () => {
    const error = new HttpStatusError('The API key was missing or rejected (401). Check the key, or the key the proxy adds. Invalid API key. Check the x-api-key header.', {
      status: 401, url: '/x', body: { type: 'error', error: { message: 'Invalid API key. Check the x-api-key header.' } },
    });
    expect(explainError(error)).to.deep.equal({
      text: 'The API key was missing or rejected (401). Check the key, or the key the proxy adds.',
      detail: 'Invalid API key. Check the x-api-key header.',
    });
  });

  it('shows agents by name, and a child agent’s “done” as that agent’s, not the run’s', async () => {
    const { el } = await show({ id: 'task-agents', provider: 'shannon', status: 'running', createdAt: at(0) }, [
      message(1, 'Starting', 'orchestrator', 'workflow_started'),
      message(2, 'Title ready', 'title_generator', 'agent_completed'),
      message(3, 'All done', 'Ryogoku', 'workflow_completed'),
    ]);
    const rows = parts(el, 'event');
    expect(rows.map((r) => r.querySelector('.event-agent')!.textContent)).to.deep.equal(['Coordinator', 'Title writer', 'Ryogoku']);
    expect(rows[2]!.querySelector('.event-label')!.textContent).to.equal('Agent done');
    expect(el.shadowRoot!.textContent).to.not.contain('title_generator');
    el.stop();
  });
});

describe('<task-stream> long rows and notices', () => {
  it('clips a 2 MB row to a few hundred characters with “Show all”', async () => {
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const { el } = await show({ id: 'task-huge', provider: 'shannon', status: 'running', createdAt: at(0) }, [message(1, huge)]);
    const row = parts(el, 'event')[0]!;
    expect(row.textContent!.length).to.be.below(1000);
    const button = row.querySelector<HTMLButtonElement>('.show-all')!;
    expect(button.textContent).to.equal('Show all (2,097,152 characters)');
    button.click();
    await el.updateComplete;
    expect(parts(el, 'event')[0]!.textContent!.length).to.be.above(huge.length);
    el.stop();
  });

  it('keeps a notice with its run and button: gone when another run is shown, and gone by itself', async () => {
    const store = freshStore();
    const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
    store.addRun({ id: 'trun_a', provider: 'parallel', status: 'completed', createdAt: at(0), updatedAt: at(5), output: { type: 'text', content: 'A', basis: [] } });
    store.addRun({ id: 'trun_b', provider: 'parallel', status: 'completed', createdAt: at(0), updatedAt: at(5), output: { type: 'text', content: 'B', basis: [] } });
    store.select('trun_a');
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} proxy-url=${url}></task-stream>`);
    const copy = [...parts(el, 'output')[0]!.querySelectorAll('button')].find((b) => b.textContent === 'Copy output')!;
    copy.click();
    await until(() => parts(el, 'feedback').length === 1);
    expect(parts(el, 'feedback')[0]!.parentElement, 'next to its button').to.equal(copy.parentElement);
    store.select('trun_b');
    await el.updateComplete;
    expect(parts(el, 'feedback'), 'not carried to another run').to.have.length(0);
    store.select('trun_a');
    await el.updateComplete;
    expect(parts(el, 'feedback'), 'not brought back either').to.have.length(0);
    parts(el, 'header')[0]!.querySelector<HTMLButtonElement>('button[aria-label="Copy run id"]')!.click();
    await until(() => parts(el, 'feedback').length === 1);
    await delay(NOTICE_MS + 200);
    await el.updateComplete;
    expect(parts(el, 'feedback'), 'gone by itself').to.have.length(0);
  });
});

describe('failed runs in plain words', () => {
  it('recognises text written for machines (workflow engine errors, traces, JSON) and leaves sentences for people alone', () => {
    for (const text of [
      'activity error (type: ExecuteAgent, scheduledEventID: 17, startedEventID: 18): tool web_fetch timed out after 30s for every source',
      'workflow execution error (type: ResearchWorkflow, workflowID: task-1, runID: 9f): context deadline exceeded',
      'Traceback (most recent call last):\n  File "x.py", line 1',
      '{"code":"internal","detail":"boom"}',
      'TypeError: x is undefined\n    at run (agent.js:3:9)',
    ]) expect(isMachineText(text), text).to.equal(true);
    for (const text of ['The task could not find any sources for this company.', 'Input too long for processor lite', 'Task failed: no sources found'])
      expect(isMachineText(text), text).to.equal(false);
  });

  it('shows a Shannon step failure as a sentence with what to do, the raw workflow text behind Details, and no “writing…” on the failed run', async () => {
    const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
    const store = freshStore();
    const raw = 'activity error (type: ExecuteAgent, scheduledEventID: 17, startedEventID: 18): tool web_fetch timed out after 30s for every source';
    const run: TaskRun = { id: 'task-failed-1', provider: 'shannon', status: 'failed', createdAt: '2026-11-01T10:00:00Z', request: { query: 'q' },
      error: { message: raw } };
    store.addRun(run, [{ kind: 'text-delta', id: 'd1', source: 'LLM_PARTIAL', agent: 'Kanda', text: 'Zürich was founded', seq: 3 }]);
    const el = await fixture<TaskStreamElement>(html`<task-stream provider="shannon" store=${store.name} run-id=${run.id} proxy-url=${url}></task-stream>`);
    await el.updateComplete;
    const ending = parts(el, 'ending')[0]!;
    const sentence = ending.querySelector('.error-text')!.textContent!;
    expect(sentence).to.not.contain('activity error').and.not.contain('EventID');
    expect(sentence).to.contain('failed');
    expect(ending.textContent, 'what to do').to.contain('Try again');
    const details = ending.querySelector('details')!;
    expect(details.open).to.equal(false);
    expect(details.textContent).to.contain(raw);
    await until(() => !!el.shadowRoot!.querySelector('[part~="live-text"]'), 3000, 'the partial text');
    const heads = [...el.shadowRoot!.querySelectorAll('[part~="live-text"] .live-head')].map((head) => head.textContent!);
    expect(heads.join(' ')).to.not.contain('writing…');
    expect(heads.join(' ')).to.contain('stopped writing');
    expect(parts(el, 'live')[0]!.getAttribute('aria-busy')).to.equal('false');
  });
});
