/**
 * The reconnect countdown says when the next try happens (issue 13 §2): "retrying now" only once it
 * is due, never during the last second before it.
 */
import { expect } from '@open-wc/testing';
import { countdown } from '../../../src/components/task-stream/render-connection.js';
import type { RunConnectionSnapshot } from '../../../src/core/store/run-session-types.js';

const waiting = (phase: RunConnectionSnapshot['phase'], inMs: number): RunConnectionSnapshot =>
  ({ state: 'reconnecting', attempt: 1, phase, nextRetryAt: Date.now() + inMs }) as RunConnectionSnapshot;

describe('reconnect countdown', () => {
  it('says "next try in 1 s" for the whole last second before a retry (Retry-After: 1), not "retrying now"', () => {
    for (const ms of [1000, 999, 600, 50]) expect(countdown(waiting('backing-off', ms)), `${ms} ms left`).to.equal('next try in 1 s');
    expect(countdown(waiting('backing-off', 2400))).to.equal('next try in 3 s');
  });

  it('says "retrying now" / "checking now" only once the time has come', () => {
    expect(countdown(waiting('backing-off', -5))).to.equal('retrying now');
    expect(countdown(waiting('confirming-final-status', -5))).to.equal('checking now');
    expect(countdown({ state: 'open', attempt: 0, phase: 'open' } as RunConnectionSnapshot)).to.equal('');
  });
});
