/**
 * The named failing inputs of issue 9, each over real HTTP (scripted responses): a run's session
 * must end truthfully, wait instead of failing, and never loop.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStoreOptions } from '../../../src/core/store/task-store.js';
import { createMemoryStorage } from '../../../src/core/store/memory-storage.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import type { AuthConfig } from '../../../src/core/auth/auth.js';
import type { ProviderName } from '../../../src/core/providers/task-event.js';
import { delay, json, scriptStream, until, type ScriptedEvent } from '../../support/scripted-stream.js';

const FAST: TaskStoreOptions['connection'] = { retry: { initialDelayMs: 10, maxDelayMs: 40, minDelayMs: 10, maxAttempts: 4 }, statusPollMs: 0, confirmWithinMs: 300 };
const WF = 'wf-1';
const RUN = 'trun_x';

function setUp(provider: ProviderName, runId: string, extra: Partial<TaskStoreOptions> = {}) {
  const store = createTaskStore({ persistence: 'memory', connection: FAST, ...extra });
  store.addRun({ id: runId, provider, status: 'running', createdAt: '2026-11-01T10:00:00Z' });
  return store;
}
const endpointOf = (provider: ProviderName, baseUrl: string, auth: AuthConfig = { mode: 'none' }) => (): EndpointConfig => ({ provider, baseUrl, auth });
const phaseOf = (store: ReturnType<typeof createTaskStore>, id: string) => store.getConnection(id)?.phase;

/** Bytes of one event as the scripted server writes it (id, event, data lines, blank line). */
const eventBytes = (e: ScriptedEvent): number =>
  new TextEncoder().encode(`${e.id !== undefined ? `id: ${e.id}\n` : ''}${e.event !== undefined ? `event: ${e.event}\n` : ''}${String(e.data ?? '').split('\n').map((l) => `data: ${l}\n`).join('')}\n`).length;

