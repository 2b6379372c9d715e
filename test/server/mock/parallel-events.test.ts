import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startMockServer } from '../../../server/mock/mock-server.js';
import { KEY, createParallelRun, dataOf, readSse, requestJson, sleep, useMockServer, type Frame } from './helpers.js';

const mock = useMockServer();
const auth = { headers: { 'x-api-key': KEY, accept: 'text/event-stream' } };

function eventsUrl(runId: string, legacy = false): string {
  return `${mock.url}/${legacy ? 'v1beta' : 'v1'}/tasks/runs/${runId}/events`;
}

const isMessage = (f: Frame): boolean => f.event?.startsWith('task_run.progress_msg.') ?? false;

describe('Parallel: GET /v1/tasks/runs/{id}/events', () => {
  it('frames every event as event: + one-line JSON data: with no id: lines; the name equals the JSON type', async () => {
    const run = await createParallelRun(mock.url, { input: 'Electric ferries in Norway', processor: 'core', metadata: { mock_speed: 100 } });
    const result = await readSse(eventsUrl(run.run_id), auth);
    assert.equal(result.status, 200);
    assert.match(result.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(result.ended, 'eof');
    assert.doesNotMatch(result.text, /^id:/m);
    assert.ok(result.text.endsWith('\n\n'));
    for (const frame of result.events) {
      const lines = frame.raw.split('\n');
      assert.deepEqual(lines.map((l) => l.split(':')[0]), ['event', 'data'], frame.raw.slice(0, 200));
      assert.equal(dataOf(frame).type, frame.event);
    }
  });

  it('starts with the current state, ends with a completed state carrying the output, then closes', async () => {
    const run = await createParallelRun(mock.url, { input: 'Electric ferries in Norway', processor: 'base', metadata: { mock_speed: 100 } });
    const { events, ended } = await readSse(eventsUrl(run.run_id), auth);
    const first = dataOf(events[0]);
    assert.equal(first.type, 'task_run.state');
    assert.equal(first.event_id, null);
    assert.equal(first.input, null);
    assert.equal(first.output, null);
    assert.equal(first.run.run_id, run.run_id);
    assert.equal(first.run.is_active, true);
    const last = dataOf(events.at(-1));
    assert.equal(last.type, 'task_run.state');
    assert.equal(last.run.status, 'completed');
    assert.equal(last.run.is_active, false);
    assert.equal(last.output.type, 'json');
    assert.equal(ended, 'eof');
    assert.equal(events.filter((f) => f.event === 'task_run.state').length, 2, 'no state event for queued → running');
  });

  it('answers a connect to a finished run with one task_run.state carrying the output, then closes (current SSE guide)', async () => {
    const run = await createParallelRun(mock.url, { input: 'Desalination in Spain', processor: 'core', metadata: { mock_speed: 30 } });
    const live = await readSse(eventsUrl(run.run_id), auth);
    const later = await readSse(eventsUrl(run.run_id), auth);
    assert.deepEqual(later.events.map((f) => f.event), ['task_run.state']);
    const state = dataOf(later.events[0]);
    assert.equal(state.run.status, 'completed');
    assert.equal(state.run.is_active, false);
    assert.deepEqual(state.output, dataOf(live.events.at(-1)).output);
    assert.equal(later.ended, 'eof');
  });

  it('parallel-full-replay: a finished run replays state, all messages, then the latest stats and the final state', async () => {
    const run = await createParallelRun(mock.url, { input: 'Desalination in Spain', processor: 'core', metadata: { mock_speed: 30, mock_scenario: 'parallel-full-replay' } });
    const reference = await readSse(eventsUrl(run.run_id), auth);
    const refMessages = reference.events.filter(isMessage).map((f) => f.data);
    const refStats = reference.events.filter((f) => f.event === 'task_run.progress_stats').map((f) => f.data);

    const replay = await readSse(eventsUrl(run.run_id), auth);
    const names = replay.events.map((f) => f.event);
    assert.equal(names[0], 'task_run.state');
    assert.equal(dataOf(replay.events[0]).run.status, 'completed');
    assert.equal(dataOf(replay.events[0]).output, null);
    assert.deepEqual(replay.events.slice(1, 1 + refMessages.length).map((f) => f.data), refMessages, 'all messages with their original timestamps');
    assert.deepEqual(names.slice(1 + refMessages.length), ['task_run.progress_stats', 'task_run.state']);
    assert.equal(replay.events[1 + refMessages.length]?.data, refStats.at(-1), 'only the latest stats');
    assert.deepEqual(dataOf(replay.events.at(-1)).output, dataOf(reference.events.at(-1)).output);
    assert.equal(replay.ended, 'eof');
  });

  it('replays the messages so far on a mid-run connect, then continues live', async () => {
    const run = await createParallelRun(mock.url, { input: 'Tidal energy', processor: 'pro', metadata: { mock_speed: 60 } });
    await sleep(350);
    const midRun = await readSse(eventsUrl(run.run_id), auth);
    const names = midRun.events.map((f) => f.event);
    const firstStats = names.indexOf('task_run.progress_stats');
    assert.ok(firstStats > 1, 'some messages were replayed before the stats');
    assert.ok(names.slice(1, firstStats).every((n) => n?.startsWith('task_run.progress_msg.')));
    assert.ok(names.slice(firstStats + 1).some((n) => n?.startsWith('task_run.progress_msg.')), 'live messages followed');
    const timestamps = midRun.events.filter(isMessage).map((f) => dataOf(f).timestamp);
    assert.deepEqual([...timestamps].sort(), timestamps, 'messages in order, each once');
    assert.equal(new Set(timestamps).size, timestamps.length);
    assert.equal(dataOf(midRun.events.at(-1)).run.status, 'completed');
  });

  it('serves the legacy /v1beta events path with the same replay', async () => {
    const run = await createParallelRun(mock.url, { input: 'Vertical farming', processor: 'lite', metadata: { mock_speed: 100 } });
    await readSse(eventsUrl(run.run_id), auth); // until completion
    const current = await readSse(eventsUrl(run.run_id), auth);
    const legacy = await readSse(eventsUrl(run.run_id, true), auth);
    assert.equal(legacy.status, 200);
    assert.deepEqual(legacy.events.slice(1).map((f) => f.data), current.events.slice(1).map((f) => f.data));
  });

  it('closes the stream cleanly after streamLifetimeMs (scaled by speed) while the run is still active', async () => {
    const server = await startMockServer({ seed: 3, streamLifetimeMs: 2_000 });
    try {
      const run = await createParallelRun(server.url, { input: 'Glacier retreat', processor: 'pro', metadata: { mock_speed: 10 } });
      const url = `${server.url}/v1/tasks/runs/${run.run_id}/events`;
      const first = await readSse(url, auth);
      assert.equal(first.ended, 'eof');
      assert.ok(first.elapsedMs >= 150 && first.elapsedMs < 1500, `closed after ${first.elapsedMs} ms (lifetime 2000 ms / speed 10)`);
      assert.ok(first.text.endsWith('\n\n'), 'closed between events');
      assert.ok(first.events.every((f) => f.event !== 'task_run.state' || dataOf(f).run.is_active));
      const status = await requestJson(`${server.url}/v1/tasks/runs/${run.run_id}`, { headers: { 'x-api-key': KEY } });
      assert.equal(status.body.is_active, true);
      const second = await readSse(url, auth);
      assert.equal(dataOf(second.events[0]).type, 'task_run.state', 'a reconnect starts over with the state event');
    } finally {
      await server.close();
    }
  });

  it('sends plan, search, result, tool_call and exec_status messages, and an unlisted kind (.tool)', async () => {
    const run = await createParallelRun(mock.url, { input: 'Heat pumps in Poland', processor: 'core', metadata: { mock_speed: 100 } });
    const { events } = await readSse(eventsUrl(run.run_id), auth);
    const kinds = new Set(events.filter(isMessage).map((f) => f.event?.slice('task_run.progress_msg.'.length)));
    for (const kind of ['plan', 'search', 'result', 'tool_call', 'exec_status', 'tool']) assert.ok(kinds.has(kind), `has ${kind}`);
    for (const frame of events.filter(isMessage)) {
      const data = dataOf(frame);
      assert.equal(typeof data.message, 'string');
      assert.match(data.timestamp, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
    }
  });

  it('sends stats with source counts, a sample of URLs and a progress_meter growing to 100', async () => {
    const run = await createParallelRun(mock.url, { input: 'Lithium mining', processor: 'core', metadata: { mock_speed: 100 } });
    const stats = (await readSse(eventsUrl(run.run_id), auth)).events.filter((f) => f.event === 'task_run.progress_stats').map(dataOf);
    assert.ok(stats.length >= 3);
    const meters = stats.map((s) => s.progress_meter);
    assert.deepEqual([...meters].sort((a, b) => a - b), meters);
    assert.equal(meters.at(-1), 100);
    const last = stats.at(-1);
    assert.ok(last.source_stats.num_sources_considered > last.source_stats.num_sources_read);
    assert.ok(last.source_stats.sources_read_sample.length > 0);
    for (const url of last.source_stats.sources_read_sample) assert.match(url, /^https:\/\//);
  });

  it('lets the processor choose duration and detail: lite is short with few messages, ultra long with many', async () => {
    const timed = async (processor: string): Promise<{ ms: number; messages: number }> => {
      const run = await createParallelRun(mock.url, { input: 'Ocean shipping emissions', processor, metadata: { mock_speed: 200 } });
      const result = await readSse(eventsUrl(run.run_id), auth);
      return { ms: result.elapsedMs, messages: result.events.filter(isMessage).length };
    };
    const lite = await timed('lite');
    const ultra = await timed('ultra');
    const ultraFast = await timed('ultra-fast');
    assert.ok(lite.messages <= 5 && ultra.messages >= 20, `${lite.messages} vs ${ultra.messages} messages`);
    assert.ok(ultra.ms > lite.ms * 4, `${lite.ms} ms vs ${ultra.ms} ms`);
    assert.ok(ultraFast.ms < ultra.ms * 0.7, `-fast: ${ultraFast.ms} ms vs ${ultra.ms} ms`);
  });

  it('sends no progress messages when enable_events is false', async () => {
    const run = await createParallelRun(mock.url, { input: 'Quiet run', processor: 'core', enable_events: false, metadata: { mock_speed: 200 } });
    const { events } = await readSse(eventsUrl(run.run_id), auth);
    assert.equal(events.filter(isMessage).length, 0);
    assert.equal(dataOf(events.at(-1)).run.status, 'completed');
  });
});

describe('Parallel: GET /v1/tasks/runs/{id}/result', () => {
  it('answers 408 with the error body while the run is active and timeout=0', async () => {
    const run = await createParallelRun(mock.url, { input: 'x', processor: 'pro', metadata: { mock_speed: 1 } });
    const reply = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}/result?timeout=0`, { headers: { 'x-api-key': KEY } });
    assert.equal(reply.status, 408);
    assert.equal(reply.body.type, 'error');
    assert.match(reply.body.error.message, /still active/);
  });

  it('blocks up to timeout seconds (scaled by speed) before answering 408', async () => {
    const run = await createParallelRun(mock.url, { input: 'x', processor: 'ultra8x', metadata: { mock_speed: 10 } });
    const started = performance.now();
    const reply = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}/result?timeout=3`, { headers: { 'x-api-key': KEY } });
    const elapsed = performance.now() - started;
    assert.equal(reply.status, 408);
    assert.ok(elapsed >= 250 && elapsed < 1500, `waited ${elapsed} ms for 3 s / speed 10`);
  });

  it('answers 200 with {run, output} as soon as the run completes', async () => {
    const run = await createParallelRun(mock.url, { input: 'x', processor: 'base', metadata: { mock_speed: 100 } });
    const reply = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}/result?timeout=600`, { headers: { 'x-api-key': KEY } });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.run.status, 'completed');
    assert.equal(reply.body.run.run_id, run.run_id);
    assert.equal(reply.body.output.type, 'json');
  });

  it('answers 422 for a timeout that is not a number', async () => {
    const run = await createParallelRun(mock.url, { input: 'x', processor: 'lite' });
    const reply = await requestJson(`${mock.url}/v1/tasks/runs/${run.run_id}/result?timeout=soon`, { headers: { 'x-api-key': KEY } });
    assert.equal(reply.status, 422);
  });
});
