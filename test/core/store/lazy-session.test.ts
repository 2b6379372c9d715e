/**
 * The run session loaded on first use (lazy-session.ts): what watchers ask before its code arrives
 * happens on the real session, in order; a session given up meanwhile is never made; a failed import
 * says what to do and is tried again on the next start.
 */
import { expect } from '@open-wc/testing';
import { LazyRunSession, type SessionLoader, type WatchedSession } from '../../../src/core/store/lazy-session.js';
import type { RunSessionDeps } from '../../../src/core/store/run-session.js';
import type { StoreChange } from '../../../src/core/store/task-store.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

/** A loader whose module arrives when `arrive()` is called; sessions record the calls they get. */
function controlledLoader() {
  const made: { runId: string; calls: string[] }[] = [];
  let arrive!: () => void;
  let fail!: (error: unknown) => void;
  let attempts = 0;
  class Recording implements WatchedSession {
    calls: string[] = [];
    constructor(runId: string) {
      made.push({ runId, calls: this.calls });
    }
    start() { this.calls.push('start'); }
    stop() { this.calls.push('stop'); }
    reconnect() { this.calls.push('reconnect'); }
    configChanged() { this.calls.push('configChanged'); }
    statusLearned() { this.calls.push('statusLearned'); }
    dispose() { this.calls.push('dispose'); }
  }
  const load: SessionLoader = () => {
    attempts++;
    return new Promise((resolve, reject) => {
      arrive = () => resolve({ RunSession: Recording });
      fail = reject;
    });
  };
  return { load, made, arrive: () => arrive(), fail: (e: unknown) => fail(e), attempts: () => attempts };
}

function deps(): RunSessionDeps {
  const store = freshStore();
  return { store, endpoint: () => ({ provider: 'parallel', baseUrl: '/x', auth: { mode: 'none' } }), applySnapshot: () => [], setConnection: () => {}, timers: globalThis, now: Date.now };
}

describe('LazyRunSession: the session code loads on first use', () => {
  it('replays what was asked before the code arrived on the real session, in order, and forwards later calls at once', async () => {
    const loader = controlledLoader();
    const session = new LazyRunSession('r', deps(), loader.load);
    session.start();
    session.configChanged();
    session.stop();
    expect(loader.made, 'nothing made before the code is there').to.deep.equal([]);
    loader.arrive();
    await until(() => loader.made.length === 1);
    expect(loader.made[0]!.calls).to.deep.equal(['start', 'configChanged', 'stop']);
    session.reconnect();
    expect(loader.made[0]!.calls).to.deep.equal(['start', 'configChanged', 'stop', 'reconnect']);
    expect(loader.attempts(), 'the code is imported once').to.equal(1);
  });

  it('never makes a session that was disposed while its code was loading', async () => {
    const loader = controlledLoader();
    const session = new LazyRunSession('r', deps(), loader.load);
    session.start();
    session.dispose();
    loader.arrive();
    await new Promise((r) => setTimeout(r, 20));
    expect(loader.made).to.deep.equal([]);
  });

  it('reports a failed import in words a person can act on, and tries again on the next start', async () => {
    const loader = controlledLoader();
    const d = deps();
    const errors: string[] = [];
    d.store.subscribe((change: StoreChange) => change.type === 'error' && errors.push(change.error.message));
    const session = new LazyRunSession('r', d, loader.load);
    session.start();
    loader.fail(new TypeError('Failed to fetch dynamically imported module'));
    await until(() => errors.length === 1);
    expect(errors[0]).to.match(/could not be loaded\. Check the network connection, then press Reconnect\./);
    expect(errors[0]).to.not.contain('Failed to fetch');
    session.reconnect();
    expect(loader.attempts()).to.equal(2);
    loader.arrive();
    await until(() => loader.made.length === 1);
    expect(loader.made[0]!.calls).to.deep.equal(['start', 'reconnect']);
  });
});
