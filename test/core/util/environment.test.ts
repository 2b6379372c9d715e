import { expect } from '@open-wc/testing';
import { yieldToBackground, yieldToEventLoop, type Timers } from '../../../src/core/util/environment.js';
import { engine, perEngine } from '../../support/engine.js';

describe('environment: yieldToEventLoop', () => {
  const hasYield = typeof (globalThis as { scheduler?: { yield?: unknown } }).scheduler?.yield === 'function';

  it(`takes scheduler.yield() where the engine has it (Chromium, Firefox) and a 0 ms timer where it has not (WebKit): ${engine}`, async () => {
    expect(hasYield, 'scheduler.yield support').to.equal(perEngine({ chromium: true, firefox: true, webkit: false }));
    const delays: number[] = [];
    const timers: Timers = {
      setTimeout: (callback, ms) => (delays.push(ms), globalThis.setTimeout(callback, ms)),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
    };
    let microtaskRan = false;
    queueMicrotask(() => (microtaskRan = true));
    await yieldToEventLoop(timers);
    expect(microtaskRan, 'pending microtasks ran before it resumed').to.equal(true);
    expect(delays).to.deep.equal(hasYield ? [] : [0]);
  });

  it(`a pending 0 ms timer runs between slices on the timer path (WebKit), and only after the loop where scheduler.yield continuations go first (Chromium, Firefox): ${engine}`, async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let turns = 0;
    // A long decode loop yields per slice (stream-client READ_SLICE).
    for (; turns < 20 && !timerRan; turns++) await yieldToEventLoop();
    expect(timerRan, 'the timer ran between slices').to.equal(perEngine({ chromium: false, firefox: false, webkit: true }));
    // Either way the timer is not starved for good: it runs once the loop is done.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(timerRan).to.equal(true);
  });
});

describe('environment: yieldToBackground', () => {
  /** Keeps the main thread busy for `ms` (a slice of checking stored records). */
  const busy = (ms: number) => {
    for (const end = performance.now() + ms; performance.now() < end;);
  };

  it(`lets a pending 0 ms timer and the next frame run between slices of background work, in every engine: ${engine}`, async () => {
    let timerAt = -1;
    let frameAt = -1;
    let slice = 0;
    setTimeout(() => (timerAt = slice), 0);
    requestAnimationFrame(() => (frameAt = slice));
    // A long stored list read after its head was shown: 60 slices of 5 ms. With yieldToEventLoop the
    // continuations go first in Chromium and Firefox, and the frame waits for the whole loop (or for
    // the engine's own starvation limit).
    for (; slice < 60; slice++) {
      busy(5);
      await yieldToBackground();
    }
    expect(timerAt, 'the timer ran within the first slices').to.be.within(0, 3);
    expect(frameAt, 'the frame came within about 50 ms of slices, not after all 300 ms').to.be.within(0, 10);
  });
});
