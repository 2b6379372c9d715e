/**
 * The timeline's model (issue 15 §1): one lane per Parallel phase or Shannon agent, marks that point
 * at their events, source counts as a rising line, and bounds that hold however long the run.
 */
import { expect } from '@open-wc/testing';
import { MAX_LANE_MARKS, MAX_LANES, MAX_POINTS, SPAN_GAP_MS, TimelineModel } from '../../../src/components/task-stream/timeline-model.js';
import type { TaskEvent, TaskRun } from '../../../src/core/providers/task-event.js';

const T0 = Date.parse('2026-11-01T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const parallelRun: TaskRun = { id: 'trun_1', provider: 'parallel', status: 'running', createdAt: at(0) };
const shannonRun: TaskRun = { id: 'task-1', provider: 'shannon', status: 'running', createdAt: at(0) };
const phase = (i: number, category: string, ms = i * 1000): TaskEvent =>
  ({ kind: 'message', id: `m${i}`, source: `task_run.progress_msg.${category}`, category, text: `step ${i}`, timestamp: at(ms) });
const stats = (i: number, considered: number, read: number): TaskEvent =>
  ({ kind: 'stats', id: `s${i}`, source: 'task_run.progress_stats', stats: { considered, read, sample: [] } });

describe('timeline model', () => {
  it('gives each Parallel phase its own lane, in the order plan, search, tool calls, results, progress, with a mark per message', () => {
    const model = new TimelineModel(parallelRun);
    model.append([phase(1, 'result'), phase(2, 'plan'), phase(3, 'search'), phase(4, 'search'), phase(5, 'tool_call'), phase(6, 'exec_status'), phase(8, 'web_fetch')]);
    expect(model.lanes.map((lane) => lane.key)).to.deep.equal(['plan', 'search', 'tool_call', 'result', 'exec_status', 'web_fetch']);
    expect(model.lanes[1]!.marks.map((mark) => mark.eventId)).to.deep.equal(['m3', 'm4']);
    expect(model.lanes[1]!.marks[1]!.time).to.equal(T0 + 4000);
  });

  it('puts one kind of step on one lane however the API spells it: `tool` and `tool_call` (fresh2: lanes "Tool calls" and "tool")', () => {
    const model = new TimelineModel(parallelRun);
    model.append([phase(1, 'tool_call'), phase(2, 'tool'), phase(3, 'Tool'), phase(4, 'tool_calls'), phase(5, 'search')]);
    expect(model.lanes.map((lane) => lane.key)).to.deep.equal(['search', 'tool_call']);
    expect(model.lanes[1]!.marks.map((mark) => mark.eventId)).to.deep.equal(['m1', 'm2', 'm3', 'm4']);
    expect(model.lanes[1]!.events).to.equal(4);
  });

  it('draws sources considered and read as points in time; a count without a time takes the time it arrived', () => {
    const model = new TimelineModel(parallelRun);
    model.append([phase(1, 'plan')]);
    model.append([stats(1, 10, 2)], T0 + 1500);
    model.append([stats(2, 40, 9)], T0 + 2500);
    expect(model.sources).to.deep.equal([{ time: T0 + 1500, considered: 10, read: 2 }, { time: T0 + 2500, considered: 40, read: 9 }]);
    // Read back from storage (no arrival time): the last time seen.
    model.append([stats(3, 50, 12)]);
    expect(model.sources.at(-1)).to.deep.equal({ time: T0 + 2500, considered: 50, read: 12 });
  });

  it('keeps at most a bounded number of marks and points for 10,000 messages and 5,000 source counts, losing no event from the counts', () => {
    const model = new TimelineModel(parallelRun);
    const kinds = ['plan', 'search', 'result', 'tool_call', 'exec_status'];
    for (let i = 0; i < 10_000; i += 100) {
      const batch: TaskEvent[] = [];
      for (let j = i; j < i + 100; j++) batch.push(phase(j, kinds[j % 5]!, j * 10), stats(j, j * 2, j));
      model.append(batch, T0 + i * 10);
    }
    for (const lane of model.lanes) {
      expect(lane.marks.length).to.be.at.most(MAX_LANE_MARKS);
      expect(lane.marks.length).to.be.above(MAX_LANE_MARKS / 4);
      expect(lane.marks.reduce((total, mark) => total + mark.count, 0)).to.equal(lane.events);
      // Merged marks stay in time order and point at their first event.
      expect(lane.marks.every((mark, i) => i === 0 || mark.time > lane.marks[i - 1]!.time)).to.equal(true);
    }
    expect(model.lanes.reduce((total, lane) => total + lane.events, 0)).to.equal(10_000);
    expect(model.sources.length).to.be.at.most(MAX_POINTS + 1);
    expect(model.sources.length).to.be.above(MAX_POINTS / 4);
    // The newest count is never dropped.
    expect(model.latest).to.deep.include({ considered: 19_998, read: 9_999 });
  });

  it('gives each Shannon agent a lane with its active spans, tool calls and a mark per usage report; a completion or a long pause ends a span', () => {
    const model = new TimelineModel(shannonRun);
    const delta = (i: number, agent: string): TaskEvent => ({ kind: 'text-delta', id: `d${agent}${i}`, source: 'thread.message.delta', agent, text: 'x', seq: i });
    model.append([{ kind: 'message', id: 'a1', source: 'AGENT_STARTED', category: 'agent_started', agent: 'Ryogoku', text: 'start', timestamp: at(1000) }]);
    model.append([delta(1, 'Ryogoku'), delta(2, 'Kanda')], T0 + 2000);
    model.append([{ kind: 'tool', id: 't1', source: 'TOOL_INVOKED', phase: 'call', tool: 'web_search', text: 'searching', agent: 'Ryogoku', timestamp: at(3000) }]);
    model.append([{ kind: 'text', id: 'c1', source: 'thread.message.completed', agent: 'Ryogoku', text: 'done', usage: { totalTokens: 1200, costUsd: 0.002 } }], T0 + 4000);
    model.append([delta(3, 'Kanda')], T0 + 3000 + SPAN_GAP_MS + 1);
    const [ryogoku, kanda] = model.lanes;
    expect(ryogoku!.key).to.equal('Ryogoku');
    expect(ryogoku!.spans).to.deep.equal([{ start: T0 + 1000, end: T0 + 4000, open: false }]);
    expect(ryogoku!.tools).to.equal(1);
    expect(ryogoku!.marks.map((mark) => mark.kind)).to.deep.equal(['tool', 'usage']);
    expect(kanda!.spans.map((span) => span.open)).to.deep.equal([true, true]);
  });

  it('marks a call reported twice (nested, then flat) once', () => {
    const model = new TimelineModel(shannonRun);
    const call = (id: string, text: string): TaskEvent => ({ kind: 'text', id, source: 'thread.message.completed', agent: 'Ryogoku', text, usage: { totalTokens: 10 }, timestamp: at(1000) });
    model.append([call('n', 'notes'), call('f', 'notes'), call('o', 'other notes')]);
    expect(model.lanes[0]!.marks.map((m) => m.eventId)).to.deep.equal(['n', 'o']);
  });

  it('costs O(1) per streamed piece: 50,000 deltas of 3 agents keep 3 lanes of one span each, and no marks', () => {
    const model = new TimelineModel(shannonRun);
    const agents = ['Ryogoku', 'Kanda', 'Shibuya'];
    for (let i = 0; i < 50_000; i += 500) {
      const batch: TaskEvent[] = [];
      for (let j = i; j < i + 500; j++) batch.push({ kind: 'text-delta', id: `d${j}`, source: 'thread.message.delta', agent: agents[j % 3]!, text: 'x', seq: j + 1 });
      model.append(batch, T0 + i);
    }
    expect(model.lanes.map((lane) => lane.spans.length)).to.deep.equal([1, 1, 1]);
    expect(model.markCount).to.equal(0);
    expect(model.events).to.equal(50_000);
  });

  it('draws at most a bounded number of lanes: later agents share the last one', () => {
    const model = new TimelineModel(shannonRun);
    model.append(Array.from({ length: MAX_LANES + 4 }, (_, i): TaskEvent => ({ kind: 'tool', id: `t${i}`, source: 'TOOL_INVOKED', phase: 'call', tool: 'search', text: '', agent: `agent-${i}`, timestamp: at(i * 100) })));
    expect(model.lanes).to.have.length(MAX_LANES);
    expect(model.lanes.at(-1)!.tools).to.equal(5);
  });
});
