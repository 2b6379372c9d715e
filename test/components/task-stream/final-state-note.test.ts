/**
 * Parallel answers a connection to a finished run with its final state only (its current SSE guide),
 * so a run first opened after it ended has no steps to show: the log says why (issue 9: nothing on
 * screen said so). A run watched live never shows that note. Against the real mock.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { isTerminalStatus } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';
const endpoint = { provider: 'parallel' as const, baseUrl: '/mock', auth: { mode: 'api-key' as const, apiKey: KEY } };
const params = { input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_speed: 50 } };
const note = (el: TaskStreamElement) => el.shadowRoot!.querySelector('[part="log-note"]');

describe('<task-stream> for a Parallel run first opened after it finished', () => {
  it('says Parallel keeps only the result of a finished run, so no steps are shown', async () => {
    const live = freshStore({ connection: { retry: { initialDelayMs: 20, maxDelayMs: 200 }, statusPollMs: 200 } });
    const created = await live.submit(params, endpoint);
    const release = live.watch(created.id, () => endpoint);
    await until(() => isTerminalStatus(live.getRun(created.id)!.status), 15_000, 'the run to finish');
    release();

    // Another page load that only knows the run's id, as a link or another tab would.
    const store = freshStore();
    store.setCredential('parallel', KEY);
    store.addRun({ id: created.id, provider: 'parallel', status: 'running', createdAt: new Date().toISOString() });
    store.select(created.id);
    const el = await fixture<TaskStreamElement>(html`<task-stream provider="parallel" store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-stream>`);
    await until(() => store.getRun(created.id)!.status === 'completed', 10_000, 'the final state');
    await until(() => note(el) !== null, 3000, 'the note');
    expect(note(el)!.textContent!.replace(/\s+/g, ' ')).to.contain('Parallel keeps only the result of a finished run');
    expect(store.getEvents(created.id).filter((e) => e.kind === 'message'), 'no steps were sent').to.have.length(0);
  });

  it('is not shown for a run watched while it ran', async () => {
    // Real time (a lite run is live for about 5 s), so a slow engine still connects while it runs.
    const params = { input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_speed: 1 } };
    const store = freshStore({ connection: { retry: { initialDelayMs: 20, maxDelayMs: 200 }, statusPollMs: 200 } });
    store.setCredential('parallel', KEY);
    const created = await store.submit(params, endpoint);
    store.select(created.id);
    const el = await fixture<TaskStreamElement>(html`<task-stream provider="parallel" store=${store.name} proxy-url="/mock" auth-mode="api-key"></task-stream>`);
    await until(() => store.getRun(created.id)!.status === 'completed', 15_000, 'the run to finish');
    await until(() => !!el.shadowRoot!.querySelector('[part~="output"]'), 3000, 'the output');
    expect(store.getEvents(created.id).some((e) => e.kind === 'message'), 'steps arrived live').to.equal(true);
    expect(note(el)).to.equal(null);
  });
});
