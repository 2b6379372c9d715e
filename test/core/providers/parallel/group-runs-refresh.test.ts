import { expect } from '@open-wc/testing';
import { createRunsRefresh } from '../../../../src/core/providers/parallel/group-runs-refresh.js';
import { GroupTracker } from '../../../../src/core/providers/parallel/group-tracker.js';
import type { GroupEvent } from '../../../../src/core/providers/parallel/group-types.js';
import { mapGroupMessage } from '../../../../src/core/providers/parallel/map-group-event.js';
import type { Timers } from '../../../../src/core/util/environment.js';

type RunState = Extract<GroupEvent, { kind: 'run-state' }>;

const status = (id: string, counts: Record<string, number>) =>
  mapGroupMessage(JSON.stringify({ type: 'task_group_status', event_id: id, status: { num_task_runs: 2, task_run_status_counts: counts, is_active: true, status_message: null, modified_at: '2026-01-01T00:00:00Z' } }));
const run = (runId: string, s: string) => ({ kind: 'run-state', run: { runId, status: s } }) as RunState;

/** Fake timers on a fake clock: `advance` runs what is due. */
function fakeTime() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => (due.set(next, { at: now + ms, fn }), next++),
    clearTimeout: (handle) => void due.delete(handle as number),
  };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    timers,
    now: () => now,
    pending: () => [...due.values()].map((t) => t.at - now),
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const [id, first] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
        if (!first || first.at > end) break;
        now = first.at;
        due.delete(id!);
        first.fn();
        await flush();
      }
      now = end;
      await flush();
    },
  };
}

describe('refreshing a group\'s runs when its counts are ahead of them', () => {
  it('reads the runs list at once when the counts say running and the runs say queued, and applies it once', async () => {
    const tracker = new GroupTracker();
    tracker.addSubmitted(['r1', 'r2']);
    const time = fakeTime();
    const reads: number[] = [];
    const told: string[] = [];
    const refresh = createRunsRefresh({
      tracker, timers: time.timers, now: time.now,
      read: async () => (reads.push(time.now()), [run('r1', 'running'), run('r2', 'running')]),
      onTransitions: (transitions) => told.push(...transitions.map((t) => (t.kind === 'run' ? `${t.runId}:${t.to}` : 'group'))),
    });
    refresh.check();
    expect(reads, 'not behind: nothing read').to.deep.equal([]);
    tracker.apply(status('1', { running: 2 }));
    refresh.check();
    await time.advance(0);
    expect(reads).to.deep.equal([0]);
    expect(told).to.deep.equal(['r1:running', 'r2:running']);
    expect(tracker.counts(['r1', 'r2'])).to.deep.equal({ running: 2 });
    refresh.check();
    await time.advance(60_000);
    expect(reads, 'caught up: nothing more is read').to.deep.equal([0]);
    refresh.close();
  });

  it('while the runs list stays behind, asks again less and less often (3 s doubling to 60 s), never in a loop, and stops on close', async () => {
    const tracker = new GroupTracker();
    tracker.addSubmitted(['r1']);
    tracker.apply(status('1', { running: 1 }));
    const time = fakeTime();
    const reads: number[] = [];
    let aborted = false;
    const refresh = createRunsRefresh({
      tracker, timers: time.timers, now: time.now,
      read: async (signal) => {
        reads.push(time.now());
        signal.addEventListener('abort', () => (aborted = true));
        return [run('r1', 'queued')];
      },
      onTransitions: () => {},
    });
    refresh.check();
    refresh.check(); // a burst of status events makes one read
    await time.advance(200_000);
    expect(reads).to.deep.equal([0, 6000, 18_000, 42_000, 90_000, 150_000]);
    refresh.close();
    expect(aborted).to.equal(true);
    expect(time.pending(), 'nothing left scheduled').to.deep.equal([]);
    await time.advance(200_000);
    expect(reads).to.have.length(6);
  });

  it('a failed read is tried again after the wait; a run never moves back to an older status', async () => {
    const tracker = new GroupTracker();
    tracker.addSubmitted(['r1', 'r2']);
    tracker.apply(status('1', { running: 1, completed: 1 }));
    tracker.apply({ kind: 'run-state', eventId: '2', run: { runId: 'r2', status: 'completed' } });
    const time = fakeTime();
    let calls = 0;
    const refresh = createRunsRefresh({
      tracker, timers: time.timers, now: time.now,
      read: async () => {
        if (calls++ === 0) throw new TypeError('Failed to fetch');
        return [run('r1', 'running'), run('r2', 'running')];
      },
      onTransitions: () => {},
    });
    refresh.check();
    await time.advance(0);
    expect(calls).to.equal(1);
    await time.advance(6000);
    expect(calls).to.equal(2);
    expect(tracker.counts()).to.deep.equal({ running: 1, completed: 1 });
    expect(tracker.behind).to.equal(false);
    refresh.close();
  });
});
