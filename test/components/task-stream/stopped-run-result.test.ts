/**
 * A run the user stopped watching that then finished (fresh3 §d), as the reader sees it: once the
 * end is learned (here: the status refresh <task-history> makes), the connection line says
 * "Finished", never "Not watching", and the result appears; when the result cannot be fetched the
 * line says so, with the error and "Load the result", which fetches it again.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream, until } from '../../support/scripted-stream.js';

const RUN = 'trun_stopped_then_done';
const created = new Date(Date.now() - 60_000).toISOString();
const status = (s: string) => ({ run_id: RUN, status: s, is_active: s === 'running', processor: 'base', created_at: created, modified_at: new Date().toISOString() });
const RESULT = { run: status('completed'), output: { type: 'text', content: 'Paris is the capital of France.', basis: [] } };

function connection(el: TaskStreamElement): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[part~="connection"]')!;
}
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function stoppedRun(resultAnswers: ReturnType<typeof json>[]) {
  const script = await scriptStream([
    ...resultAnswers.map((answer) => ({ when: `/runs/${RUN}/result`, ...answer })),
    { when: `/runs/${RUN}/events`, events: [], end: 'hang' },
    { when: `/runs/${RUN}`, ...json(status('completed')) },
  ]);
  // Confirming gives up on the first failed fetch (no wait in the test); real runs ask again for a minute.
  const store = freshStore({ connection: { confirmWithinMs: 1, retry: { initialDelayMs: 5, maxDelayMs: 40, minDelayMs: 5 }, statusPollMs: 0 } });
  store.addRun({ id: RUN, provider: 'parallel', status: 'running', processor: 'base', createdAt: created, input: 'Stop watching test', watchStopped: true });
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${RUN} proxy-url=${script.url}></task-stream>`);
  await until(() => text(connection(el)).includes('Not watching'), 5000, 'not watching');
  const endpoint = { provider: 'parallel' as const, baseUrl: script.url, auth: { mode: 'none' as const } };
  return { el, store, script, endpoint };
}

describe('<task-stream> a stopped run that finished', () => {
  it('shows “Finished” and the result once a status refresh learns the run completed — never “Not watching” or “Watch again”', async () => {
    const { el, store, script, endpoint } = await stoppedRun([json(RESULT)]);
    expect(text(connection(el))).to.contain('Watch again');
    await store.refreshStatus(RUN, endpoint);
    await until(() => text(el.shadowRoot!.querySelector('[part~="output"]')).includes('Paris is the capital'), 5000, 'the result');
    await until(() => text(connection(el)).startsWith('Finished'), 5000, 'finished');
    expect(text(connection(el))).to.not.contain('Not watching');
    expect(text(connection(el))).to.not.contain('Watch again');
    const log = await script.log();
    expect(log.filter((r) => r.url.includes('/events')), 'no stream for a run that is over').to.have.length(0);
    expect(log.filter((r) => r.url.includes('/result')), 'the result fetched once').to.have.length(1);
  });

  it('says when the result could not be loaded, and “Load the result” fetches it', async () => {
    const { el, store, script, endpoint } = await stoppedRun([json({ error: { message: 'Internal error' } }, 500), json(RESULT)]);
    await store.refreshStatus(RUN, endpoint);
    await until(() => text(connection(el)).includes('Result not loaded'), 5000, 'the failure');
    const error = el.shadowRoot!.querySelector('[part~="error"]');
    expect(text(error)).to.contain('its result could not be loaded');
    expect(text(connection(el))).to.not.contain('Connection failed');
    const button = connection(el).querySelector<HTMLButtonElement>('[part~="reconnect"]')!;
    expect(text(button)).to.equal('Load the result');
    button.click();
    await until(() => text(el.shadowRoot!.querySelector('[part~="output"]')).includes('Paris is the capital'), 5000, 'the result');
    await until(() => text(connection(el)).startsWith('Finished'), 5000, 'finished');
    expect(el.shadowRoot!.querySelector('[part~="error"]'), 'the error is gone').to.equal(null);
    expect((await script.log()).filter((r) => r.url.includes('/result'))).to.have.length(2);
  });
});
