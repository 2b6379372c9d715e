// The event streams `npm run bench` serves (scripts/bench.mjs): a Parallel run of `n` progress
// messages and a Shannon token stream of `n` one-character deltas (bench/token-text.js), either as
// fast as the network takes them (16 KiB chunks) or at a steady 100 events per second.
import { shannonFrame, tokenStream } from '../bench/token-text.js';

/** Ms between two events of a steady stream (100 events/s). */
export const STEADY_INTERVAL_MS = 10;
export const WORKFLOW_ID = 'task-bench-tokens';

const parallelRun = () => ({ run_id: 'trun_bench', status: 'running', is_active: true, processor: 'pro', created_at: new Date().toISOString() });
const frame = (name, data) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/** The frames of a Parallel run with `n` progress messages; `done`: ends with the completed state. */
export function parallelFrames(n, done = true) {
  const run = parallelRun();
  const frames = [frame('task_run.state', { type: 'task_run.state', run, output: null })];
  const kinds = ['plan', 'search', 'result', 'tool_call', 'exec_status'];
  for (let i = 0; i < n; i++) {
    const kind = kinds[i % kinds.length];
    frames.push(frame(`task_run.progress_msg.${kind}`, { type: `task_run.progress_msg.${kind}`, message: `Step ${i}: looked at source number ${i} about the topic`, timestamp: new Date(Date.now() + i).toISOString() }));
  }
  if (done) frames.push(frame('task_run.state', { type: 'task_run.state', run: { ...run, status: 'completed', is_active: false }, output: { type: 'text', content: 'Done.', basis: [] } }));
  return frames;
}

/** The frames of a Shannon stream of `n` one-character deltas (no end: the run goes on). */
export function shannonFrames(n) {
  return [`: connected to workflow ${WORKFLOW_ID}\n\n`, ...tokenStream(n).events.map((event) => shannonFrame(event, WORKFLOW_ID))];
}

/** `frames` in ~16 KiB network chunks. */
export function chunked(frames) {
  const body = Buffer.from(frames.join(''));
  const chunks = [];
  for (let i = 0; i < body.length; i += 16_384) chunks.push(body.subarray(i, i + 16_384));
  return chunks;
}

const sseHead = { 'content-type': 'text/event-stream', 'cache-control': 'no-store' };

/** Keeps a stream that has no end open (Shannon pings every 10 s; here every 2 s) until the client leaves. */
function holdOpen(req, res) {
  const ping = setInterval(() => res.write(': ping\n\n'), 2000);
  req.on('close', () => {
    clearInterval(ping);
    res.end();
  });
}

/**
 * Serves the bench's streams; true when `url` was one of them:
 * - `/bench/sse/<n>/…`: Parallel, `n` messages as fast as possible, then the completed state;
 * - `/bench/tokens/<flood|steady>/<parallel|shannon>/<n>/…`: `n` events as fast as possible or one
 *   every {@link STEADY_INTERVAL_MS}; the stream then stays open (the run goes on);
 * - `…/api/v1/tasks/<id>`: Shannon's task status (running).
 */
export async function serveBenchStream(req, res, url) {
  const legacy = /^\/bench\/sse\/(\d+)\//.exec(url.pathname);
  const tokens = /^\/bench\/tokens\/(flood|steady)\/(parallel|shannon)\/(\d+)\/(.*)$/.exec(url.pathname);
  if (!legacy && !tokens) return false;
  if (tokens && tokens[4].startsWith('api/v1/tasks/')) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ task_id: WORKFLOW_ID, status: 'TASK_STATUS_RUNNING' }));
    return true;
  }
  res.writeHead(200, sseHead);
  if (legacy) {
    for (const chunk of chunked(parallelFrames(Number(legacy[1])))) {
      res.write(chunk);
      await new Promise((r) => setImmediate(r));
    }
    res.end();
    return true;
  }
  const [, pace, provider, n] = tokens;
  const frames = provider === 'shannon' ? shannonFrames(Number(n)) : parallelFrames(Number(n), false);
  let closed = false;
  req.on('close', () => (closed = true));
  if (pace === 'flood') {
    for (const chunk of chunked(frames)) {
      if (closed) return true;
      res.write(chunk);
      await new Promise((r) => setImmediate(r));
    }
  } else {
    // One event per interval on an absolute schedule (a late timer does not shift the rest).
    res.write(frames[0]);
    const start = performance.now();
    for (let i = 1; i < frames.length && !closed; i++) {
      const wait = start + i * STEADY_INTERVAL_MS - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      res.write(frames[i]);
    }
  }
  holdOpen(req, res);
  return true;
}
