/**
 * A finished run's log collapses to one line that says what it holds (issue 14 §1, freshF 6c /
 * freshG 2): progress events are counted without the status changes among them, and a log of
 * status changes only — a Parallel run that ended while it waited for a free connection
 * (queued → running → completed) — says "2 status changes", not "2 progress events". English and
 * German.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskEvent, TaskRun, TaskStatus } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

const T0 = Date.parse('2026-11-01T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const status = (s: TaskStatus, second: number): TaskEvent => ({ kind: 'status', id: `status:${s}`, status: s, apiStatus: s, source: 'stream', timestamp: at(second) });
const message = (i: number): TaskEvent => ({ kind: 'message', id: `m${i}`, source: 'PROGRESS', category: 'progress', text: `step ${i}`, timestamp: at(i) });
const parts = (el: HTMLElement, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

async function show(events: TaskEvent[], lang: 'en' | 'de' = 'en', extra: Partial<TaskRun> = {}): Promise<TaskStreamElement> {
  const { url } = await scriptStream([{ when: '/', events: [], end: 'hang' }]);
  const store = freshStore();
  // Listed while queued, then its log as it came: the status changes (and progress), then the result.
  const run: TaskRun = { id: 'trun_summary', provider: 'parallel', status: 'queued', apiStatus: 'queued', createdAt: at(0), processor: 'lite', ...extra };
  const result: TaskEvent = { kind: 'output', id: 'output', source: 'result', output: { type: 'text', content: 'The answer.', basis: [] } };
  store.addRun(run, [...events, result]);
  expect(store.getRun(run.id)!.status, 'the log ends the run').to.equal('completed');
  expect(store.getEvents(run.id).filter((e) => e.kind === 'status'), 'its status changes are in the log').to.have.length(events.filter((e) => e.kind === 'status').length);
  store.select(run.id);
  const root = await fixture<HTMLDivElement>(html`<div lang=${lang}><task-stream store=${store.name} provider="parallel" proxy-url=${url} auth-mode="api-key"></task-stream></div>`);
  const el = root.querySelector<TaskStreamElement>('task-stream')!;
  await el.updateComplete;
  return el;
}

describe('<task-stream> a finished run’s log summary', () => {
  it('says “2 status changes · show” for a log of status changes only (a run that ended while it waited for a connection), and shows both when opened', async () => {
    const el = await show([status('running', 1), status('completed', 20)], 'en', { logIncomplete: true });
    expect(text(parts(el, 'log-summary')[0]!)).to.equal('2 status changes · show');
    parts(el, 'log-summary')[0]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(parts(el, 'event')).to.have.length(2);
    expect(text(parts(el, 'log-summary')[0]!)).to.equal('2 status changes · hide');
  });

  it('says “1 status change” for one', async () => {
    const el = await show([status('completed', 20)]);
    expect(text(parts(el, 'log-summary')[0]!)).to.equal('1 status change · show');
  });

  it('counts progress events without the status changes among them', async () => {
    const el = await show([status('running', 1), message(2), message(3), message(4), status('completed', 20)]);
    expect(text(parts(el, 'log-summary')[0]!)).to.equal('3 progress events · show');
  });

  it('says it in German: “2 Statuswechsel · zeigen”, “3 Fortschrittsereignisse · zeigen”', async () => {
    const statuses = await show([status('running', 1), status('completed', 20)], 'de');
    // A German page renders in English until its catalog (a chunk of its own) has loaded.
    await until(() => text(parts(statuses, 'log-summary')[0]!) !== '2 status changes · show', 5000, 'the German words');
    expect(text(parts(statuses, 'log-summary')[0]!)).to.equal('2 Statuswechsel · zeigen');
    const progress = await show([status('running', 1), message(2), message(3), message(4), status('completed', 20)], 'de');
    await until(() => text(parts(progress, 'log-summary')[0]!).endsWith('zeigen'), 5000, 'the German words');
    expect(text(parts(progress, 'log-summary')[0]!)).to.equal('3 Fortschrittsereignisse · zeigen');
  });
});
