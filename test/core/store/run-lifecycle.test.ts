/**
 * The specification of a run's lifecycle (src/core/store/run-lifecycle.ts): every named
 * transition, as a table a reader can check against the diagram in the source.
 */
import { expect } from '@open-wc/testing';
import { ConfigError, HttpStatusError, NetworkError, RedirectRefusedError, ResultUnavailableError, TaskElementsError, UnconfirmedStatusError } from '../../../src/core/errors.js';
import { transition, type LifecyclePolicy, type RunInput, type RunPhase } from '../../../src/core/store/run-lifecycle.js';

/** The policy's clock (ms): tests move it to say how much time passed. */
let now = 0;
const policy: LifecyclePolicy = {
  maxAttempts: 3,
  confirmWithinMs: 1000,
  now: () => now,
  delay: (attempt, retryAfterMs) => Math.max(attempt * 100, retryAfterMs ?? 0),
  minDelay: () => 50,
  quietDelay: (quiet) => 1000 * 2 ** quiet,
};
const run = (phase: RunPhase, ...inputs: RunInput[]): RunPhase => inputs.reduce((p, input) => transition(p, input, policy), phase);

const idle: RunPhase = { name: 'idle' };
const connecting = (attempt = 0, draining = false): RunPhase => ({ name: 'connecting', attempt, draining });
const open = (attempt = 0, fresh = false, quiet = 0): RunPhase => ({ name: 'open', attempt, draining: false, fresh, quiet });
const http = (status: number) => new HttpStatusError(`status ${status}`, { status, url: '/x' });
const network = new NetworkError('/x');
const missingKey = new ConfigError('auth-mode="api-key" needs an API key');
const online = true;

