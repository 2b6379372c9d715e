// Test-only HTTP endpoints, mounted in web-test-runner's dev server, that let browser tests talk
// real HTTP to scripted event streams (no stubbed fetch):
//   PUT  /sse/script/<session>   body: {responses: ScriptedResponse[]} — each later GET takes the next
//                                response (the last one repeats)
//   ANY  /sse/script/<session>[/more/path]   serves the next response and records the request
//   GET  /sse/log/<session>      the recorded requests [{url, headers, closed}]
//   GET  /sse/fixture?file=<name under test/fixtures>&chunk=<bytes|random>&seed=<n>&type=<content type>
//
// ScriptedResponse: { status=200, headers, chunks: string[] (raw body pieces), events: [{id,event,data,retry,comment}],
//   when: text the URL must contain (responses with the same `when` form a sequence of their own),
//   resume: bool (skip events up to the request's Last-Event-ID), delayMs (between pieces),
//   end: 'close' | 'destroy' | 'hang' (what happens after the last piece), destroyAfterBytes }
import { readFileSync } from 'node:fs';
import { resolve, relative } from 'node:path';

const scripts = new Map();
const FIXTURES = resolve('test/fixtures');

function formatEvent(e) {
  if (e.comment !== undefined) return `: ${e.comment}\n\n`;
  let out = '';
  if (e.retry !== undefined) out += `retry: ${e.retry}\n`;
  if (e.id !== undefined) out += `id: ${e.id}\n`;
  if (e.event !== undefined) out += `event: ${e.event}\n`;
  for (const line of String(e.data ?? '').split('\n')) out += `data: ${line}\n`;
  return out + '\n';
}

/** Deterministic PRNG (mulberry32) so "random" chunkings are reproducible from a seed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function chunkBytes(bytes, mode, seed) {
  if (!mode) return [bytes];
  const random = prng(Number(seed) || 1);
  const pieces = [];
  for (let i = 0; i < bytes.length; ) {
    const size = mode === 'random' ? 1 + Math.floor(random() * 7) : Math.max(1, Number(mode));
    pieces.push(bytes.subarray(i, i + size));
    i += size;
  }
  return pieces;
}

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function writePieces(res, pieces, { delayMs = 0, destroyAfterBytes } = {}) {
  let sent = 0;
  for (const piece of pieces) {
    if (res.destroyed) return false;
    let bytes = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece);
    if (destroyAfterBytes !== undefined && sent + bytes.length >= destroyAfterBytes) {
      res.write(bytes.subarray(0, destroyAfterBytes - sent));
      await wait(20);
      res.destroy();
      return false;
    }
    res.write(bytes);
    sent += bytes.length;
    if (delayMs) await wait(delayMs);
  }
  return true;
}

async function serveScripted(req, res, session) {
  const script = scripts.get(session);
  if (!script) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no script"}');
    return;
  }
  const entry = { method: req.method, url: req.url, headers: req.headers, closed: false };
  script.log.push(entry);
  req.on('close', () => (entry.closed = true));
  res.on('close', () => (entry.closed = true));
  // Responses with `when` answer only URLs containing that text; each group has its own cursor.
  const group = script.responses.filter((r) => (r.when ? req.url.includes(r.when) : true));
  const candidates = group.some((r) => r.when) ? group.filter((r) => r.when) : group.filter((r) => !r.when);
  if (candidates.length === 0) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no scripted response for this URL"}');
    return;
  }
  const key = candidates[0].when ?? '';
  const index = script.cursors.get(key) ?? 0;
  script.cursors.set(key, index + 1);
  const spec = candidates[Math.min(index, candidates.length - 1)];
  const status = spec.status ?? 200;
  res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', ...spec.headers });
  res.flushHeaders();
  let pieces = spec.chunks ?? [];
  if (spec.events) {
    let events = spec.events;
    const last = req.headers['last-event-id'];
    if (spec.resume && last) {
      const at = events.findIndex((e) => e.id === last);
      events = at >= 0 ? events.slice(at + 1) : events;
    }
    pieces = events.map(formatEvent);
  }
  const finished = await writePieces(res, pieces, spec);
  if (!finished) return;
  if (spec.end === 'destroy') res.destroy();
  else if (spec.end !== 'hang') res.end();
}

async function serveFixture(res, params) {
  const file = resolve(FIXTURES, params.get('file') ?? '');
  if (relative(FIXTURES, file).startsWith('..')) {
    res.writeHead(400).end('bad fixture path');
    return;
  }
  const bytes = readFileSync(file);
  res.writeHead(200, { 'content-type': params.get('type') ?? 'text/event-stream', 'cache-control': 'no-store' });
  res.flushHeaders();
  await writePieces(res, chunkBytes(bytes, params.get('chunk'), params.get('seed')), { delayMs: Number(params.get('delay') ?? 0) });
  res.end();
}

function readBody(req) {
  return new Promise((resolveBody) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => resolveBody(text));
  });
}

/** Koa middleware for web-test-runner's `middleware` option. */
export function sseScriptMiddleware() {
  return async (ctx, next) => {
    const url = new URL(ctx.url, 'http://localhost');
    const [, root, kind, session] = url.pathname.split('/');
    if (root !== 'sse') return next();
    ctx.respond = false;
    const { req, res } = ctx;
    if (kind === 'script' && req.method === 'PUT') {
      const { responses } = JSON.parse(await readBody(req));
      scripts.set(session, { responses, cursors: new Map(), log: [] });
      res.writeHead(204).end();
    } else if (kind === 'script') {
      await serveScripted(req, res, session);
    } else if (kind === 'log') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(scripts.get(session)?.log ?? []));
    } else if (kind === 'fixture') {
      await serveFixture(res, url.searchParams);
    } else {
      res.writeHead(404).end();
    }
  };
}
