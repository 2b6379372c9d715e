import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMockServer } from '../../../server/mock/mock-server.js';
import { KEY, dataOf, readSse, requestJson, useMockServer, waitFor } from './helpers.js';

const mock = useMockServer();
const auth = { 'x-api-key': KEY };
const sse = { headers: { ...auth, accept: 'text/event-stream' } };

function assertErrorBody(body: any, pattern?: RegExp): void {
  assert.equal(body.type, 'error', JSON.stringify(body));
  assert.match(body.error.ref_id, /^[0-9a-f-]{36}$/);
  if (pattern) assert.match(body.error.message, pattern);
}

async function createGroup(base: string, metadata?: Record<string, unknown>): Promise<any> {
  const reply = await requestJson(`${base}/v1/tasks/groups`, { method: 'POST', headers: auth, json: metadata ? { metadata } : {} });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body;
}

function inputs(n: number, extra: Record<string, unknown> = {}): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({ input: `Company ${i + 1}`, processor: 'lite', metadata: { mock_speed: 200 }, ...extra }));
}

async function addRuns(base: string, groupId: string, body: Record<string, unknown>): Promise<{ status: number; body: any }> {
  return requestJson(`${base}/v1/tasks/groups/${groupId}/runs`, { method: 'POST', headers: auth, json: body });
}

