import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMockServer } from '../../../server/mock/mock-server.js';
import { KEY, readSse, requestJson, submitShannonTask, useMockServer, waitFor } from './helpers.js';

const mock = useMockServer();
const key = { 'X-API-Key': KEY };
const WORKFLOW_ID = /^task-[0-9a-f-]{36}-\d{10}$/;

function assertCors(headers: Headers, path = ''): void {
  assert.equal(headers.get('access-control-allow-origin'), '*');
  assert.equal(headers.get('access-control-allow-methods'), path.startsWith('/api/v1/stream/') ? 'GET, OPTIONS' : 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
  assert.match(headers.get('access-control-allow-headers') ?? '', /X-API-Key.*Last-Event-ID/);
  assert.match(headers.get('access-control-expose-headers') ?? '', /X-Session-ID/);
  assert.doesNotMatch(headers.get('access-control-expose-headers') ?? '', /X-Workflow-ID|Retry-After/);
  assert.equal(headers.get('access-control-max-age'), '3600');
  assert.equal(headers.get('access-control-allow-credentials'), null);
}

async function finished(id: string, headers: Record<string, string> = key): Promise<any> {
  return waitFor(async () => {
    const reply = await requestJson(`${mock.url}/api/v1/tasks/${id}`, { headers });
    return reply.body.status !== 'TASK_STATUS_RUNNING' && reply.body.status !== 'TASK_STATUS_QUEUED' ? reply.body : undefined;
  });
}

describe('Shannon: task submission', () => {
  it('POST /api/v1/tasks/stream answers 201 with workflow_id, task_id and stream_url, plus X-Workflow-ID, X-Session-ID and Link', async () => {
    const reply = await requestJson(`${mock.url}/api/v1/tasks/stream`, { method: 'POST', headers: key, json: { query: 'What is 5 + 5?', session_id: 'sess-1', context: { mock_speed: 100 } } });
    assert.equal(reply.status, 201);
    assert.deepEqual(Object.keys(reply.body), ['workflow_id', 'task_id', 'stream_url']);
    assert.match(reply.body.workflow_id, WORKFLOW_ID);
    assert.equal(reply.body.task_id, reply.body.workflow_id);
    assert.equal(reply.body.stream_url, `/api/v1/stream/sse?workflow_id=${reply.body.workflow_id}`);
    assert.equal(reply.headers.get('x-workflow-id'), reply.body.workflow_id);
    assert.equal(reply.headers.get('x-session-id'), 'sess-1');
    assert.equal(reply.headers.get('link'), `<${reply.body.stream_url}>; rel=stream`);
    assertCors(reply.headers);
  });

  it('POST /api/v1/tasks answers 200 with task_id, STATUS_CODE_OK, a message naming the session and created_at', async () => {
    const reply = await requestJson(`${mock.url}/api/v1/tasks`, { method: 'POST', headers: key, json: { query: 'Hello', context: { mock_speed: 100 } } });
    assert.equal(reply.status, 200);
    assert.match(reply.body.task_id, WORKFLOW_ID);
    assert.equal(reply.body.status, 'STATUS_CODE_OK');
    const session = reply.headers.get('x-session-id');
    assert.match(session ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(reply.body.message, `Task submitted successfully. Session: ${session}`);
    assert.ok(!Number.isNaN(Date.parse(reply.body.created_at)));
    assert.equal(reply.headers.get('x-workflow-id'), reply.body.task_id);
  });

  const invalid: Array<[string, unknown, string | RegExp]> = [
    ['a missing query', { mode: 'simple' }, 'Query is required'],
    ['an unknown mode', { query: 'q', mode: 'turbo' }, 'Invalid mode (allowed: simple, standard, complex, supervisor)'],
    ['an unknown model_tier', { query: 'q', model_tier: 'huge' }, 'Invalid model_tier (allowed: small, medium, large)'],
    ['an unknown research_strategy', { query: 'q', research_strategy: 'lazy' }, 'Invalid research_strategy (allowed: quick, standard, deep, academic)'],
    ['max_iterations out of range', { query: 'q', max_iterations: 0 }, 'max_iterations out of range (1..50)'],
    ['a query that is not a string', { query: 42 }, /cannot unmarshal number into Go struct field TaskRequest.query of type string/],
  ];
  for (const [name, json, message] of invalid) {
    it(`answers 400 {"error"} with CORS headers for ${name}`, async () => {
      const reply = await requestJson(`${mock.url}/api/v1/tasks/stream`, { method: 'POST', headers: key, json });
      assert.equal(reply.status, 400);
      assert.deepEqual(Object.keys(reply.body), ['error']);
      if (typeof message === 'string') assert.equal(reply.body.error, message);
      else assert.match(reply.body.error, message);
      assertCors(reply.headers);
    });
  }

  it('answers 400 for a body that is not JSON', async () => {
    const reply = await requestJson(`${mock.url}/api/v1/tasks`, { method: 'POST', headers: { ...key, 'content-type': 'application/json' }, body: '{nope' });
    assert.equal(reply.status, 400);
    assert.match(reply.body.error, /^Invalid request body: /);
  });

  it('uses the default query when only attachments are sent', async () => {
    const task = await submitShannonTask(mock.url, { context: { mock_speed: 200, attachments: [{ media_type: 'text/plain', data: 'aGk=', filename: 'a.txt' }] } });
    const status = await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}`, { headers: key });
    assert.equal(status.body.query, '[User sent file attachments]');
  });

  it('gives the same session id, answer and citations for the same seed and the same requests', async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const server = await startMockServer({ seed: 11 });
      try {
        const task = await submitShannonTask(server.url, { query: 'Tram networks in Europe', context: { mock_speed: 200 } });
        const body = await waitFor(async () => {
          const reply = await requestJson(`${server.url}/api/v1/tasks/${task.task_id}`, { headers: key });
          return reply.body.status === 'TASK_STATUS_COMPLETED' ? reply.body : undefined;
        });
        runs.push({ session: body.session_id, result: body.result, citations: body.metadata.citations.map((c: any) => [c.url, c.credibility_score]) });
      } finally {
        await server.close();
      }
    }
    assert.deepEqual(runs[0], runs[1]);
  });

  it('replays a submission with the same Idempotency-Key from cache with X-Idempotency-Cached', async () => {
    const headers = { ...key, 'Idempotency-Key': 'idem-1' };
    const first = await requestJson(`${mock.url}/api/v1/tasks/stream`, { method: 'POST', headers, json: { query: 'once', context: { mock_speed: 200 } } });
    const second = await requestJson(`${mock.url}/api/v1/tasks/stream`, { method: 'POST', headers, json: { query: 'once', context: { mock_speed: 200 } } });
    assert.equal(second.status, 201);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('x-idempotency-cached'), 'true');
    assert.equal(first.headers.get('x-idempotency-cached'), null);
  });
});

describe('Shannon: gateway auth and CORS', () => {
  it('answers OPTIONS with 200 and the CORS headers before auth', async () => {
    for (const path of ['/api/v1/tasks/stream', '/api/v1/stream/sse']) {
      const res = await fetch(`${mock.url}${path}`, { method: 'OPTIONS', headers: { Origin: 'https://example.com', 'Access-Control-Request-Method': 'POST' } });
      assert.equal(res.status, 200);
      assertCors(res.headers, path);
    }
  });

  it('answers a request without credentials with 401, the gateway body, WWW-Authenticate and CORS headers', async () => {
    const reply = await requestJson(`${mock.url}/api/v1/tasks/stream`, { method: 'POST', json: { query: 'q' } });
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.body, { error: 'Authentication required' });
    assert.equal(reply.headers.get('www-authenticate'), 'Bearer realm="Shannon API"');
    assertCors(reply.headers);
  });

  it('accepts X-API-Key or Authorization: Bearer on every path', async () => {
    const bearer = await requestJson(`${mock.url}/api/v1/tasks/stream`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}` }, json: { query: 'q', context: { mock_speed: 200 } } });
    assert.equal(bearer.status, 201);
    assert.equal((await requestJson(`${mock.url}/api/v1/tasks?limit=1`, { headers: key })).status, 200);
  });

  it('accepts the api_key or token query parameter only on GET /api/v1/stream/*', async () => {
    const task = await submitShannonTask(mock.url, { query: 'q', context: { mock_speed: 200 } });
    for (const param of ['api_key', 'token']) {
      const stream = await readSse(`${mock.url}/api/v1/stream/sse?workflow_id=${task.workflow_id}&${param}=${KEY}`);
      assert.equal(stream.status, 200, param);
      const status = await requestJson(`${mock.url}/api/v1/tasks/${task.workflow_id}?${param}=${KEY}`);
      assert.equal(status.status, 401, `${param} is ignored outside stream paths`);
      const submit = await requestJson(`${mock.url}/api/v1/tasks/stream?${param}=${KEY}`, { method: 'POST', json: { query: 'q' } });
      assert.equal(submit.status, 401);
    }
  });
});

