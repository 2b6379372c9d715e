/**
 * The screen-reader live text ("Status: …") always speaks of the run shown now (issue 13 §15): a
 * new run that cannot connect never keeps the previous run's status.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream, until } from '../../support/scripted-stream.js';

const live = (el: TaskStreamElement) => el.shadowRoot!.querySelector('.visually-hidden[role="status"]')!.textContent!.trim();

describe('<task-stream> live status text', () => {
  it('gives the newly shown run’s status, not the previous run’s, when the new run cannot connect', async () => {
    const script = await scriptStream([
      { when: '/trun_old/events', events: [], end: 'hang' },
      { when: '/trun_new', ...json({ type: 'error', error: { ref_id: 'r', message: 'Invalid API key' } }, 401) },
    ]);
    const store = freshStore();
    store.addRun({ id: 'trun_old', provider: 'parallel', status: 'running', createdAt: new Date().toISOString(), input: 'old' });
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id="trun_old" proxy-url=${script.url}></task-stream>`);
    await el.updateComplete;
    store.updateRun('trun_old', { status: 'completed' });
    await until(() => /completed/i.test(live(el)), 3000, 'the old run’s status');

    store.addRun({ id: 'trun_new', provider: 'parallel', status: 'queued', createdAt: new Date().toISOString(), input: 'new' });
    el.runId = 'trun_new';
    await el.updateComplete;
    expect(live(el)).to.not.match(/completed/i);
    await until(() => store.getConnection('trun_new')?.phase === 'failed', 5000, 'the new run fails to connect');
    await el.updateComplete;
    expect(live(el), 'the new run’s reach, as its badge shows it (freshF §2)').to.equal('Status: key rejected');
    // A refused key: the page cannot know how the run goes, so no clock ticks and nothing moves;
    // the error says what happened and what to do.
    expect(el.shadowRoot!.querySelector('[part~="elapsed"]'), 'no elapsed time ticking').to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="progress"]'), 'no bar, no busy animation').to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~="status"]')!.textContent!.trim(), 'the badge says what happened').to.equal('key rejected');
    expect(el.shadowRoot!.querySelector('[part~="error"] .error-text')!.textContent).to.contain('401').and.contain('Check the key');
  });
});
