/**
 * Screenshots of the demo in a right-to-left language (issue 15 §2: "check Arabic or Hebrew with
 * dir="rtl" lays out correctly"), for a person to look at: `<html lang="ar" dir="rtl">`, a Parallel
 * JSON run and a Shannon run to completion, light and 375 px. Not part of `npm test`:
 *   /work/bin/browser node --import tsx e2e/rtl-shot.ts [outdir]   (default test-results/screenshots)
 * The layout itself is asserted in test/components/rtl-layout.test.ts.
 */
import { mkdirSync } from 'node:fs';
import { freePort } from '../scripts/engines.mjs';
import { startDemo } from '../scripts/start.js';
import { waitFor } from './driver.js';
import { launchPuppeteer } from './drivers/puppeteer.js';

const out = process.argv[2] ?? 'test-results/screenshots';
mkdirSync(out, { recursive: true });
const demo = await startDemo({ ...process.env, PORT: String(await freePort()), MOCK: '1', MOCK_SPEED: '8' });
const browser = await launchPuppeteer('chromium');
try {
  for (const [name, width] of [['wide', 1440], ['narrow', 375]] as const) {
    const page = await browser.newPage({ width, height: 1000 });
    await page.goto(demo.url);
    await page.evaluate(() => customElements.whenDefined('task-stream').then(() => true));
    await page.evaluate(() => {
      document.documentElement.lang = 'ar';
      document.documentElement.dir = 'rtl';
      return true;
    });
    await page.fill({ host: 'task-form', css: '#pf-input' }, 'ما هي أكبر شركة في سويسرا؟');
    await page.click({ host: 'task-form', css: 'button[type=submit]' });
    await waitFor(page, () => (document.querySelector('task-stream') as unknown as { run?: { status: string } }).run?.status === 'completed', undefined, 'completed', 90_000);
    await page.screenshot(`${out}/rtl-ar-${name}.png`);
    console.log(`${out}/rtl-ar-${name}.png`);
    await page.close();
  }
} finally {
  await browser.close();
  await demo.close();
}
