/**
 * Watching runs (src/core/store/watch-registry.ts): a stop by the user is kept with the run, so it
 * holds over a re-mount and over a reload (a new store on the same storage) until reconnect().
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStoreOptions } from '../../../src/core/store/task-store.js';
import { createMemoryStorage } from '../../../src/core/store/memory-storage.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import { delay, json, scriptStream, until } from '../../support/scripted-stream.js';

const RUN = 'trun_stop';
const FAST: TaskStoreOptions['connection'] = { retry: { initialDelayMs: 10, maxDelayMs: 40, minDelayMs: 10, maxAttempts: 4 }, statusPollMs: 0 };
const runState = { run_id: RUN, status: 'running', is_active: true, processor: 'lite', created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:05Z', metadata: null, error: null, warnings: null };
const running = { event: 'task_run.state', data: JSON.stringify({ type: 'task_run.state', event_id: null, input: null, output: null, run: { ...runState, task_group_id: null } }) };

describe('watch registry: a stop is kept with the run', () => {
  it('d. "Stop watching" holds over a reload: the new page shows the run stopped and opens no stream until reconnect()', async () => {
    const script = await scriptStream([{ when: '/events', events: [running], end: 'hang' }, json(runState)]);
    const endpoint = (): EndpointConfig => ({ provider: 'parallel', baseUrl: script.url, auth: { mode: 'none' } });
    const storage = createMemoryStorage();
    const first = createTaskStore({ persistence: storage, name: 'stop-reload', connection: FAST });
    first.addRun({ id: RUN, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const release = first.watch(RUN, endpoint);
    await until(() => first.getConnection(RUN)?.phase === 'open', 5000, 'open');
    first.stop(RUN);
    expect(first.getRun(RUN)!.watchStopped, 'kept with the run').to.equal(true);
    release();
    first.flush();
    first.dispose();

    // The page is reloaded: a new store reads the same storage.
    const second = createTaskStore({ persistence: storage, name: 'stop-reload', connection: FAST });
    const again = second.watch(RUN, endpoint);
    await until(() => second.getConnection(RUN) !== undefined, 5000, 'a connection state');
    await delay(150);
    expect(second.getConnection(RUN)!.phase).to.equal('stopped');
    expect((await script.log()).filter((r) => r.url.endsWith('/events')), 'no stream after the reload').to.have.length(1);

    second.reconnect(RUN);
    await until(() => second.getConnection(RUN)?.phase === 'open', 5000, 'watched again');
    expect(second.getRun(RUN)!.watchStopped, 'Watch again forgets the stop').to.equal(false);
    again();
    second.dispose();
  });
});
