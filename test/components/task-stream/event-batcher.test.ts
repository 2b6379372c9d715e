/**
 * How <task-stream> paces its renders (issue 15 §3): a steady stream is drawn in the frame after it
 * arrives; a flood's batches wait in proportion to what the last render cost, never longer than
 * MAX_RENDER_INTERVAL_MS.
 */
import { expect } from '@open-wc/testing';
import { EventBatcher, MAX_RENDER_INTERVAL_MS, RENDER_SHARE } from '../../../src/components/task-stream/event-batcher.js';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';

const event = (i: number): TaskEvent => ({ kind: 'text-delta', id: `d${i}`, source: 'thread.message.delta', agent: 'a', text: 'x', seq: i });
const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* a costly render */ }
};

describe('EventBatcher', () => {
  it('delivers each event of a steady stream on its own when renders are cheap, in order, none held back', async () => {
    const flushes: { at: number; ids: string[] }[] = [];
    const batcher = new EventBatcher((batch) => flushes.push({ at: performance.now(), ids: batch.map((e) => e.id) }));
    for (let i = 1; i <= 5; i++) {
      // Pushed right after the last flush: a cheap render does not wait out a fixed interval (120 ms before).
      const pushed = performance.now();
      batcher.push([event(i)]);
      while (flushes.length < i && performance.now() - pushed < 1000) await new Promise((r) => setTimeout(r, 1));
      expect(flushes.length, `event ${i}`).to.equal(i);
      expect(flushes[i - 1]!.at - pushed, `event ${i} waited`).to.be.below(70);
    }
    expect(flushes.flatMap((f) => f.ids)).to.deep.equal(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect(batcher.interval).to.be.below(16.7);
  });

  it('spaces out costly renders: the next batch waits the last render’s cost ÷ RENDER_SHARE, at most MAX_RENDER_INTERVAL_MS', async () => {
    const flushes: number[] = [];
    let cost = 10;
    const batcher = new EventBatcher(() => {
      flushes.push(performance.now());
      return new Promise<void>((resolve) => setTimeout(() => { busy(cost); resolve(); }, 0));
    });
    batcher.push([event(1)]);
    await new Promise((r) => setTimeout(r, 60));
    expect(batcher.interval).to.be.at.least(cost / RENDER_SHARE).and.at.most(MAX_RENDER_INTERVAL_MS);
    const interval = batcher.interval;
    batcher.push([event(2)]);
    while (flushes.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(flushes[1]! - flushes[0]!).to.be.at.least(interval - 1);
    cost = 200;
    batcher.push([event(3)]);
    const deadline = performance.now() + 3000;
    while (batcher.interval < MAX_RENDER_INTERVAL_MS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(batcher.interval).to.equal(MAX_RENDER_INTERVAL_MS);
  });

  it('flushNow delivers what is pending at once, ignoring the interval; reset drops it', async () => {
    const batches: string[][] = [];
    const batcher = new EventBatcher((batch) => void batches.push(batch.map((e) => e.id)));
    batcher.push([event(1), event(2)]);
    batcher.flushNow();
    expect(batches).to.deep.equal([['d1', 'd2']]);
    batcher.push([event(3)]);
    batcher.reset();
    await new Promise((r) => setTimeout(r, 50));
    expect(batches).to.have.length(1);
    expect(batcher.pending).to.equal(0);
  });
});
