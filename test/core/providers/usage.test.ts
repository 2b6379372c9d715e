import { expect } from '@open-wc/testing';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { readUsage, runUsage, totalUsage } from '../../../src/core/providers/usage.js';

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

  it('prefers the API’s own run total once it has one', () => {
    const run = { id: 'r', provider: 'shannon' as const, status: 'completed' as const, createdAt: '', usage: { totalTokens: 999 } };
    const events = [text('1', 'A', 'x', { input_tokens: 1, output_tokens: 1 })];
    expect(runUsage(run, events)).to.deep.equal({ usage: { totalTokens: 999 }, final: true });
    expect(runUsage({ ...run, usage: undefined }, events)).to.deep.equal({ usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, final: false });
    expect(runUsage({ ...run, usage: undefined }, [])).to.equal(undefined);
  });
});
