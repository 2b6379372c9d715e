import { expect } from '@open-wc/testing';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { readAgentUsages, readUsage } from '../../../src/core/providers/usage.js';
import { UsageLedger } from '../../../src/core/providers/usage-ledger.js';
import { usageReport } from '../../../src/core/providers/usage-report.js';

function totalUsage(events: readonly TaskEvent[]) {
  const ledger = new UsageLedger();
  ledger.add(events);
  return ledger.total;
}

const text = (id: string, agent: string, body: string, usage: Record<string, unknown>): TaskEvent =>
  ({ kind: 'text', id, source: 'thread.message.completed', agent, text: body, usage: readUsage(usage) });

describe('usage', () => {
  it('reads the nested LLM-service form and the flat Go-agent form alike', () => {
    const nested = readUsage({ model: 'm', provider: 'p', usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, cost_usd: 0.001 } });
    const flat = readUsage({ model_used: 'm', provider: 'p', input_tokens: 10, output_tokens: 5, tokens_used: 15, cost_usd: 0.001 });
    expect(nested).to.deep.equal({ inputTokens: 10, outputTokens: 5, totalTokens: 15, costUsd: 0.001, model: 'm', provider: 'p' });
    expect(flat).to.deep.equal(nested);
  });

  it('never adds the two forms of one payload together', () => {
    const both = readUsage({ tokens_used: 15, input_tokens: 10, output_tokens: 5, cost_usd: 0.001, usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, cost_usd: 0.001 } });
    expect(both).to.deep.include({ totalTokens: 15, inputTokens: 10, outputTokens: 5, costUsd: 0.001 });
  });

  it('derives the total from input and output when only they are given; nothing from an empty payload', () => {
    expect(readUsage({ usage: { input_tokens: 3, output_tokens: 4 } })).to.deep.equal({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
    expect(readUsage({})).to.equal(undefined);
    expect(readUsage('x')).to.equal(undefined);
  });

  it('sums calls, counting a call reported by the LLM service and by the agent once', () => {
    const events = [
      text('1', 'A', 'same text', { usage: { input_tokens: 100, output_tokens: 10, cost_usd: 0.001 } }),
      text('2', 'A', 'same text', { input_tokens: 100, output_tokens: 10, cost_usd: 0.0012 }),
      text('3', 'A', 'another call', { input_tokens: 100, output_tokens: 10, cost_usd: 0.001 }),
      text('4', 'B', 'synthesis', { usage: { input_tokens: 50, output_tokens: 5, total_tokens: 55, cost_usd: 0.5 } }),
      text('5', 'B', 'synthesis', { model_used: 'm', tokens_used: 55 }),
      text('6', 'B', '', { cost_usd: 0.25 }),
      text('7', 'B', '', { cost_usd: 0.25 }),
    ];
    const total = totalUsage(events)!;
    expect(total.inputTokens).to.equal(250);
    expect(total.totalTokens).to.equal(110 + 110 + 55);
    expect(total.costUsd).to.be.closeTo(0.0012 + 0.001 + 0.5 + 0.25 + 0.25, 1e-12);
  });

  it('adds each agent’s calls once, and the agents add up to the total (a second report only raises a figure)', () => {
    const ledger = new UsageLedger();
    ledger.add([
      text('1', 'A', 'notes', { usage: { input_tokens: 100, output_tokens: 10, total_tokens: 110, cost_usd: 0.001 } }),
      text('2', 'B', 'other notes', { usage: { input_tokens: 50, output_tokens: 5, total_tokens: 55, cost_usd: 0.0005 } }),
    ]);
    ledger.add([text('3', 'A', 'notes', { input_tokens: 100, output_tokens: 10, tokens_used: 130, cost_usd: 0.0012 })]);
    expect(ledger.calls).to.equal(2);
    expect(ledger.agents.map((a) => [a.agent, a.totalTokens, a.costUsd])).to.deep.equal([['A', 130, 0.0012], ['B', 55, 0.0005]]);
    expect(ledger.total).to.deep.include({ totalTokens: 185, inputTokens: 150, outputTokens: 15 });
    expect(ledger.total!.costUsd).to.be.closeTo(0.0017, 1e-12);
  });

  it('leaves the session title out: the server never counts that call (session_title.go records no usage)', () => {
    const title: TaskEvent = { kind: 'title', id: 't', source: 'thread.message.completed', text: 'A title', partial: false, usage: { totalTokens: 218, costUsd: 0.00001 } };
    expect(totalUsage([title, text('1', 'A', 'x', { tokens_used: 10 })])).to.deep.equal({ totalTokens: 10 });
  });

  it('reads the status API’s per-agent figures, one entry per agent however many models it used', () => {
    const byAgent = readAgentUsages({ agent_usages: [
      { agent_id: 'Ryogoku', model: 'm1', input_tokens: 10, output_tokens: 5, total_tokens: 15, cost_usd: 0.001 },
      { agent_id: 'decompose', model: 'm2', input_tokens: 4, output_tokens: 1, total_tokens: 5, cost_usd: 0.0001 },
      { agent_id: 'Ryogoku', model: 'm2', input_tokens: 1, output_tokens: 1, total_tokens: 2, cost_usd: 0.0002 },
      'junk',
    ] });
    expect(byAgent.map((a) => [a.agent, a.totalTokens, a.model])).to.deep.equal([['Ryogoku', 17, undefined], ['decompose', 5, 'm2']]);
    expect(byAgent[0]!.costUsd).to.be.closeTo(0.0012, 1e-12);
    expect(readAgentUsages(undefined)).to.deep.equal([]);
  });

  describe('usageReport', () => {
    const run = { id: 'r', provider: 'shannon' as const, status: 'running' as const, createdAt: '' };
    const events = [text('1', 'A', 'x', { input_tokens: 1, output_tokens: 1 }), text('2', 'B', 'y', { tokens_used: 5, cost_usd: 0.001 })];

    it('while running: the calls seen, per agent and in total, from the events', () => {
      const report = usageReport(run, events)!;
      expect(report).to.deep.include({ totalFrom: 'events', agentsFrom: 'events', final: false });
      expect(report.total).to.deep.include({ totalTokens: 7 });
      expect(report.agents.map((a) => a.agent)).to.deep.equal(['A', 'B']);
      expect(usageReport(run, [])).to.equal(undefined);
    });

    it('once final: the server’s total and split; sum(agents) is the total', () => {
      const final = { ...run, status: 'completed' as const, usage: { totalTokens: 12, costUsd: 0.002 },
        usageByAgent: [{ agent: 'decompose', totalTokens: 5, costUsd: 0.001 }, { agent: 'A', totalTokens: 2 }, { agent: 'B', totalTokens: 5, costUsd: 0.001 }] };
      const report = usageReport(final, events)!;
      expect(report).to.deep.include({ totalFrom: 'server', agentsFrom: 'server', final: true });
      expect(report.total).to.deep.equal({ totalTokens: 12, costUsd: 0.002 });
      expect(report.unattributed).to.equal(undefined);
    });

    it('a server total without a split: the agents from the events and what they do not account for, so the parts add up', () => {
      const report = usageReport({ ...run, status: 'completed', usage: { totalTokens: 999, costUsd: 0.0015 } }, events)!;
      expect(report).to.deep.include({ totalFrom: 'server', agentsFrom: 'events' });
      expect(report.unattributed!.totalTokens).to.equal(999 - 7);
      expect(report.unattributed!.costUsd).to.be.closeTo(0.0005, 1e-12);
    });

    it('counts a growing event list only for its new events, and a new list from the start', () => {
      const list: TaskEvent[] = [events[0]!];
      expect(usageReport(run, list)!.total.totalTokens).to.equal(2);
      list.push(events[1]!);
      expect(usageReport(run, list)!.total.totalTokens).to.equal(7);
      expect(usageReport(run, [events[1]!])!.total.totalTokens).to.equal(5);
    });
  });
});
