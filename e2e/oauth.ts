/**
 * End-to-end tests of "Sign in with Parallel" in Chromium: the `npm start` stack (mock backend with
 * its OAuth provider, proxy, Vite demo) on free ports, driven by playwright-core through the real
 * consent page and redirects. Its own runner (network interception is what the tampering cases
 * need); `npm test` runs it after e2e/run.ts. Ends with `e2e-oauth: N passed, N failed`.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Page, type Request } from 'playwright-core';
import { startDemo } from '../scripts/start.js';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = 'test-results/screenshots';
const RETURN_PARAMS = ['code', 'state', 'iss', 'error', 'error_description'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** What the test saw on the wire. */
interface Wire {
  tokens: string[];
  tokenRequests: number;
  apiRequests: Request[];
}

function watchWire(page: Page): Wire {
  const wire: Wire = { tokens: [], tokenRequests: 0, apiRequests: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/getKeys/token')) wire.tokenRequests++;
    if (url.pathname.startsWith('/user-api/')) wire.apiRequests.push(request);
  });
  page.on('response', async (response) => {
    if (!new URL(response.url()).pathname.endsWith('/getKeys/token') || response.status() !== 200) return;
    const body = await response.json().catch(() => ({})) as { access_token?: string };
    if (body.access_token) wire.tokens.push(body.access_token);
  });
  return wire;
}

const authStatus = (page: Page) => page.evaluate(() => (document.querySelector('task-form') as unknown as { authStatus?: string }).authStatus);

async function settled(page: Page): Promise<string | undefined> {
  await page.waitForFunction(() => {
    const status = (document.querySelector('task-form') as unknown as { authStatus?: string } | null)?.authStatus;
    return status === 'signed-in' || status === 'signed-out' || status === 'error';
  }, undefined, { timeout: 20_000 });
  return authStatus(page);
}

/** Switches the demo to "Sign in with Parallel" (kept for the tab), with `storage` for the key. */
async function chooseSignIn(page: Page, storage = 'session'): Promise<void> {
  await page.locator('select[name="oauth-storage"]').selectOption(storage);
  await page.getByLabel('Sign in with Parallel').check();
  await page.locator('task-form').locator('[part~="sign-in"]').waitFor();
}

/** Clicks "Sign in with Parallel" and answers the provider's consent page. */
async function signIn(page: Page, decision: 'Allow' | 'Deny' = 'Allow'): Promise<string | undefined> {
  await page.locator('task-form').locator('[part~="sign-in"]').click();
  await page.waitForURL(/\/getKeys\/authorize\?/);
  await page.getByRole('button', { name: decision }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return settled(page);
}

/** Waits until `tag` shows its "Sign in to see runs" state. */
async function waitingForSignIn(page: Page, tag: string): Promise<void> {
  await page.locator(tag).locator('[data-reason="sign-in"]').getByText('Sign in to see runs').waitFor({ timeout: 5_000 });
}

/**
 * Page init script: records each `history.replaceState` that removes `code` from the address bar,
 * with the sign-in modules downloaded by then (the answer must leave before the sign-in code loads).
 */
function watchWipes(): void {
  const wipes: Array<{ signInCode: string[] }> = [];
  (window as unknown as { returnWipes: typeof wipes }).returnWipes = wipes;
  const replace = history.replaceState.bind(history);
  history.replaceState = (state: unknown, unused: string, url?: string | URL | null) => {
    const before = new URL(location.href).searchParams.has('code');
    replace(state, unused, url);
    if (before && !new URL(location.href).searchParams.has('code')) {
      const signInCode = performance.getEntriesByType('resource').map((entry) => entry.name)
        .filter((name) => /oauth-(binding|controller|views|session|runtime|flow)|oauth4webapi/.test(name));
      wipes.push({ signInCode });
    }
  };
}

async function formError(page: Page): Promise<string> {
  return page.locator('task-form').locator('[part~="auth"] [role="alert"]').innerText();
}

function returnParamsIn(url: string): string[] {
  const params = new URL(url).searchParams;
  return RETURN_PARAMS.filter((name) => params.has(name));
}

/** Every record of every IndexedDB database of the page, as JSON (the store's event logs live there). */
const indexedDbDump = (page: Page) => page.evaluate(async () => {
  const out: unknown[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of db.objectStoreNames) {
      const all = db.transaction(store).objectStore(store).getAll();
      out.push(await new Promise((resolve) => (all.onsuccess = () => resolve(all.result))));
    }
    db.close();
  }
  return JSON.stringify(out);
});

