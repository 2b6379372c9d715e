/**
 * A run this page cannot reach never reads as waiting to start (fresh3 b: Shannon "unauthorized"
 * kept a blue "Queued" badge in the stream and the history for good, over an empty grey progress
 * track). The stream and the history say what their requests learned — "key rejected", "not
 * found", "not set up", "couldn't connect" — as such (`data-reach`, `status-unreachable`), keep the
 * server's last status in `data-status` (no status is invented), say what to do, and show the
 * status again as soon as the run can be followed.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import type { TaskStore } from '../../../src/core/store/task-store.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream, until, type ScriptedEvent } from '../../support/scripted-stream.js';

const WF = 'wf-reach';
const refused = (status: number) => json({ error: 'unauthorized', message: 'Invalid token' }, status);
const done: ScriptedEvent[] = [
  { id: '1-0', event: 'WORKFLOW_COMPLETED', data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_COMPLETED', agent_id: 'orchestrator', message: 'done', seq: 1, stream_id: '1-0' }) },
  { id: '2-0', event: 'done', data: '[DONE]' },
];
const completed = json({ task_id: WF, workflow_id: WF, status: 'COMPLETED', result: 'Paris.' });
const running = json({ task_id: WF, workflow_id: WF, status: 'RUNNING' });

function queuedRun(store: TaskStore): void {
  store.addRun({ id: WF, provider: 'shannon', status: 'queued', createdAt: new Date().toISOString(), input: 'What is the capital of France?' });
}
const streamBadge = (el: TaskStreamElement) => el.shadowRoot!.querySelector<HTMLElement>('[part~="status"]');
const rowBadge = (el: TaskHistoryElement) => el.shadowRoot!.querySelector<HTMLElement>('[part~="item-status"]');
const words = (badge: HTMLElement | null | undefined) => badge?.textContent?.trim();

/** The badge says the outcome, not the stale status, keeps the status for scripts and says what to do. */
function expectOutcome(badge: HTMLElement | null, part: 'status' | 'item-status', reach: string, text: string, advice: RegExp): void {
  expect(words(badge)).to.equal(text);
  expect(badge!.dataset.reach).to.equal(reach);
  expect(badge!.dataset.status, 'the server’s last status, not an invented one').to.equal('queued');
  expect(badge!.getAttribute('part')).to.equal(`${part} ${part}-unreachable`);
  expect(badge!.title).to.match(advice);
}

describe('a run this page cannot reach', () => {
  it('whose key is refused (401) reads “key rejected” in the stream and the history, with no progress track and what to do', async () => {
    const script = await scriptStream([refused(401)]);
    const store = freshStore();
    queuedRun(store);
    const box = await fixture<HTMLDivElement>(html`<div>
      <task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>
      <task-history store=${store.name} provider="shannon" proxy-url=${script.url} refresh-interval="50"></task-history></div>`);
    const stream = box.querySelector('task-stream') as TaskStreamElement;
    const history = box.querySelector('task-history') as TaskHistoryElement;
    await until(() => words(streamBadge(stream)) === 'key rejected' && words(rowBadge(history)) === 'key rejected', 5000, 'both say it');
    expectOutcome(streamBadge(stream), 'status', 'key-rejected', 'key rejected', /API key was refused: check it/);
    expectOutcome(rowBadge(history), 'item-status', 'key-rejected', 'key rejected', /check it/);
    const root = stream.shadowRoot!;
    expect(root.querySelector('[part~="progress"]'), 'no progress track').to.equal(null);
    expect(root.querySelector('[role="progressbar"]')).to.equal(null);
    expect(root.querySelector('[part~="header"]')!.textContent, 'what to do, in the stream').to.contain('Check the key');
    expect(root.querySelector('[part~="reconnect"]'), 'and the control to do it with').to.not.equal(null);
    expect(root.querySelector('[part~="header"]')!.textContent, 'nothing on show reads as waiting').to.not.match(/queued/i);
    expect(history.shadowRoot!.querySelector('[part~="item"]')!.getAttribute('data-reach')).to.equal('key-rejected');
    expect(history.shadowRoot!.querySelector('[part~="list"]')!.textContent).to.not.match(/queued/i);
  });

  it('in a history alone, a refused status refresh says so in the row, and the status comes back once another key is accepted', async () => {
    const script = await scriptStream([refused(401), running]);
    const store = freshStore();
    queuedRun(store);
    const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} provider="shannon" proxy-url=${script.url}
      auth-mode="api-key" refresh-interval="50"></task-history>`);
    el.apiKey = 'old-key';
    await until(() => words(rowBadge(el)) === 'key rejected', 5000, 'the refusal in the row');
    expectOutcome(rowBadge(el), 'item-status', 'key-rejected', 'key rejected', /check it/);
    el.apiKey = 'new-key';
    await until(() => words(rowBadge(el)) === 'running', 5000, 'the status again');
    expect(rowBadge(el)!.hasAttribute('data-reach')).to.equal(false);
    expect(rowBadge(el)!.getAttribute('part')).to.equal('item-status item-status-running');
  });

  it('the server does not know (404) reads “not found”, with where to look', async () => {
    const script = await scriptStream([refused(404)]);
    const store = freshStore();
    queuedRun(store);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>`);
    await until(() => words(streamBadge(el)) === 'not found', 5000, 'not found');
    expectOutcome(streamBadge(el), 'status', 'not-found', 'not found', /another key, or proxy-url points elsewhere/);
    expect(el.shadowRoot!.querySelector('[part~="progress"]')).to.equal(null);
  });

  it('whose stream is not a stream (a 200 JSON answer) reads “couldn’t connect”, and Reconnect is offered', async () => {
    const script = await scriptStream([running]);
    const store = freshStore();
    queuedRun(store);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>`);
    await until(() => store.getConnection(WF)?.phase === 'failed', 5000, 'failed');
    await el.updateComplete;
    expectOutcome(streamBadge(el), 'status', 'no-connection', 'couldn’t connect', /press Reconnect/);
    expect(el.shadowRoot!.querySelector('[part~="reconnect"]')).to.not.equal(null);
  });

  it('without a key reads “not set up”, then streams and shows its real status once the key arrives', async () => {
    const script = await scriptStream([{ when: 'stream/sse', events: done }, completed]);
    const store = freshStore();
    queuedRun(store);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url} auth-mode="api-key"></task-stream>`);
    await until(() => words(streamBadge(el)) === 'not set up', 5000, 'not set up');
    expectOutcome(streamBadge(el), 'status', 'needs-settings', 'not set up', /Set an API key or sign in/);
    el.apiKey = 'late-key';
    await until(() => el.run?.status === 'completed', 5000, 'completed');
    await el.updateComplete;
    expect(words(streamBadge(el))).to.equal('completed');
    expect(streamBadge(el)!.hasAttribute('data-reach')).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part~="progress"]')!.getAttribute('data-status')).to.equal('completed');
  });

  it('says it in German too', async () => {
    const script = await scriptStream([refused(401)]);
    const store = freshStore();
    queuedRun(store);
    const el = await fixture<TaskStreamElement>(html`<task-stream lang="de" store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>`);
    await until(() => words(streamBadge(el)) === 'Schlüssel abgelehnt', 5000, 'German');
    expect(streamBadge(el)!.title).to.contain('Prüfen Sie ihn');
  });
});

