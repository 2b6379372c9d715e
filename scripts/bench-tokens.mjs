// The token-stream part of `npm run bench` (issue 15 §3): 50,000 one-character Shannon
// `thread.message.delta` events from three interleaved agents through <task-stream> with the default
// persistence, beside the same measures of the stream bench's 10,000-message Parallel run.
// Goals for the token stream: the assembled answer is exactly the sent text, no main-thread task
// over 50 ms, a bounded shadow DOM, heap growth under 20 MB, and at a steady 100 events/s the
// byte-to-paint latency's p95 under one frame (16.7 ms): measured to the start of the frame that
// shows the event (under one frame: shown in the first frame after its bytes arrived); the time to
// just after that frame's paint, which adds the frame's rendering, is printed beside it.

const TOKENS = Number(process.env.BENCH_TOKENS ?? 50_000);
const MESSAGES = Number(process.env.BENCH_EVENTS ?? 10_000);
const STEADY = Number(process.env.BENCH_STEADY_EVENTS ?? 1_000);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function onPage(browser, origin, run) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  // The heap after a full garbage collection, in bytes (DevTools protocol).
  await page.exposeFunction('benchHeap', async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  });
  await page.goto(`${origin}/bench/tokens.html`);
  await page.waitForFunction(() => window.benchReady === true);
  page.setDefaultTimeout(0);
  try {
    return await run(page);
  } finally {
    await page.close();
  }
}

/** Prints the token-stream table; `browser` is a launched Chromium, `origin` serves /bench and /dist. */
export async function benchTokens(browser, origin, rounds) {
  const flood = { shannon: [], parallel: [] };
  const steady = { shannon: [], parallel: [] };
  for (let round = 0; round < rounds; round++) {
    for (const [provider, count] of [['shannon', TOKENS], ['parallel', MESSAGES]]) {
      flood[provider].push(await onPage(browser, origin, (page) => page.evaluate(([p, n]) => window.benchFlood(p, n), [provider, count])));
    }
  }
  // The steady runs last STEADY / 100 s each: one round.
  for (const provider of ['shannon', 'parallel']) {
    steady[provider].push(await onPage(browser, origin, (page) => page.evaluate(([p, n]) => window.benchSteady(p, n), [provider, STEADY])));
  }
  const m = (list, key) => median(list.map((r) => r[key]));
  const s = flood.shannon;
  const p = flood.parallel;
  const mb = (bytes) => (bytes / 1048576).toFixed(1);
  const col = (a, b) => `${String(a).padStart(16)}   ${String(b).padStart(16)}`;
  console.log(`\nToken streams (Chromium, headless, default persistence; floods median of ${rounds} rounds, steady 1 round of ${STEADY.toLocaleString()} events each)\n`);
  console.log(`                                 ${col(`Shannon ${TOKENS.toLocaleString()}`, `Parallel ${MESSAGES.toLocaleString()}`)}`);
  console.log(`                                 ${col('1-char deltas', 'messages')}`);
  console.log(`applied + painted (ms)           ${col(m(s, 'elapsedMs').toFixed(0), m(p, 'elapsedMs').toFixed(0))}`);
  console.log(`longest task (ms)                ${col(m(s, 'longestTaskMs').toFixed(0), m(p, 'longestTaskMs').toFixed(0))}`);
  console.log(`tasks over 50 ms                 ${col(m(s, 'longTasks'), m(p, 'longTasks'))}`);
  console.log(`elements in the shadow tree      ${col(m(s, 'shadowElements'), m(p, 'shadowElements'))}`);
  console.log(`heap growth (MB, after GC)       ${col(mb(m(s, 'heapGrowthBytes')), mb(m(p, 'heapGrowthBytes')))}`);
  const ss = steady.shannon[0];
  const sp = steady.parallel[0];
  const pct = (share) => `${(share * 100).toFixed(1)} %`;
  console.log(`at a steady 100 events/s, from an event's bytes reaching the page:`);
  console.log(`  to its frame, p50 (ms)         ${col(ss.p50Ms.toFixed(1), sp.p50Ms.toFixed(1))}`);
  console.log(`  to its frame, p95 (ms)         ${col(ss.p95Ms.toFixed(1), sp.p95Ms.toFixed(1))}`);
  console.log(`  to its frame, max (ms)         ${col(ss.maxMs.toFixed(1), sp.maxMs.toFixed(1))}`);
  console.log(`  shown in the next frame        ${col(pct(ss.nextFrameShare), pct(sp.nextFrameShare))}`);
  console.log(`  to after its paint, p50 (ms)   ${col(ss.paintP50Ms.toFixed(1), sp.paintP50Ms.toFixed(1))}`);
  console.log(`  to after its paint, p95 (ms)   ${col(ss.paintP95Ms.toFixed(1), sp.paintP95Ms.toFixed(1))}`);
  console.log(`longest task at 100/s (ms)       ${col(ss.longestTaskMs.toFixed(0), sp.longestTaskMs.toFixed(0))}`);
  const exact = s.every((r) => r.answerExact && r.shownExact);
  console.log(`answer assembled exactly         ${col(exact ? 'yes' : 'NO', '–')}  (${s[0].characters.toLocaleString()} characters, 3 agents)`);
  const goals = [
    ['assembled answer equals the sent text', exact],
    ['no task over 50 ms', s.every((r) => r.longestTaskMs <= 50)],
    ['shadow DOM bounded (<= 2,000 elements)', m(s, 'shadowElements') <= 2000],
    ['heap growth < 20 MB', m(s, 'heapGrowthBytes') < 20 * 1048576],
    ['byte-to-frame p95 < 16.7 ms at 100 events/s (each event in the frame after its bytes)', ss.p95Ms < 16.7],
  ];
  console.log('\ngoals of the token stream:');
  for (const [goal, met] of goals) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${goal}`);
}
