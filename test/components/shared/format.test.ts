import { expect } from '@open-wc/testing';
import { formatCost, formatUsage, humanize, shortRunId } from '../../../src/components/shared/format.js';

describe('format', () => {
  it('formats costs truthfully: tiny costs are not $0.0000', () => {
    expect(formatCost(0.00002)).to.equal('< $0.0001');
    expect(formatCost(0.00004999)).to.equal('< $0.0001');
    expect(formatCost(0)).to.equal('$0.00');
    expect(formatCost(0.0009)).to.equal('$0.00090');
    expect(formatCost(0.25)).to.equal('$0.25');
    expect(formatCost(12.3456)).to.equal('$12.35');
    expect(formatCost(undefined)).to.equal('');
  });

  it('formats every cost by one rule: two significant digits below a dollar, so $0.0020 sits beside $0.0013 (not $0.002), cents from a dollar on', () => {
    expect([0.002, 0.0013, 0.0033, 0.0051, 0.051, 0.5, 0.01, 0.025].map(formatCost))
      .to.deep.equal(['$0.0020', '$0.0013', '$0.0033', '$0.0051', '$0.051', '$0.50', '$0.010', '$0.025']);
    expect([1, 1.5, 5, 2400, 0.99, 0.9996].map(formatCost)).to.deep.equal(['$1', '$1.50', '$5', '$2,400', '$0.99', '$1']);
    expect(formatCost(-0.0004), 'a negative difference keeps its sign').to.equal('-$0.00040');
  });

  it('humanizes wire names: DELEGATION, LLM_PROMPT, tool_call', () => {
    expect(humanize('DELEGATION')).to.equal('Delegation');
    expect(humanize('delegation')).to.equal('Delegation');
    expect(humanize('LLM_PROMPT')).to.equal('LLM prompt');
    expect(humanize('tool_call')).to.equal('Tool call');
    expect(humanize('RESEARCH_PLAN_READY')).to.equal('Research plan ready');
  });

  it('summarizes usage with tokens, cost and model', () => {
    expect(formatUsage({ totalTokens: 1500, inputTokens: 1200, outputTokens: 300, costUsd: 0.0009, model: 'gpt-5-mini' }))
      .to.equal('1,500 tokens (1,200 in, 300 out) · $0.00090 · gpt-5-mini');
    expect(formatUsage({ costUsd: 0.00002 })).to.equal('< $0.0001');
  });
});

describe('shortRunId', () => {
  it('shows the part of a Shannon workflow id that differs between runs (task-<user id>-<unix seconds>), not the shared user prefix', () => {
    const user = 'e6d77c09-b32d-46a7-86dc-f51a8f2698b0';
    const a = shortRunId(`task-${user}-1764489331`);
    const b = shortRunId(`task-${user}-1764489332`);
    expect(a).to.equal('task-…-1764489331');
    expect(a).to.not.equal(b);
    expect(a).to.not.contain(user.slice(0, 8));
  });

  it('keeps short ids whole and both ends of other long ids', () => {
    expect(shortRunId('trun_stream1')).to.equal('trun_stream1');
    expect(shortRunId('trun_0123456789abcdef0123456789')).to.equal('trun_012…23456789');
  });
});