/** Everything a page shows or holds outside Web Storage: the light DOM and every shadow root, as HTML. */
const pageMarkup = (page: Page) => page.evaluate(() => {
  const parts = [document.documentElement.outerHTML];
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML);
  return parts.join('\n');
});

async function submit(page: Page, input?: string): Promise<string> {
  const form = page.locator('task-form');
  if (input !== undefined) await form.locator('#pf-input').fill(input);
  await form.locator('#pf-processor').selectOption('lite');
  const created = page.evaluate(() => new Promise<string>((resolve, reject) => {
    document.addEventListener('task-created', (e) => resolve((e as unknown as { runId: string }).runId), { once: true });
    setTimeout(() => reject(new Error(`no task-created within 20 s; the form says: ${document.querySelector('task-form')!.shadowRoot!.textContent!.replace(/\s+/g, ' ').replace(/Processor.*?Run task/, '… Run task').slice(-900)}`)), 20_000);
  }));
  await form.getByRole('button', { name: 'Run task' }).click();
  return created;
}

type Test = [string, (page: Page, wire: Wire) => Promise<void>];

const tests: Test[] = [
  ['signs in with Parallel, keeps the draft, and sends the key only as x-api-key', async (page, wire) => {
    await chooseSignIn(page);
    await waitingForSignIn(page, 'task-stream');
    await waitingForSignIn(page, 'task-history');
    await page.locator('task-form').locator('#pf-input').fill('Draft typed before signing in');
    await page.addInitScript(watchWipes);
    assert((await signIn(page)) === 'signed-in', 'signed in');
    assert(returnParamsIn(page.url()).length === 0, `code, state and iss are gone from the address bar (${page.url()})`);
    const wipes = await page.evaluate(() => (window as unknown as { returnWipes: Array<{ signInCode: string[] }> }).returnWipes);
    assert(wipes.length === 1, `the answer was wiped once (${JSON.stringify(wipes)})`);
    assert(wipes[0]!.signInCode.length === 0, `before any of the sign-in code was downloaded (had: ${wipes[0]!.signInCode.join(', ')})`);
    assert(wire.tokenRequests === 1 && wire.tokens.length === 1, 'one token request');
    const [token] = wire.tokens as [string];
    assert(await page.locator('task-form').locator('[part~="sign-out"]').isVisible(), 'Sign out is offered');
    assert((await page.locator('task-form').locator('#pf-input').inputValue()) === 'Draft typed before signing in', 'the draft survived the round trip');
    assert((await page.locator('#log').innerText()).includes('signed-in'), 'task-auth told the page');

    const runId = await submit(page);
    await page.waitForFunction((id) => (document.querySelector('task-stream') as unknown as { run?: { id: string; status: string } }).run?.status === 'completed', runId, { timeout: 60_000 });
    const create = wire.apiRequests.find((r) => r.method() === 'POST');
    assert(create, 'the create request went through the user proxy');
    assert((await create.allHeaders())['x-api-key'] === token, 'the create request carries the key from the sign-in as x-api-key');
    for (const request of wire.apiRequests) {
      assert((await request.allHeaders())['x-api-key'] === token, `every API request carries the key (${request.url()})`);
      assert(!request.url().includes(token), 'never in a URL');
    }
    assert(!(await pageMarkup(page)).includes(token), 'never in the DOM or an attribute');
    const stored = await page.evaluate((t) => ({
      session: Object.values(sessionStorage).includes(t), local: Object.values(localStorage).some((v) => v.includes(t)),
      otherSession: Object.values(sessionStorage).filter((v) => v.includes(t)).length,
      pending: Object.keys(sessionStorage).filter((k) => k.includes(':oauth:pending')),
    }), token);
    assert(stored.session && stored.otherSession === 1 && !stored.local, `kept in one sessionStorage slot only (oauth-storage="session"): ${JSON.stringify(stored)}`);
    assert(stored.pending.length === 0, 'the pending sign-in (state, verifier) is gone once used');
    assert(!(await indexedDbDump(page)).includes(token), 'not in the event logs (IndexedDB)');
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/oauth-signed-in.png`, fullPage: true });
  }],
  ['a reload keeps the session with oauth-storage="session" and "local", and signs out with "memory"', async (page) => {
    for (const [storage, kept] of [['session', true], ['local', true], ['memory', false]] as const) {
      await chooseSignIn(page, storage);
      if ((await authStatus(page)) !== 'signed-in') assert((await signIn(page)) === 'signed-in', `signed in (${storage})`);
      await page.reload();
      const status = await settled(page);
      assert(status === (kept ? 'signed-in' : 'signed-out'), `${storage}: after a reload the form is ${status}`);
      const where = await page.evaluate(() => ({ session: Object.keys(sessionStorage).some((k) => k.includes(':oauth:key:')), local: Object.keys(localStorage).some((k) => k.includes(':oauth:key:')) }));
      assert(where.session === (storage === 'session') && where.local === (storage === 'local'), `${storage}: stored ${JSON.stringify(where)}`);
      if (kept) await page.locator('task-form').locator('[part~="sign-out"]').click();
    }
  }],
  ['sign-out forgets the key everywhere and says the key stays valid in Parallel’s platform', async (page) => {
    await chooseSignIn(page, 'local');
    assert((await signIn(page)) === 'signed-in', 'signed in');
    await page.locator('task-form').locator('[part~="sign-out"]').click();
    assert((await authStatus(page)) === 'signed-out', 'signed out');
    const text = await page.locator('task-form').locator('[part~="auth"]').innerText();
    assert(/stays valid in Parallel's platform/.test(text), `the form says what sign-out does not do (${text})`);
    await waitingForSignIn(page, 'task-stream');
    const left = await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)].filter((k) => k.includes(':oauth:key:')));
    assert(left.length === 0, `no key left in storage (${left.join(', ')})`);
    assert((await page.locator('#log').innerText()).includes('signed-out'), 'task-auth told the page');
    await page.reload();
    assert((await settled(page)) === 'signed-out', 'still signed out after a reload');
  }],
  ['a tampered state ends in a clear error, and no token is requested', async (page, wire) => {
    await chooseSignIn(page);
    await page.route('**/getKeys/authorize', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      const location = new URL(response.headers().location!);
      location.searchParams.set('state', 'forged-state-value-from-an-attacker-link');
      await route.fulfill({ status: 302, headers: { location: location.href } });
    });
    assert((await signIn(page)) === 'error', 'the sign-in failed');
    assert(/did not belong to the sign-in this tab started/.test(await formError(page)), 'the form says why');
    assert(wire.tokenRequests === 0, 'nothing was exchanged');
    assert(returnParamsIn(page.url()).length === 0, 'the answer is gone from the address bar');
    await waitingForSignIn(page, 'task-stream');
  }],
  ['a replayed code ends in a clear error and no key', async (page, wire) => {
    await chooseSignIn(page);
    let used: string | undefined;
    let replay = false;
    await page.route('**/getKeys/authorize', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      const location = new URL(response.headers().location!);
      if (replay && used) location.searchParams.set('code', used); // the fresh state, an old code
      else used = location.searchParams.get('code') ?? undefined;
      await route.fulfill({ status: 302, headers: { location: location.href } });
    });
    assert((await signIn(page)) === 'signed-in', 'the first sign-in worked');
    await page.locator('task-form').locator('[part~="sign-out"]').click();
    replay = true;
    assert((await signIn(page)) === 'error', 'the replay failed');
    assert(/already used/.test(await formError(page)), `the form shows the server's reason (${await formError(page)})`);
    assert(wire.tokens.length === 1, 'only the first exchange produced a key');
    assert((await authStatus(page)) === 'error', 'not signed in');
  }],
  ['a denied consent ends in a clear error and no key', async (page, wire) => {
    await chooseSignIn(page);
    assert((await signIn(page, 'Deny')) === 'error', 'not signed in');
    assert(/You did not allow this page to use your Parallel account/.test(await formError(page)), 'the form says what happened');
    assert(wire.tokenRequests === 0, 'nothing was exchanged');
    assert((await page.locator('#log').innerText()).includes('task-auth'), 'task-auth told the page');
  }],
  ['a redirect URI the provider does not accept stops at the provider with a clear error, and no key', async (page, wire) => {
    await chooseSignIn(page);
    // A client id copied from another site: the provider refuses to send anything back to this page.
    await page.evaluate(() => document.querySelector('task-form')!.setAttribute('oauth-client-id', 'example.com'));
    await page.locator('task-form').locator('[part~="sign-in"]').click();
    await page.waitForURL(/\/getKeys\/authorize\?/);
    const text = await page.locator('body').innerText();
    assert(/redirect URI is not allowed/.test(text), `the provider says why (${text})`);
    assert(await page.getByRole('button', { name: 'Allow' }).count() === 0, 'no consent is offered');
    await page.goBack();
    assert((await settled(page)) === 'signed-out', 'back on the page: still signed out');
    assert(wire.tokenRequests === 0, 'nothing was exchanged');
  }],
  ['the demo\'s credentials switch changed while the elements still load takes effect once they are there', async (page) => {
    // A slow first load: the elements' module is held back while the person picks "Sign in with Parallel".
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route((url) => url.pathname.endsWith('/src/define.ts'), async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(page.url());
    await page.locator('select[name="oauth-storage"]').selectOption('local');
    await page.getByLabel('Sign in with Parallel').check();
    assert(await page.evaluate(() => customElements.get('task-form') === undefined), 'the elements were still loading');
    release();
    await page.locator('task-form').locator('[part~="sign-in"]').waitFor({ timeout: 10_000 });
    const attributes = await page.evaluate(() => ['auth-mode', 'oauth-storage'].map((name) => document.querySelector('task-stream')!.getAttribute(name)));
    assert(attributes.join() === 'oauth,local', `every element follows the switches (${attributes.join()})`);
    await waitingForSignIn(page, 'task-history');
  }],
];

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
  const demo = await startDemo({ ...process.env, PORT: String(await freePort()), MOCK: '1', MOCK_SPEED: '8' });
  let passed = 0;
  let failed = 0;
  try {
    const only = process.env.E2E_ONLY; // a substring of test names, for a quick local run
    for (const [name, run] of tests.filter(([n]) => !only || n.includes(only))) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      const page = await context.newPage();
      const errors: string[] = [];
      const logs: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => logs.push(message.text()));
      const wire = watchWire(page);
      try {
        await page.goto(demo.url);
        await page.waitForFunction(() => customElements.get('task-form') !== undefined);
        await run(page, wire);
        assert(errors.length === 0, `no page errors (${errors.join('; ')})`);
        for (const token of wire.tokens) {
          assert(!errors.some((e) => e.includes(token)), 'the key is in no error');
          assert(!logs.some((line) => line.includes(token)), 'the key is in no console message');
        }
        passed++;
        console.log(`  ✔ ${name}`);
      } catch (error) {
        failed++;
        console.log(`  ✘ ${name}\n    ${error instanceof Error ? (process.env.E2E_DEBUG ? error.stack : error.message) : String(error)}`);
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: `${SHOTS}/failure-oauth-${name.replace(/\W+/g, '-').slice(0, 60)}.png`, fullPage: true }).catch(() => {});
      } finally {
        await context.close();
      }
    }
  } finally {
    await demo.close();
    await browser.close();
  }
  console.log(`e2e-oauth: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