/**
 * A run named only by its id (`<task-stream run-id>`) that this page never reached (new-user trial:
 * `run-id="trun_doesnotexist"` read “created 6 seconds ago” beside “not found”). The store lists it
 * at the time the page asked, to place it; neither the stream's header nor the history's row passes
 * that time off as the run's. Against the real mock: an id it does not know (404), a missing key (401).
 */
describe('a run this page never reached', () => {
  const MISSING = 'trun_doesnotexist';
  const KEY = 'mock-test-key';
  // Markup, not elements: chai printing a failed element comparison can stall the page.
  const createdLine = (el: TaskStreamElement) => el.shadowRoot!.querySelector('[part~="header"] time')?.outerHTML ?? null;
  const rowAge = (el: TaskHistoryElement) => el.shadowRoot!.querySelector('[part~="item"] [data-meta="age"]')?.outerHTML ?? null;

  async function showMissing(authMode: 'api-key' | 'none', key?: string) {
    const store = freshStore();
    const box = await fixture<HTMLDivElement>(html`<div>
      <task-stream store=${store.name} provider="parallel" run-id=${MISSING} proxy-url="/mock" auth-mode=${authMode} .apiKey=${key}></task-stream>
      <task-history store=${store.name} provider="parallel" proxy-url="/mock" auth-mode=${authMode} .apiKey=${key} refresh-interval="50"></task-history></div>`);
    return { stream: box.querySelector('task-stream') as TaskStreamElement, history: box.querySelector('task-history') as TaskHistoryElement };
  }

  it('that the server does not know (404) claims no creation time in the stream’s header or the history’s row', async () => {
    const { stream, history } = await showMissing('api-key', KEY);
    await until(() => words(streamBadge(stream)) === 'not found' && words(rowBadge(history)) === 'not found', 5000, 'not found in both');
    expect(createdLine(stream), 'no “created …” in the header').to.equal(null);
    expect(stream.shadowRoot!.querySelector('[part~="header"]')!.textContent).to.not.match(/created|ago|just now/);
    expect(stream.shadowRoot!.querySelector('[part~="run-id"]')!.textContent, 'the id it was asked for stays').to.equal(MISSING);
    expect(rowAge(history), 'no age in the row').to.equal(null);
    expect(history.shadowRoot!.querySelector('[part~="item"]')!.textContent).to.not.match(/ago|just now/);
  });

  it('whose key is refused (401) claims no creation time either, in German too', async () => {
    const { stream, history } = await showMissing('none');
    await until(() => words(streamBadge(stream)) === 'key rejected' && words(rowBadge(history)) === 'key rejected', 5000, 'key rejected in both');
    expect(createdLine(stream)).to.equal(null);
    expect(rowAge(history)).to.equal(null);
    stream.lang = 'de';
    await until(() => words(streamBadge(stream)) === 'Schlüssel abgelehnt', 5000, 'German');
    expect(stream.shadowRoot!.querySelector('[part~="header"]')!.textContent).to.not.match(/erstellt|vor /);
  });

  it('once the API answers for it, shows the creation time the API gave', async () => {
    const store = freshStore();
    const created = await store.submit({ input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_speed: 50 } },
      { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY } });
    const other = freshStore();
    const stream = await fixture<TaskStreamElement>(html`<task-stream store=${other.name} provider="parallel" run-id=${created.id} proxy-url="/mock" auth-mode="api-key" .apiKey=${KEY}></task-stream>`);
    await until(() => createdLine(stream) !== null, 5000, 'the creation time');
    expect(createdLine(stream)).to.contain(`datetime="${created.createdAt}"`);
    stream.stop();
  });

  it('a run it reached before keeps the creation time it learned when its key is later refused', async () => {
    const script = await scriptStream([refused(401)]);
    const store = freshStore();
    queuedRun(store);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="shannon" run-id=${WF} proxy-url=${script.url}></task-stream>`);
    await until(() => words(streamBadge(el)) === 'key rejected', 5000, 'key rejected');
    expect(createdLine(el), 'learned, so shown').to.not.equal(null);
  });
});
