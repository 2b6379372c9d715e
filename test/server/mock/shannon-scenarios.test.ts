import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY, dataOf, readSse, requestJson, submitShannonTask, useMockServer, waitFor, type SseResult } from './helpers.js';

// The real lag between `done` and the workflow returning, set explicitly (shannon-streaming-api.md §6).
const mock = useMockServer({ shannonStatusLagMs: 2_500, shannonTitles: true });
// For assertions made right after `done`: a lag long enough in real time (600 ms at speed 100) that a loaded machine cannot outrun it.
const lagging = useMockServer({ shannonStatusLagMs: 60_000, shannonTitles: true });
const key = { 'X-API-Key': KEY };
const HOSTILE = /<|javascript:|\{\{|\u202e|event: done/i;

async function submit(scenario: string, mode = 'standard', speed = 100): Promise<any> {
  return submitShannonTask(mock.url, { query: 'Night trains in Europe', mode, context: { mock_scenario: scenario, mock_speed: speed } });
}

const sse = (task: any): string => `${mock.url}${task.stream_url}`;
const parses = (data: string | undefined): boolean => {
  try {
    JSON.parse(data ?? '');
    return true;
  } catch {
    return false;
  }
};

/** Reconnects with Last-Event-ID (like a resuming client) until `done`; returns every connection. */
async function readUntilDone(task: any, max = 20): Promise<SseResult[]> {
  const connections: SseResult[] = [];
  let lastId: string | undefined;
  while (connections.length < max) {
    const headers: Record<string, string> = { ...key };
    if (lastId) headers['Last-Event-ID'] = lastId;
    const result = await readSse(sse(task), { headers });
    connections.push(result);
    lastId = result.events.filter((f) => f.id !== undefined).at(-1)?.id ?? lastId;
    if (result.events.at(-1)?.event === 'done') return connections;
  }
  throw new Error(`no done after ${max} connections`);
}

describe('Shannon scenarios (context.mock_scenario)', () => {
  it('slow: takes several times longer, and 30 s of silence after a child completion closes the stream', async () => {
    const happy = await readSse(sse(await submit('happy', 'standard', 50)), { headers: key });
    const slowTask = await submit('slow', 'standard', 50);
    const connections = await readUntilDone(slowTask);
    assert.ok(connections.length >= 2, 'the post-completion idle timer closed the first connection');
    assert.equal(connections[0]?.events.at(-1)?.event, 'WORKFLOW_COMPLETED');
    const total = connections.reduce((sum, c) => sum + c.elapsedMs, 0);
    assert.ok(total > happy.elapsedMs * 3, `${happy.elapsedMs} ms vs ${total} ms`);
  });

  it('drop-mid-stream: two connections are cut inside an event; resuming by Last-Event-ID loses and repeats nothing', async () => {
    // standard mode stays under the 256-event ring, so a late resume cannot hit trimmed events.
    const task = await submit('drop-mid-stream', 'standard');
    const connections = await readUntilDone(task);
    assert.equal(connections.length, 3);
    for (const dropped of connections.slice(0, 2)) {
      assert.equal(dropped.ended, 'error');
      assert.ok(!dropped.text.endsWith('\n\n'));
    }
    const ids = connections.flatMap((c) => c.events.map((f) => f.id));
    const seqs = connections.flatMap((c) => c.events.filter((f) => f.event !== 'done').map((f) => dataOf(f).seq));
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'no event lost');
  });

  it('stream-timeout: the server closes cleanly several times before done', async () => {
    const connections = await readUntilDone(await submit('stream-timeout', 'simple', 20));
    assert.ok(connections.length >= 3, `${connections.length} connections`);
    for (const early of connections.slice(0, -1)) {
      assert.equal(early.ended, 'eof');
      assert.ok(early.text.endsWith('\n\n'));
    }
  });

  it('server-error-then-ok: the first two stream requests get 503 with Retry-After, CORS and {"error"}', async () => {
    const task = await submit('server-error-then-ok');
    for (let i = 0; i < 2; i++) {
      const reply = await requestJson(sse(task), { headers: key });
      assert.equal(reply.status, 503);
      assert.equal(reply.headers.get('retry-after'), '1');
      assert.equal(reply.headers.get('access-control-allow-origin'), '*');
      assert.equal(typeof reply.body.error, 'string');
    }
    assert.equal((await readSse(sse(task), { headers: key })).events.at(-1)?.event, 'done');
  });

  it('rate-limited: the first stream request gets 429 with Retry-After and the gateway body', async () => {
    const task = await submit('rate-limited');
    const reply = await requestJson(sse(task), { headers: key });
    assert.equal(reply.status, 429);
    assert.equal(reply.headers.get('retry-after'), '1');
    assert.deepEqual(Object.keys(reply.body), ['error', 'message']);
    assert.equal(reply.body.error, 'Rate limit exceeded');
    assert.equal((await readSse(sse(task), { headers: key })).status, 200);
  });

  it('create-rate-limited: the submission gets 429 with Retry-After; the identical retry is accepted', async () => {
    const json = { query: 'retry me', context: { mock_scenario: 'create-rate-limited' } };
    const first = await requestJson(`${mock.url}/api/v1/tasks/stream`, { method: 'POST', headers: key, json });
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '1');
    assert.equal(first.body.error, 'Rate limit exceeded');
    assert.equal((await requestJson(`${mock.url}/api/v1/tasks/stream`, { method: 'POST', headers: key, json })).status, 201);
  });

  it('unauthorized: submission succeeds, then the stream, status and cancel answer 401 "Invalid token"', async () => {
    const task = await submit('unauthorized');
    for (const [url, method] of [[sse(task), 'GET'], [`${mock.url}/api/v1/tasks/${task.task_id}`, 'GET'], [`${mock.url}/api/v1/tasks/${task.task_id}/cancel`, 'POST']] as const) {
      const reply = await requestJson(url, { method, headers: key });
      assert.equal(reply.status, 401, url);
      assert.deepEqual(reply.body, { error: 'Invalid token' });
      assert.equal(reply.headers.get('www-authenticate'), 'Bearer realm="Shannon API"');
    }
  });

  it('fails: an error event (ERROR_OCCURRED "Hit an issue: …") then done; status FAILED with error set', async () => {
    const task = await submitShannonTask(lagging.url, { query: 'Night trains in Europe', mode: 'standard', context: { mock_scenario: 'fails', mock_speed: 100 } });
    const result = await readSse(`${lagging.url}${task.stream_url}`, { headers: key });
    const names = result.events.map((f) => f.event);
    assert.deepEqual(names.slice(-2), ['error', 'done']);
    const error = dataOf(result.events.at(-2));
    assert.equal(error.type, 'ERROR_OCCURRED');
    assert.match(error.message, /^Hit an issue: .{100}\.\.\.$/, 'the reason cut at 100 characters, then three dots');
    const answering = result.events.filter((f) => f.event !== 'done').map(dataOf).filter((e) => ['synthesis', 'final_output'].includes(e.agent_id));
    assert.deepEqual(answering, [], 'no answer streams');
    const right = await requestJson(`${lagging.url}/api/v1/tasks/${task.task_id}`, { headers: key });
    assert.equal(right.body.status, 'TASK_STATUS_RUNNING', 'done comes from inside the workflow, before it returns');
    const status = await waitFor(async () => {
      const reply = await requestJson(`${lagging.url}/api/v1/tasks/${task.task_id}`, { headers: key });
      return reply.body.status === 'TASK_STATUS_FAILED' ? reply.body : undefined;
    });
    assert.ok(status.error.length > 10);
    assert.equal(status.result, undefined);
  });

  it('malformed: a truncated JSON event and a wrong-shape event, both with valid ids, among valid events', async () => {
    const result = await readSse(sse(await submit('malformed')), { headers: key });
    const broken = result.events.filter((f) => f.event !== 'done' && !parses(f.data));
    assert.equal(broken.length, 1);
    const wrongShape = result.events.filter((f) => parses(f.data) && Array.isArray(JSON.parse(f.data ?? '')));
    assert.equal(wrongShape.length, 1);
    for (const frame of [...broken, ...wrongShape]) assert.match(frame.id ?? '', /^\d+-\d+$/);
    assert.equal(result.events.at(-1)?.event, 'done');
  });

  it('huge-event: one event of about 2 MB among normal ones', async () => {
    const result = await readSse(sse(await submit('huge-event')), { headers: key });
    const sizes = result.events.map((f) => f.data?.length ?? 0).sort((a, b) => b - a);
    assert.ok((sizes[0] ?? 0) >= 2 * 1024 * 1024);
    assert.ok((sizes[1] ?? 0) < 100_000);
    assert.equal(result.events.at(-1)?.event, 'done');
  });

  it('many-events: 10,000 text deltas as fast as possible, a normal completion; a later connect replays only the ring', async () => {
    const task = await submit('many-events', 'simple');
    const live = await readSse(sse(task), { headers: key }, { timeoutMs: 20_000 });
    const deltas = live.events.filter((f) => f.event === 'thread.message.delta').map(dataOf).filter((d) => d.agent_id === 'simple-agent');
    assert.equal(deltas.length, 10_000);
    assert.ok(deltas.every((d) => [...d.delta].length === 1));
    const final = live.events.filter((f) => f.event === 'thread.message.completed').map(dataOf).at(-1);
    assert.equal(deltas.map((d) => d.delta).join(''), final.response);
    assert.equal(live.events.at(-1)?.event, 'done');
    const replay = await readSse(sse(task), { headers: key });
    assert.equal(replay.events.length, 256);
  });

  it('xss: hostile payloads in messages, tool payloads, agent names, deltas, the answer and citations, as valid JSON', async () => {
    const task = await submit('xss');
    const result = await readSse(sse(task), { headers: key });
    for (const frame of result.events.filter((f) => f.event !== 'done')) assert.ok(parses(frame.data), frame.raw.slice(0, 100));
    const events = result.events.filter((f) => f.event !== 'done').map(dataOf);
    const messages = events.filter((e) => e.message && e.message !== 'All done').map((e) => e.message);
    assert.ok(messages.every((m: string) => HOSTILE.test(m)));
    assert.ok(events.some((e) => e.type === 'TOOL_INVOKED' && HOSTILE.test(e.payload.tool)));
    assert.ok(events.some((e) => e.type === 'AGENT_STARTED' && HOSTILE.test(e.agent_id)));
    const answer = events.filter((e) => e.agent_id === 'final_output' && e.response).at(-1).response;
    assert.match(answer, /\]\(javascript:alert\(1\)\)/);
    assert.match(answer, /<script>/);
    const status = await waitFor(async () => {
      const reply = await requestJson(`${mock.url}/api/v1/tasks/${task.task_id}`, { headers: key });
      return reply.body.status === 'TASK_STATUS_COMPLETED' ? reply.body : undefined;
    });
    assert.ok(status.metadata.citations.some((c: any) => /^\s*(javascript|data|vbscript):/i.test(c.url)));
    assert.ok(status.metadata.citations.every((c: any) => HOSTILE.test(c.title)));
  });
});