describe('run lifecycle (the state machine of one watched run)', () => {
  describe('start', () => {
    it('idle → connecting for an active run', () => {
      expect(run(idle, { type: 'start', status: 'running', streamEnded: false })).to.deep.equal(connecting());
    });
    it('idle → confirming-final-status for a run stored as final (only a missing output is fetched)', () => {
      expect(run(idle, { type: 'start', status: 'completed', streamEnded: false })).to.include({ name: 'confirming-final-status', cause: 'stored' });
    });
    it('idle → confirming-final-status for a run whose stream already said "over" before a reload', () => {
      expect(run(idle, { type: 'start', status: 'running', streamEnded: true })).to.include({ name: 'confirming-final-status', cause: 'stored' });
    });
  });

  describe('configuration', () => {
    it('connecting → waiting-for-config when a request cannot be built (no key yet): a wait, not a failure', () => {
      expect(run(connecting(), { type: 'config-missing', error: missingKey })).to.deep.equal({ name: 'waiting-for-config', error: missingKey });
    });
    it('waiting-for-config → connecting at once on config-changed', () => {
      expect(run({ name: 'waiting-for-config', error: missingKey }, { type: 'config-changed' })).to.deep.equal(connecting());
    });
    it('a 401, 403 or 404, or a refused redirect, fails until configuration changes, then retries at once', () => {
      for (const error of [http(401), http(403), http(404), new RedirectRefusedError('/x')]) {
        const failed = run(open(), { type: 'refused', error });
        expect(failed).to.include({ name: 'failed', retryOn: 'config', error });
        expect(run(failed, { type: 'config-changed' })).to.deep.equal(connecting());
      }
    });
    it('a configuration change does not disturb a healthy stream or a finished run', () => {
      expect(run(open(0, true), { type: 'config-changed' })).to.deep.equal(open(0, true));
      expect(run({ name: 'finished' }, { type: 'config-changed' })).to.deep.equal({ name: 'finished' });
    });
    it('a configuration change skips a backoff wait', () => {
      expect(run({ name: 'backing-off', attempt: 2, delayMs: 200 }, { type: 'config-changed' })).to.deep.equal(connecting(2));
    });
  });

  describe('streaming', () => {
    it('connecting → open → (fresh events reset the attempt count)', () => {
      expect(run(connecting(2), { type: 'opened' })).to.deep.equal(open(2, false));
      expect(run(connecting(2), { type: 'opened' }, { type: 'fresh-event' })).to.deep.equal(open(0, true));
    });
    it('open → confirming-final-status when the stream says the run is over', () => {
      expect(run(open(), { type: 'end-marker' })).to.deep.equal({ name: 'confirming-final-status', check: 0, delayMs: 0, cause: 'stream-end', since: 0 });
    });
    it('open → checking-status when the body ends without saying so; a productive stream starts the count again', () => {
      expect(run(open(2, true), { type: 'stream-ended' })).to.deep.equal({ name: 'checking-status', attempt: 0 });
      expect(run(open(2, false), { type: 'stream-ended' })).to.deep.equal({ name: 'checking-status', attempt: 3 });
    });
    it('checking-status: still active → backing-off; final → one last (draining) connection after the minimum wait; action_required → needs-action', () => {
      const checking: RunPhase = { name: 'checking-status', attempt: 1 };
      expect(run(checking, { type: 'status', status: 'running' })).to.deep.equal({ name: 'backing-off', attempt: 1, delayMs: 100, error: undefined });
      const drainWait = run(checking, { type: 'status', status: 'completed' });
      expect(drainWait).to.deep.equal({ name: 'backing-off', attempt: 1, delayMs: 50, draining: true });
      expect(run(drainWait, { type: 'waited' })).to.deep.equal(connecting(1, true));
      expect(run(checking, { type: 'status', status: 'action_required' })).to.deep.equal({ name: 'needs-action' });
    });
    it('the wait before the last connection is the floor every reconnect honours: reconnect, configuration and online do not cut it', () => {
      const drainWait: RunPhase = { name: 'backing-off', attempt: 0, delayMs: 50, draining: true };
      for (const input of [{ type: 'reconnect' }, { type: 'config-changed' }, { type: 'online' }] as RunInput[]) {
        expect(run(drainWait, input), input.type).to.equal(drainWait);
      }
      expect(run(drainWait, { type: 'stop' })).to.deep.equal({ name: 'stopped' });
    });
    it('a draining connection ends in confirming-final-status whatever happens: end marker, end, error or deadline', () => {
      const draining: RunPhase = { name: 'open', attempt: 0, draining: true, fresh: false, quiet: 0 };
      for (const input of [{ type: 'end-marker' }, { type: 'stream-ended' }, { type: 'drain-timeout' }, { type: 'network-error', error: network, online }] as RunInput[]) {
        expect(run(draining, input), input.type).to.include({ name: 'confirming-final-status' });
      }
      expect(run(open(), { type: 'drain-timeout' }), 'a normal stream has no deadline').to.deep.equal(open());
    });
    it('backing-off → connecting when the wait is over', () => {
      expect(run({ name: 'backing-off', attempt: 2, delayMs: 200 }, { type: 'waited' })).to.deep.equal(connecting(2));
    });
  });

  describe('a quiet open stream (no events, perhaps pings, never an end marker)', () => {
    it('asks the status API after a silence: still active keeps the same stream and waits longer before the next check', () => {
      const once = run(open(0, true), { type: 'quiet-status', status: 'running' });
      expect(once).to.deep.equal(open(0, true, 1));
      expect(run(once, { type: 'quiet-status', status: 'running' })).to.deep.equal(open(0, true, 2));
      expect(policy.quietDelay(2), 'the next check waits longer').to.be.greaterThan(policy.quietDelay(0));
    });
    it('a final status ends the wait for an end marker that never comes: → confirming-final-status', () => {
      for (const status of ['timeout', 'completed', 'failed', 'cancelled'] as const) {
        expect(run(open(0, false, 3), { type: 'quiet-status', status }), status).to.deep.equal({ name: 'confirming-final-status', check: 0, delayMs: 0, cause: 'quiet', since: 0 });
      }
    });
    it('action_required → needs-action; an unreadable status counts as a check and keeps the stream', () => {
      expect(run(open(), { type: 'quiet-status', status: 'action_required' })).to.deep.equal({ name: 'needs-action' });
      expect(run(open(), { type: 'quiet-status' })).to.deep.equal(open(0, false, 1));
    });
    it('a fresh event starts the silence again (quiet checks back to the shortest wait)', () => {
      expect(run(open(0, true, 4), { type: 'fresh-event' })).to.deep.equal(open(0, true, 0));
    });
    it('a late answer means nothing outside a normal open stream (draining, backing off, finished)', () => {
      const draining: RunPhase = { name: 'open', attempt: 0, draining: true, fresh: false, quiet: 0 };
      for (const phase of [draining, connecting(), { name: 'backing-off', attempt: 1, delayMs: 100 }, { name: 'finished' }] as RunPhase[]) {
        expect(run(phase, { type: 'quiet-status', status: 'completed' }), phase.name).to.equal(phase);
      }
    });
  });

  describe('bounded retries (nothing loops fast or forever)', () => {
    it('every network error waits longer, and Retry-After is honoured', () => {
      expect(run(open(), { type: 'network-error', error: network, online })).to.include({ name: 'backing-off', attempt: 1, delayMs: 100 });
      expect(run(connecting(1), { type: 'network-error', error: http(429), retryAfterMs: 5000, online })).to.include({ name: 'backing-off', attempt: 2, delayMs: 5000 });
    });
    it('errors and stream ends that brought nothing new share one budget: over it, the run fails with a clear error', () => {
      const afterErrors = run(connecting(3), { type: 'network-error', error: network, online });
      expect(afterErrors).to.include({ name: 'failed', retryOn: 'network' });
      const afterEnds = run(open(3), { type: 'stream-ended' });
      expect(afterEnds).to.include({ name: 'failed', retryOn: 'manual' });
      expect((afterEnds as { error: Error }).error.message).to.match(/Gave up after 3 attempts.*Reconnect/);
    });
    it('an end with nothing new always waits before the next connection (retry: 0 cannot spin)', () => {
      let phase = run(open(0, false), { type: 'stream-ended' }, { type: 'status', status: 'running' });
      expect(phase).to.include({ name: 'backing-off', attempt: 1 });
      phase = run(phase, { type: 'waited' }, { type: 'opened' }, { type: 'stream-ended' }, { type: 'status', status: 'running' });
      expect(phase).to.include({ name: 'backing-off', attempt: 2, delayMs: 200 });
    });
  });

  describe('offline', () => {
    it('a network error while offline waits for the network and uses no attempt', () => {
      expect(run(open(2), { type: 'network-error', error: network, online: false })).to.deep.equal({ name: 'offline', attempt: 2 });
    });
    it('offline, backing-off or failed for the network → connecting at once on online', () => {
      expect(run({ name: 'offline', attempt: 2 }, { type: 'online' })).to.deep.equal(connecting(2));
      expect(run({ name: 'backing-off', attempt: 1, delayMs: 100 }, { type: 'online' })).to.deep.equal(connecting(1));
      expect(run({ name: 'failed', error: network, retryOn: 'network', resume: 'stream' }, { type: 'online' })).to.deep.equal(connecting());
    });
  });

  describe('confirming the final status (never guessed)', () => {
    const confirming: RunPhase = { name: 'confirming-final-status', check: 0, delayMs: 0, cause: 'stream-end', since: 0 };
    afterEach(() => (now = 0));
    it('→ finished when the status API agrees; → needs-action for action_required', () => {
      expect(run(confirming, { type: 'status', status: 'completed' })).to.deep.equal({ name: 'finished' });
      expect(run(confirming, { type: 'status', status: 'failed' })).to.deep.equal({ name: 'finished' });
      expect(run(confirming, { type: 'status', status: 'action_required' })).to.deep.equal({ name: 'needs-action' });
    });
    it('asks again with growing waits while the API still says running, for a bounded time (not a number of checks), then fails as unconfirmed', () => {
      const once = run(confirming, { type: 'status', status: 'running' });
      expect(once).to.deep.equal({ ...confirming, check: 1, delayMs: 100 });
      now = 150;
      const twice = run(once, { type: 'status', status: 'running' });
      expect(twice).to.deep.equal({ ...confirming, check: 2, delayMs: 200 });
      now = 1000;
      const out = run(twice, { type: 'status', status: 'running' });
      expect(out).to.include({ name: 'failed', retryOn: 'manual', resume: 'confirm' });
      expect((out as { error: Error }).error).to.be.instanceOf(UnconfirmedStatusError);
      expect((out as { error: Error }).error.message).to.match(/after 1 s of checking .*could not be confirmed/);
      now = 5000;
      expect(run(out, { type: 'reconnect' }), 'Reconnect confirms again, with a new window').to.deep.equal({ ...confirming, since: 5000 });
    });
    it('a fast server (or a fast machine) does not use the window up: many quick answers inside it keep confirming', () => {
      let phase: RunPhase = confirming;
      for (let i = 1; i <= 50; i++) {
        now = i * 10;
        phase = run(phase, { type: 'status', status: 'running' });
        expect(phase.name, `check ${i} at ${now} ms`).to.equal('confirming-final-status');
      }
      expect(run(phase, { type: 'status', status: 'completed' })).to.deep.equal({ name: 'finished' });
    });
    it('the last wait ends with the window: the last check is made at its end, not after it', () => {
      now = 950;
      expect(run({ ...confirming, check: 5 } as RunPhase, { type: 'status', status: 'running' })).to.deep.equal({ ...confirming, check: 6, delayMs: 50 });
    });
    it('a status it cannot read counts as a check; a refused key waits for configuration', () => {
      expect(run(confirming, { type: 'status-unavailable', error: network, online })).to.include({ name: 'confirming-final-status', check: 1 });
      const refused = run(confirming, { type: 'status-unavailable', error: http(401), online });
      expect(refused).to.include({ name: 'failed', retryOn: 'config', resume: 'confirm' });
      expect(run(refused, { type: 'config-changed' })).to.deep.equal(confirming);
    });
    it('a final status learned elsewhere (a status refresh) ends a failure, a wait, a backoff or a live stream at once: confirmed, never connected again', () => {
      now = 700;
      const learned = { name: 'confirming-final-status', check: 0, delayMs: 0, cause: 'learned', since: 700 };
      const after204 = run(open(), { type: 'no-content' }, { type: 'status', status: 'running' });
      expect(after204).to.include({ name: 'failed' });
      expect(run(after204, { type: 'status-learned', status: 'completed' })).to.deep.equal(learned);
      expect(run({ name: 'offline', attempt: 2 }, { type: 'status-learned', status: 'failed' })).to.deep.equal(learned);
      expect(run({ name: 'waiting-for-config', error: missingKey } as RunPhase, { type: 'status-learned', status: 'cancelled' })).to.deep.equal(learned);
      expect(run({ name: 'backing-off', attempt: 2, delayMs: 200 }, { type: 'status-learned', status: 'completed' })).to.deep.equal(learned);
      expect(run({ name: 'needs-action' }, { type: 'status-learned', status: 'completed' })).to.deep.equal(learned);
      // A stream that says nothing more (Shannon pings only after a timeout) is not waited for.
      expect(run(open(0, true), { type: 'status-learned', status: 'timeout' })).to.deep.equal(learned);
      expect(run(connecting(1), { type: 'status-learned', status: 'timeout' })).to.deep.equal(learned);
      expect(run(run(learned as RunPhase, { type: 'status', status: 'completed' }), { type: 'status-learned', status: 'completed' })).to.deep.equal({ name: 'finished' });
    });
    it('a run the user stopped watching (or not started yet) that is learned to be over confirms its end and fetches a missing output: there is nothing left to watch', () => {
      for (const phase of [{ name: 'stopped' }, idle] as RunPhase[]) {
        expect(run(phase, { type: 'status-learned', status: 'completed' }), phase.name).to.include({ name: 'confirming-final-status', cause: 'learned' });
        expect(run(phase, { type: 'status-learned', status: 'running' }), phase.name).to.equal(phase);
      }
    });
    it('“Watch again” on a run that is over opens no stream: it confirms the end (a missing output fetched)', () => {
      expect(run({ name: 'stopped' }, { type: 'reconnect', status: 'completed' })).to.include({ name: 'confirming-final-status', cause: 'learned' });
      expect(run({ name: 'stopped' }, { type: 'reconnect', status: 'running' })).to.deep.equal(connecting());
      expect(run({ name: 'finished' }, { type: 'reconnect', status: 'completed' })).to.deep.equal({ name: 'finished' });
    });
    it('an output that cannot be fetched is asked for again within the window, then fails with its own error, which “Load the result” (reconnect) retries', () => {
      const fetchFailed = new ResultUnavailableError(http(500));
      let phase = run(idle, { type: 'start', status: 'completed', streamEnded: false });
      phase = run(phase, { type: 'status-unavailable', error: fetchFailed, online });
      expect(phase, 'asked again while the window lasts').to.include({ name: 'confirming-final-status', check: 1 });
      now += 2000;
      phase = run(phase, { type: 'status-unavailable', error: fetchFailed, online });
      expect(phase).to.deep.equal({ name: 'failed', error: fetchFailed, retryOn: 'manual', resume: 'confirm' });
      expect(run(phase, { type: 'reconnect', status: 'completed' })).to.include({ name: 'confirming-final-status' });
      const refused = new ResultUnavailableError(http(404));
      expect(run(run(idle, { type: 'start', status: 'completed', streamEnded: false }), { type: 'status-unavailable', error: refused, online }), 'a 404 is not asked again by itself')
        .to.include({ name: 'failed', retryOn: 'config', resume: 'confirm' });
    });
    it('a status learned elsewhere changes nothing while it is not final, while the run already settles, or once finished', () => {
      const after204 = run(open(), { type: 'no-content' }, { type: 'status', status: 'running' });
      expect(run(after204, { type: 'status-learned', status: 'running' })).to.equal(after204);
      expect(run(open(0, true), { type: 'status-learned', status: 'running' })).to.deep.equal(open(0, true));
      const settling = [connecting(0, true), { name: 'backing-off', attempt: 0, delayMs: 50, draining: true }, { name: 'checking-status', attempt: 1 }, confirming, { name: 'finished' }] as RunPhase[];
      for (const phase of settling) {
        expect(run(phase, { type: 'status-learned', status: 'completed' }), phase.name).to.equal(phase);
      }
    });
    it('204: confirms the status; if the run is still active, says what happened and what to do', () => {
      const after204 = run(open(), { type: 'no-content' });
      expect(after204).to.include({ name: 'confirming-final-status', cause: 'no-content' });
      expect(run(after204, { type: 'status', status: 'completed' })).to.deep.equal({ name: 'finished' });
      const active = run(after204, { type: 'status', status: 'running' });
      expect(active).to.include({ name: 'failed', retryOn: 'manual' });
      expect((active as { error: Error }).error.message).to.match(/HTTP 204.*"running".*Reconnect/);
    });
  });

  describe('stop, reconnect and faults of our own', () => {
    it('stop → stopped from any phase but finished; only reconnect leaves it', () => {
      for (const phase of [idle, connecting(), open(), { name: 'backing-off', attempt: 1, delayMs: 1 }, { name: 'offline', attempt: 0 }] as RunPhase[]) {
        expect(run(phase, { type: 'stop' }), phase.name).to.deep.equal({ name: 'stopped' });
      }
      expect(run({ name: 'finished' }, { type: 'stop' })).to.deep.equal({ name: 'finished' });
      const stopped: RunPhase = { name: 'stopped' };
      for (const input of [{ type: 'online' }, { type: 'config-changed' }, { type: 'waited' }, { type: 'start', status: 'running', streamEnded: false }] as RunInput[]) {
        expect(run(stopped, input), input.type).to.deep.equal(stopped);
      }
      expect(run(stopped, { type: 'reconnect' })).to.deep.equal(connecting());
    });
    it('reconnect skips a wait and revives failed or needs-action, but leaves a working or finished run alone', () => {
      expect(run({ name: 'backing-off', attempt: 3, delayMs: 300 }, { type: 'reconnect' })).to.deep.equal(connecting());
      expect(run({ name: 'needs-action' }, { type: 'reconnect' })).to.deep.equal(connecting());
      expect(run({ name: 'failed', error: http(500), retryOn: 'manual', resume: 'stream' }, { type: 'reconnect' })).to.deep.equal(connecting());
      expect(run(open(0, true), { type: 'reconnect' })).to.deep.equal(open(0, true));
      expect(run({ name: 'finished' }, { type: 'reconnect' })).to.deep.equal({ name: 'finished' });
    });
    it('an exception in code that consumes events fails the run as such, never as a network error, and is not retried', () => {
      const error = new TaskElementsError('A handler of stream events failed: boom');
      expect(run(open(), { type: 'consumer-error', error })).to.deep.equal({ name: 'failed', error, retryOn: 'manual', resume: 'stream' });
    });
    it('finished is final: no input moves it', () => {
      const finished: RunPhase = { name: 'finished' };
      const inputs: RunInput[] = [{ type: 'online' }, { type: 'reconnect' }, { type: 'config-changed' }, { type: 'stream-ended' }, { type: 'network-error', error: network, online }, { type: 'status', status: 'running' }];
      for (const input of inputs) expect(run(finished, input), input.type).to.equal(finished);
    });
  });
});
