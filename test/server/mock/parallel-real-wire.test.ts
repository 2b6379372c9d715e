/**
 * The Parallel mock against what the real API does (SDK 1.x task-run.ts, the current SSE guide):
 * all seven statuses with `is_active` only for queued|running|cancelling, one state event and a
 * closed stream for a run that is not active, the closing state before the lifetime close, `error`
 * events, warnings, MCP tool calls, nullable basis fields, markdown excerpts, source policies,
 * and the convergence scenarios `retry-zero` and `reconnect-204`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMockServer } from '../../../server/mock/mock-server.js';
import { KEY, createParallelRun, dataOf, readSse, requestJson, sleep, useMockServer, waitFor, type SseResult } from './helpers.js';

const mock = useMockServer();
const auth = { headers: { 'x-api-key': KEY } };
const events = (id: string): string => `${mock.url}/v1/tasks/runs/${id}/events`;
const runOf = async (id: string): Promise<any> => (await requestJson(`${mock.url}/v1/tasks/runs/${id}`, auth)).body;
const states = (r: SseResult): any[] => r.events.filter((f) => f.event === 'task_run.state').map(dataOf);

async function run(scenario: string, extra: Record<string, unknown> = {}, speed = 40): Promise<any> {
  return createParallelRun(mock.url, { input: 'Night trains in Europe', processor: 'core', metadata: { mock_scenario: scenario, mock_speed: speed }, ...extra });
}

describe('Parallel real wire: statuses', () => {
  it('parallel-action-required: the live stream gets one action_required state (is_active false) and closes; a later connect gets that state only', async () => {
    const created = await run('parallel-action-required');
    const live = await readSse(events(created.run_id), auth);
    const last = states(live).at(-1);
    assert.equal(last.run.status, 'action_required');
    assert.equal(last.run.is_active, false);
    assert.equal(last.output, null);
    assert.equal(live.ended, 'eof');
    const later = await readSse(events(created.run_id), auth);
    assert.deepEqual(later.events.map((f) => f.event), ['task_run.state']);
    assert.equal(states(later)[0].run.status, 'action_required');
    await sleep(200);
    const body = await runOf(created.run_id);
    assert.deepEqual([body.status, body.is_active], ['action_required', false], 'it stays there');
  });

  it('parallel-cancelled: cancelling is active (the stream stays open), then cancelled closes it; /result answers 404', async () => {
    const created = await run('parallel-cancelled');
    const live = await readSse(events(created.run_id), auth);
    const [opening, cancelling, cancelled] = states(live);
    assert.ok(['queued', 'running'].includes(opening.run.status));
    assert.deepEqual([cancelling.run.status, cancelling.run.is_active], ['cancelling', true]);
    assert.deepEqual([cancelled.run.status, cancelled.run.is_active], ['cancelled', false]);
    const between = live.events.slice(live.events.findIndex((f) => f.event === 'task_run.state' && dataOf(f).run.status === 'cancelling') + 1, -1);
    assert.ok(between.every((f) => f.event !== 'task_run.state'));
    assert.equal(live.ended, 'eof');
    const result = await requestJson(`${mock.url}/v1/tasks/runs/${created.run_id}/result?timeout=1`, auth);
    assert.equal(result.status, 404);
    assert.equal(result.body.type, 'error');
  });

  it('sends a closing task_run.state (still running, no output) before the lifetime close', async () => {
    const server = await startMockServer({ seed: 4, streamLifetimeMs: 20_000 });
    try {
      const created = await createParallelRun(server.url, { input: 'Long research', processor: 'ultra', metadata: { mock_speed: 100 } });
      const first = await readSse(`${server.url}/v1/tasks/runs/${created.run_id}/events`, auth);
      assert.equal(first.ended, 'eof');
      const closing = first.events.at(-1);
      assert.equal(closing?.event, 'task_run.state');
      assert.deepEqual([dataOf(closing).run.status, dataOf(closing).run.is_active, dataOf(closing).output], ['running', true, null]);
    } finally {
      await server.close();
    }
  });

  it('parallel-error-event: the stream sends {"type":"error","error":{ref_id,message,detail}} and closes; the run goes on', async () => {
    const created = await run('parallel-error-event');
    const first = await readSse(events(created.run_id), auth);
    const error = first.events.at(-1);
    assert.equal(error?.event, 'error');
    const body = dataOf(error);
    assert.deepEqual(Object.keys(body), ['type', 'error']);
    assert.deepEqual(Object.keys(body.error), ['ref_id', 'message', 'detail']);
    assert.equal(first.ended, 'eof');
    const second = await readSse(events(created.run_id), auth);
    assert.equal(states(second).at(-1).run.status, 'completed');
  });
});

describe('Parallel real wire: output fields', () => {
  it('keeps spec warnings on the run in every state event and on GET', async () => {
    const schema = { type: 'object', properties: { sources: { type: 'string' } }, additionalProperties: false };
    const created = await run('happy', { task_spec: { output_schema: { type: 'json', json_schema: schema } } }, 100);
    assert.ok(created.warnings.length >= 1);
    const live = await readSse(events(created.run_id), auth);
    for (const state of states(live)) assert.deepEqual(state.run.warnings, created.warnings);
    for (const w of created.warnings) assert.deepEqual(Object.keys(w), ['type', 'message', 'detail']);
  });

  it('lists output.mcp_tool_calls (with tool_call messages) when mcp_servers were given, and none otherwise', async () => {
    const mcp = [{ type: 'url', name: 'filings', url: 'https://mcp.example.com/mcp', allowed_tools: ['lookup_filing'] }];
    const created = await run('happy', { mcp_servers: mcp }, 100);
    const live = await readSse(events(created.run_id), auth);
    const output = states(live).at(-1).output;
    assert.ok(output.mcp_tool_calls.length >= 1);
    for (const call of output.mcp_tool_calls) {
      assert.deepEqual(Object.keys(call), ['tool_call_id', 'server_name', 'tool_name', 'arguments', 'content', 'error']);
      assert.equal(call.server_name, 'filings');
      assert.equal(call.tool_name, 'lookup_filing');
      assert.doesNotThrow(() => JSON.parse(call.arguments));
    }
    assert.ok(live.events.some((f) => f.event === 'task_run.progress_msg.tool_call' && dataOf(f).message === 'Calling lookup_filing on MCP server filings'));
    const plain = await readSse(events((await run('happy', {}, 100)).run_id), auth);
    assert.equal('mcp_tool_calls' in states(plain).at(-1).output, false);
    const bad = await requestJson(`${mock.url}/v1/tasks/runs`, { method: 'POST', headers: { 'x-api-key': KEY }, json: { input: 'x', processor: 'lite', mcp_servers: [{ name: 'n' }] } });
    assert.equal(bad.status, 422);
  });

  it('lets confidence, citation titles and excerpts be null, and keeps markdown in excerpts', async () => {
    const server = await startMockServer({ seed: 11 });
    try {
      const citations: any[] = [];
      const bases: any[] = [];
      for (let i = 0; i < 4; i++) {
        const created = await createParallelRun(server.url, { input: `Topic ${i}`, processor: 'pro', metadata: { mock_speed: 400 } });
        const result = await requestJson(`${server.url}/v1/tasks/runs/${created.run_id}/result`, auth);
        bases.push(...result.body.output.basis);
        citations.push(...result.body.output.basis.flatMap((b: any) => b.citations));
      }
      assert.ok(bases.some((b) => b.confidence === null) && bases.some((b) => typeof b.confidence === 'string'));
      assert.ok(citations.some((c) => c.title === null) && citations.some((c) => typeof c.title === 'string'));
      assert.ok(citations.some((c) => c.excerpts === null));
      assert.ok(citations.some((c) => c.excerpts?.some((e: string) => /\*\*[^*]+\*\*/.test(e))), 'markdown bold in an excerpt');
    } finally {
      await server.close();
    }
  });

  it('honours source_policy: a .gov-only run cites .gov pages, excluded domains never appear, dates respect after_date', async () => {
    const gov = await run('happy', { processor: 'pro', task_spec: { output_schema: { type: 'text' } }, source_policy: { include_domains: ['.gov'], after_date: '2025-06-01' } }, 200);
    const live = await readSse(events(gov.run_id), auth);
    const output = states(live).at(-1).output;
    const urls = output.basis.flatMap((b: any) => b.citations.map((c: any) => c.url));
    const samples = live.events.filter((f) => f.event === 'task_run.progress_stats').flatMap((f) => dataOf(f).source_stats.sources_read_sample);
    for (const url of [...urls, ...samples]) assert.match(new URL(url).hostname, /\.gov$/, url);
    const dates = [...output.content.matchAll(/\| (\d{4}-\d\d-\d\d) \|/g)].map((m: RegExpMatchArray) => m[1]);
    assert.ok(dates.length > 0 && dates.every((d) => (d as string) >= '2025-06-01'), dates.join(', '));
    const excluded = await run('happy', { processor: 'pro', source_policy: { exclude_domains: ['wikipedia.org', 'reuters.com'] } }, 200);
    const text = JSON.stringify(states(await readSse(events(excluded.run_id), auth)).at(-1).output);
    assert.doesNotMatch(text, /wikipedia\.org|reuters\.com/);
  });
});

