#!/usr/bin/env node
// `npm run bench`: 10,000 streamed events rendered by <task-stream> (production bundle) in headless
// Chromium, against a naive baseline (an HTML string appended per event, then scrolled to) in the
// same browser. Prints time to apply and paint, the longest main-thread task, and the DOM size.
// Budget (issue 4): under 1 s, no task over 50 ms, at most 2,000 elements in the shadow tree.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { benchHistory } from './bench-history.mjs';
import { serveBenchStream } from './bench-sse.mjs';
import { benchTokens } from './bench-tokens.mjs';

const COUNT = Number(process.env.BENCH_EVENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// BENCH_ONLY=stream, BENCH_ONLY=reload, BENCH_ONLY=tokens or BENCH_ONLY=history runs one part (stream
// includes reload: the reload of the run the stream part wrote).
const ONLY = process.env.BENCH_ONLY ?? '';
const root = process.cwd();

console.log('Building the production bundle…');
execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', 'bundle', '--logLevel', 'warn'], { stdio: 'inherit' });

const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.mjs': 'text/javascript', '.map': 'application/json' };
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (await serveBenchStream(req, res, url)) return;
  const path = normalize(join(root, url.pathname === '/' ? '/bench/index.html' : url.pathname));
  if (!path.startsWith(join(root, 'bench')) && !path.startsWith(join(root, 'dist'))) return res.writeHead(404).end();
  if (!existsSync(path)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  if (!ONLY || ONLY === 'stream') await benchStream();
  if (!ONLY || ONLY === 'stream' || ONLY === 'reload') await benchReload();
  if (!ONLY || ONLY === 'tokens') await benchTokens(browser, origin, ROUNDS);
  if (!ONLY || ONLY === 'history') await benchHistory(browser, origin, ROUNDS);
} finally {
  await browser.close();
  server.close();
}

async function benchStream() {
  const results = { component: [], baseline: [] };
  // The baseline is quadratic (tens of seconds at 10,000 events): it runs once, the element ROUNDS times.
  for (let round = 0; round < ROUNDS; round++) {
    // BENCH_BASELINE=0 skips the baseline (quicker while developing; the printed ratios are then void).
    for (const kind of round === 0 && process.env.BENCH_BASELINE !== '0' ? ['component', 'baseline'] : ['component']) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(origin);
      await page.waitForFunction(() => window.benchReady === true);
      const fn = kind === 'component' ? 'benchComponent' : 'benchBaseline';
      page.setDefaultTimeout(0);
      results[kind].push(await page.evaluate(([name, n]) => window[name](n), [fn, COUNT]));
      await page.close();
    }
  }
  const summary = (rows) => ({
    elapsedMs: median(rows.map((r) => r.elapsedMs)),
    longestTaskMs: median(rows.map((r) => r.longestTaskMs)),
    longTasks: median(rows.map((r) => r.longTasks)),
    elements: median(rows.map((r) => r.shadowElements)),
    events: rows[0].events,
  });
  const c = summary(results.component);
  const b = results.baseline.length ? summary(results.baseline) : { elapsedMs: NaN, longestTaskMs: NaN, longTasks: NaN, elements: NaN, events: NaN };
  const fmt = (n) => n.toFixed(1).padStart(9);
  console.log(`\n${COUNT.toLocaleString()} streamed events (Chromium, headless): <task-stream> median of ${ROUNDS} rounds, baseline 1 round\n`);
  console.log('                         <task-stream>   naive baseline   ratio (baseline / task-stream)');
  console.log(`applied + painted (ms)  ${fmt(c.elapsedMs)}       ${fmt(b.elapsedMs)}        ${(b.elapsedMs / c.elapsedMs).toFixed(1)}x`);
  console.log(`longest task (ms)       ${fmt(c.longestTaskMs)}       ${fmt(b.longestTaskMs)}        ${(b.longestTaskMs / Math.max(1, c.longestTaskMs)).toFixed(1)}x`);
  console.log(`tasks over 50 ms        ${String(c.longTasks).padStart(9)}       ${String(b.longTasks).padStart(9)}`);
  console.log(`elements rendered       ${String(c.elements).padStart(9)}       ${String(b.elements).padStart(9)}        ${(b.elements / c.elements).toFixed(1)}x`);
  console.log(`events received         ${String(c.events).padStart(9)}       ${String(b.events).padStart(9)}`);
  const budget = c.elapsedMs < 1000 && c.longestTaskMs <= 50 && c.elements <= 2000;
  console.log(`\nbudget (< 1000 ms, no task > 50 ms, <= 2000 elements): ${budget ? 'met' : 'NOT met'}`);
}

async function benchReload() {
  // Default persistence (issue 10): what a 10,000-event run writes, and reloads of the page that
  // show it. One page, reloaded: the reload sees the first load's localStorage and IndexedDB.
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(origin);
  await page.waitForFunction(() => window.benchReady === true);
  const saved = await page.evaluate((n) => window.benchComponent(n), COUNT);
  const reloads = [];
  // Each round loads the page anew; the page shows the stored run as it loads (bench-page.js).
  const query = new URLSearchParams({ reload: saved.store, run: saved.runId, events: String(saved.events) });
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(`${origin}/?${query}`);
    page.setDefaultTimeout(0);
    // The page's module awaits the element's chunk before it starts measuring, which can end after
    // the load event that goto waits for.
    await page.waitForFunction(() => window.reloadResult !== undefined);
    reloads.push(await page.evaluate(() => window.reloadResult));
  }
  await context.close();
  const firstPaint = median(reloads.map((r) => r.firstPaintMs));
  const allEvents = median(reloads.map((r) => r.allEventsMs));
  console.log(`\nWith the default persistence (run index and event log in IndexedDB):`);
  console.log(`bytes written per event  ${saved.bytesPerEvent.toFixed(0)} (IndexedDB ${saved.idbBytesPerEvent.toFixed(0)}, localStorage ${saved.localBytesPerEvent.toFixed(0)}); an event's own JSON: ${saved.eventJsonBytesPerEvent.toFixed(0)}`);
  console.log(`reload → first paint of the finished ${saved.events.toLocaleString()}-event run (header and log; ${reloads[0].eventsAtFirstPaint.toLocaleString()} events read by then): ${firstPaint.toFixed(0)} ms from navigation start (median of ${ROUNDS}; goal < 150 ms) — ${firstPaint < 150 ? 'met' : 'NOT met'}`);
  console.log(`reload → all ${saved.events.toLocaleString()} events read into the store and the list: ${allEvents.toFixed(0)} ms`);
}
