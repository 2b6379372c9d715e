/**
 * A server clock *behind* ours (issue 13 §2): no negative, zero or inflated times. A time the API
 * stamped while answering our create (Parallel `created_at`) and the events of a run this page
 * submitted (Shannon, whose create answer has no time) tell the clock how far behind it is.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import { clock } from '../../../src/components/shared/clock.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { json, scriptStream, until } from '../../support/scripted-stream.js';

const BEHIND = 120_000;
const serverTime = (localMs: number) => new Date(localMs - BEHIND).toISOString();
const part = (el: TaskStreamElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)?.textContent ?? '';

describe('<task-stream> with a server clock 2 minutes behind ours', () => {
  afterEach(() => clock.resetSkew());

  it('a Parallel run just submitted reads "created just now" and counts its elapsed time from 0:00, not 2:00', async () => {
    const created = json({ run_id: 'trun_behind', interaction_id: 'trun_behind', status: 'running', is_active: true, processor: 'lite',
      created_at: serverTime(Date.now()), modified_at: serverTime(Date.now()) }, 202);
    const script = await scriptStream([{ when: '/v1/tasks/runs/trun_', events: [], end: 'hang' }, created]);
    const store = freshStore();
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} proxy-url=${script.url}></task-stream>`);
    await store.submit({ input: 'A question', processor: 'lite' }, el.endpoint('parallel'));
    await until(() => part(el, 'header').includes('created'), 5000, 'the run shown');
    await el.updateComplete;
    // The mock's stamp was made as the script was set up, a moment before the request: a bit more than 2 minutes.
    expect(clock.skew('parallel'), 'learnt from the create answer').to.be.within(-BEHIND - 2000, -BEHIND + 3000);
    expect(part(el, 'header')).to.contain('created just now');
    expect(part(el, 'elapsed')).to.match(/elapsed 0:0\d/);
    el.stop();
  });

  it('a finished Shannon run this page submitted says how long it really ran (its first event tells the clock)', async () => {
    const submitted = Date.now() - 10_000;
    const at = (s: number) => serverTime(submitted + s * 1000);
    const events: TaskEvent[] = [
      { kind: 'message', id: '1-0', source: 'WORKFLOW_STARTED', category: 'workflow', text: 'Started', timestamp: at(0.4) },
      { kind: 'message', id: '2-0', source: 'AGENT_STARTED', category: 'workflow', text: 'Working', timestamp: at(2) },
      { kind: 'message', id: '3-0', source: 'WORKFLOW_COMPLETED', category: 'workflow', text: 'Done', timestamp: at(5.4) },
    ];
    const run: TaskRun = { id: 'task-behind', provider: 'shannon', status: 'completed', createdAt: new Date(submitted).toISOString(),
      updatedAt: at(5.4), input: 'A question', request: { query: 'A question' } };
    const script = await scriptStream([{ when: '/', events: [], end: 'hang' }]);
    const store = freshStore();
    store.addRun(run, events);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${run.id} provider="shannon" proxy-url=${script.url}></task-stream>`);
    await el.updateComplete;
    expect(clock.skew('shannon')).to.be.within(-BEHIND, -BEHIND + 500);
    expect(part(el, 'elapsed')).to.equal('ran for 0:05');
    expect(part(el, 'header')).to.contain('created 10 seconds ago');
    el.stop();
  });

  it('a run only watched by id (not submitted here) teaches nothing from old events: no false correction', async () => {
    const events: TaskEvent[] = [{ kind: 'message', id: '1-0', source: 'WORKFLOW_STARTED', category: 'workflow', text: 'Started', timestamp: new Date(Date.now() - 3_600_000).toISOString() }];
    const run: TaskRun = { id: 'task-old', provider: 'shannon', status: 'completed', createdAt: new Date().toISOString() };
    const script = await scriptStream([{ when: '/', events: [], end: 'hang' }]);
    const store = freshStore();
    store.addRun(run, events);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${run.id} provider="shannon" proxy-url=${script.url}></task-stream>`);
    await el.updateComplete;
    expect(clock.skew('shannon')).to.equal(0);
    el.stop();
  });
});
