/**
 * What the end-to-end tests need from a browser, the same in every engine: e2e/flows.ts is written
 * against `E2EPage` only, and e2e/drivers/ implement it — puppeteer-core for Chromium (CDP) and
 * Firefox (WebDriver BiDi), webdriverio over classic WebDriver for WebKit (WebKitWebDriver).
 *
 * Elements are found with a {@link Target}: a CSS selector, optionally inside one custom element's
 * shadow root, optionally narrowed by accessible name (aria-label, label text, or text content).
 * Clicks and typing are the driver's native input (real mouse and keyboard events); choosing a
 * `<select>` option is done by script in every engine, because the native dropdown is an OS widget
 * that the drivers do not drive alike.
 */

/** An element on the page. */
export interface Target {
  /** A custom element (`task-form`) whose shadow root holds the element; the document when absent. */
  host?: string;
  /** CSS selector inside the host's shadow root (or the document). */
  css: string;
  /** Keeps elements whose accessible name contains this text (case-sensitive). */
  name?: string;
}

/** One browser tab with its own storage. */
export interface E2EPage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page; the result must be JSON-serialisable. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  click(target: Target): Promise<void>;
  /** Clears a text field and types `text` into it with the keyboard. */
  fill(target: Target, text: string): Promise<void>;
  /**
   * Sets the viewport (the page's layout size) in CSS pixels; resolves with the size reached, which
   * is larger when the browser window has a minimum size (WebKitGTK's MiniBrowser).
   */
  setViewport(width: number, height: number): Promise<{ width: number; height: number }>;
  /** Saves a PNG of the viewport. */
  screenshot(path: string): Promise<void>;
  /** Uncaught errors and unhandled rejections in the page so far (see each driver for what it sees). */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

/** A browser engine, launched once per suite. */
export interface E2EBrowser {
  /** What ran, e.g. "firefox 153.8.0". */
  readonly version: string;
  newPage(viewport: { width: number; height: number }): Promise<E2EPage>;
  /**
   * A browser context whose pages share storage, locks and BroadcastChannels like the tabs of
   * one profile (e2e/tabs.ts). Absent where the driver has no contexts (WebKitGTK's WebDriver).
   */
  newContext?(): Promise<E2EContext>;
  close(): Promise<void>;
}

/** Pages of one browser context: tabs of one user. */
export interface E2EContext {
  newPage(viewport: { width: number; height: number }): Promise<E2EPage>;
  close(): Promise<void>;
}

/**
 * Page-side source of `(target) => Element`: the one element a {@link Target} names, or a thrown
 * Error saying how many matched. Accessible name: aria-label, else the text of the element's
 * labels, else its text content. Kept as source text so that no build step can rewrite it (tsx
 * adds helper calls to named functions, which do not exist in the page).
 */
export const FIND_ONE = `(target) => {
  const root = target.host ? document.querySelector(target.host)?.shadowRoot : document;
  if (!root) throw new Error('no ' + target.host + ' with a shadow root on the page');
  const name = (el) => el.getAttribute('aria-label')
    || (el.labels && el.labels.length ? Array.from(el.labels, (l) => l.textContent || '').join(' ') : el.textContent || '');
  const found = Array.from(root.querySelectorAll(target.css)).filter((el) => target.name === undefined || name(el).includes(target.name));
  if (found.length !== 1) throw new Error(found.length + ' elements match ' + JSON.stringify(target) + ' (expected one)');
  return found[0];
}`;

/** Polls `fn(arg)` in the page until it returns true; throws after `timeoutMs` with `what`. */
export async function waitFor<A>(page: E2EPage, fn: (arg: A) => boolean, arg: A, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(fn, arg)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
