/**
 * {@link E2EBrowser} over puppeteer-core: Chromium through CDP, Firefox ESR through WebDriver BiDi
 * (puppeteer's `browser: 'firefox'`). Each page lives in its own browser context (fresh storage),
 * except the pages of one `newContext()` (tabs of one profile).
 * Page errors: puppeteer's `pageerror` event, which sees errors from the first script on.
 */
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, LOCALE_ENV, paths } from '../../scripts/engines.mjs';
import { FIND_ONE, type E2EBrowser, type E2EPage, type Target } from '../driver.js';

class PuppeteerPage implements E2EPage {
  readonly #page: Page;
  readonly #close: () => Promise<void>;
  readonly #errors: string[] = [];

  constructor(page: Page, close: () => Promise<void>) {
    this.#page = page;
    this.#close = close;
    page.on('pageerror', (error) => this.#errors.push(error instanceof Error ? error.message : String(error)));
  }

  async goto(url: string): Promise<void> {
    await this.#page.goto(url, { waitUntil: 'load' });
  }

  async reload(): Promise<void> {
    await this.#page.reload({ waitUntil: 'load' });
  }

  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.#page.evaluate(fn as (arg: unknown) => T, arg) as Promise<T>;
  }

  async #find(target: Target): Promise<ElementHandle<Element>> {
    const handle = await this.#page.evaluateHandle(`(${FIND_ONE})(${JSON.stringify(target)})`);
    return handle as ElementHandle<Element>;
  }

  async click(target: Target): Promise<void> {
    const el = await this.#find(target);
    try {
      await el.scrollIntoView();
      await el.click();
    } finally {
      await el.dispose();
    }
  }

  async fill(target: Target, text: string): Promise<void> {
    const el = await this.#find(target);
    try {
      await el.scrollIntoView();
      await el.click();
      await el.evaluate((node) => (node as HTMLInputElement).select());
      await this.#page.keyboard.press('Backspace');
      await el.type(text);
    } finally {
      await el.dispose();
    }
  }

  async setViewport(width: number, height: number): Promise<{ width: number; height: number }> {
    await this.#page.setViewport({ width, height });
    return this.#page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  }

  async screenshot(path: string): Promise<void> {
    await this.#page.screenshot({ path: path as `${string}.png` });
  }

  async errors(): Promise<string[]> {
    return [...this.#errors];
  }

  close(): Promise<void> {
    return this.#close();
  }
}

/** Launches Chromium or Firefox ESR from its Debian path. */
export async function launchPuppeteer(engine: 'chromium' | 'firefox'): Promise<E2EBrowser> {
  const env = { ...process.env, ...LOCALE_ENV } as Record<string, string>;
  const browser: Browser = engine === 'firefox'
    ? await puppeteer.launch({ browser: 'firefox', executablePath: paths.firefox, headless: true, env })
    : await puppeteer.launch({ executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS, env });
  const version = `${engine} ${(await browser.version()).replace(/^[^/]*\//, '')}`;
  return {
    version,
    async newPage(viewport) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(viewport);
      return new PuppeteerPage(page, () => context.close());
    },
    async newContext() {
      const context = await browser.createBrowserContext();
      return {
        async newPage(viewport) {
          const page = await context.newPage();
          await page.setViewport(viewport);
          return new PuppeteerPage(page, () => page.close());
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
