// The three browser engines the tests run in, from Debian packages only (nothing is downloaded):
//   chromium  /usr/bin/chromium (package `chromium`), driven over CDP by puppeteer-core
//   firefox   /usr/bin/firefox-esr (package `firefox-esr`), driven over WebDriver BiDi by puppeteer-core
//   webkit    WebKitGTK's MiniBrowser (package `webkit2gtk-driver` pulls it in), driven over classic
//             WebDriver by WebKitWebDriver; it needs an X display, so Xvfb (package `xvfb`) is started
//             when DISPLAY is unset.
// Used by scripts/test-browser.mjs (web-test-runner), e2e/run.ts and scripts/test.mjs.
// Paths can be overridden: CHROME_PATH, FIREFOX_PATH, WEBKIT_DRIVER_PATH, MINIBROWSER_PATH.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const ENGINES = /** @type {const} */ (['chromium', 'firefox', 'webkit']);

/** Chromium flags verified in specs/toolchain.md: root needs --no-sandbox; the rest keep it off the network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const paths = {
  chromium: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
  webkitDriver: process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver',
  miniBrowser: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  xvfb: '/usr/bin/Xvfb',
};

/**
 * The locale every engine runs in, so tests see one number and date format: with LANG unset,
 * WebKitGTK's default locale is `en-US-u-va-posix` (navigator.language "C"), which formats 25000
 * without grouping, and Chromium follows LANG too. Firefox uses its built-in en-US.
 */
export const LOCALE_ENV = { LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en', LC_ALL: 'en_US.UTF-8' };

/** Debian packages per engine (what `.ci/run` installs). */
export const PACKAGES = { chromium: ['chromium'], firefox: ['firefox-esr'], webkit: ['webkit2gtk-driver', 'xvfb'] };

/**
 * Reads `--browser <name>` / `--browser=<name>` (repeatable, comma lists, `all`) out of argv.
 * @param {string[]} argv
 * @param {string[]} fallback engines when none is named
 * @returns {{ engines: string[], rest: string[] }} the engines in ENGINES order and the other arguments
 * @throws {Error} for an unknown engine name
 */
export function parseEngines(argv, fallback = ['chromium']) {
  const named = [];
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--browser' || arg === '--browsers') named.push(...String(argv[++i] ?? '').split(','));
    else if (arg.startsWith('--browser=') || arg.startsWith('--browsers=')) named.push(...arg.slice(arg.indexOf('=') + 1).split(','));
    else rest.push(arg);
  }
  const wanted = new Set(named.length ? named.flatMap((n) => (n === 'all' ? ENGINES : [n.trim().toLowerCase()])) : fallback);
  for (const name of wanted) {
    if (!ENGINES.includes(name)) throw new Error(`Unknown browser "${name}": use chromium, firefox, webkit or all.`);
  }
  return { engines: ENGINES.filter((e) => wanted.has(e)), rest };
}

/** What is missing on this machine to run an engine, as a sentence with the fix; undefined when nothing is. */
export function missing(engine) {
  const need = engine === 'chromium' ? [paths.chromium]
    : engine === 'firefox' ? [paths.firefox]
      : [paths.webkitDriver, paths.miniBrowser, ...(process.env.DISPLAY ? [] : [paths.xvfb])];
  const absent = need.filter((p) => !existsSync(p));
  if (absent.length === 0) return undefined;
  return `${engine}: not found at ${absent.join(', ')}. Install it with:  sudo apt-get update && sudo apt-get install -y ${PACKAGES[engine].join(' ')}`;
}

/** A free loopback TCP port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Starts a process in its own group; `stop()` ends the whole group (the driver's browser included). */
function startGroup(command, args, env) {
  const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    exited,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Starts Xvfb on a free display number; resolves with `:N` and a stop function. */
async function startXvfb() {
  const child = spawn(paths.xvfb, ['-displayfd', '3', '-screen', '0', '1920x4000x24', '-nolisten', 'tcp'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('Xvfb did not report a display within 10 s')), 10_000);
    child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) { clearTimeout(timer); resolve(`:${out.trim()}`); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited with ${code}`)); });
  });
  return {
    display,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      await exited;
    },
  };
}

/**
 * Starts WebKitWebDriver (and Xvfb when DISPLAY is unset) for MiniBrowser.
 * @returns {Promise<{ port: number, capabilities: object, stop(): Promise<void> }>} `capabilities` are
 *   the W3C capabilities for a new session (classic WebDriver: WebKitGTK 2.50 has no usable BiDi).
 */
export async function startWebKitDriver() {
  const xvfb = process.env.DISPLAY ? undefined : await startXvfb();
  const env = { ...process.env, ...LOCALE_ENV, ...(xvfb ? { DISPLAY: xvfb.display } : {}) };
  const port = await freePort();
  const driver = startGroup(paths.webkitDriver, [`--port=${port}`, '--host=127.0.0.1'], env);
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (driver.child.exitCode !== null || Date.now() > deadline) {
      await driver.stop();
      await xvfb?.stop();
      throw new Error(`WebKitWebDriver did not start: ${driver.stderr() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: paths.miniBrowser, args: ['--automation'] },
    },
    async stop() {
      await driver.stop();
      await xvfb?.stop();
    },
  };
}
