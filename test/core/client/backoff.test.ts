import { expect } from '@open-wc/testing';
import { parseRetryAfter, reconnectDelay } from '../../../src/core/client/backoff.js';

describe('reconnect backoff', () => {
  const options = { initialDelayMs: 1000, maxDelayMs: 30_000, factor: 2, minDelayMs: 0 };

  it('grows exponentially with the attempt number and never exceeds the cap', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 10, 50].map((attempt) => reconnectDelay(attempt, {}, options, () => 0.999999));
    expect(ceilings.slice(0, 6)).to.deep.equal([999, 1999, 3999, 7999, 15999, 29999]);
    for (const value of ceilings) expect(value).to.be.at.most(30_000);
  });

  it('uses full jitter: any delay from 0 up to the ceiling, chosen by the random source', () => {
    expect(reconnectDelay(3, {}, options, () => 0)).to.equal(0);
    expect(reconnectDelay(3, {}, options, () => 0.5)).to.equal(4000);
    const spread = new Set(Array.from({ length: 50 }, () => reconnectDelay(4, {}, options)));
    expect(spread.size, 'Math.random gives different delays').to.be.greaterThan(40);
    for (const value of spread) expect(value).to.be.within(0, 16_000);
  });

  it('takes the server retry: field as the base and as the minimum', () => {
    expect(reconnectDelay(0, { retryFieldMs: 5000 }, options, () => 0)).to.equal(5000);
    expect(reconnectDelay(2, { retryFieldMs: 5000 }, options, () => 0.999999)).to.equal(19999);
    expect(reconnectDelay(9, { retryFieldMs: 60_000 }, options, () => 0.999999), 'a retry: above the cap raises the cap').to.equal(60_000);
  });

  it('never retries sooner than Retry-After, clamped to maxRetryAfterMs', () => {
    expect(reconnectDelay(0, { retryAfterMs: 7000 }, options, () => 0)).to.equal(7000);
    expect(reconnectDelay(0, { retryAfterMs: 10_000_000 }, { ...options, maxRetryAfterMs: 300_000 }, () => 0)).to.equal(300_000);
  });

  it('never waits less than minDelayMs (250 ms by default), so retry: 0 cannot make a tight loop', () => {
    expect(reconnectDelay(0, { retryFieldMs: 0 }, {}, () => 0)).to.equal(250);
    expect(reconnectDelay(3, { retryFieldMs: 0 }, {}, () => 0.999999), 'and still grows with the attempt').to.equal(1999);
    expect(reconnectDelay(0, {}, { initialDelayMs: 5 }, () => 0)).to.equal(250);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('3', now)).to.equal(3000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now), 'a past date means now').to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });
});
