/**
 * The Shannon mock's run lifecycle as the real v0.5.1 servers have it (server/service.go,
 * workflows/control/handler.go, orchestrator_router.go, streaming/manager.go): RUNNING from the
 * start and for a while after `done`, pause/resume with control state, timeout, the ring that
 * makes a late resume skip, stream expiry, and the convergence scenarios.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMockServer } from '../../../server/mock/mock-server.js';
import { KEY, dataOf, readSse, requestJson, sleep, submitShannonTask, useMockServer, waitFor } from './helpers.js';

// The real lag between `done` and the workflow returning, set explicitly (shannon-streaming-api.md §6).
const mock = useMockServer({ shannonStatusLagMs: 2_500, shannonTitles: true });
const key = { 'X-API-Key': KEY };
// For assertions made right after `done`: a lag long enough in real time that a loaded machine cannot outrun it.
const lagging = useMockServer({ shannonStatusLagMs: 60_000, shannonTitles: true });

async function submit(context: Record<string, unknown>, mode = 'simple'): Promise<any> {
  return submitShannonTask(mock.url, { query: 'Compare Zürich and Geneva as places to live', mode, context });
}
const status = async (id: string): Promise<any> => (await requestJson(`${mock.url}/api/v1/tasks/${id}`, { headers: key })).body;
const stream = (task: any): string => `${mock.url}${task.stream_url}`;
const post = (id: string, action: string, json: unknown = {}) => requestJson(`${mock.url}/api/v1/tasks/${id}/${action}`, { method: 'POST', headers: key, json });

describe('Shannon lifecycle: status versus done', () => {
  it('a started workflow reports RUNNING at once, never QUEUED', async () => {
    const task = await submit({ mock_speed: 1 });
    const body = await status(task.task_id);
    assert.equal(body.status, 'TASK_STATUS_RUNNING');
    assert.equal(body.result, undefined);
  });

  it('after done the status still says RUNNING (no result yet) for a while, then COMPLETED with result, context and unified_response', async () => {
    // 60 s simulated at speed 50: RUNNING for 1.2 s after done.
    const task = await submitShannonTask(lagging.url, { query: 'Compare Zürich and Geneva as places to live', mode: 'simple', context: { mock_speed: 50, topic: 'cities' } });
    const live = await readSse(`${lagging.url}${task.stream_url}`, { headers: key });
    assert.equal(live.events.at(-1)?.event, 'done');
    const statusOf = async (): Promise<any> => (await requestJson(`${lagging.url}/api/v1/tasks/${task.task_id}`, { headers: key })).body;
    const right = await statusOf();
    assert.equal(right.status, 'TASK_STATUS_RUNNING');
    assert.equal(right.result, undefined, 'the result is read only once the workflow closed');
    assert.equal(right.usage, undefined);
    const done = await waitFor(async () => {
      const body = await statusOf();
      return body.status === 'TASK_STATUS_COMPLETED' ? body : undefined;
    }, 10_000);
    const final = live.events.filter((f) => f.event === 'thread.message.completed').map(dataOf).at(-1);
    assert.equal(done.result, final.response);
    assert.equal(done.response, undefined, 'markdown is not a JSON object');
    assert.deepEqual(done.context, { mock_speed: 50, topic: 'cities' });
    assert.deepEqual(done.metadata.task_context, done.context);
    assert.equal(done.unified_response.result, done.result);
    assert.equal(done.unified_response.task_id, task.task_id);
    assert.deepEqual(Object.keys(done.unified_response.usage), ['input_tokens', 'output_tokens', 'total_tokens', 'estimated_cost']);
  });

  it('parses a JSON-object result into `response` (asked for JSON, the model answers JSON)', async () => {
    const task = await submitShannonTask(mock.url, { query: 'List the sources on night trains as JSON', mode: 'simple', context: { mock_speed: 100 } });
    const body = await waitFor(async () => {
      const reply = await status(task.task_id);
      return reply.status === 'TASK_STATUS_COMPLETED' ? reply : undefined;
    });
    assert.deepEqual(body.response, JSON.parse(body.result));
    assert.ok(Array.isArray(body.response.sources));
  });

  it('shannonStatusLagMs sets how long RUNNING lasts after done (0: the workflow returns with done)', async () => {
    const server = await startMockServer({ seed: 3, shannonStatusLagMs: 0 });
    try {
      const task = await submitShannonTask(server.url, { query: 'lag', mode: 'simple', context: { mock_speed: 5 } });
      await readSse(`${server.url}${task.stream_url}`, { headers: key });
      const body = (await requestJson(`${server.url}/api/v1/tasks/${task.task_id}`, { headers: key })).body;
      assert.equal(body.status, 'TASK_STATUS_COMPLETED');
    } finally {
      await server.close();
    }
  });

  it('shannon-done-before-status: done, then RUNNING for exactly two status requests, then COMPLETED', async () => {
    const task = await submit({ mock_speed: 50, mock_scenario: 'shannon-done-before-status' });
    await readSse(stream(task), { headers: key });
    await sleep(300); // longer than the default lag: only the requests count here
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await status(task.task_id)).status);
    assert.deepEqual(seen, ['TASK_STATUS_RUNNING', 'TASK_STATUS_RUNNING', 'TASK_STATUS_COMPLETED', 'TASK_STATUS_COMPLETED']);
  });

  it('accounts usage as the orchestrator records it: each streamed call once (nested then flat is one call), the decomposition unstreamed, the title not at all; agent_usages and model_breakdown add up to usage', async () => {
    const server = await startMockServer({ seed: 9, ringCapacity: 100_000, shannonTitles: true });
    try {
      const task = await submitShannonTask(server.url, { query: 'usage', mode: 'complex', context: { mock_speed: 50 } });
      const live = await readSse(`${server.url}${task.stream_url}`, { headers: key });
      const body = await waitFor(async () => {
        const reply = (await requestJson(`${server.url}/api/v1/tasks/${task.task_id}`, { headers: key })).body;
        return reply.status === 'TASK_STATUS_COMPLETED' ? reply : undefined;
      });
      const completions = live.events.filter((f) => f.event === 'thread.message.completed').map(dataOf);
      const calls = new Map<string, { agent: string; tokens: number; cost: number }>();
      for (const c of completions) {
        if (c.agent_id === 'final_output') continue;
        const usage = c.metadata.usage ?? c.metadata;
        calls.set(`${c.agent_id}\n${c.response}`, { agent: c.agent_id, tokens: usage.total_tokens ?? usage.tokens_used, cost: usage.cost_usd });
      }
      assert.ok(completions.length - 1 - calls.size >= 3, 'three agents each reported their call twice');
      const agents = new Map<string, any>(body.metadata.agent_usages.map((a: any) => [a.agent_id, a]));
      assert.equal(agents.has('title_generator'), false, 'the title call is streamed but never recorded');
      assert.ok(calls.has(`title_generator\n${completions.find((c) => c.agent_id === 'title_generator').response}`));
      const decompose = agents.get('decompose');
      assert.ok(decompose?.total_tokens > 0, 'the decomposition is recorded');
      assert.equal(completions.some((c) => c.agent_id === 'decompose'), false, 'and never streamed');
      for (const [agent, row] of agents) {
        if (agent === 'decompose') continue;
        const streamed = [...calls.values()].filter((c) => c.agent === agent);
        assert.equal(row.total_tokens, streamed.reduce((sum, c) => sum + c.tokens, 0), `${agent}: its streamed calls, each once`);
        assert.ok(Math.abs(row.cost_usd - streamed.reduce((sum, c) => sum + c.cost, 0)) < 1e-9, `${agent}: cost`);
      }
      const rows = [...agents.values()];
      const sum = (pick: (a: any) => number) => rows.reduce((total, a) => total + pick(a), 0);
      assert.equal(body.usage.total_tokens, sum((a) => a.total_tokens));
      assert.equal(body.usage.input_tokens, sum((a) => a.input_tokens));
      assert.equal(body.usage.output_tokens, sum((a) => a.output_tokens));
      assert.ok(Math.abs(body.usage.estimated_cost - sum((a) => a.cost_usd)) < 1e-8);
      assert.equal(body.usage.total_tokens, body.metadata.model_breakdown.reduce((total: number, m: any) => total + m.tokens, 0));
      assert.deepEqual(rows.map((a) => a.total_tokens), rows.map((a) => a.total_tokens).sort((x, y) => y - x), 'most tokens first');
    } finally {
      await server.close();
    }
  });

  it('a run that fails or times out keeps the usage of the calls it made, split by agent', async () => {
    for (const scenario of ['fails', 'shannon-timeout']) {
      const task = await submitShannonTask(mock.url, { query: 'usage', mode: 'standard', context: { mock_speed: 50, mock_scenario: scenario } });
      const body = await waitFor(async () => {
        const reply = await status(task.task_id);
        return reply.status !== 'TASK_STATUS_RUNNING' ? reply : undefined;
      }, 15_000);
      assert.notEqual(body.status, 'TASK_STATUS_COMPLETED', scenario);
      assert.ok(body.usage.total_tokens > 0, scenario);
      const rows: any[] = body.metadata.agent_usages;
      assert.equal(rows.reduce((total, a) => total + a.total_tokens, 0), body.usage.total_tokens, scenario);
    }
  });
});

describe('Shannon lifecycle: pause, resume, control state, timeout', () => {
  it('pause: 202, workflow.pausing then workflow.paused, status PAUSED and control-state; resume: workflow.resumed and the run finishes', async () => {
    const task = await submit({ mock_speed: 4 }, 'standard');
    const streaming = readSse(stream(task), { headers: key }, { timeoutMs: 20_000 });
    await sleep(300);
    const paused = await post(task.task_id, 'pause', { reason: 'coffee' });
    assert.deepEqual([paused.status, paused.body], [202, { success: true, message: 'Pause signal sent', task_id: task.task_id }]);
    assert.equal((await status(task.task_id)).status, 'TASK_STATUS_PAUSED');
    const control = (await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/control-state`, { headers: key })).body;
    assert.deepEqual(Object.keys(control), ['is_paused', 'is_cancelled', 'paused_at', 'pause_reason', 'paused_by', 'cancel_reason', 'cancelled_by']);
    assert.equal(control.is_paused, true);
    assert.equal(control.pause_reason, 'coffee');
    assert.match(control.paused_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const again = await post(task.task_id, 'pause');
    assert.deepEqual([again.status, again.body], [502, { error: 'task is already paused' }]);
    await sleep(400);
    const resumed = await post(task.task_id, 'resume');
    assert.deepEqual([resumed.status, resumed.body], [202, { success: true, message: 'Resume signal sent', task_id: task.task_id }]);
    const { events } = await streaming;
    const names = events.map((f) => f.event);
    const at = (name: string): number => names.indexOf(name);
    assert.ok(at('workflow.pausing') < at('workflow.paused') && at('workflow.paused') < at('workflow.resumed') && at('workflow.resumed') < at('done'));
    assert.deepEqual(dataOf(events[at('workflow.pausing')]), { agent_id: 'orchestrator', message: 'Pausing: coffee', workflow_id: task.workflow_id });
    assert.deepEqual(Object.keys(dataOf(events[at('workflow.paused')])), ['agent_id', 'checkpoint', 'message', 'workflow_id']);
    assert.equal(events.filter((f) => f.event === 'thread.message.completed').map(dataOf).at(-1).agent_id, 'final_output', 'the run finished');
    const resumeAgain = await post(task.task_id, 'resume');
    assert.equal(resumeAgain.status, 502);
  });

  it('refuses to pause or resume a finished task with 502 and the orchestrator message', async () => {
    const task = await submit({ mock_speed: 100 });
    await waitFor(async () => (await status(task.task_id)).status === 'TASK_STATUS_COMPLETED');
    assert.deepEqual((await post(task.task_id, 'pause')).body, { error: 'cannot pause completed task' });
    assert.deepEqual((await post(task.task_id, 'resume')).body, { error: 'cannot resume completed task' });
    const control = (await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/control-state`, { headers: key })).body;
    assert.equal(control.is_paused, false);
    assert.equal((await requestJson(`${mock.url}/api/v1/tasks/task-unknown-9/pause`, { method: 'POST', headers: key })).status, 404);
  });

  it('shannon-timeout: events stop without done or error, the stream only pings, status TIMEOUT with its error text', async () => {
    // simple mode: no child WORKFLOW_COMPLETED before the cut, so no 30 s post-completion close either
    const task = await submit({ mock_speed: 50, mock_scenario: 'shannon-timeout' });
    const live = await readSse(stream(task), { headers: key }, { timeoutMs: 900 });
    assert.equal(live.ended, 'aborted', 'the server never closes it');
    const names = live.events.map((f) => f.event);
    assert.ok(!names.includes('done') && !names.includes('error'));
    assert.ok(live.frames.slice(-2).every((f) => f.comments.includes('ping')), 'pings after the last event');
    const body = await status(task.task_id);
    assert.equal(body.status, 'TASK_STATUS_TIMEOUT');
    assert.match(body.error, /timed out/);
    assert.equal(body.result, undefined);
  });
});

describe('Shannon lifecycle: ring, expiry and convergence scenarios', () => {
  it('keeps seq contiguous, and a late resume skips what the ring trimmed with no signal', async () => {
    const server = await startMockServer({ seed: 3, ringCapacity: 50 });
    try {
      const task = await submitShannonTask(server.url, { query: 'ring', mode: 'simple', context: { mock_speed: 5 } });
      const first = await readSse(`${server.url}${task.stream_url}`, { headers: key }, { until: (events) => events.length >= 20 });
      const seqs = first.events.map((f) => dataOf(f).seq);
      assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => seqs[0] + i), 'contiguous');
      await sleep(700); // the run goes on: far more than 50 one-character deltas
      const resumed = await readSse(`${server.url}${task.stream_url}`, { headers: { ...key, 'Last-Event-ID': first.events.at(-1)?.id as string } }, { until: (events) => events.length >= 5 });
      const next = dataOf(resumed.events[0]).seq;
      assert.ok(next > (seqs.at(-1) as number) + 1, `skipped from ${seqs.at(-1)} to ${next}`);
    } finally {
      await server.close();
    }
  });

  it('shannon-stream-expired: after the run its stream expires (pings only, no close) while the status API keeps the result', async () => {
    const task = await submit({ mock_speed: 50, mock_scenario: 'shannon-stream-expired' });
    await readSse(stream(task), { headers: key });
    const done = await waitFor(async () => ((await status(task.task_id)).status === 'TASK_STATUS_COMPLETED' ? status(task.task_id) : undefined));
    assert.ok(done.result.length > 40);
    // The stream expires 1 s of mock time (20 ms at speed 50) after its last event, STREAM_END; the
    // status says COMPLETED a lag after that event, which can be shorter: connect once it has passed.
    await sleep(100);
    const later = await readSse(stream(task), { headers: key }, { timeoutMs: 700 });
    assert.ok(later.text.startsWith(`: connected to workflow ${task.workflow_id}\n\n`));
    assert.equal(later.events.length, 0);
    assert.ok(later.frames.some((f) => f.comments.includes('ping')));
    assert.equal(later.ended, 'aborted');
  });

  it('the default stream lifetime is 24 h after the last event (shannonStreamTtlMs)', async () => {
    const server = await startMockServer({ seed: 3, shannonStreamTtlMs: 40_000, speed: 100 });
    try {
      const task = await submitShannonTask(server.url, { query: 'ttl', mode: 'simple', context: {} });
      const live = await readSse(`${server.url}${task.stream_url}`, { headers: key });
      assert.equal(live.events.at(-1)?.event, 'done');
      const soon = await readSse(`${server.url}${task.stream_url}`, { headers: key }, { timeoutMs: 300 });
      assert.ok(soon.events.length > 0, 'still replayable');
      await sleep(400); // 40 s simulated at speed 100
      const expired = await readSse(`${server.url}${task.stream_url}`, { headers: key }, { timeoutMs: 300 });
      assert.equal(expired.events.length, 0);
    } finally {
      await server.close();
    }
  });

  it('retry-zero: every stream request sends "retry: 0", the oldest event again and ends; the status API still completes', async () => {
    const task = await submit({ mock_speed: 50, mock_scenario: 'retry-zero' });
    for (let i = 0; i < 3; i++) {
      const result = await readSse(stream(task), { headers: key });
      assert.match(result.text, /\n\nretry: 0\n\n/);
      assert.equal(result.events.length, 1);
      assert.match(result.events[0]?.id ?? '', /^\d+-\d+$/);
      assert.equal(result.ended, 'eof');
    }
    await waitFor(async () => (await status(task.task_id)).status === 'TASK_STATUS_COMPLETED');
  });

  it('reconnect-204: the first stream ends after a few events; every later stream request gets 204', async () => {
    const task = await submit({ mock_speed: 5, mock_scenario: 'reconnect-204' }, 'standard');
    const first = await readSse(stream(task), { headers: key });
    assert.equal(first.events.length, 3);
    assert.equal(first.ended, 'eof');
    for (let i = 0; i < 2; i++) {
      const again = await fetch(stream(task), { headers: { ...key, 'Last-Event-ID': first.events.at(-1)?.id as string } });
      assert.equal(again.status, 204);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('access-control-allow-origin'), '*');
    }
  });
});
