/**
 * What the owner tab posts (fanout.ts ownerDeps): a change and the events it covers travel in one
 * message, so a tab that closes between two posts cannot leave its followers with a resume cursor
 * past an event they never got.
 */
import { expect } from '@open-wc/testing';
import { ownerDeps } from '../../../src/core/tabs/fanout.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import type { RunSessionDeps } from '../../../src/core/store/run-session-types.js';
import type { TaskEvent, TaskRunPatch } from '../../../src/core/providers/task-event.js';
import { globalTimers } from '../../../src/core/util/environment.js';

const message = (id: string): TaskEvent => ({ kind: 'message', id, category: 'progress', text: `event ${id}`, source: 'stream' }) as TaskEvent;

function owner(isNew: (event: TaskEvent) => boolean) {
  const posts: { patch: TaskRunPatch; events: TaskEvent[] }[] = [];
  const store = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
  const deps: RunSessionDeps = {
    store,
    endpoint: () => ({ provider: 'shannon', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: 'k' } }),
    applySnapshot: (_id, _patch, events) => events.filter(isNew),
    setConnection: () => {},
    timers: globalTimers,
    now: () => Date.now(),
  };
  const wrapped = ownerDeps('r1', deps, (patch, events) => posts.push({ patch, events }), () => {});
  return { posts, wrapped, dispose: () => store.dispose() };
}

describe('the owner tab’s posts', () => {
  it('the stream’s cursor travels in the same message as the event it names', async () => {
    const { posts, wrapped, dispose } = owner(() => true);
    // As stream-attempt.ts calls them for one SSE message: the cursor, then the event.
    wrapped.applySnapshot('r1', { lastEventId: '7' }, [], 'stream');
    wrapped.applySnapshot('r1', {}, [message('7')], 'stream');
    await Promise.resolve();
    expect(posts).to.deep.equal([{ patch: { lastEventId: '7' }, events: [message('7')] }]);
    dispose();
  });

  it('a cursor whose event was a repeat is posted alone, once, after the task', async () => {
    const { posts, wrapped, dispose } = owner(() => false);
    wrapped.applySnapshot('r1', { lastEventId: '8' }, [], 'stream');
    wrapped.applySnapshot('r1', {}, [message('8')], 'stream');
    expect(posts, 'nothing posted before the task ends').to.deep.equal([]);
    await Promise.resolve();
    await Promise.resolve();
    expect(posts).to.deep.equal([{ patch: { lastEventId: '8' }, events: [] }]);
    dispose();
  });

  it('changes of other runs are not posted', async () => {
    const { posts, wrapped, dispose } = owner(() => true);
    wrapped.applySnapshot('r2', { lastEventId: '1' }, [message('1')], 'stream');
    await Promise.resolve();
    expect(posts).to.deep.equal([]);
    dispose();
  });
});
