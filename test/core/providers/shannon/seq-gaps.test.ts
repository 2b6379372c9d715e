import { expect } from '@open-wc/testing';
import { createSeqGapTracker, highestSeq } from '../../../../src/core/providers/shannon/seq-gaps.js';

describe('seq gaps', () => {
  it('finds nothing in a contiguous stream, and the gap where numbers were skipped', () => {
    const t = createSeqGapTracker();
    expect([1, 2, 3].map((s) => t.see(s, true))).to.deep.equal([undefined, undefined, undefined]);
    expect(t.see(16, true)).to.deep.equal({ afterSeq: 3, beforeSeq: 16, missing: 12 });
    expect(t.lastSeq).to.equal(16);
  });

  it('takes a fresh stream that starts late for a gap from the start', () => {
    expect(createSeqGapTracker().see(40, true)).to.deep.equal({ afterSeq: 0, beforeSeq: 40, missing: 39 });
  });

  it('lets each control event (a number taken, none carried) explain one skipped number', () => {
    const t = createSeqGapTracker();
    t.see(1, true);
    t.see(undefined, true); // workflow.pausing
    t.see(undefined, true); // workflow.resumed
    expect(t.see(4, true)).to.equal(undefined);
    t.see(undefined, true);
    expect(t.see(9, true)).to.deep.equal({ afterSeq: 4, beforeSeq: 9, missing: 3 });
  });

  it('ignores replays, seq 0 and events that were never published (no SSE id)', () => {
    const t = createSeqGapTracker(5);
    expect(t.see(3, true)).to.equal(undefined);
    expect(t.see(0, true)).to.equal(undefined);
    t.see(undefined, false);
    expect(t.see(7, true)).to.deep.equal({ afterSeq: 5, beforeSeq: 7, missing: 1 });
    expect(highestSeq([{ seq: 3 }, {}, { seq: 9 }])).to.equal(9);
  });
});