describe('Parallel real wire: convergence scenarios', () => {
  it('x-mock-replay: full (mock-only) replays a finished run\'s whole record for tests that compare against it', async () => {
    const created = await run('happy', {}, 100);
    const live = await readSse(events(created.run_id), auth);
    const full = await readSse(events(created.run_id), { headers: { ...auth.headers, 'x-mock-replay': 'full' } });
    const messages = (r: SseResult): string[] => r.events.filter((f) => f.event?.startsWith('task_run.progress_msg.')).map((f) => f.data as string);
    assert.deepEqual(messages(full), messages(live));
    assert.deepEqual(states(full).at(-1).output, states(live).at(-1).output);
  });

  it('retry-zero: every events request gets "retry: 0", the running state, one old message and the end; GET still completes', async () => {
    const created = await run('retry-zero', {}, 20);
    await sleep(150);
    for (let i = 0; i < 3; i++) {
      const result = await readSse(events(created.run_id), auth);
      assert.ok(result.text.startsWith('retry: 0\n\n'));
      assert.deepEqual(result.events.map((f) => f.event), ['task_run.state', 'task_run.progress_msg.exec_status']);
      assert.equal(result.ended, 'eof');
    }
    await waitFor(async () => (await runOf(created.run_id)).status === 'completed', 10_000);
  });

  it('reconnect-204: the first stream ends after three events; every reconnect gets 204 No Content', async () => {
    const created = await run('reconnect-204', {}, 10);
    await sleep(300);
    const first = await readSse(events(created.run_id), auth);
    assert.equal(first.events.length, 3);
    assert.equal(first.ended, 'eof');
    const again = await fetch(events(created.run_id), auth);
    assert.equal(again.status, 204);
    assert.equal(await again.text(), '');
  });
});
