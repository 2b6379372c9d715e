// The history part of `npm run bench` (issue 17): <task-history> from the production bundle with 200,
// 2,000 and 10,000 runs already stored by the default persistence, against a baseline that renders
// every run, in the same browser. Each measure is a fresh page load in one browser context: a first
// page writes the runs in the localStorage format of earlier versions, a second one moves them into
// IndexedDB (the one-time migration, reported apart), the next ones load them. Goal: first items < 100 ms after the element
// connects, no task over 50 ms from the page load on, fewer than 500 elements in its shadow tree.

const SIZES = (process.env.BENCH_HISTORY_SIZES ?? '200,2000,10000').split(',').map(Number);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(context, origin, name, count, kind) {
  const page = await context.newPage();
  await page.goto(`${origin}/bench/history.html`);
  await page.waitForFunction(() => window.benchReady === true);
  page.setDefaultTimeout(0);
  const result = await page.evaluate(([n, c, k]) => window.benchHistory(n, c, k), [name, count, kind]);
  await page.close();
  return result;
}

/** Prints the history table; `browser` is a launched Chromium, `origin` serves /bench and /dist. */
export async function benchHistory(browser, origin, rounds) {
  const rows = [];
  for (const count of SIZES) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const seed = await context.newPage();
    await seed.goto(`${origin}/bench/history.html`);
    await seed.waitForFunction(() => window.benchReady === true);
    const name = `history-${count}`;
    const chars = await seed.evaluate(([n, c]) => window.seedHistory(n, c), [name, count]);
    await seed.close();
    const migrating = await context.newPage();
    await migrating.goto(`${origin}/bench/history.html`);
    await migrating.waitForFunction(() => window.benchReady === true);
    migrating.setDefaultTimeout(0);
    const migration = await migrating.evaluate((n) => window.migrateHistory(n), name);
    await migrating.close();
    const element = [];
    const baseline = [];
    for (let round = 0; round < rounds; round++) {
      element.push(await measure(context, origin, name, count, 'element'));
      baseline.push(await measure(context, origin, name, count, 'baseline'));
    }
    await context.close();
    const summary = (list) => ({
      firstItemsMs: median(list.map((r) => r.firstItemsMs)),
      longestTaskMs: median(list.map((r) => r.longestTaskMs)),
      storeMs: median(list.map((r) => r.storeMs)),
      listedMs: median(list.map((r) => r.listedMs)),
      elements: median(list.map((r) => r.elements)),
      runs: list[0].runs,
      longRounds: list.filter((r) => r.longestTaskMs > 50).length,
    });
    rows.push({ count, chars, migration, element: summary(element), baseline: summary(baseline) });
  }
  const n = (value, width = 8) => (typeof value === 'number' ? value.toFixed(value >= 100 ? 0 : 1) : String(value)).padStart(width);
  console.log(`\nHistory: runs stored by the default persistence, then a page load (median of ${rounds}; Chromium, headless)`);
  console.log('                 first items (ms)     longest task (ms)     elements           history: store    every run');
  console.log('stored runs     history  baseline    history  baseline    history  baseline   created (ms)   listed (ms)');
  for (const { count, element: e, baseline: b } of rows) {
    console.log(`${count.toLocaleString().padStart(11)}  ${n(e.firstItemsMs, 9)} ${n(b.firstItemsMs, 9)}  ${n(e.longestTaskMs, 9)} ${n(b.longestTaskMs, 9)}  ${n(e.elements, 9)} ${n(b.elements, 9)}  ${n(e.storeMs, 12)}  ${n(e.listedMs, 12)}`);
  }
  console.log('one-time move of a localStorage index into IndexedDB (first load after the update):');
  for (const { count, migration: m } of rows) {
    console.log(`${count.toLocaleString().padStart(11)} runs: every run listed after ${n(m.ms, 6)} ms, longest task ${n(m.longestTaskMs, 6)} ms, ${m.runs.toLocaleString()} runs, localStorage index ${m.left ? 'STILL THERE' : 'removed'}`);
  }
  const last = rows.find((row) => row.count === 10_000);
  if (last) {
    const e = last.element;
    const met = e.firstItemsMs < 100 && e.longestTaskMs <= 50 && e.elements < 500 && e.runs === 10_000;
    console.log(`index size at 10,000 runs: ${(last.chars / 1e6).toFixed(2)} M characters of JSON (now IndexedDB records)`);
    console.log(`rounds at 10,000 runs with a task over 50 ms: ${e.longRounds} of ${rounds}`);
    console.log(`budget at 10,000 runs (first items < 100 ms, no task > 50 ms, < 500 elements, every run listed): ${met ? 'met' : 'NOT met'}`);
  }
}
