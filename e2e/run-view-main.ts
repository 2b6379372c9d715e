/**
 * Runs the run-view walk (e2e/run-view.ts: Parallel JSON, Shannon and a failed run at 375 and
 * 1440 px with axe in every state, light and dark) on the `npm start` stack in Chromium
 * (playwright-core: axe is injected through its script API). `npm test` runs it after e2e/run.ts.
 * Ends with `e2e-run-view: N passed, N failed`.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { freePort } from '../scripts/engines.mjs';
import { startDemo } from '../scripts/start.js';
import { runViewTests } from './run-view.js';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = 'test-results/screenshots';

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
  const demo = await startDemo({ ...process.env, PORT: String(await freePort()), MOCK: '1', MOCK_SPEED: '4' });
  let passed = 0;
  let failed = 0;
  try {
    for (const [name, run] of runViewTests) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(demo.url);
        await page.waitForFunction(() => customElements.get('task-stream') !== undefined);
        await run(page);
        if (errors.length) throw new Error(`no page errors (${errors.join('; ')})`);
        passed++;
        console.log(`  ✔ ${name}`);
      } catch (error) {
        failed++;
        console.log(`  ✘ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: `${SHOTS}/failure-run-view-${name.replace(/\W+/g, '-').slice(0, 60)}.png`, fullPage: true }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await demo.close();
    await browser.close();
  }
  console.log(`e2e-run-view: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
