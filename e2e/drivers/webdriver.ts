/**
 * {@link E2EBrowser} over classic WebDriver (webdriverio) for WebKitGTK's MiniBrowser, driven by
 * WebKitWebDriver under Xvfb (scripts/engines.mjs starts both). WebKitGTK 2.50's driver speaks no
 * WebDriver BiDi and has no browser contexts, so:
 * - each page is its own WebDriver session (a fresh MiniBrowser with ephemeral storage);
 * - page errors are collected by listeners the driver adds after each load, so an error thrown
 *   while the page's first scripts run is not seen here (the flows still fail then: the elements
 *   never get defined);
 * - the viewport is set by sizing the window and correcting for the window's own chrome; the
 *   window cannot get narrower than its toolbar (about 450 CSS px), see setViewport.
 */
import { writeFileSync } from 'node:fs';
import { remote } from 'webdriverio';
import { startWebKitDriver } from '../../scripts/engines.mjs';
import { FIND_ONE, type E2EBrowser, type E2EPage, type Target } from '../driver.js';

type Session = Awaited<ReturnType<typeof remote>>;

const LISTEN = `if (!window.__e2eErrors) {
  window.__e2eErrors = [];
  addEventListener('error', (e) => window.__e2eErrors.push(String(e.message || e.error)));
  addEventListener('unhandledrejection', (e) => window.__e2eErrors.push(String(e.reason && e.reason.message || e.reason)));
}`;

class WebDriverPage implements E2EPage {
  readonly #session: Session;
  #errors: string[] = [];

  constructor(session: Session) {
    this.#session = session;
  }

  async #listen(): Promise<void> {
    await this.#session.execute(LISTEN);
  }

  async #harvest(): Promise<void> {
    const found = await this.#session.execute('return window.__e2eErrors || []') as string[];
    this.#errors.push(...found);
  }

  async goto(url: string): Promise<void> {
    await this.#session.url(url);
    await this.#listen();
  }

  async reload(): Promise<void> {
    await this.#harvest();
    await this.#session.refresh();
    await this.#listen();
  }

  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    // executeAsync awaits a returned promise the same way in every WebDriver implementation.
    return this.#session.executeAsync(
      `const done = arguments[arguments.length - 1];
       Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
         .then((value) => done({ value }), (error) => done({ error: String(error && error.message || error) }));`,
      arg,
    ).then((result) => {
      const { value, error } = result as { value?: T; error?: string };
      if (error !== undefined) throw new Error(error);
      return value as T;
    });
  }

  async #find(target: Target) {
    const ref = await this.#session.execute(`return (${FIND_ONE})(arguments[0])`, target);
    return this.#session.$(ref as unknown as WebdriverIO.Element);
  }

  async click(target: Target): Promise<void> {
    const el = await this.#find(target);
    await el.scrollIntoView({ block: 'center' });
    await el.click();
  }

  async fill(target: Target, text: string): Promise<void> {
    const el = await this.#find(target);
    await el.scrollIntoView({ block: 'center' });
    await el.clearValue();
    await el.addValue(text);
  }

  async setViewport(width: number, height: number): Promise<{ width: number; height: number }> {
    // The window is sized asynchronously (Xvfb's window manager answers later): a size read right
    // after setWindowSize can still be the old one, and correcting by it overshot (1440 asked,
    // 447 read, 2433 set). So read until two reads agree, then correct by the window's own chrome.
    let window = { width, height };
    let got = await this.#settledInner();
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = got;
      await this.#session.setWindowSize(window.width, window.height);
      got = await this.#settledInner(before);
      if (got.width === width && got.height === height) break;
      window = { width: window.width + (width - got.width), height: window.height + (height - got.height) };
    }
    return got;
  }

  /**
   * The viewport's size once it differs from `before` (up to 1 s: a window at its minimum size does
   * not change) and two reads 100 ms apart agree (at most 2 s more).
   */
  async #settledInner(before?: { width: number; height: number }): Promise<{ width: number; height: number }> {
    const inner = async () => {
      const [w, h] = await this.#session.execute('return [innerWidth, innerHeight]') as [number, number];
      return { width: w, height: h };
    };
    let last = await inner();
    for (const deadline = Date.now() + 1000; before && last.width === before.width && last.height === before.height && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
      last = await inner();
    }
    for (const deadline = Date.now() + 2000; Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 100));
      const now = await inner();
      if (now.width === last.width && now.height === last.height) return now;
      last = now;
    }
    return last;
  }

  async screenshot(path: string): Promise<void> {
    writeFileSync(path, Buffer.from(await this.#session.takeScreenshot(), 'base64'));
  }

  async errors(): Promise<string[]> {
    await this.#harvest().catch(() => {});
    return [...new Set(this.#errors)];
  }

  async close(): Promise<void> {
    await this.#session.deleteSession();
  }
}

/** Starts WebKitWebDriver (and Xvfb when needed); every page is a new MiniBrowser session. */
export async function launchWebKit(): Promise<E2EBrowser> {
  const driver = await startWebKitDriver();
  const open = () => remote({
    hostname: '127.0.0.1',
    port: driver.port,
    path: '/',
    logLevel: 'error',
    capabilities: { 'wdio:enforceWebDriverClassic': true, ...driver.capabilities } as WebdriverIO.Capabilities,
  });
  let version = 'webkit';
  try {
    const probe = await open();
    version = `webkit (WebKitGTK ${probe.capabilities.browserVersion ?? '?'})`;
    await probe.deleteSession();
  } catch (error) {
    await driver.stop();
    throw error;
  }
  return {
    version,
    async newPage(viewport) {
      // A MiniBrowser that does not start (seen once on a loaded 2-core machine: no answer to the
      // new-session request for 120 s) is the driver's fault, not the flow's: one more session is
      // asked for before the flow fails.
      const session = await open().catch((error: unknown) => {
        console.warn(`    (WebKit: a new browser session did not start, asking once more: ${String(error).slice(0, 160)})`);
        return open();
      });
      const page = new WebDriverPage(session);
      await page.setViewport(viewport.width, viewport.height);
      return page;
    },
    close: () => driver.stop(),
  };
}