describe('Parallel mock: task groups (POST/GET /v1/tasks/groups…)', () => {
  it('creates a group: 200 TaskGroup {taskgroup_id tgrp_…, status with no runs, created_at, metadata}; GET returns it', async () => {
    const group = await createGroup(mock.url, { team: 'ops' });
    assert.match(group.taskgroup_id, /^tgrp_[0-9a-f]{32}$/);
    assert.deepEqual(group.metadata, { team: 'ops' });
    assert.equal(group.status.num_task_runs, 0);
    assert.deepEqual(group.status.task_run_status_counts, {});
    assert.equal(group.status.is_active, false);
    assert.ok('status_message' in group.status);
    assert.match(group.status.modified_at, /Z$/);
    const got = await requestJson(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}`, { headers: auth });
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, group);
  });

  it('refuses without a key (401), an unknown group (404) and a wrong method (405), all with the error body', async () => {
    const noKey = await requestJson(`${mock.url}/v1/tasks/groups`, { method: 'POST', json: {} });
    assert.equal(noKey.status, 401);
    assertErrorBody(noKey.body, /API key/);
    const unknown = await requestJson(`${mock.url}/v1/tasks/groups/tgrp_nope/events`, { headers: auth });
    assert.equal(unknown.status, 404);
    assertErrorBody(unknown.body, /tgrp_nope/);
    const group = await createGroup(mock.url);
    const wrong = await requestJson(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}/events`, { method: 'POST', headers: auth, json: {} });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET');
  });

  it('adds runs: {run_ids, status counted as queued, event_cursor and run_cursor null for the first runs, set for later ones}', async () => {
    const group = await createGroup(mock.url);
    const first = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(3, { metadata: { mock_speed: 0.01 } }) });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.run_ids.length, 3);
    for (const id of first.body.run_ids) assert.match(id, /^trun_[0-9a-f]{32}$/);
    assert.equal(first.body.status.num_task_runs, 3);
    assert.deepEqual(first.body.status.task_run_status_counts, { queued: 3 });
    assert.equal(first.body.status.is_active, true);
    assert.equal(first.body.event_cursor, null);
    assert.equal(first.body.run_cursor, null);
    const second = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(2, { metadata: { mock_speed: 0.01 } }) });
    assert.equal(typeof second.body.event_cursor, 'string');
    assert.equal(second.body.run_cursor, '3');
    assert.equal(second.body.status.num_task_runs, 5);
    const run = await requestJson(`${mock.url}/v1/tasks/runs/${first.body.run_ids[0]}`, { headers: auth });
    assert.equal(run.status, 200);
    assert.equal(run.body.taskgroup_id, group.taskgroup_id);
    const viaGroup = await requestJson(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}/runs/${first.body.run_ids[1]}`, { headers: auth });
    assert.equal(viaGroup.body.run_id, first.body.run_ids[1]);
  });

  it('validates inputs like single runs, pointing into inputs: more than 1,000, none, a bad processor in the 4th, a bad default_task_spec', async () => {
    const group = await createGroup(mock.url);
    const tooMany = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(1001) });
    assert.equal(tooMany.status, 422);
    assertErrorBody(tooMany.body, /1001 runs; at most 1000/);
    assert.deepEqual(tooMany.body.error.detail.errors[0].loc, ['body', 'inputs']);
    const none = await addRuns(mock.url, group.taskgroup_id, { inputs: [] });
    assert.equal(none.status, 422);
    const list = inputs(5);
    list[3] = { input: 'x', processor: 'turbo' };
    const badProcessor = await addRuns(mock.url, group.taskgroup_id, { inputs: list });
    assert.equal(badProcessor.status, 422);
    assert.match(badProcessor.body.error.message, /^inputs\[3\]: Unknown processor 'turbo'/);
    assert.deepEqual(badProcessor.body.error.detail.errors[0].loc, ['body', 'inputs', 3, 'processor']);
    const badSpec = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(1), default_task_spec: { output_schema: { type: 'nope' } } });
    assert.equal(badSpec.status, 422);
    assert.deepEqual(badSpec.body.error.detail.errors[0].loc, ['body', 'default_task_spec', 'output_schema', 'type']);
    const after = await requestJson(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}`, { headers: auth });
    assert.equal(after.body.status.num_task_runs, 0, 'a refused call adds no run');
    const exactly = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(1000, { metadata: { mock_speed: 0.01 } }) });
    assert.equal(exactly.status, 200);
    assert.equal(exactly.body.run_ids.length, 1000);
  });

  it('applies default_task_spec to inputs without their own task_spec', async () => {
    const group = await createGroup(mock.url);
    const spec = { output_schema: { type: 'text', description: 'One paragraph' } };
    const added = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(2), default_task_spec: spec });
    await waitFor(async () => (await requestJson(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}`, { headers: auth })).body.status.is_active === false);
    const runs = await readSse(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}/runs?include_input=true&include_output=true`, sse);
    assert.deepEqual(runs.events.map((f) => dataOf(f).run.run_id), added.body.run_ids);
    for (const frame of runs.events) {
      assert.deepEqual(dataOf(frame).input.task_spec, spec);
      assert.equal(dataOf(frame).output.type, 'text');
    }
  });

  it('events: frames event: + one-line data: with no id: lines; every payload has its event_id; the run of the group ends in counts and closes', async () => {
    const group = await createGroup(mock.url);
    const added = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(4) });
    const result = await readSse(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}/events`, sse);
    assert.equal(result.status, 200);
    assert.match(result.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(result.ended, 'eof');
    assert.doesNotMatch(result.text, /^id:/m);
    const payloads = result.events.map((frame) => {
      assert.deepEqual(frame.raw.split('\n').map((l) => l.split(':')[0]), ['event', 'data']);
      const data = dataOf(frame);
      assert.equal(data.type, frame.event);
      assert.equal(typeof data.event_id, 'string');
      return data;
    });
    assert.equal(new Set(payloads.map((p) => p.event_id)).size, payloads.length, 'event ids are unique');
    assert.deepEqual([...new Set(payloads.map((p) => p.type))].sort(), ['task_group_status', 'task_run.state']);
    const states = payloads.filter((p) => p.type === 'task_run.state');
    assert.deepEqual(states.map((p) => p.run.run_id).sort(), [...added.body.run_ids].sort(), 'one task_run.state per finished run');
    for (const state of states) {
      assert.equal(state.run.is_active, false);
      assert.equal(state.input, null);
      assert.equal(state.output, null, '/events carries no output');
    }
    const last = payloads.at(-1);
    assert.equal(last.type, 'task_group_status');
    assert.deepEqual(last.status.task_run_status_counts, { completed: 4 });
    assert.equal(last.status.is_active, false);
    assert.ok(payloads.some((p) => p.type === 'task_group_status' && p.status.task_run_status_counts.running > 0), 'running is counted');
  });

  it('events resume by last_event_id: a stream cut after some events continues with exactly the events after it', async () => {
    const group = await createGroup(mock.url);
    await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(6, { metadata: { mock_speed: 40 } }) });
    const url = `${mock.url}/v1/tasks/groups/${group.taskgroup_id}/events`;
    const head = await readSse(url, sse, { until: (events) => events.length >= 4 });
    assert.equal(head.ended, 'aborted');
    const headIds = head.events.map((f) => dataOf(f).event_id);
    const tail = await readSse(`${url}?last_event_id=${encodeURIComponent(headIds.at(-1))}`, sse);
    assert.equal(tail.ended, 'eof');
    const full = await readSse(url, sse);
    assert.deepEqual([...headIds, ...tail.events.map((f) => dataOf(f).event_id)], full.events.map((f) => dataOf(f).event_id));
    const done = await readSse(`${url}?last_event_id=${encodeURIComponent(dataOf(full.events.at(-1)).event_id)}`, sse);
    assert.deepEqual(done.events, [], 'resuming from the last event of a finished group sends nothing and closes');
    assert.equal(done.ended, 'eof');
  });

  it('events: a last_event_id the group never issued is a 422 pointing at the query parameter', async () => {
    const group = await createGroup(mock.url);
    const reply = await requestJson(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}/events?last_event_id=999999`, { headers: auth });
    assert.equal(reply.status, 422);
    assertErrorBody(reply.body, /last_event_id/);
    assert.deepEqual(reply.body.error.detail.errors[0].loc, ['body', 'query', 'last_event_id']);
  });

  it('events: the server closes an active group\'s stream cleanly after one hour (simulated), and after `timeout` seconds if sooner', async () => {
    const server = await startMockServer({ seed: 7, speed: 3600 });
    try {
      const group = await createGroup(server.url);
      await addRuns(server.url, group.taskgroup_id, { inputs: inputs(1, { processor: 'ultra8x', metadata: { mock_speed: 0.001 } }) });
      const hour = await readSse(`${server.url}/v1/tasks/groups/${group.taskgroup_id}/events`, sse, { timeoutMs: 5000 });
      assert.equal(hour.ended, 'eof');
      assert.ok(hour.elapsedMs >= 900 && hour.elapsedMs < 3000, `one simulated hour at speed 3600 is ~1 s, took ${hour.elapsedMs}`);
      assert.equal(dataOf(hour.events.at(-1)).status.is_active, true, 'closed while the group is still active');
      const short = await readSse(`${server.url}/v1/tasks/groups/${group.taskgroup_id}/events?timeout=360`, sse, { timeoutMs: 5000 });
      assert.equal(short.ended, 'eof');
      assert.ok(short.elapsedMs < 600, `timeout=360 s at speed 3600 is ~100 ms, took ${short.elapsedMs}`);
    } finally {
      await server.close();
    }
  });

  it('drop-mid-stream (group metadata): the first two events connections are cut inside an event; resuming loses nothing', async () => {
    const group = await createGroup(mock.url, { mock_scenario: 'drop-mid-stream' });
    await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(3, { metadata: { mock_speed: 20 } }) });
    const url = `${mock.url}/v1/tasks/groups/${group.taskgroup_id}/events`;
    const ids: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const cursor = ids.at(-1);
      const part = await readSse(cursor ? `${url}?last_event_id=${cursor}` : url, sse);
      assert.equal(part.ended, attempt < 2 ? 'error' : 'eof');
      ids.push(...part.events.map((f) => dataOf(f).event_id));
    }
    const full = await readSse(url, sse);
    assert.deepEqual(ids, full.events.map((f) => dataOf(f).event_id));
  });

  it('runs: dumps one task_run.state per run at once and closes; input/output only when asked; status filter and cursor', async () => {
    const group = await createGroup(mock.url);
    const fast = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(2) });
    await waitFor(async () => (await requestJson(`${mock.url}/v1/tasks/groups/${group.taskgroup_id}`, { headers: auth })).body.status.is_active === false);
    const slow = await addRuns(mock.url, group.taskgroup_id, { inputs: inputs(1, { metadata: { mock_speed: 0.01 } }) });
    const url = `${mock.url}/v1/tasks/groups/${group.taskgroup_id}/runs`;
    const plain = await readSse(url, sse);
    assert.equal(plain.ended, 'eof');
    assert.deepEqual(plain.events.map((f) => dataOf(f).run.run_id), [...fast.body.run_ids, ...slow.body.run_ids]);
    assert.deepEqual(plain.events.map((f) => dataOf(f).event_id), ['1', '2', '3']);
    for (const frame of plain.events) {
      assert.equal(dataOf(frame).input, null);
      assert.equal(dataOf(frame).output, null);
    }
    const full = await readSse(`${url}?include_input=true&include_output=true`, sse);
    const [a, , c] = full.events.map(dataOf);
    assert.equal(a.input.input, 'Company 1');
    assert.equal(a.output.type, 'json');
    assert.equal(c.run.status, 'queued');
    assert.equal(c.output, null, 'no output for a run that is not completed');
    const completed = await readSse(`${url}?status=completed`, sse);
    assert.deepEqual(completed.events.map((f) => dataOf(f).run.run_id), fast.body.run_ids);
    const after = await readSse(`${url}?last_event_id=${slow.body.run_cursor}`, sse);
    assert.deepEqual(after.events.map((f) => dataOf(f).run.run_id), slow.body.run_ids);
    const badFlag = await requestJson(`${url}?include_output=yes`, { headers: auth });
    assert.equal(badFlag.status, 422);
  });
});
