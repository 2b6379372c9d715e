/**
 * Event identity (src/core/store/dedupe.ts): one id per status however it was learned, and the
 * seen rule that keeps each event of a run exactly once.
 */
import { expect } from '@open-wc/testing';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { SeenEvents, statusEventId } from '../../../src/core/store/dedupe.js';
import { createParallelDecoder } from '../../../src/core/providers/parallel/parallel-decoder.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';

const running: TaskEvent = { kind: 'status', id: statusEventId('running'), status: 'running', apiStatus: 'running', source: 'status' };
const message: TaskEvent = { kind: 'message', id: 'msg:1', category: 'plan', text: 'step', source: 'stream' };

describe('event identity (dedupe.ts)', () => {
  it('a status has one id, whether the stream, the status API or the create answer told it', () => {
    const decoded = createParallelDecoder().decode({
      event: 'task_run.state', id: '', lastEventId: '',
      data: JSON.stringify({ type: 'task_run.state', run: { run_id: 'r', status: 'running', is_active: true } }),
    });
    expect(decoded.events[0]!.id).to.equal(statusEventId('running'));
    expect(statusEventId('cancelling', 'requested')).to.not.equal(statusEventId('cancelling'));
  });

  it('an applied event is seen; a status that changed nothing is not, so it can be a real transition later', () => {
    const seen = new SeenEvents(() => []);
    seen.record('r', message, true);
    seen.record('r', running, false);
    expect(seen.has('r', message)).to.equal(true);
    expect(seen.has('r', running)).to.equal(false);
    seen.record('r', running, true);
    expect(seen.has('r', running)).to.equal(true);
  });

  it('starts from the run\'s logged events, and forgets a run on request', () => {
    const seen = new SeenEvents((runId) => (runId === 'r' ? [message] : undefined));
    expect(seen.has('r', message)).to.equal(true);
    expect(seen.has('other', message)).to.equal(false);
    seen.forget('r');
    expect(seen.has('r', message), 'read again from the log').to.equal(true);
  });

  it('the store logs a status once however often it is learned (create, status API, stream)', () => {
    const store = createTaskStore({ persistence: 'memory' });
    store.addRun({ id: 'r', provider: 'parallel', status: 'queued', createdAt: '2026-11-01T10:00:00Z' });
    store.applyEvents('r', [running]);
    store.applyEvents('r', [{ ...running, source: 'stream' }, { ...running, source: 'inferred' }]);
    expect(store.getEvents('r').filter((e) => e.kind === 'status').map((e) => e.id)).to.deep.equal([statusEventId('running')]);
    store.dispose();
  });
});
