import { expect } from '@open-wc/testing';
import { SharedClock } from '../../../src/components/shared/clock.js';
import { relativeTime } from '../../../src/components/shared/format.js';

describe('the shared clock', () => {
  it('never says “in” for a past time: a time ahead of now reads “just now”', () => {
    const now = Date.parse('2026-11-30T04:00:00Z');
    expect(relativeTime('2026-11-30T04:00:18Z', now)).to.equal('just now');
    expect(relativeTime('2026-11-30T03:59:58Z', now)).to.equal('just now');
    expect(relativeTime('2026-11-30T03:59:30Z', now)).to.equal('30 seconds ago');
    expect(relativeTime('2026-11-30T03:57:00Z', now)).to.equal('3 minutes ago');
    expect(relativeTime('not a time', now)).to.equal('');
  });

  it('learns how far a server runs ahead from times of things that already happened, per provider', () => {
    const clock = new SharedClock();
    const local = Date.now();
    clock.observe('shannon', new Date(local + 18_000).toISOString(), local);
    clock.observe('shannon', new Date(local - 600_000).toISOString(), local); // a replayed old event: no news
    expect(clock.skew('shannon')).to.equal(18_000);
    expect(clock.skew('parallel'), 'another server, another clock').to.equal(0);
    expect(clock.age(new Date(local + 18_000).toISOString(), 'shannon')).to.equal('just now');
    expect(clock.age(new Date(local + 18_000 - 40_000).toISOString(), 'shannon')).to.equal('40 seconds ago');
    clock.observe('shannon', 'garbage');
    clock.observe('shannon', '2099-01-01T00:00:00Z'); // a wrong timestamp, not a clock
    expect(clock.skew('shannon')).to.equal(18_000);
  });

  it('learns a server clock behind ours from a time it stamped while answering our request: the value of the window nearest zero', () => {
    const clock = new SharedClock();
    const sent = Date.now();
    clock.observeRequest('parallel', new Date(sent - 120_000 + 300).toISOString(), sent, sent + 400);
    expect(clock.skew('parallel'), 'at most as far behind as the request allows').to.equal(-119_700);
    expect(clock.serverNow('parallel') - clock.now()).to.equal(-119_700);
    clock.observe('parallel', new Date(sent - 600_000).toISOString(), sent + 500); // an old event: no news
    expect(clock.skew('parallel')).to.equal(-119_700);
  });

  it('takes latency for latency, not skew: a stamp inside the request\'s window changes nothing', () => {
    const clock = new SharedClock();
    const sent = Date.now();
    clock.observeRequest('parallel', new Date(sent + 150).toISOString(), sent, sent + 400);
    expect(clock.skew('parallel')).to.equal(0);
  });

  it('an event after a submit at a page time bounds the skew from above; bounds that contradict give way to the newest', () => {
    const clock = new SharedClock();
    const submitted = Date.now();
    clock.observeAfter('shannon', new Date(submitted - 60_000 + 200).toISOString(), submitted);
    expect(clock.skew('shannon')).to.equal(-59_800);
    clock.observeAfter('shannon', new Date(submitted + 5_000).toISOString(), submitted); // a later event: no news
    expect(clock.skew('shannon')).to.equal(-59_800);
    clock.observe('shannon', new Date(submitted + 2_000).toISOString(), submitted); // the clock was set right since
    expect(clock.skew('shannon')).to.equal(2_000);
  });

  it('ticks every subscriber from one timer on whole seconds, and stops when none is left', async () => {
    const clock = new SharedClock();
    const a: number[] = [];
    const b: number[] = [];
    const stopA = clock.subscribe((now) => a.push(now));
    const stopB = clock.subscribe((now) => b.push(now));
    await new Promise((r) => setTimeout(r, 2100));
    expect(a.length).to.be.within(2, 3);
    expect(b, 'the same ticks').to.deep.equal(a);
    // Timers fire late on a loaded machine (Firefox under the full suite: 107 ms); an unaligned clock
    // would tick anywhere in the second.
    for (const t of a) expect(t % 1000, 'on a whole second').to.be.below(250);
    stopA();
    stopB();
    const count = a.length;
    await new Promise((r) => setTimeout(r, 1100));
    expect(a.length, 'no ticks without subscribers').to.equal(count);
  });
});
