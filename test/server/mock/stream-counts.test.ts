/**
 * The mock counts the event streams it serves (MockApp.streams): the witness the cross-tab tests
 * of issue 14 §1 read ("3 tabs on 1 run → 1 stream request at the server").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY, createParallelRun, readSse, useMockServer } from './helpers.js';

const mock = useMockServer({ speed: 50 });

describe('mock stream counts', () => {
  it('counts each event stream once when it opens and no longer as open once it ends', async () => {
    const before = mock.server.streams();
    assert.equal(before.open, 0);
    const run = await createParallelRun(mock.url, { input: 'Acme', processor: 'lite' });
    assert.deepEqual(mock.server.streams(), before, 'a create is no stream');
    const first = readSse(`${mock.url}/v1/tasks/runs/${run.run_id}/events`, { headers: { 'x-api-key': KEY } });
    const second = readSse(`${mock.url}/v1/tasks/runs/${run.run_id}/events`, { headers: { 'x-api-key': KEY } });
    await Promise.all([first, second]);
    const after = mock.server.streams();
    assert.equal(after.opened - before.opened, 2, 'two streams served');
    assert.equal(after.open, 0, 'both ended');
  });
});
