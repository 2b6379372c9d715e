import { expect } from '@open-wc/testing';
import { MAX_RUNS_PER_CALL, estimateBatchPrice, formatUsd, splitIntoCalls } from '../../../../src/core/providers/parallel/batch-plan.js';

const inputs = (n: number, size = 4) => Array.from({ length: n }, (_, i) => ({ input: `${i}`.padStart(size, '0'), processor: 'lite' }));

describe('batch plan: splitting into add-runs calls', () => {
  it('sends at most 1,000 inputs per call, in order: 2,500 inputs are 3 calls of 1,000, 1,000 and 500', () => {
    const calls = splitIntoCalls(inputs(2500));
    expect(calls.map((c) => [c.start, c.inputs.length])).to.deep.equal([[0, 1000], [1000, 1000], [2000, 500]]);
    expect(calls.flatMap((c) => c.inputs.map((i) => i.input))).to.deep.equal(inputs(2500).map((i) => i.input));
    expect(MAX_RUNS_PER_CALL).to.equal(1000);
  });

  it('exactly 1,000 inputs are one call; 1,001 are two', () => {
    expect(splitIntoCalls(inputs(1000)).length).to.equal(1);
    expect(splitIntoCalls(inputs(1001)).map((c) => c.inputs.length)).to.deep.equal([1000, 1]);
  });

  it('also splits by bytes so each call passes the proxy body limit', () => {
    const big = inputs(10, 20_000);
    const calls = splitIntoCalls(big, { maxBytes: 50_000 });
    expect(calls.map((c) => c.inputs.length)).to.deep.equal([2, 2, 2, 2, 2]);
    for (const call of calls) expect(JSON.stringify({ inputs: call.inputs }).length).to.be.below(50_000);
  });

  it('never caps above 1,000 even when asked to', () => {
    expect(splitIntoCalls(inputs(1500), { maxRuns: 5000 }).length).to.equal(2);
  });
});

describe('batch plan: price estimate (processor price × inputs, parallel-task-api.md §8)', () => {
  it('prices 50 core runs at $1.25 and 1,000 ultra8x runs at $2,400; -fast costs the same', () => {
    expect(estimateBatchPrice('core', 50)).to.deep.equal({ runs: 50, processor: 'core', pricePer1k: 25, totalUsd: 1.25 });
    expect(estimateBatchPrice('ultra8x', 1000)?.totalUsd).to.equal(2400);
    expect(estimateBatchPrice('base-fast', 3)?.totalUsd).to.equal(0.03);
  });

  it('has no estimate for an unknown processor', () => {
    expect(estimateBatchPrice('turbo', 10)).to.equal(undefined);
  });

  it('formats dollars with cents, and a fraction of a cent with three digits', () => {
    expect(formatUsd(1.25)).to.equal('$1.25');
    expect(formatUsd(2400)).to.equal('$2,400');
    expect(formatUsd(0.005)).to.equal('$0.0050');
    expect(formatUsd(0)).to.equal('$0.00');
  });
});
