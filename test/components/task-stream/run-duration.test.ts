/**
 * One duration per run (fresh2: "ran for 0:09" in the header beside "Timeline of 0:14" for the same
 * Parallel run after retry-zero and reconnect-204): the header's elapsed time and the timeline's
 * axis and summary read one span, from the run's creation to its end as the server dated it.
 * Events that arrive late (after a gap, or without a timestamp, dated when they arrived) do not
 * stretch the run.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const parts = (el: HTMLElement, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (el: HTMLElement, name: string) => parts(el, name)[0]?.textContent!.replace(/\s+/g, ' ').trim() ?? '';

async function show(run: TaskRun, events: TaskEvent[]) {
  const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
  const store = freshStore();
  store.setCredential(run.provider, 'test-key'); // a run this page may follow: its clock runs
  store.addRun(run, events);
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${run.id} provider=${run.provider} proxy-url=${url} auth-mode="api-key"></task-stream>`);
  await until(() => parts(el, 'timeline').length === 1, 5000, 'the timeline');
  return { el, store };
}

describe('<task-stream> run duration', () => {
  it('says the same duration in the header and the timeline when the last events arrive long after the server finished the run', async () => {
    const T0 = Date.now() - 20_000;
    const at = (s: number) => new Date(T0 + s * 1000).toISOString();
    const phase = (i: number, category: string): TaskEvent =>
      ({ kind: 'message', id: `m${i}`, source: `task_run.progress_msg.${category}`, category, text: `${category} ${i}`, timestamp: at(i) });
    const { el, store } = await show({ id: 'trun_late', provider: 'parallel', status: 'running', createdAt: at(0), processor: 'lite' },
      [phase(1, 'plan'), phase(2, 'search')]);
    // After a gap the counts and the final state arrive now, 20 s after the run began; the server says it finished at 9 s.
    store.applyEvents('trun_late', [{ kind: 'stats', id: 's1', source: 'task_run.progress_stats', stats: { considered: 40, read: 9, sample: [] } }]);
    store.updateRun('trun_late', { updatedAt: at(9) });
    store.applyEvents('trun_late', [{ kind: 'status', id: 'status:completed', source: 'task_run.state', status: 'completed', apiStatus: 'completed' }]);
    await until(() => el.run?.status === 'completed' && parts(el, 'timeline-now').length === 0, 3000, 'the finished run');
    await el.updateComplete;
    expect(text(el, 'elapsed')).to.equal('ran for 0:09');
    expect(text(el, 'timeline-summary')).to.match(/^Timeline of 0:09\./);
    // The axis ends where the run ended: 9 s wide, the late counts drawn at its end.
    const viewBox = parts(el, 'timeline')[0]!.querySelector('svg')!.getAttribute('viewBox')!.split(' ');
    expect(Number(viewBox[2])).to.equal(9);
  });

  it('says the same duration in both while the run goes on', async () => {
    const T0 = Date.now() - 75_000;
    const at = (s: number) => new Date(T0 + s * 1000).toISOString();
    const { el } = await show({ id: 'trun_going', provider: 'parallel', status: 'running', createdAt: at(0), processor: 'lite' },
      [{ kind: 'message', id: 'm1', source: 'task_run.progress_msg.plan', category: 'plan', text: 'plan', timestamp: at(1) }]);
    const elapsed = text(el, 'elapsed').replace('elapsed ', '');
    expect(elapsed).to.match(/^1:1\d$/);
    expect(text(el, 'timeline-summary')).to.contain(`Timeline so far, ${elapsed}.`);
  });
});