describe('Shannon: status, list, events and cancel', () => {
  it('GET /api/v1/tasks/{id} reports the result, usage, citations and model breakdown once completed', async () => {
    const task = await submitShannonTask(mock.url, { query: 'History of the Zürich tram', mode: 'standard', session_id: 'sess-2', context: { mock_speed: 100 } });
    const body = await finished(task.task_id);
    assert.equal(body.status, 'TASK_STATUS_COMPLETED');
    assert.equal(body.task_id, task.task_id);
    assert.equal(body.workflow_id, task.task_id);
    assert.match(body.result, /^## /);
    assert.match(body.result, /\]\(https:\/\//, 'citation links');
    assert.equal(body.error, undefined);
    assert.equal(body.query, 'History of the Zürich tram');
    assert.equal(body.session_id, 'sess-2');
    assert.equal(body.mode, 'standard');
    assert.equal(typeof body.model_used, 'string');
    assert.equal(typeof body.provider, 'string');
    for (const field of ['total_tokens', 'input_tokens', 'output_tokens', 'estimated_cost']) assert.ok(body.usage[field] > 0, field);
    assert.ok(body.metadata.citations.length >= 2);
    for (const c of body.metadata.citations) {
      assert.match(c.url, /^https:\/\//);
      for (const field of ['title', 'source', 'source_type', 'retrieved_at', 'published_date']) assert.equal(typeof c[field], 'string', field);
      assert.equal(typeof c.credibility_score, 'number');
    }
    const breakdown = body.metadata.model_breakdown;
    assert.ok(breakdown.length >= 1);
    for (const entry of breakdown) assert.deepEqual(Object.keys(entry), ['model', 'provider', 'executions', 'tokens', 'cost_usd', 'percentage']);
    assert.ok(!Number.isNaN(Date.parse(body.created_at)) && body.created_at === body.updated_at);
  });

  it('answers 404 {"error":"Task not found"} for an unknown id or another key’s task, 400 for a malformed id', async () => {
    const task = await submitShannonTask(mock.url, { query: 'private', context: { mock_speed: 200 } });
    const other = await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}`, { headers: { 'X-API-Key': 'someone-else' } });
    assert.equal(other.status, 404);
    assert.deepEqual(other.body, { error: 'Task not found' });
    assert.equal((await requestJson(`${mock.url}/api/v1/tasks/task-nope`, { headers: key })).status, 404);
    const malformed = await requestJson(`${mock.url}/api/v1/tasks/bad%20id`, { headers: key });
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.body, { error: 'Invalid task ID format' });
  });

  it('lists the caller’s tasks newest first with total_count, filters by status and rejects a limit outside 1..100', async () => {
    const listKey = { 'X-API-Key': 'list-key' };
    const a = await submitShannonTask(mock.url, { query: 'first', mode: 'simple', context: { mock_speed: 200 } }, listKey);
    const b = await submitShannonTask(mock.url, { query: 'second', mode: 'complex', context: { mock_speed: 200, mock_scenario: 'fails' } }, listKey);
    await finished(a.task_id, listKey);
    await finished(b.task_id, listKey);
    const list = await requestJson(`${mock.url}/api/v1/tasks?limit=10`, { headers: listKey });
    assert.equal(list.status, 200);
    assert.equal(list.body.total_count, 2);
    assert.deepEqual(list.body.tasks.map((t: any) => t.query), ['second', 'first']);
    const first = list.body.tasks[1];
    assert.equal(first.status, 'TASK_STATUS_COMPLETED');
    assert.equal(first.mode, 'EXECUTION_MODE_SIMPLE');
    assert.ok(first.created_at && first.completed_at);
    assert.deepEqual(Object.keys(first.total_token_usage), ['total_tokens', 'cost_usd', 'prompt_tokens', 'completion_tokens']);
    const failed = await requestJson(`${mock.url}/api/v1/tasks?status=failed`, { headers: listKey });
    assert.deepEqual(failed.body.tasks.map((t: any) => t.task_id), [b.task_id]);
    for (const limit of ['0', '101', 'x']) {
      const reply = await requestJson(`${mock.url}/api/v1/tasks?limit=${limit}`, { headers: listKey });
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.body, { error: 'Invalid limit parameter' });
    }
    assert.equal((await requestJson(`${mock.url}/api/v1/tasks?status=DONE`, { headers: listKey })).status, 400);
  });

  it('GET /api/v1/tasks/{id}/events returns persisted events oldest first, without deltas', async () => {
    const task = await submitShannonTask(mock.url, { query: 'persisted', mode: 'simple', context: { mock_speed: 200 } });
    await finished(task.task_id);
    const reply = await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/events?limit=200`, { headers: key });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.count, reply.body.events.length);
    const types = reply.body.events.map((e: any) => e.type);
    assert.equal(types[0], 'WORKFLOW_STARTED');
    assert.ok(!types.includes('LLM_PARTIAL'));
    assert.ok(!types.includes('LLM_PROMPT'));
    assert.ok(types.includes('LLM_OUTPUT'));
    assert.deepEqual(reply.body.events.map((e: any) => e.seq), [...reply.body.events.map((e: any) => e.seq)].sort((a: number, b: number) => a - b));
    for (const e of reply.body.events) assert.match(e.stream_id, /^\d+-\d+$/);
    const page = await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/events?limit=3&offset=2`, { headers: key });
    assert.deepEqual(page.body.events, reply.body.events.slice(2, 5));
    assert.equal((await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/events?limit=201`, { headers: key })).status, 400);
  });

  it('GET /api/v1/tasks/{id}/events reads by workflow id: an unknown id is an empty page, another key may read it', async () => {
    const unknown = await requestJson(`${mock.url}/api/v1/tasks/task-never-was/events`, { headers: key });
    assert.deepEqual([unknown.status, unknown.body], [200, { events: [], count: 0 }]);
    const task = await submitShannonTask(mock.url, { query: 'shared', mode: 'simple', context: { mock_speed: 200 } });
    await finished(task.task_id);
    const other = await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/events`, { headers: { 'X-API-Key': 'someone-else' } });
    assert.ok(other.body.count > 0);
  });

  it('redirects GET /api/v1/tasks/{id}/stream to the SSE endpoint with 307', async () => {
    const res = await fetch(`${mock.url}/api/v1/tasks/task-abc/stream?last_event_id=5&types=PROGRESS`, { headers: key, redirect: 'manual' });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), '/api/v1/stream/sse?workflow_id=task-abc&types=PROGRESS&last_event_id=5');
  });

  it('cancels with 202 {success, message}; the stream sends workflow.cancelling then done; workflow.cancelled comes after done', async () => {
    const task = await submitShannonTask(mock.url, { query: 'long one', mode: 'supervisor', context: { mock_speed: 10 } });
    const streaming = readSse(`${mock.url}/api/v1/stream/sse?workflow_id=${task.workflow_id}`, { headers: key });
    await waitFor(async () => (await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}`, { headers: key })).body.status === 'TASK_STATUS_RUNNING');
    const cancel = await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/cancel`, { method: 'POST', headers: key, json: { reason: 'test' } });
    assert.equal(cancel.status, 202);
    assert.deepEqual(cancel.body, { success: true, message: 'Task cancelled successfully' });
    const { events, ended } = await streaming;
    const names = events.map((f) => f.event);
    assert.deepEqual(names.slice(-2), ['workflow.cancelling', 'done'], 'a live client never receives workflow.cancelled');
    assert.ok(!names.includes('workflow.cancelled'));
    assert.equal(ended, 'eof');
    assert.deepEqual(JSON.parse(events.at(-2)?.data ?? ''), { agent_id: 'orchestrator', message: 'Cancelling: test', workflow_id: task.workflow_id });
    assert.equal((await finished(task.task_id)).status, 'TASK_STATUS_CANCELLED');
    // It was published after done: a fresh connect stops at done again, a resume after done gets it.
    const replay = await readSse(`${mock.url}/api/v1/stream/sse?workflow_id=${task.workflow_id}`, { headers: key });
    assert.equal(replay.events.at(-1)?.event, 'done');
    const after = await readSse(`${mock.url}/api/v1/stream/sse?workflow_id=${task.workflow_id}`, { headers: { ...key, 'Last-Event-ID': replay.events.at(-1)?.id as string } }, { timeoutMs: 300 });
    assert.deepEqual(after.events.map((f) => f.event), ['workflow.cancelled']);
    const cancelled = JSON.parse(after.events[0]?.data ?? '');
    assert.deepEqual(Object.keys(cancelled), ['agent_id', 'checkpoint', 'message', 'was_paused', 'workflow_id']);
    const persisted = (await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/events?limit=200`, { headers: key })).body.events.map((e: any) => e.type);
    assert.deepEqual(persisted.slice(-3), ['WORKFLOW_CANCELLING', 'STREAM_END', 'WORKFLOW_CANCELLED']);
    const again = await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}/cancel`, { method: 'POST', headers: key });
    assert.equal(again.status, 202);
    assert.equal(again.body.success, false);
  });
});
