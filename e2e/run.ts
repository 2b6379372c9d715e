/**
 * End-to-end tests: the `npm start` stack (mock backend + proxy + Vite demo) on free ports, the
 * bundle from a plain script tag, and the example apps (examples/*, each built with its own
 * toolchain), driven in Chromium, Firefox and WebKit one after the other (`--browser
 * chromium|firefox|webkit|all`, default all; see e2e/driver.ts for the drivers). The examples' type
 * checks do not involve a browser and run once. Every flow runs in a fresh page with its own storage.
 * Screenshots go to test-results/screenshots/. Ends with `e2e: N passed, N failed` over all engines.
 * E2E_ONLY=examples runs only the example apps (while working on them); E2E_ONLY=tabs only the
 * cross-tab flows (e2e/tabs.ts: several pages of one browser context, Chromium and Firefox).
 */
import { mkdirSync } from 'node:fs';
import { ENGINES, freePort, missing, parseEngines, type Engine } from '../scripts/engines.mjs';
import { startDemo } from '../scripts/start.js';
import type { E2EBrowser } from './driver.js';
import { launchPuppeteer } from './drivers/puppeteer.js';
import { launchWebKit } from './drivers/webdriver.js';
import { buildExample, EXAMPLES, startExampleSite, TYPE_CHECKED, typeErrors } from './examples.js';
import { assert, bundleFlows, demoFlows, exampleFlow, SHOTS, type Flow } from './flows.js';
import { startScriptTagSite } from './script-tag.js';
import { tabFlows, type StreamCounts } from './tabs.js';

const VIEWPORT = { width: 1440, height: 1000 };

interface Counts {
  passed: number;
  failed: number;
}

/** A site and the flows to run on it in every engine. */
interface Suite {
  url: string;
  flows: Flow[];
  close(): Promise<void>;
}

function launch(engine: Engine): Promise<E2EBrowser> {
  return engine === 'webkit' ? launchWebKit() : launchPuppeteer(engine);
}

/** Runs flows against a site, each in a fresh page; returns the counts. */
async function runFlows(browser: E2EBrowser, engine: Engine, url: string, flows: Flow[]): Promise<Counts> {
  let passed = 0;
  let failed = 0;
  // E2E_FLOW=text: only the flows whose name contains it (while working on one).
  for (const [name, run] of flows.filter(([name]) => name.includes(process.env.E2E_FLOW ?? ''))) {
    const started = Date.now();
    const page = await browser.newPage(VIEWPORT);
    try {
      await page.goto(url);
      await page.evaluate(() => customElements.whenDefined('task-stream').then(() => true));
      await run(page, engine, url);
      const errors = await page.errors();
      assert(errors.length === 0, `no page errors (${errors.join('; ')})`);
      passed++;
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`  ✘ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot(`${SHOTS}/failure-${engine}-${name.replace(/\W+/g, '-').slice(0, 60)}.png`).catch(() => {});
    } finally {
      await page.close().catch(() => {});
    }
  }
  return { passed, failed };
}

/** The cross-tab flows (e2e/tabs.ts), where the driver has browser contexts; returns the counts. */
async function runTabFlows(browser: E2EBrowser, url: string, streams: () => StreamCounts): Promise<Counts> {
  let passed = 0;
  let failed = 0;
  // E2E_FLOW=text: only the cross-tab flows whose name contains it (while working on one).
  for (const [name, run] of tabFlows.filter(([name]) => name.includes(process.env.E2E_FLOW ?? ''))) {
    const started = Date.now();
    try {
      await run(browser, url, streams);
      passed++;
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`  ✘ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { passed, failed };
}

/** The example apps' template type checks (no browser); each is one test. */
async function checkExampleTypes(totals: Counts): Promise<void> {
  console.log('\n== examples: template type checks');
  for (const name of TYPE_CHECKED) {
    const types = await typeErrors(name);
    const ok = types.expected.length >= 2 && JSON.stringify(types.actual) === JSON.stringify(types.expected);
    if (ok) totals.passed++;
    else totals.failed++;
    console.log(`  ${ok ? '✔' : '✘'} examples/${name}: its template type checker rejects the marked bindings (wrong values, mismatched event handlers), exactly there${ok ? '' : `\n    expected ${types.expected.join(', ')}\n    got ${types.actual.join(', ')}\n${types.output.slice(-2000)}`}`);
  }
}

/** Builds each example and serves it; a build failure is one failed test and that example is left out. */
async function exampleSuites(totals: Counts): Promise<Suite[]> {
  console.log('\n== examples: builds');
  const suites: Suite[] = [];
  for (const name of EXAMPLES) {
    try {
      await buildExample(name);
    } catch (error) {
      totals.failed++;
      console.log(`  ✘ examples/${name} builds\n    ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const site = await startExampleSite(name);
    suites.push({ url: site.url, flows: [exampleFlow(name, () => site.keysSeen)], close: () => site.close() });
  }
  return suites;
}

async function main(): Promise<void> {
  const { engines } = parseEngines(process.argv.slice(2), [...ENGINES]);
  const totals: Counts = { passed: 0, failed: 0 };
  const suites: Suite[] = [];
  const only = process.env.E2E_ONLY;
  let tabsSite: { url: string; streams: () => StreamCounts } | undefined;
  try {
    if (only !== 'examples') {
      const demo = await startDemo({ ...process.env, PORT: String(await freePort()), MOCK: '1', MOCK_SPEED: '4' });
      if (demo.streams) tabsSite = { url: demo.url, streams: demo.streams };
      suites.push({ url: demo.url, flows: only === 'tabs' ? [] : demoFlows, close: () => demo.close() });
    }
    if (only !== 'examples' && only !== 'tabs') {
      const site = await startScriptTagSite();
      suites.push({ url: site.url, flows: bundleFlows, close: () => site.close() });
    }
    if (only !== 'tabs') {
      await checkExampleTypes(totals);
      suites.push(...(await exampleSuites(totals)));
    }
    for (const engine of engines) {
      const started = Date.now();
      const counts: Counts = { passed: 0, failed: 0 };
      const absent = missing(engine);
      let browser: E2EBrowser | undefined;
      try {
        if (absent) throw new Error(absent);
        browser = await launch(engine);
        console.log(`\n== e2e in ${browser.version}`);
        for (const suite of suites) {
          const r = await runFlows(browser, engine, suite.url, suite.flows);
          counts.passed += r.passed;
          counts.failed += r.failed;
        }
        if (tabsSite && browser.newContext) {
          const r = await runTabFlows(browser, tabsSite.url, tabsSite.streams);
          counts.passed += r.passed;
          counts.failed += r.failed;
        } else if (tabsSite) console.log(`  (the cross-tab flows need browser contexts, which the ${engine} driver has not: not run)`);
      } catch (error) {
        console.log(`\n== e2e in ${engine}: could not run (${error instanceof Error ? error.message : String(error)})`);
        counts.failed++;
      } finally {
        await browser?.close().catch(() => {});
      }
      console.log(`e2e (${engine}): ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      totals.passed += counts.passed;
      totals.failed += counts.failed;
    }
  } finally {
    for (const suite of suites) await suite.close().catch(() => {});
  }
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed ? 1 : 0);
}

await main();
