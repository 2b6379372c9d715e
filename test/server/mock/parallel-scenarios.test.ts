import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEY, createParallelRun, dataOf, readSse, requestJson, useMockServer, type SseResult } from './helpers.js';

const mock = useMockServer();
const auth = { headers: { 'x-api-key': KEY } };
/** Any of the payload families in server/mock/xss-payloads.ts. */
const HOSTILE = /<|javascript:|\{\{|\u202e|event: done/i;

async function runWith(scenario: string, processor = 'core', speed = 50, extra: Record<string, unknown> = {}): Promise<any> {
  return createParallelRun(mock.url, { input: 'Offshore wind in the North Sea', processor, metadata: { mock_scenario: scenario, mock_speed: speed }, ...extra });
}

const events = (id: string): string => `${mock.url}/v1/tasks/runs/${id}/events`;
const finalState = (result: SseResult): any => {
  const last = result.events.at(-1);
  return last?.event === 'task_run.state' && !dataOf(last).run.is_active ? dataOf(last) : undefined;
};

/** Reconnects (like a client would) until a final state arrives; returns every connection. */
async function readUntilFinal(id: string, max = 20): Promise<SseResult[]> {
  const connections: SseResult[] = [];
  while (connections.length < max) {
    const result = await readSse(events(id), auth);
    connections.push(result);
    if (result.status === 200 && finalState(result)) return connections;
  }
  throw new Error(`no final state after ${max} connections`);
}

describe('Parallel scenarios (metadata.mock_scenario)', () => {
  it('slow: the same run takes about four times as long', async () => {
    const happy = await readSse(events((await runWith('happy', 'lite', 20)).run_id), auth);
    const slow = await readSse(events((await runWith('slow', 'lite', 20)).run_id), auth);
    assert.ok(finalState(happy) && finalState(slow));
    assert.ok(slow.elapsedMs > happy.elapsedMs * 2.5, `${happy.elapsedMs} ms vs ${slow.elapsedMs} ms`);
  });

  it('drop-mid-stream: the first two connections are cut inside an event, then the stream behaves', async () => {
    const run = await runWith('drop-mid-stream');
    const connections = await readUntilFinal(run.run_id);
    assert.equal(connections.length, 3);
    for (const dropped of connections.slice(0, 2)) {
      assert.equal(dropped.ended, 'error', 'a network error, not a clean end');
      assert.ok(!dropped.text.endsWith('\n\n'), 'cut in the middle of an event');
      assert.ok(dropped.text.length > 0);
    }
    assert.equal(connections[2]?.ended, 'eof');
    assert.equal(finalState(connections[2] as SseResult).run.status, 'completed');
  });

  it('stream-timeout: the server closes the stream early and cleanly, again and again, until the run ends', async () => {
    const run = await runWith('stream-timeout');
    const connections = await readUntilFinal(run.run_id);
    assert.ok(connections.length >= 3, `${connections.length} connections`);
    for (const early of connections.slice(0, -1)) {
      assert.equal(early.ended, 'eof');
      assert.ok(early.text.endsWith('\n\n'));
      assert.equal(finalState(early), undefined);
      assert.equal(dataOf(early.events[0]).type, 'task_run.state', 'each connection starts with the state event');
    }
  });

  it('server-error-then-ok: the first two event requests get 503 with Retry-After and the error body', async () => {
    const run = await runWith('server-error-then-ok');
    for (let i = 0; i < 2; i++) {
      const reply = await requestJson(events(run.run_id), auth);
      assert.equal(reply.status, 503);
      assert.equal(reply.headers.get('retry-after'), '1');
      assert.equal(reply.body.type, 'error');
      assert.equal(typeof reply.body.error.ref_id, 'string');
    }
    const ok = await readSse(events(run.run_id), auth);
    assert.equal(ok.status, 200);
    assert.equal(finalState(ok).run.status, 'completed');
  });

  it('rate-limited: the first event request gets 429 with Retry-After, the next one streams', async () => {
    const run = await runWith('rate-limited');
    const limited = await requestJson(events(run.run_id), auth);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal(limited.body.type, 'error');
    assert.equal((await readSse(events(run.run_id), auth)).status, 200);
  });

  it('create-rate-limited: the create request gets 429 with Retry-After, the identical retry is accepted', async () => {
    const body = { input: 'Retry me', processor: 'lite', metadata: { mock_scenario: 'create-rate-limited' } };
    const first = await requestJson(`${mock.url}/v1/tasks/runs`, { method: 'POST', headers: { 'x-api-key': KEY }, json: body });
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '1');
    assert.equal(first.body.type, 'error');
    const retry = await requestJson(`${mock.url}/v1/tasks/runs`, { method: 'POST', headers: { 'x-api-key': KEY }, json: body });
    assert.equal(retry.status, 202);
  });

  it('unauthorized: create succeeds, every later request for the run gets 401 with the error body', async () => {
    const run = await runWith('unauthorized');
    assert.equal(run.status, 'queued');
    for (const suffix of ['', '/result?timeout=0', '/events', '/input']) {
      const reply = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}${suffix}`, auth);
      assert.equal(reply.status, 401, suffix);
      assert.equal(reply.body.type, 'error');
    }
  });

  it('fails: the final state is failed with run.error {ref_id, message}; /result answers 404', async () => {
    const run = await runWith('fails');
    const result = await readSse(events(run.run_id), auth);
    const final = finalState(result);
    assert.equal(final.run.status, 'failed');
    assert.equal(final.run.is_active, false);
    assert.equal(final.output, null);
    assert.equal(typeof final.run.error.ref_id, 'string');
    assert.match(final.run.error.message, /failed/);
    assert.equal(result.ended, 'eof');
    const reply = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}/result`, auth);
    assert.equal(reply.status, 404);
    assert.equal(reply.body.type, 'error');
    const status = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}`, auth);
    assert.equal(status.body.status, 'failed');
  });

  it('malformed: a truncated JSON event and events of the wrong shape among valid ones; the stream still completes', async () => {
    const run = await runWith('malformed');
    const result = await readSse(events(run.run_id), auth);
    const unparseable = result.events.filter((f) => {
      try {
        JSON.parse(f.data ?? '');
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(unparseable.length, 2, 'truncated JSON and a non-JSON body');
    const wrongShape = result.events.filter((f) => {
      try {
        return typeof JSON.parse(f.data ?? '').message === 'object';
      } catch {
        return false;
      }
    });
    assert.equal(wrongShape.length, 1);
    assert.equal(finalState(result).run.status, 'completed');
    assert.ok(result.events.length > 8);
  });

  it('huge-event: one event of about 2 MB among normal ones', async () => {
    const result = await readSse(events((await runWith('huge-event')).run_id), auth);
    const sizes = result.events.map((f) => f.data?.length ?? 0).sort((a, b) => b - a);
    assert.ok((sizes[0] ?? 0) >= 2 * 1024 * 1024, `largest ${sizes[0]}`);
    assert.ok((sizes[1] ?? 0) < 100_000);
    assert.equal(finalState(result).run.status, 'completed');
  });

  it('many-events: 10,000 progress messages as fast as possible and a normal completion; a later connect gets the final state only', async () => {
    const run = await runWith('many-events', 'lite', 20);
    const live = await readSse(events(run.run_id), auth, { timeoutMs: 20_000 });
    const count = (r: SseResult): number => r.events.filter((f) => f.event?.startsWith('task_run.progress_msg.')).length;
    assert.ok(count(live) >= 10_000);
    assert.equal(finalState(live).run.status, 'completed');
    const replay = await readSse(events(run.run_id), auth, { timeoutMs: 20_000 });
    assert.equal(count(replay), 0);
    assert.deepEqual(finalState(replay).output, finalState(live).output);
  });

  it('xss: hostile payloads in messages, stats URLs, output, basis, citation titles, URLs and excerpts, as valid JSON', async () => {
    const run = await runWith('xss', 'core', 100, { task_spec: { output_schema: { type: 'text' } } });
    const result = await readSse(events(run.run_id), auth);
    for (const frame of result.events) assert.doesNotThrow(() => JSON.parse(frame.data ?? ''), frame.raw.slice(0, 100));
    const messages = result.events.filter((f) => f.event?.startsWith('task_run.progress_msg.')).map((f) => dataOf(f).message);
    assert.ok(messages.every((m: string) => HOSTILE.test(m)), 'every message is hostile');
    const samples = result.events.filter((f) => f.event === 'task_run.progress_stats').flatMap((f) => dataOf(f).source_stats.sources_read_sample);
    assert.ok(samples.some((u: string) => /^\s*(javascript|data|vbscript):/i.test(u)));
    const output = finalState(result).output;
    assert.match(output.content, /\]\(javascript:alert\(1\)\)/);
    assert.match(output.content, /<script>/);
    const basis = output.basis[0];
    assert.match(basis.reasoning, HOSTILE);
    const citations = basis.citations;
    assert.ok(citations.some((c: any) => /^\s*(javascript|data|vbscript):/i.test(c.url) || /[<>"]/.test(c.url)));
    assert.ok(citations.every((c: any) => HOSTILE.test(c.title)));
    assert.ok(citations.every((c: any) => c.excerpts.every((e: string) => HOSTILE.test(e))));
  });

  it('an unknown scenario name plays the happy path', async () => {
    const result = await readSse(events((await runWith('no-such-scenario', 'lite', 100)).run_id), auth);
    assert.equal(finalState(result).run.status, 'completed');
  });
});
