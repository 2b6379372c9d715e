/**
 * The run's timeline in <task-stream> (issue 15 §1): a lane and marks for each Parallel phase and
 * each Shannon agent, sources as a rising line, the current moment while the run is active, a
 * bounded drawing for a long run, words for screen readers, and marks that a keyboard reaches and
 * that show their event in the log.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { MAX_LANE_MARKS, MAX_POINTS } from '../../../src/components/task-stream/timeline-model.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';
import { freshStore } from '../../support/stores.js';
import { scriptStream, until } from '../../support/scripted-stream.js';

function parts(el: HTMLElement, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

async function show(run: TaskRun, events: TaskEvent[] = []) {
  const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
  const store = freshStore();
  store.addRun(run, events);
  const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id=${run.id} provider=${run.provider} proxy-url=${url} auth-mode="api-key"></task-stream>`);
  await until(() => parts(el, 'timeline').length === 1, 5000, 'the timeline');
  return { el, store };
}

const T0 = Date.now() - 60_000;
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const phase = (i: number, category: string): TaskEvent =>
  ({ kind: 'message', id: `m${i}`, source: `task_run.progress_msg.${category}`, category, text: `${category} step ${i}`, timestamp: at(i) });
const stats = (i: number, considered: number, read: number): TaskEvent =>
  ({ kind: 'stats', id: `s${i}`, source: 'task_run.progress_stats', stats: { considered, read, sample: [] } });
const marks = (el: HTMLElement) => parts(el, 'timeline-mark');
const summary = (el: HTMLElement) => parts(el, 'timeline-summary')[0]!.textContent!.replace(/\s+/g, ' ').trim();

describe('<task-stream> timeline', () => {
  it('shows a mark for each Parallel phase message, on a lane of its phase, and sources as two rising lines', async () => {
    const { el } = await show({ id: 'trun_phases', provider: 'parallel', status: 'running', createdAt: at(0) }, [
      phase(1, 'plan'), phase(2, 'search'), stats(1, 20, 3), phase(3, 'search'), phase(4, 'tool_call'), phase(5, 'result'), stats(2, 80, 12), phase(6, 'exec_status'),
    ]);
    const kinds = marks(el).map((mark) => mark.getAttribute('aria-label')!.split(' at ')[0]);
    expect(kinds).to.deep.equal(['Plan', 'Search', 'Search', 'Tool calls', 'Results', 'Progress']);
    expect(marks(el).map((mark) => mark.dataset.eventId)).to.deep.equal(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    const timeline = parts(el, 'timeline')[0]!;
    expect(timeline.querySelectorAll('polyline')).to.have.length(2);
    expect(timeline.querySelector('polyline.read')!.getAttribute('points')!.trim().split(' ').length).to.be.at.least(2);
    // The current moment, while the run is active.
    expect(parts(el, 'timeline-now')).to.have.length(1);
    expect(summary(el)).to.match(/^Timeline so far, 1:0\d\. Plan: 1 message; Search: 2 messages; Tool calls: 1 message; Results: 1 message; Progress: 1 message\. Sources: 80 considered, 12 read\.$/);
  });

  it('names one lane per kind of step for people: `tool` joins "Tool calls", an unknown kind reads as words', async () => {
    const { el } = await show({ id: 'trun_kinds', provider: 'parallel', status: 'running', createdAt: at(0) }, [
      phase(1, 'tool_call'), phase(2, 'tool'), phase(3, 'web_fetch'), phase(4, 'search'),
    ]);
    const labels = [...parts(el, 'timeline')[0]!.querySelectorAll<HTMLElement>('.tl-labels > span')].map((span) => span.textContent!.trim());
    expect(labels).to.deep.equal(['Search', 'Tool calls', 'Web fetch']);
    expect(summary(el)).to.contain('Search: 1 message; Tool calls: 2 messages; Web fetch: 1 message.');
  });

  it('adds marks as events stream in, without a now line once the run is over', async () => {
    const { el, store } = await show({ id: 'trun_live', provider: 'parallel', status: 'running', createdAt: at(0) }, [phase(1, 'plan')]);
    expect(marks(el)).to.have.length(1);
    store.applyEvents('trun_live', [phase(2, 'search'), phase(3, 'result')]);
    await until(() => marks(el).length === 3, 3000, 'the new marks');
    store.applyEvents('trun_live', [{ kind: 'status', id: 'status:completed', source: 'task_run.state', status: 'completed', apiStatus: 'completed', timestamp: at(4) }]);
    await until(() => el.run?.status === 'completed' && parts(el, 'timeline-now').length === 0, 3000, 'the finished picture');
    expect(summary(el)).to.match(/^Timeline of 0:0\d\./);
  });

  it('draws Shannon agents as lanes with their active spans, tool calls and usage, and says so in words', async () => {
    const agent = (id: string, name: string, s: number, extra: Partial<TaskEvent>): TaskEvent => ({ id, agent: name, timestamp: at(s), ...extra }) as TaskEvent;
    const { el } = await show({ id: 'task-lanes', provider: 'shannon', status: 'completed', createdAt: at(0), updatedAt: at(30) }, [
      agent('a1', 'Ryogoku', 1, { kind: 'message', source: 'AGENT_STARTED', category: 'agent_started', text: 'Starting' }),
      agent('t1', 'Ryogoku', 3, { kind: 'tool', source: 'TOOL_INVOKED', phase: 'call', tool: 'web_search', text: 'Searching' }),
      agent('a2', 'Kanda', 4, { kind: 'message', source: 'AGENT_STARTED', category: 'agent_started', text: 'Starting' }),
      agent('c1', 'Ryogoku', 9, { kind: 'text', source: 'thread.message.completed', text: 'Found it', usage: { totalTokens: 1500, costUsd: 0.003 } }),
      agent('c2', 'Kanda', 12, { kind: 'text', source: 'thread.message.completed', text: 'Also', usage: { totalTokens: 500 } }),
    ]);
    const timeline = parts(el, 'timeline')[0]!;
    expect([...timeline.querySelectorAll('.tl-labels > span')].map((s) => s.textContent)).to.deep.equal(['Ryogoku', 'Kanda']);
    expect(timeline.querySelectorAll('rect.span')).to.have.length(2);
    expect(marks(el).map((mark) => mark.dataset.kind)).to.deep.equal(['tool', 'usage', 'usage']);
    expect(marks(el)[0]!.getAttribute('aria-label')).to.equal('Ryogoku: tool call web_search at 0:03');
    expect(summary(el)).to.equal('Timeline of 0:30. 2 agents. Ryogoku: active 0:08, 1 tool call, 1,500 tokens, $0.0030; Kanda: active 0:08, 500 tokens.');
  });

  it('keeps the drawing bounded for 10,000 messages and 5,000 source counts: at most a few hundred marks and points', async () => {
    const kinds = ['plan', 'search', 'result', 'tool_call', 'exec_status'];
    const events: TaskEvent[] = [];
    for (let i = 0; i < 10_000; i++) {
      events.push({ ...phase(i, kinds[i % 5]!), timestamp: new Date(T0 + i * 5).toISOString() });
      if (i % 2) events.push(stats(i, i * 3, i));
    }
    const { el } = await show({ id: 'trun_long', provider: 'parallel', status: 'completed', createdAt: at(0), updatedAt: at(60) }, events);
    expect(marks(el).length).to.be.at.most(5 * MAX_LANE_MARKS);
    expect(marks(el).length).to.be.above(50);
    const points = parts(el, 'timeline')[0]!.querySelector('polyline.read')!.getAttribute('points')!.trim().split(' ');
    expect(points.length).to.be.at.most(MAX_POINTS + 2);
    expect(parts(el, 'timeline')[0]!.querySelectorAll('*').length).to.be.below(500);
    // A merged mark says how many events it stands for.
    expect(marks(el)[0]!.getAttribute('aria-label')).to.match(/\([\d,]+ events\)$/);
  });

  it('is one tab stop: arrow keys move between marks, Enter shows the event’s row in the log and focuses it', async () => {
    const { el } = await show({ id: 'trun_keys', provider: 'parallel', status: 'running', createdAt: at(0) }, [
      phase(1, 'plan'), phase(2, 'search'), phase(3, 'search'), phase(4, 'result'),
    ]);
    const tabStops = () => marks(el).filter((mark) => mark.getAttribute('tabindex') === '0');
    expect(tabStops()).to.have.length(1);
    // The newest mark is the tab stop.
    expect(tabStops()[0]!.dataset.eventId).to.equal('m4');
    const search = marks(el).find((mark) => mark.dataset.eventId === 'm3')!;
    search.focus();
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await until(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset?.eventId === 'm2', 3000, 'focus on the previous mark');
    expect(tabStops().map((mark) => mark.dataset.eventId)).to.deep.equal(['m2']);
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    focused.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    await until(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset?.eventId === 'm1', 3000, 'focus on the plan lane');
    (el.shadowRoot!.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await until(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset?.id === 'm1', 3000, 'the event row focused');
    expect(el.shadowRoot!.activeElement!.getAttribute('part')).to.contain('event');
  });

  it('a click on a mark of a finished run opens its collapsed log at that event, pages back to it if needed', async () => {
    const events = Array.from({ length: 250 }, (_, i) => phase(i + 1, i % 2 ? 'search' : 'plan'));
    const { el } = await show({ id: 'trun_click', provider: 'parallel', status: 'completed', createdAt: at(0), updatedAt: at(300),
      output: { type: 'text', content: 'Done.', basis: [] } }, events);
    expect(parts(el, 'event')).to.have.length(0);
    const first = marks(el)[0]!;
    const id = first.dataset.eventId!;
    first.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await until(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset?.id === id, 3000, 'the first event focused');
    expect(parts(el, 'event').some((row) => row.dataset.id === id)).to.equal(true);
  });

  it('speaks German: lanes, marks and the summary in German words and numbers', async () => {
    const store = freshStore();
    store.addRun({ id: 'trun_de', provider: 'parallel', status: 'completed', createdAt: at(0), updatedAt: at(30) },
      [phase(1, 'plan'), phase(2, 'search'), phase(3, 'search'), stats(1, 1234, 56)]);
    const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
    const wrapper = await fixture<HTMLElement>(html`<div lang="de"><task-stream store=${store.name} run-id="trun_de" provider="parallel" proxy-url=${url}></task-stream></div>`);
    const el = wrapper.querySelector('task-stream')!;
    await until(() => el.locale === 'de' && parts(el, 'timeline').length === 1, 5000, 'the German timeline');
    await el.updateComplete;
    expect(summary(el)).to.equal('Zeitleiste über 0:30. Plan: 1 Meldung; Suche: 2 Meldungen. Quellen: 1.234 betrachtet, 56 gelesen.');
    expect(marks(el).map((mark) => mark.getAttribute('aria-label'))).to.deep.equal(['Plan bei 0:01', 'Suche bei 0:02', 'Suche bei 0:03']);
    expect(parts(el, 'timeline')[0]!.getAttribute('aria-label')).to.equal('Zeitleiste des Laufs');
  });

  it('gives a Shannon run without agents yet a summary and no picture until there is something to draw', async () => {
    const store = freshStore();
    store.addRun({ id: 'task-empty', provider: 'shannon', status: 'running', createdAt: at(0) });
    const url = (await scriptStream([{ when: '/', events: [], end: 'hang' }])).url;
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} run-id="task-empty" provider="shannon" proxy-url=${url}></task-stream>`);
    await new Promise((r) => setTimeout(r, 100));
    expect(parts(el, 'timeline')).to.have.length(0);
    store.applyEvents('task-empty', [{ kind: 'tool', id: 't1', source: 'TOOL_INVOKED', phase: 'call', tool: 'calculator', text: '', agent: 'Ryogoku', timestamp: at(2) }]);
    await until(() => parts(el, 'timeline').length === 1, 3000, 'the timeline');
    expect(summary(el)).to.match(/^Timeline so far, 1:0\d\. 1 agent\. Ryogoku: active 0:\d\d, 1 tool call\.$/);
  });

  it('says in words the source counts the progress line says, not the 0 / 0 left among the events by a gap in the stream', async () => {
    const cite = (url: string) => [{ url, title: url }];
    const output = { type: 'json', content: { a: 1, b: 2 }, basis: [
      { field: 'a', citations: [...cite('https://a.example/'), ...cite('https://b.example/')], reasoning: 'r', confidence: 'high' },
      { field: 'b', citations: cite('https://c.example/'), reasoning: 'r', confidence: 'high' },
    ] } as TaskRun['output'];
    // The stream's first counts were 0 and 0; the later ones were missed (a 204 or an offline gap).
    const { el } = await show({ id: 'trun_gap', provider: 'parallel', status: 'completed', createdAt: at(0), updatedAt: at(30),
      stats: { considered: 0, read: 0, sample: [] }, output }, [phase(1, 'plan'), stats(1, 0, 0), phase(2, 'search')]);
    expect(summary(el)).to.not.match(/\b0 (considered|read)\b/);
    expect(summary(el)).to.match(/3 sources cited\.$/);
    expect(parts(el, 'timeline')[0]!.querySelector('.tl-labels')!.textContent).to.not.match(/\b0 read\b/);
  });

  it('says the run’s latest counts when a status answer brought newer ones than the stream’s last event', async () => {
    const { el, store } = await show({ id: 'trun_newer', provider: 'parallel', status: 'running', createdAt: at(0) }, [phase(1, 'plan'), stats(1, 20, 3)]);
    expect(summary(el)).to.match(/Sources: 20 considered, 3 read\.$/);
    store.updateRun('trun_newer', { stats: { considered: 80, read: 12, sample: [] } });
    await until(() => summary(el).includes('80 considered'), 3000, 'the newer counts');
    expect(summary(el)).to.match(/Sources: 80 considered, 12 read\.$/);
  });
});