const shannonDone: ScriptedEvent[] = [
  { id: '1-0', event: 'thread.message.completed', data: JSON.stringify({ workflow_id: WF, agent_id: 'final_output', response: '5 + 5 equals 10.', seq: 1, stream_id: '1-0' }) },
  { id: '2-0', event: 'WORKFLOW_COMPLETED', data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_COMPLETED', agent_id: 'orchestrator', message: 'done', seq: 2, stream_id: '2-0' }) },
  { id: '3-0', event: 'done', data: '[DONE]' },
];
const shannonStatus = (status: string, result?: string) => json({ task_id: WF, workflow_id: WF, status, ...(result ? { result } : {}) });
const parallelState = (status: string, isActive: boolean) => ({
  event: 'task_run.state',
  data: JSON.stringify({ type: 'task_run.state', event_id: null, input: null, output: null, run: { run_id: RUN, status, is_active: isActive, processor: 'lite', created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:05Z', metadata: null, error: null, warnings: null, task_group_id: null } }),
});
const parallelRun = (status: string, isActive: boolean) => json({ run_id: RUN, status, is_active: isActive, processor: 'lite', created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:05Z', metadata: null, error: null, warnings: null });

describe('run session: issue 9 inputs', () => {
  it('1. a missing key is a wait, not a failure; a key set later connects at once (no request before)', async () => {
    const script = await scriptStream([{ when: 'stream/sse', events: shannonDone }, shannonStatus('COMPLETED', '5 + 5 equals 10.')]);
    const store = setUp('shannon', WF);
    const auth: AuthConfig = { mode: 'api-key' };
    const release = store.watch(WF, endpointOf('shannon', script.url, auth));
    await until(() => phaseOf(store, WF) === 'waiting-for-config', 5000, 'waiting for the key'); // the session code loads on first use
    expect(store.getConnection(WF)!.error!.message).to.contain('needs an API key');
    await delay(100);
    expect(await script.log()).to.have.length(0);
    auth.apiKey = 'late-key';
    store.configChanged();
    await until(() => phaseOf(store, WF) === 'finished', 5000, 'finished');
    const log = await script.log();
    expect(log[0]!.headers['x-api-key']).to.equal('late-key');
    release();
  });

  it('1. a 401 fails until a new key arrives, then retries at once', async () => {
    const script = await scriptStream([
      { when: 'stream/sse', status: 401, headers: { 'content-type': 'application/json' }, chunks: ['{"error":"bad key"}'] },
      { when: 'stream/sse', events: shannonDone },
      shannonStatus('COMPLETED', '5 + 5 equals 10.'),
    ]);
    const store = setUp('shannon', WF);
    const auth: AuthConfig = { mode: 'api-key', apiKey: 'old' };
    const release = store.watch(WF, endpointOf('shannon', script.url, auth));
    await until(() => phaseOf(store, WF) === 'failed', 5000, 'failed');
    expect(store.getConnection(WF)!.error!.message).to.contain('401');
    await delay(100);
    expect((await script.log()).length, 'a 401 is not retried by itself').to.equal(1);
    auth.apiKey = 'new';
    store.setCredential('shannon', 'new');
    await until(() => phaseOf(store, WF) === 'finished', 5000, 'finished');
    release();
  });

  it('2. Shannon done before its status agrees: keeps confirming with backoff, then shows the result', async () => {
    const script = await scriptStream([
      { when: 'stream/sse', events: shannonDone },
      shannonStatus('RUNNING'), shannonStatus('RUNNING'), shannonStatus('COMPLETED', '5 + 5 equals 10.'),
    ]);
    const store = setUp('shannon', WF);
    const release = store.watch(WF, endpointOf('shannon', script.url));
    await until(() => phaseOf(store, WF) === 'finished', 5000, 'finished');
    expect(store.getRun(WF)!.status).to.equal('completed');
    const output = store.getRun(WF)!.output;
    expect(output?.type === 'text' && output.content).to.contain('5 + 5 equals 10.');
    const log = await script.log();
    expect(log.filter((r) => r.url.includes('stream/sse'))).to.have.length(1);
    expect(log.filter((r) => r.url.includes('tasks/'))).to.have.length(3);
    release();
  });

  it('2. … and after a reload it confirms instead of reconnecting to a stream that only pings', async () => {
    const storage = createMemoryStorage();
    const script = await scriptStream([
      { when: 'stream/sse', events: shannonDone },
      shannonStatus('RUNNING'),
    ]);
    const first = createTaskStore({ persistence: storage, name: 'reload', connection: { ...FAST, confirmWithinMs: 30 } });
    first.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const release = first.watch(WF, endpointOf('shannon', script.url));
    await until(() => phaseOf(first, WF) === 'failed', 5000, 'unconfirmed');
    expect(first.getConnection(WF)!.error!.message).to.match(/could not be confirmed/);
    release();
    first.flush();
    first.dispose();
    const later = await scriptStream([{ when: 'stream/sse', events: [{ comment: 'ping' }], end: 'hang' }, shannonStatus('COMPLETED', '5 + 5 equals 10.')]);
    const second = createTaskStore({ persistence: storage, name: 'reload', connection: FAST });
    const again = second.watch(WF, endpointOf('shannon', later.url));
    await until(() => phaseOf(second, WF) === 'finished', 5000, 'finished after reload');
    expect(second.getRun(WF)!.status).to.equal('completed');
    expect((await later.log()).filter((r) => r.url.includes('stream/sse')), 'no stream opened').to.have.length(0);
    again();
  });

  it('3. Parallel action_required: stops following, holds no connection, sends nothing more', async () => {
    const script = await scriptStream([{ when: '/events', events: [parallelState('action_required', false)] }, parallelRun('action_required', false)]);
    const store = setUp('parallel', RUN);
    const release = store.watch(RUN, endpointOf('parallel', script.url));
    await until(() => phaseOf(store, RUN) === 'needs-action', 5000, 'needs-action');
    const count = (await script.log()).length;
    await delay(300);
    expect((await script.log()).length).to.equal(count);
    expect(count).to.be.at.most(2);
    expect(store.getRun(RUN)!.status).to.equal('action_required');
    release();
  });

  it('4. retry: 0 with a stream that ends at once: waits every time and gives up within the attempt budget', async () => {
    const started = performance.now();
    const script = await scriptStream([
      { when: '/events', events: [
        { retry: 0, ...parallelState('running', true) },
        { event: 'task_run.progress_msg.plan', data: JSON.stringify({ type: 'task_run.progress_msg.plan', message: 'step', timestamp: '2026-11-01T10:00:01Z' }) },
      ] },
      parallelRun('running', true),
    ]);
    const store = setUp('parallel', RUN);
    const release = store.watch(RUN, endpointOf('parallel', script.url));
    await until(() => phaseOf(store, RUN) === 'failed', 8000, 'gave up');
    const log = await script.log();
    const streams = log.filter((r) => r.url.endsWith('/events')).length;
    expect(streams, 'bounded: the first, then the budget of 4').to.be.at.most(6);
    expect(log.length).to.be.at.most(12);
    expect(performance.now() - started, 'it waited between attempts').to.be.greaterThan(40);
    expect(store.getConnection(RUN)!.error!.message).to.match(/Gave up after 4 attempts.*Reconnect/);
    await delay(200);
    expect((await script.log()).length, 'nothing after giving up').to.equal(log.length);
    release();
  });

  it('5. stop() holds across a re-mount (release and watch again) until reconnect()', async () => {
    const script = await scriptStream([{ when: '/events', events: [parallelState('running', true)], end: 'hang' }, parallelRun('running', true)]);
    const store = setUp('parallel', RUN);
    let release = store.watch(RUN, endpointOf('parallel', script.url));
    await until(() => phaseOf(store, RUN) === 'open', 5000, 'open');
    store.stop(RUN);
    release();
    release = store.watch(RUN, endpointOf('parallel', script.url));
    await delay(150);
    expect(phaseOf(store, RUN)).to.equal('stopped');
    expect((await script.log()).filter((r) => r.url.endsWith('/events'))).to.have.length(1);
    store.reconnect(RUN);
    await until(() => phaseOf(store, RUN) === 'open', 5000, 'open again');
    release();
  });

  it('8. 204 on a reconnect: confirms the status and, while it is active, says what happened and what to do', async () => {
    const script = await scriptStream([{ when: 'stream/sse', status: 204, chunks: [] }, shannonStatus('RUNNING')]);
    const store = setUp('shannon', WF);
    const release = store.watch(WF, endpointOf('shannon', script.url));
    await until(() => phaseOf(store, WF) === 'failed', 5000, 'explained');
    expect(store.getConnection(WF)!.error!.message).to.match(/HTTP 204.*"running".*Reconnect/);
    release();
  });

  it('8b. after a 204, a status refresh that learns the run ended finishes it: no failure is left on a completed run', async () => {
    const script = await scriptStream([{ when: 'stream/sse', status: 204, chunks: [] }, shannonStatus('RUNNING'), shannonStatus('COMPLETED', '5 + 5 equals 10.')]);
    const store = setUp('shannon', WF);
    const endpoint = endpointOf('shannon', script.url);
    const release = store.watch(WF, endpoint);
    await until(() => phaseOf(store, WF) === 'failed', 5000, 'explained');
    // A history refreshing statuses (or any caller) learns that the run is over.
    await store.refreshStatus(WF, endpoint());
    await until(() => phaseOf(store, WF) === 'finished', 5000, 'finished');
    expect(store.getRun(WF)!.status).to.equal('completed');
    expect(store.getConnection(WF)!.error, 'no failure left').to.equal(undefined);
    release();
  });

  it('10. a redirect is refused: the key never follows it to another origin', async () => {
    const script = await scriptStream([{ when: 'stream/sse', status: 302, headers: { location: 'http://127.0.0.1:9/steal' }, chunks: [] }, shannonStatus('RUNNING')]);
    const store = setUp('shannon', WF);
    const release = store.watch(WF, endpointOf('shannon', script.url, { mode: 'api-key', apiKey: 'secret' }));
    await until(() => phaseOf(store, WF) === 'failed', 5000, 'refused');
    expect(store.getConnection(WF)!.error!.name).to.equal('RedirectRefusedError');
    expect(store.getConnection(WF)!.error!.message).to.contain('proxy-url');
    expect(await script.log()).to.have.length(1);
    release();
  });

  it('a stream that only pings after the run timed out (no end marker, ever): a silence makes it ask the status API, less often each time, and TIMEOUT ends the run', async () => {
    const script = await scriptStream([
      { when: 'stream/sse', events: [shannonDone[0]!, { comment: 'ping' }], end: 'hang' },
      shannonStatus('RUNNING'), shannonStatus('RUNNING'),
      json({ task_id: WF, workflow_id: WF, status: 'TASK_STATUS_TIMEOUT', error: 'Workflow execution timed out' }),
    ]);
    const statusAt: number[] = [];
    const timed: typeof fetch = (input, init) => {
      if (String(input).includes('/tasks/')) statusAt.push(performance.now());
      return fetch(input, init);
    };
    const store = setUp('shannon', WF, { connection: { ...FAST, quietCheckMs: 120 } });
    const opened = performance.now();
    const release = store.watch(WF, () => ({ provider: 'shannon', baseUrl: script.url, auth: { mode: 'none' }, fetch: timed }));
    await until(() => phaseOf(store, WF) === 'finished', 5000, 'finished');
    expect(store.getRun(WF)!.status).to.equal('timeout');
    expect(store.getRun(WF)!.error?.message ?? '').to.contain('timed out');
    const log = await script.log();
    expect(log.filter((r) => r.url.includes('stream/sse')), 'the same stream all along').to.have.length(1);
    // The server hears the abort a moment after the client made it (a socket closing): wait for it, briefly.
    let streams = log.filter((r) => r.url.includes('stream/sse'));
    for (const start = performance.now(); !streams.every((r) => r.closed) && performance.now() - start < 2000; await delay(20)) {
      streams = (await script.log()).filter((r) => r.url.includes('stream/sse'));
    }
    expect(streams.every((r) => r.closed), 'the stream is released').to.equal(true);
    expect(statusAt, 'one status request per check, none to confirm again').to.have.length(3);
    expect(statusAt[0]! - opened, 'the first check waits for the silence').to.be.at.least(110);
    expect(statusAt[2]! - statusAt[1]!, 'each check waits longer').to.be.greaterThan(statusAt[1]! - statusAt[0]!);
    await delay(300);
    expect((await script.log()).length, 'nothing after the end').to.equal(log.length);
    release();
  });

  it('a Shannon run the server does not know: its stream stays open and silent, the status API answers 404, so the run fails as not found instead of staying live', async () => {
    // trial5: <task-stream provider="shannon" run-id="task_nope"> read "Live" for good; the real mock keeps the stream open.
    const store = setUp('shannon', 'task_nope', { connection: { ...FAST, quietCheckMs: 150 } });
    const release = store.watch('task_nope', endpointOf('shannon', '/mock', { mode: 'api-key', apiKey: 'mock-test-key' }));
    await until(() => phaseOf(store, 'task_nope') === 'failed', 5000, 'failed');
    const connection = store.getConnection('task_nope')!;
    expect((connection.error as { status?: number } | undefined)?.status, 'the refusal is the error').to.equal(404);
    expect(connection.retryOn, 'a change of settings tries again').to.equal('config');
    expect(connection.state, 'no stream held').to.not.equal('open');
    release();
  });

  for (const status of [401, 403]) {
    it(`a quiet check refused with ${status} while the stream stays open fails the run the same way, once`, async () => {
      const script = await scriptStream([
        { when: 'stream/sse', events: [{ comment: 'ping' }], end: 'hang' },
        json({ error: 'unauthorized', message: 'Invalid token' }, status),
      ]);
      const store = setUp('shannon', WF, { connection: { ...FAST, quietCheckMs: 120 } });
      const release = store.watch(WF, endpointOf('shannon', script.url));
      await until(() => phaseOf(store, WF) === 'failed', 5000, 'failed');
      expect((store.getConnection(WF)!.error as { status?: number }).status).to.equal(status);
      const requests = (await script.log()).length;
      await delay(400);
      expect((await script.log()).length, 'nothing asked again without new settings').to.equal(requests);
      release();
    });
  }

  it('a stream that ends while the status API already says final: the last connection waits the minimum too', async () => {
    const minDelayMs = 150;
    const script = await scriptStream([
      { when: '/events', events: [parallelState('running', true)] },
      { when: '/events', events: [parallelState('completed', false)] },
      parallelRun('completed', false),
    ]);
    const streamAt: number[] = [];
    const timed: typeof fetch = (input, init) => {
      if (String(input).endsWith('/events')) streamAt.push(performance.now());
      return fetch(input, init);
    };
    const store = setUp('parallel', RUN, { connection: { ...FAST, retry: { ...FAST!.retry, minDelayMs } } });
    const release = store.watch(RUN, () => ({ provider: 'parallel', baseUrl: script.url, auth: { mode: 'none' }, fetch: timed }));
    await until(() => phaseOf(store, RUN) === 'finished', 5000, 'finished');
    expect(streamAt).to.have.length(2);
    expect(streamAt[1]! - streamAt[0]!, 'the drain connection honours the floor').to.be.at.least(minDelayMs);
    release();
  });

  it('13. offline is a wait that uses no attempts; online reconnects at once', async () => {
    let online = true;
    const target = new EventTarget();
    // The connection drops inside the second event. (Dropped exactly between two events, WebKitGTK
    // reports a clean end of the body rather than a network error, and a clean end is not an
    // offline signal; see README "Supported browsers".)
    const script = await scriptStream([
      { when: 'stream/sse', events: shannonDone, destroyAfterBytes: eventBytes(shannonDone[0]!) + 5 },
      { when: 'stream/sse', events: shannonDone, resume: true },
      shannonStatus('COMPLETED', '5 + 5 equals 10.'),
    ]);
    const store = setUp('shannon', WF, { connection: { ...FAST, isOnline: () => online, onlineTarget: target } });
    online = false;
    const release = store.watch(WF, endpointOf('shannon', script.url));
    await until(() => phaseOf(store, WF) === 'offline', 5000, 'offline');
    await delay(300);
    expect((await script.log()).length, 'no attempt while offline').to.equal(1);
    online = true;
    target.dispatchEvent(new Event('online'));
    await until(() => phaseOf(store, WF) === 'finished', 5000, 'finished');
    release();
  });
});
