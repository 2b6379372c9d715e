import { expect } from '@open-wc/testing';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { EventRows } from '../../../src/components/task-stream/event-rows.js';

const delta = (i: number, agent: string, text: string): TaskEvent => ({ kind: 'text-delta', id: `d${i}`, source: 'thread.message.delta', agent, text, seq: i });

describe('EventRows and the live answer', () => {
  it('groups 300 deltas alternating between agents A and B into 2 live texts and no rows', () => {
    const rows = new EventRows();
    const events = Array.from({ length: 300 }, (_, i) => delta(i + 1, i % 2 ? 'B' : 'A', i % 2 ? 'b' : 'a'));
    // Fed in uneven batches, as frames deliver them.
    for (let i = 0; i < events.length; i += 7) rows.append(events.slice(i, i + 7));
    expect(rows.rows).to.have.length(0);
    expect(rows.live.shown.map((t) => [t.agent, t.text.length, t.parts])).to.deep.equal([['A', 150, 150], ['B', 150, 150]]);
    const again = new EventRows();
    again.reset(events);
    expect(again.live.shown.map((t) => t.text)).to.deep.equal(['a'.repeat(150), 'b'.repeat(150)]);
  });

  it('closes an agent’s text at its completion, keeps the last finished one until the final answer, then shows none', () => {
    const rows = new EventRows();
    rows.append([delta(1, 'simple-agent', 'Hel'), delta(2, 'simple-agent', 'lo')]);
    rows.append([{ kind: 'text', id: 't', source: 'thread.message.completed', agent: 'simple-agent', text: 'Hello' }]);
    expect(rows.rows.map((r) => r.event.kind)).to.deep.equal(['text']);
    expect(rows.live.shown.map((t) => [t.text, t.done])).to.deep.equal([['Hello', true]]);
    rows.append([delta(3, 'simple-agent', 'Again')]);
    expect(rows.live.shown.map((t) => [t.text, t.done])).to.deep.equal([['Again', false]]);
    rows.append([{ kind: 'output', id: 'o', source: 'x', output: { type: 'text', content: 'Hello', basis: [] } }]);
    expect(rows.live.shown).to.deep.equal([]);
  });

  it('makes one row of a call reported twice (nested by the LLM service, then flat by the agent), with the call’s figures: the larger of each', () => {
    const rows = new EventRows();
    const call = (id: string, usage: Record<string, number>): TaskEvent => ({ kind: 'text', id, source: 'thread.message.completed', agent: 'Ryogoku', text: 'Notes on Zürich', usage });
    rows.append([call('n', { totalTokens: 1500, costUsd: 0.0009 }), { kind: 'text', id: 'k', source: 'thread.message.completed', agent: 'Kanda', text: 'Notes on Zürich' }]);
    rows.append([call('f', { totalTokens: 1520, costUsd: 0.0009, inputTokens: 1200 })]);
    expect(rows.rows.map((r) => r.key)).to.deep.equal(['n', 'k']);
    expect(rows.rows[0]!.usage).to.deep.equal({ totalTokens: 1520, costUsd: 0.0009, inputTokens: 1200 });
    const again = new EventRows();
    again.reset([call('n', { totalTokens: 1500 }), call('f', { totalTokens: 1400 })]);
    expect(again.rows.map((r) => [r.key, r.usage?.totalTokens])).to.deep.equal([['n', 1500]]);
  });

  it('gives prompts and the title no row', () => {
    const rows = new EventRows();
    rows.append([
      { kind: 'prompt', id: 'p', source: 'LLM_PROMPT', text: 'Generate a title', agent: 'title_generator' },
      { kind: 'title', id: 't1', source: 'thread.message.delta', text: 'Par', partial: true },
      { kind: 'title', id: 't2', source: 'thread.message.completed', text: 'Partner', partial: false },
    ]);
    expect(rows.rows).to.deep.equal([]);
    expect(rows.live.shown).to.deep.equal([]);
  });

  it('counts backfilled events into their gap row once per seq, and marks open texts incomplete', () => {
    const rows = new EventRows();
    rows.append([delta(1, 'A', 'x')]);
    rows.append([{ kind: 'gap', id: 'gap:1-20', source: 'seq', afterSeq: 1, beforeSeq: 20, missing: 18 }, delta(20, 'A', 'y')]);
    expect(rows.rows[0]!.recovered).to.equal(0);
    expect(rows.live.shown[0]!.partial).to.equal(true);
    rows.append([
      { kind: 'message', id: 'm', source: 'WORKFLOW_STARTED', category: 'workflow_started', text: 'x', seq: 5 },
      { kind: 'status', id: 'm#1', source: 'WORKFLOW_STARTED', status: 'running', apiStatus: 'x', seq: 5 },
      { kind: 'tool', id: 'n', source: 'TOOL_INVOKED', phase: 'call', tool: 't', text: 'y', seq: 9 },
      { kind: 'tool', id: 'o', source: 'TOOL_INVOKED', phase: 'call', tool: 't', text: 'y', seq: 25 },
    ]);
    expect(rows.rows[0]!.recovered).to.equal(2);
  });
});
