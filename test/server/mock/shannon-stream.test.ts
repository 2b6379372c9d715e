import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMockServer } from '../../../server/mock/mock-server.js';
import { KEY, dataOf, readSse, requestJson, submitShannonTask, useMockServer, type Frame, type SseResult } from './helpers.js';

// Titles on, as the real router does for a new session (explicit: the tests below rely on it).
const mock = useMockServer({ shannonTitles: true });
const key = { headers: { 'X-API-Key': KEY } };

async function streamOf(body: Record<string, unknown>, init: RequestInit = key, query = ''): Promise<{ task: any; result: SseResult }> {
  const task = await submitShannonTask(mock.url, body);
  const result = await readSse(`${mock.url}${task.stream_url}${query}`, init);
  return { task, result };
}

function streamId(frame: Frame | undefined): [number, number] {
  const [ms, n] = (frame?.id ?? '').split('-').map(Number);
  return [ms as number, n as number];
}

describe('Shannon: GET /api/v1/stream/sse', () => {
  it('starts with ": connected to workflow <id>" and frames each event as id:, event:, one-line data:', async () => {
    const { task, result } = await streamOf({ query: 'What is 5 + 5?', mode: 'simple', context: { mock_speed: 100 } });
    assert.equal(result.status, 200);
    assert.equal(result.headers.get('content-type'), 'text/event-stream');
    assert.equal(result.headers.get('cache-control'), 'no-cache');
    assert.equal(result.headers.get('x-accel-buffering'), 'no');
    assert.equal(result.headers.get('access-control-allow-origin'), '*');
    assert.ok(result.text.startsWith(`: connected to workflow ${task.workflow_id}\n\n`));
    assert.doesNotMatch(result.text, /^retry:/m);
    for (const frame of result.events) {
      assert.deepEqual(frame.raw.split('\n').map((l) => l.split(':')[0]), ['id', 'event', 'data'], frame.raw.slice(0, 120));
    }
    assert.equal(result.ended, 'eof');
  });

  it('uses Redis-like ids that strictly increase, with seq growing by one', async () => {
    const { result } = await streamOf({ query: 'ids', mode: 'standard', context: { mock_speed: 100 } }, key);
    const ids = result.events.map(streamId);
    for (let i = 1; i < ids.length; i++) {
      const [ms, n] = ids[i] as [number, number];
      const [pms, pn] = ids[i - 1] as [number, number];
      assert.ok(ms > pms || (ms === pms && n > pn), `${ids[i - 1]} < ${ids[i]}`);
    }
    const seqs = result.events.filter((f) => f.event !== 'done').map((f) => dataOf(f).seq);
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1] + 1);
  });

  it('maps internal types to SSE names and data shapes (§5.4)', async () => {
    const { task, result } = await streamOf({ query: 'shapes', mode: 'standard', context: { mock_speed: 100 } });
    const byName = (name: string): Frame[] => result.events.filter((f) => f.event === name);
    const delta = dataOf(byName('thread.message.delta')[0]);
    assert.deepEqual(Object.keys(delta), ['agent_id', 'delta', 'seq', 'stream_id', 'workflow_id']);
    assert.equal(delta.workflow_id, task.workflow_id);
    const completed = byName('thread.message.completed').map(dataOf);
    for (const c of completed) assert.deepEqual(Object.keys(c), ['agent_id', 'metadata', 'response', 'seq', 'stream_id', 'workflow_id']);
    // One agent call arrives twice: nested usage from the LLM service, then flat usage from the Go activity.
    const agent = completed.find((c) => !['final_output', 'title_generator', 'synthesis'].includes(c.agent_id)).agent_id;
    const [nested, flat] = completed.filter((c) => c.agent_id === agent);
    assert.deepEqual(Object.keys(nested.metadata), ['model', 'provider', 'usage']);
    assert.deepEqual(Object.keys(nested.metadata.usage), ['cache_creation_1h_tokens', 'cache_creation_5m_tokens', 'cache_creation_tokens', 'cache_read_tokens', 'call_sequence', 'cost_usd', 'input_tokens', 'output_tokens', 'total_tokens']);
    for (const field of ['tokens_used', 'model_used', 'provider', 'input_tokens', 'output_tokens', 'cost_usd', 'role']) assert.ok(field in flat.metadata, field);
    assert.equal(nested.response, flat.response);
    assert.equal(nested.metadata.usage.total_tokens, flat.metadata.tokens_used, 'the same call');
    assert.equal(nested.metadata.usage.cost_usd, flat.metadata.cost_usd);
    const final = completed.at(-1);
    assert.equal(final.agent_id, 'final_output');
    assert.deepEqual(Object.keys(final.metadata), ['model_used', 'tokens_used']);
    const started = dataOf(byName('WORKFLOW_STARTED')[0]);
    assert.deepEqual(Object.keys(started), ['workflow_id', 'type', 'agent_id', 'message', 'payload', 'timestamp', 'seq', 'stream_id']);
    assert.equal(started.agent_id, 'orchestrator');
    assert.equal(started.stream_id, byName('WORKFLOW_STARTED')[0]?.id);
    const tool = dataOf(byName('TOOL_INVOKED')[0]);
    assert.equal(tool.payload.tool, 'web_search');
    assert.equal(dataOf(byName('TOOL_OBSERVATION')[0]).payload.success, true);
    for (const name of ['PROGRESS', 'AGENT_STARTED', 'AGENT_THINKING', 'AGENT_COMPLETED']) assert.ok(byName(name).length > 0, name);
    const done = result.events.at(-1);
    assert.equal(done?.event, 'done');
    assert.equal(done?.data, '[DONE]');
    assert.ok(done?.id);
  });

  it('emits a child WORKFLOW_COMPLETED mid-run, then the final answer, the top-level "All done", and done last', async () => {
    const { result } = await streamOf({ query: 'order', mode: 'complex', context: { mock_speed: 100 } });
    const names = result.events.map((f) => f.event);
    const completions = result.events.map((f, i) => [f, i] as const).filter(([f]) => f.event === 'WORKFLOW_COMPLETED');
    assert.ok(completions.length >= 2);
    const [child, childIndex] = completions[0] as readonly [Frame, number];
    assert.match(dataOf(child).message, / is done$/);
    assert.equal(dataOf(child).payload.agent_id, dataOf(child).agent_id);
    const firstSynthesis = result.events.findIndex((f) => f.event === 'thread.message.delta' && dataOf(f).agent_id === 'synthesis');
    assert.ok(childIndex < firstSynthesis, 'a child completes before the answer streams');
    const [top, topIndex] = completions.at(-1) as readonly [Frame, number];
    assert.equal(dataOf(top).message, 'All done');
    assert.equal(topIndex, names.length - 2);
    assert.equal(names.at(-1), 'done');
  });

  it('simple mode: simple-agent streams the answer one character per delta, completes it with flat usage, then final_output repeats it', async () => {
    const server = await startMockServer({ seed: 5, ringCapacity: 100_000, shannonTitles: true });
    try {
      const task = await submitShannonTask(server.url, { query: 'tokens', mode: 'simple', context: { mock_speed: 20 } });
      const result = await readSse(`${server.url}${task.stream_url}`, key);
      const deltas = result.events.filter((f) => f.event === 'thread.message.delta').map(dataOf);
      const answerDeltas = deltas.filter((d) => d.agent_id === 'simple-agent');
      assert.ok(answerDeltas.length > 200);
      assert.ok(answerDeltas.every((d) => [...d.delta].length === 1), 'one character each (PARTIAL_PUBLISH_CHARS=1)');
      const completed = result.events.filter((f) => f.event === 'thread.message.completed').map(dataOf);
      assert.deepEqual(completed.map((c) => c.agent_id), ['title_generator', 'simple-agent', 'final_output']);
      const [, own, final] = completed;
      assert.equal(answerDeltas.map((d) => d.delta).join(''), own.response);
      assert.equal(final.response, own.response, 'the same text again from final_output');
      assert.equal(own.metadata.role, 'generalist');
      assert.ok(own.metadata.input_tokens > 0 && own.metadata.cost_usd > 0);
      assert.match(final.response, /\[\[1\]\]\(https:\/\//);
      const names = result.events.map((f) => f.event);
      assert.ok(names.indexOf('thread.message.completed') > names.indexOf('LLM_PROMPT'));
    } finally {
      await server.close();
    }
  });

  it('generates the title as LLM_PROMPT + one delta + a completion with nested metadata.usage, all from title_generator', async () => {
    const { result } = await streamOf({ query: 'Night trains in Europe', mode: 'standard', context: { mock_speed: 50 } });
    const title = result.events.filter((f) => f.event !== 'done' && dataOf(f).agent_id === 'title_generator');
    assert.deepEqual(title.map((f) => f.event), ['LLM_PROMPT', 'thread.message.delta', 'thread.message.completed']);
    const prompt = dataOf(title[0]);
    assert.match(prompt.message, /^Generate a chat session title/);
    assert.ok(prompt.message.length <= 500);
    assert.deepEqual(Object.keys(prompt.payload), ['model', 'provider']);
    const [delta, completed] = [dataOf(title[1]), dataOf(title[2])];
    assert.equal(delta.delta, completed.response);
    assert.ok(completed.metadata.usage.total_tokens > 0 && completed.metadata.usage.cost_usd > 0);
  });

  it('generates no title with shannonTitles: false', async () => {
    const server = await startMockServer({ seed: 5, shannonTitles: false });
    try {
      const task = await submitShannonTask(server.url, { query: 'untitled', mode: 'standard', context: { mock_speed: 100 } });
      const result = await readSse(`${server.url}${task.stream_url}`, key);
      assert.equal(result.events.filter((f) => f.event !== 'done' && dataOf(f).agent_id === 'title_generator').length, 0);
    } finally {
      await server.close();
    }
  });

  it('generates a title only for the first task of a session', async () => {
    const titled = (r: SseResult): number => r.events.filter((f) => f.event !== 'done' && dataOf(f).agent_id === 'title_generator').length;
    const first = await streamOf({ query: 'first', mode: 'standard', session_id: 'sess-title', context: { mock_speed: 100 } });
    const second = await streamOf({ query: 'follow-up', mode: 'standard', session_id: 'sess-title', context: { mock_speed: 100 } });
    assert.equal(titled(first.result), 3);
    assert.equal(titled(second.result), 0);
  });

  it('research: agents stream 512-character chunks that interleave, then synthesis streams the answer before final_output', async () => {
    const { result } = await streamOf({ query: 'interleave', mode: 'complex', context: { mock_speed: 50 } });
    const deltas = result.events.filter((f) => f.event === 'thread.message.delta').map(dataOf);
    const agents = deltas.filter((d) => !['title_generator', 'synthesis'].includes(d.agent_id));
    assert.ok(new Set(agents.map((d) => d.agent_id)).size >= 3);
    assert.ok(agents.every((d) => [...d.delta].length <= 512));
    const switches = agents.filter((d, i) => i > 0 && d.agent_id !== agents[i - 1].agent_id).length;
    assert.ok(switches >= 3, `agents interleave (${switches} switches)`);
    const synthesis = deltas.filter((d) => d.agent_id === 'synthesis');
    assert.ok(synthesis.length >= 2 && synthesis.slice(0, -1).every((d) => [...d.delta].length === 512));
    const completed = result.events.filter((f) => f.event === 'thread.message.completed').map(dataOf);
    const own = completed.find((c) => c.agent_id === 'synthesis');
    assert.equal(synthesis.map((d) => d.delta).join(''), own.response);
    assert.equal(completed.at(-1).response, own.response);
  });

  it('resumes strictly after the Last-Event-ID header', async () => {
    const { task, result: full } = await streamOf({ query: 'resume', mode: 'standard', context: { mock_speed: 100 } });
    const cut = full.events.at(-21) as Frame;
    const resumed = await readSse(`${mock.url}${task.stream_url}`, { headers: { 'X-API-Key': KEY, 'Last-Event-ID': cut.id as string } });
    assert.deepEqual(resumed.events.map((f) => f.id), full.events.slice(-20).map((f) => f.id));
    assert.ok(resumed.text.startsWith(': connected to workflow'));
  });

  it('resumes after a numeric seq and from the last_event_id query; the header takes precedence', async () => {
    const { task, result: full } = await streamOf({ query: 'resume by seq', mode: 'standard', context: { mock_speed: 100 } });
    const bySeq = await readSse(`${mock.url}${task.stream_url}&last_event_id=10`, key);
    assert.equal(dataOf(bySeq.events[0]).seq, 11);
    assert.equal(bySeq.events.length, full.events.length - 10);
    const byQueryId = await readSse(`${mock.url}${task.stream_url}&last_event_id=${full.events[30]?.id}`, key);
    assert.equal(byQueryId.events[0]?.id, full.events[31]?.id);
    const both = await readSse(`${mock.url}${task.stream_url}&last_event_id=${full.events[5]?.id}`, { headers: { 'X-API-Key': KEY, 'Last-Event-ID': full.events[40]?.id as string } });
    assert.equal(both.events[0]?.id, full.events[41]?.id);
  });

  it('rejects a last_event_id query that is neither a stream id nor a seq with 400; an odd Last-Event-ID header is not validated', async () => {
    const task = await submitShannonTask(mock.url, { query: 'bad resume', context: { mock_speed: 200 } });
    for (const query of ['abc', '12-x', '-1']) {
      const reply = await requestJson(`${mock.url}${task.stream_url}&last_event_id=${query}`, key);
      assert.equal(reply.status, 400);
      assert.deepEqual(reply.body, { error: 'Invalid last_event_id' });
    }
    const full = await readSse(`${mock.url}${task.stream_url}`, key);
    // The gateway passes the header through; the admin server ignores one without "-" (full replay)…
    const ignored = await readSse(`${mock.url}${task.stream_url}`, { headers: { 'X-API-Key': KEY, 'Last-Event-ID': 'abc' } });
    assert.deepEqual(ignored.events.map((f) => f.id), full.events.map((f) => f.id));
    // …and one with "-" replays nothing and goes live (the workflow is over: pings only).
    const live = await readSse(`${mock.url}${task.stream_url}`, { headers: { 'X-API-Key': KEY, 'Last-Event-ID': '12-x' } }, { timeoutMs: 300 });
    assert.deepEqual([live.status, live.events.length, live.ended], [200, 0, 'aborted']);
    const missing = await requestJson(`${mock.url}/api/v1/stream/sse`, key);
    assert.deepEqual([missing.status, missing.body], [400, { error: 'Invalid or missing workflow_id' }]);
  });

  it('replays only the events still in the ring (ringCapacity, deltas included) on a fresh connect', async () => {
    const server = await startMockServer({ seed: 5, ringCapacity: 40 });
    try {
      const task = await submitShannonTask(server.url, { query: 'ring', mode: 'simple', context: { mock_speed: 200 } });
      const live = await readSse(`${server.url}${task.stream_url}`, key);
      const replay = await readSse(`${server.url}${task.stream_url}`, key);
      assert.ok(live.events.length > 40);
      assert.equal(replay.events.length, 40);
      assert.deepEqual(replay.events.map((f) => f.id), live.events.slice(-40).map((f) => f.id));
    } finally {
      await server.close();
    }
  });

  it('sends ": ping" heartbeats every 10 s (scaled)', async () => {
    const { result } = await streamOf({ query: 'pings', mode: 'supervisor', context: { mock_speed: 50 } });
    const pings = result.frames.filter((f) => f.comments.includes('ping')).length;
    assert.ok(pings >= 2, `${pings} pings over ~0.6 s at 200 ms`);
  });

  it('closes the stream 30 s (scaled) after a WORKFLOW_COMPLETED when no event follows', async () => {
    const { result } = await streamOf({ query: 'idle', mode: 'standard', context: { mock_speed: 100, mock_scenario: 'slow' } });
    assert.equal(result.ended, 'eof');
    assert.equal(result.events.at(-1)?.event, 'WORKFLOW_COMPLETED');
    assert.match(dataOf(result.events.at(-1)).message, / is done$/);
  });

  it('filters by internal type names (types=) and closes when an excluded WORKFLOW_COMPLETED passes', async () => {
    const { result } = await streamOf({ query: 'filter', mode: 'standard', context: { mock_speed: 100 } }, key, '&types=AGENT_STARTED,LLM_PARTIAL');
    // The title's delta comes first; the first child WORKFLOW_COMPLETED (excluded) ends the stream
    // before the answer streams.
    assert.deepEqual([...new Set(result.events.map((f) => f.event))], ['thread.message.delta', 'AGENT_STARTED']);
    assert.ok(result.events.every((f) => f.event !== 'thread.message.delta' || dataOf(f).agent_id !== 'synthesis'));
    assert.equal(result.ended, 'eof');
  });

  it('answers an unknown workflow with ERROR_OCCURRED "Workflow not found" (no id) after 30 s (scaled), then closes', async () => {
    const server = await startMockServer({ seed: 5, speed: 100 });
    try {
      const result = await readSse(`${server.url}/api/v1/stream/sse?workflow_id=task-unknown-1`, key);
      assert.ok(result.text.startsWith(': connected to workflow task-unknown-1\n\n'));
      assert.equal(result.events.length, 1);
      const frame = result.events[0] as Frame;
      assert.equal(frame.event, 'ERROR_OCCURRED');
      assert.equal(frame.id, undefined);
      assert.deepEqual(dataOf(frame), { workflow_id: 'task-unknown-1', type: 'ERROR_OCCURRED', message: 'Workflow not found' });
      assert.ok(result.elapsedMs >= 250, `${result.elapsedMs} ms`);
      assert.equal(result.ended, 'eof');
    } finally {
      await server.close();
    }
  });

  it('keeps a connection resumed after done open with pings only, as the real server does', async () => {
    const { task, result } = await streamOf({ query: 'after done', mode: 'simple', context: { mock_speed: 100 } });
    const after = await readSse(`${mock.url}${task.stream_url}`, { headers: { 'X-API-Key': KEY, 'Last-Event-ID': result.events.at(-1)?.id as string } }, { timeoutMs: 350 });
    assert.equal(after.ended, 'aborted');
    assert.equal(after.events.length, 0);
    assert.ok(after.frames.some((f) => f.comments.includes('ping')));
  });
});
