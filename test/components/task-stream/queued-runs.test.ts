/**
 * A run that waits for a free connection (the store's `maxStreams` budget, issue 14 §1) says what
 * is happening and what to do, not "Not connected" (fresh14 f1: it read like an error); and a
 * Parallel run that finished meanwhile says its progress log was not recorded, instead of showing
 * "2 progress events" as if that were the whole log (fresh14 c, problem 1). Real Web Locks, the
 * real mock over HTTP.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import { isTerminalStatus } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';
const endpoint = { provider: 'parallel' as const, baseUrl: '/mock', auth: { mode: 'api-key' as const, apiKey: KEY } };
const part = (el: TaskStreamElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function create(speed: number, input: string) {
  const creator = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
  const run = await creator.submit({ input, processor: 'lite', metadata: { mock_speed: speed } }, endpoint);
  creator.dispose();
  return run;
}

describe('<task-stream> for a run that waits for a free connection', () => {
  it('says it waits for a free connection, why, how often its status is checked and what to do; once it finished meanwhile, that its progress log was not recorded', async function () {
    this.timeout(60_000);
    const store = freshStore({ shareConnections: 'auto', maxStreams: 1, tabTuning: { queuedPollMs: 2000 } });
    store.setCredential('parallel', KEY);
    const long = await create(0.15, 'Acme Corporation acquisitions (long)');
    const short = await create(1, 'Globex acquisitions (short)'); // about 5 s: it still runs when its view opens
    store.addRun({ ...long });
    store.addRun({ ...short });
    store.select(long.id); // the run the page shows takes the one connection first
    const shown = await fixture<TaskStreamElement>(html`<task-stream provider="parallel" store=${store.name} run-id=${long.id} proxy-url="/mock" auth-mode="api-key"></task-stream>`);
    await until(() => store.getConnection(long.id)?.state === 'open', 10_000, 'the shown run streams');
    const waiting = await fixture<TaskStreamElement>(html`<task-stream provider="parallel" store=${store.name} run-id=${short.id} proxy-url="/mock" auth-mode="api-key"></task-stream>`);
    await until(() => store.getConnection(short.id)?.queued === true, 10_000, 'the other run waits for the budget');
    await waiting.updateComplete;

    const connection = part(waiting, 'connection')!;
    expect(connection.hasAttribute('data-queued')).to.equal(true);
    expect(text(connection)).to.contain('Waiting for a free connection');
    expect(text(connection)).to.not.contain('Not connected');
    const note = text(part(waiting, 'connection-note'));
    expect(note).to.contain('1 other run is streaming in your open tabs');
    expect(note).to.contain('its status is checked every 2 s');
    expect(note).to.contain('stop watching the other run');
    expect(part(shown, 'connection-note'), 'the streaming run has no such note').to.equal(null);

    await until(() => isTerminalStatus(store.getRun(short.id)!.status), 30_000, 'the waiting run finishes meanwhile');
    expect(store.getConnection(long.id)?.state, 'still waiting when it finished').to.equal('open');
    await until(() => part(waiting, 'log-note') !== null, 5000, 'the note on the log');
    expect(text(part(waiting, 'log-note'))).to.equal('The progress log was not recorded: this run finished before it was followed here (it waited for a free connection, or no open page was following it), and Parallel keeps only the result of a finished run.');
    expect(store.getRun(short.id)!.logIncomplete).to.equal(true);
    expect(part(waiting, 'connection-note'), 'no longer waiting').to.equal(null);
    await until(() => !!part(waiting, 'output'), 10_000, 'its result');
    expect(part(shown, 'log-note'), 'the streamed run has a complete log').to.equal(null);
    shown.stop();
    waiting.stop();
  });
});
