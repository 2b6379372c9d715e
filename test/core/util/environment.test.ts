import { expect } from '@open-wc/testing';
import { yieldToEventLoop, type Timers } from '../../../src/core/util/environment.js';
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
