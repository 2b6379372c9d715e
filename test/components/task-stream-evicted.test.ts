/**
 * A run whose stored event log was removed to save space says so and offers to load the events
 * again (issue 10 §1), against the real mock: Parallel, under its current SSE guide, answers a
 * connection to a finished run with one state event carrying the output (some deployments still
 * replay the whole trace: the `parallel-full-replay` scenario); Shannon lists its persisted events
 * (`GET /api/v1/tasks/{id}/events`).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import { isTerminalStatus, type ProviderName } from '../../src/core/providers/task-event.js';
import { freshStore } from '../support/stores.js';
import { until } from '../support/scripted-stream.js';

const KEY = 'mock-test-key';

/** A finished run on the mock, as another page load would find it: the run kept, its log gone. */
async function evictedRun(provider: ProviderName, scenario = 'happy') {
  const live = freshStore({ connection: { retry: { initialDelayMs: 20, maxDelayMs: 200 }, statusPollMs: 200 } });
  const endpoint = { provider, baseUrl: '/mock', auth: { mode: 'api-key' as const, apiKey: KEY } };
  const params = provider === 'parallel'
    ? { input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_scenario: scenario, mock_speed: 50 } }
    : { query: 'Compare Zürich and Geneva', mode: 'simple', context: { mock_scenario: scenario, mock_speed: 50 } };
  const created = await live.submit(params, endpoint);
  const release = live.watch(created.id, () => endpoint);
  await until(() => isTerminalStatus(live.getRun(created.id)!.status), 15_000, 'the run to finish');
  release();
  const liveMessages = live.getEvents(created.id).filter((e) => e.kind === 'message').map((e) => e.id);
  const store = freshStore();
  store.setCredential(provider, KEY);
  store.addRun({ ...live.getRun(created.id)!, eventsEvicted: true });
  store.select(created.id);
  return { store, runId: created.id, liveMessages };
}

describe('<task-stream> for a run whose log was removed to save space', () => {
  for (const [provider, scenario] of [['parallel', 'happy'], ['parallel', 'parallel-full-replay'], ['shannon', 'happy']] as const) {
    it(`${provider} (${scenario}): says the log was removed, loads the events again on request, and keeps the run completed`, async () => {
      const { store, runId, liveMessages } = await evictedRun(provider, scenario);
      const el = await fixture<TaskStreamElement>(html`<task-stream provider=${provider} store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-stream>`);
      const notice = () => el.shadowRoot!.querySelector('[part="evicted"]');
      expect(notice()!.textContent).to.contain('removed to save space');
      expect(el.shadowRoot!.textContent).to.not.contain('No events yet');
      notice()!.querySelector('button')!.click();
      await until(() => !notice(), 10_000, 'the events loaded again');
      expect(store.getRun(runId)!.eventsEvicted).to.equal(false);
      const events = store.getEvents(runId);
      if (scenario === 'parallel-full-replay') {
        expect(events.filter((e) => e.kind === 'message').map((e) => e.id), 'the replayed trace holds every progress message').to.deep.equal(liveMessages);
      } else if (provider === 'parallel') {
        // A finished run's one state event: its status and output, which the run already has; no
        // progress messages are left to load.
        expect(events.filter((e) => e.kind === 'message'), 'no progress messages').to.have.length(0);
        expect(store.getRun(runId)!.output, 'the output stays').to.not.equal(undefined);
      } else {
        expect(events.length, 'Shannon keeps its events, without the text deltas').to.be.greaterThan(2);
      }
      expect(new Set(events.map((e) => e.id)).size, 'each event once').to.equal(events.length);
      expect(store.getRun(runId)!.status).to.equal('completed');
      if (events.length) await until(() => el.shadowRoot!.querySelectorAll('[part~="event"]').length > 0, 3000, 'the event rows');
      await until(() => !!el.shadowRoot!.querySelector('[part~="output"]'), 3000, 'the output');
    });
  }

  it('says so when the events cannot be loaded again, and fires task-error', async () => {
    const store = freshStore();
    store.addRun({ id: 'trun_gone', provider: 'parallel', status: 'completed', createdAt: '2026-11-01T10:00:00Z', eventsEvicted: true });
    store.select('trun_gone');
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-stream>`);
    const errors: Event[] = [];
    el.addEventListener('task-error', (e) => errors.push(e));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="evicted"] button')!.click();
    await until(() => errors.length === 1, 5000, 'task-error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="evicted"]')!.textContent).to.contain('Could not load the events again');
    expect(store.getRun('trun_gone')!.status).to.equal('completed');
  });
});
