import { expect } from '@open-wc/testing';
import { GroupTracker } from '../../../../src/core/providers/parallel/group-tracker.js';
import { mapGroupMessage } from '../../../../src/core/providers/parallel/map-group-event.js';

const status = (id: string, counts: Record<string, number>, active = true) =>
  mapGroupMessage(JSON.stringify({ type: 'task_group_status', event_id: id, status: { num_task_runs: 2, task_run_status_counts: counts, is_active: active, status_message: null, modified_at: '2026-01-01T00:00:00Z' } }));
const runState = (id: string | null, runId: string, s: string) =>
  mapGroupMessage(JSON.stringify({ type: 'task_run.state', event_id: id, run: { run_id: runId, status: s, is_active: s === 'queued' || s === 'running', processor: 'lite' }, input: null, output: null }));

describe('group events: mapping the wire (task_group_status, task_run.state, error)', () => {
  it('maps a status event to counts by normalized status, total and activity', () => {
    const event = status('7', { queued: 1, running: 1, bogus: 2 });
    expect(event).to.deep.equal({ kind: 'group-status', eventId: '7', status: { total: 2, counts: { queued: 1, running: 1, unknown: 2 }, active: true, modifiedAt: '2026-01-01T00:00:00Z' } });
  });

  it('maps a run state with its error, input and output when present', () => {
    const event = mapGroupMessage(JSON.stringify({
      type: 'task_run.state', event_id: '3',
      run: { run_id: 'trun_1', status: 'failed', is_active: false, error: { ref_id: 'r', message: 'Boom' } },
      input: { input: { company: 'Acme' }, processor: 'lite' }, output: null,
    }));
    expect(event).to.deep.equal({ kind: 'run-state', eventId: '3', run: { runId: 'trun_1', status: 'failed', error: { message: 'Boom', refId: 'r' } }, input: { company: 'Acme' } });
  });

  it('turns non-JSON, unknown types and shapes without ids into invalid events, and error events into errors', () => {
    expect(mapGroupMessage('{oops', 'task_group_status').kind).to.equal('invalid');
    expect(mapGroupMessage('{"type":"task_run.progress_msg.plan"}').kind).to.equal('invalid');
    expect(mapGroupMessage('{"type":"task_group_status","status":{}}').kind).to.equal('invalid');
    expect(mapGroupMessage('{"type":"error","error":{"ref_id":"x","message":"Nope"}}')).to.deep.equal({ kind: 'error', error: { message: 'Nope', refId: 'x' } });
  });
});

describe('group tracker: each transition exactly once', () => {
  it('reports a status change once, and nothing for the same event id again or an equal status', () => {
    const tracker = new GroupTracker();
    expect(tracker.apply(status('1', { queued: 2 }))).to.have.length(1);
    expect(tracker.apply(status('1', { queued: 2 }))).to.deep.equal([]);
    expect(tracker.apply(status('2', { queued: 2 }))).to.deep.equal([], 'an equal status under a new id is no transition');
    const [change] = tracker.apply(status('3', { queued: 1, running: 1 }));
    expect(change).to.include({ kind: 'group', eventId: '3' });
    expect(tracker.lastEventId).to.equal('3');
  });

  it('moves a run forward only: a repeated or older status is no transition', () => {
    const tracker = new GroupTracker();
    tracker.addSubmitted(['a']);
    expect(tracker.apply(runState('5', 'a', 'running'))).to.deep.equal([{ kind: 'run', eventId: '5', runId: 'a', from: 'queued', to: 'running' }]);
    expect(tracker.apply(runState('6', 'a', 'completed'))).to.have.length(1);
    expect(tracker.apply(runState('7', 'a', 'running'))).to.deep.equal([]);
    expect(tracker.apply(runState('8', 'a', 'completed'))).to.deep.equal([]);
    expect(tracker.run('a')?.status).to.equal('completed');
  });

  it('takes run states from the runs dump without touching the events cursor (a separate cursor space)', () => {
    const tracker = new GroupTracker();
    tracker.apply(status('1', { queued: 2 }));
    expect(tracker.apply(runState('1', 'b', 'completed'), 'runs')).to.have.length(1);
    expect(tracker.lastEventId).to.equal('1');
    expect(tracker.apply(runState('2', 'b', 'completed'))).to.deep.equal([]);
    expect(tracker.lastEventId).to.equal('2');
  });

  it('saves to plain JSON and restores the cursor, status and runs (resume after a reload)', () => {
    const tracker = new GroupTracker();
    tracker.addSubmitted(['a', 'b']);
    tracker.apply(status('4', { queued: 1, completed: 1 }));
    tracker.apply(runState('5', 'b', 'completed'));
    const restored = GroupTracker.restore(JSON.parse(JSON.stringify(tracker.save())));
    expect(restored.lastEventId).to.equal('5');
    expect(restored.status?.counts).to.deep.equal({ queued: 1, completed: 1 });
    expect(restored.runs.map((r) => [r.runId, r.status])).to.deep.equal([['a', 'queued'], ['b', 'completed']]);
    expect(restored.apply(runState('5', 'b', 'completed'))).to.deep.equal([]);
  });
});
