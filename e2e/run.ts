/**
 * End-to-end tests: the `npm start` stack (mock backend + proxy + Vite demo) on free ports, driven
 * in headless Chromium by playwright-core. Screenshots (light and dark, narrow and wide) are saved
 * to test-results/screenshots/. Ends with `e2e: N passed, N failed`.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDemo } from '../scripts/start.js';
import { startScriptTagSite } from './script-tag.js';
import { buildExample, EXAMPLES, startExampleSite, TYPE_CHECKED, typeErrors, type ExampleName } from './examples.js';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = 'test-results/screenshots';

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

interface StreamState {
  runId: string | undefined;
  status: string | undefined;
  ids: string[];
  messages: string[];
  outputType: string | undefined;
}

/** What `<task-stream>` shows now, through its public properties. */
function streamState(page: Page): Promise<StreamState> {
  return page.evaluate(() => {
    const el = document.querySelector('task-stream') as unknown as { run?: { id: string; status: string; output?: { type: string } }; events: Array<{ id: string; kind: string; text?: string }> };
    return {
      runId: el.run?.id,
      status: el.run?.status,
      ids: el.events.map((e) => e.id),
      messages: el.events.filter((e) => e.kind === 'message').map((e) => e.text ?? ''),
      outputType: el.run?.output?.type,
    };
  });
}

async function waitForStatus(page: Page, status: string, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction((s) => (document.querySelector('task-stream') as unknown as { run?: { status: string } }).run?.status === s, status, { timeout: timeoutMs });
}

async function submitParallel(page: Page, input: string, schema?: object): Promise<string> {
  const form = page.locator('task-form');
  await form.locator('#pf-input').fill(input);
  await form.locator('#pf-processor').selectOption('lite');
  if (schema) {
    await form.getByRole('radio', { name: 'JSON schema' }).check();
    await form.locator('#pf-output-schema').fill(JSON.stringify(schema));
  }
  const created = page.evaluate(() => new Promise<string>((resolve) => document.addEventListener('task-created', (e) => resolve((e as unknown as { runId: string }).runId), { once: true })));
  await form.getByRole('button', { name: 'Run task' }).click();
  return created;
}

async function setScenario(page: Page, scenario: string): Promise<void> {
  await page.locator('select[name=scenario]').selectOption(scenario);
}

const tests: Array<[string, (page: Page, url: string) => Promise<void>]> = [
  ['submits a Parallel task with a JSON schema and watches it complete', async (page) => {
    const schema = { type: 'object', properties: { company: { type: 'string' }, acquisitions: { type: 'array', items: { type: 'string' } } }, required: ['company', 'acquisitions'], additionalProperties: false };
    const runId = await submitParallel(page, 'Which companies did Acme acquire?', schema);
    await waitForStatus(page, 'completed');
    const state = await streamState(page);
    assert(state.runId === runId, `the stream shows the new run (${state.runId} vs ${runId})`);
    assert(state.outputType === 'json', 'JSON output');
    assert(new Set(state.ids).size === state.ids.length, 'every event once');
    const tree = await page.locator('task-stream').locator('[part~="output"] .json-root').innerText();
    assert(tree.includes('company') && tree.includes('acquisitions'), 'the output follows the requested schema');
  }],
  ['submits a Shannon task and watches the answer stream in', async (page) => {
    await page.getByLabel('Shannon').check();
    const form = page.locator('task-form');
    await form.locator('#sf-query').fill('Compare the two largest Swiss cities');
    const created = page.evaluate(() => new Promise<string>((resolve) => document.addEventListener('task-created', (e) => resolve((e as unknown as { runId: string }).runId), { once: true })));
    await form.getByRole('button', { name: 'Run task' }).click();
    const runId = await created;
    await waitForStatus(page, 'completed');
    const state = await streamState(page);
    assert(state.runId === runId && state.outputType === 'text', 'Shannon run completed with a text answer');
    assert(new Set(state.ids).size === state.ids.length, 'every event once');
    const answer = await page.locator('task-stream').locator('[part~="output"] .markdown').innerText();
    assert(answer.length > 40, 'the answer is rendered');
  }],
  ['picks an older run in the history and shows it', async (page) => {
    const first = await submitParallel(page, 'First question');
    await waitForStatus(page, 'completed');
    const second = await submitParallel(page, 'Second question');
    await waitForStatus(page, 'completed');
    assert((await streamState(page)).runId === second, 'the newest run is shown');
    const history = page.locator('task-history');
    await history.getByRole('option', { name: /First question/ }).click();
    await page.waitForFunction((id) => (document.querySelector('task-stream') as unknown as { run?: { id: string } }).run?.id === id, first);
    assert((await streamState(page)).status === 'completed', 'the older run shows its final state');
  }],
  ['resumes after a reload mid-stream without duplicating events', async (page, url) => {
    await setScenario(page, 'slow');
    const runId = await submitParallel(page, 'A slow research task');
    await page.waitForFunction(() => (document.querySelector('task-stream') as unknown as { events: Array<{ kind: string }> }).events.filter((e) => e.kind === 'message').length >= 3, undefined, { timeout: 60_000 });
    const before = await streamState(page);
    await page.reload();
    await page.waitForFunction((id) => (document.querySelector('task-stream') as unknown as { run?: { id: string } }).run?.id === id, runId);
    await waitForStatus(page, 'completed', 120_000);
    const after = await streamState(page);
    assert(new Set(after.ids).size === after.ids.length, 'no event twice');
    assert(new Set(after.messages).size === after.messages.length, 'no progress message twice');
    assert(before.messages.every((m, i) => after.messages[i] === m), 'what was shown before the reload stays, in order');
    assert(after.messages.length > before.messages.length, 'new events arrived after the reload');
    // A finished run's log is one line ("N progress events · show"): open it to count its rows.
    await page.locator('task-stream').locator('[part~="log-summary"] button').click();
    const rows = await page.locator('task-stream').locator('[part~="event"][data-type="message"]').count();
    assert(rows === Math.min(after.messages.length, 100), `one row per message (${rows} rows, ${after.messages.length} messages)`);
    void url;
  }],
  ['refuses an invalid form with field errors and sends nothing', async (page) => {
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    const form = page.locator('task-form');
    await form.getByRole('radio', { name: 'JSON object' }).check();
    await form.locator('#pf-input').fill('{"company": ');
    await form.getByRole('radio', { name: 'JSON schema' }).check();
    await form.locator('#pf-output-schema').fill('{"type": "array"}');
    await form.getByRole('button', { name: 'Run task' }).click();
    await page.waitForTimeout(300);
    assert(posts.length === 0, `nothing was sent (${posts.join(', ')})`);
    assert((await form.locator('#pf-input-error').innerText()).includes('not valid JSON'), 'the input says why');
    assert((await form.locator('#pf-output-schema-error').innerText()).includes('"type": "object"'), 'the schema says why');
    assert((await form.locator('#pf-input').getAttribute('aria-invalid')) === 'true', 'the field is marked invalid');
  }],
  ['looks right in light and dark, narrow and wide (screenshots)', async (page) => {
    await submitParallel(page, 'What does a typical research run look like?');
    await waitForStatus(page, 'completed');
    mkdirSync(SHOTS, { recursive: true });
    for (const theme of ['light', 'dark']) {
      await page.getByLabel(theme === 'light' ? 'Light' : 'Dark').check();
      for (const [name, width] of [['wide', 1440], ['narrow', 390]] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(150);
        // Make the viewport as tall as the page first: rows use content-visibility: auto and are
        // painted a frame after they come into view, which a full-page capture does not wait for.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${SHOTS}/demo-${theme}-${name}.png`, fullPage: true });
        await page.setViewportSize({ width, height: 900 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 1, `no horizontal overflow at ${width}px (${overflow}px)`);
      }
    }
  }],
];

/** The bundle from a plain script tag, outside Vite (the site of script-tag.ts). */
const bundleTests: Array<[string, (page: Page, url: string) => Promise<void>]> = [
  ['the minified bundle registers the elements from a plain <script type="module"> and runs a task', async (page) => {
    await page.waitForFunction(() => ['task-form', 'task-stream', 'task-history'].every((tag) => customElements.get(tag)));
    await submitParallel(page, 'Bundle check');
    await waitForStatus(page, 'completed');
    assert(await page.locator('task-history').getByRole('option', { name: /Bundle check/ }).count() === 1, 'the history lists the run');
  }],
  ['a page with only <task-stream> downloads the loader, the shared chunk and that element, nothing else', async (page, url) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${url}stream-only`);
    await page.waitForFunction(() => customElements.get('task-stream') !== undefined);
    await page.waitForTimeout(300);
    const names = scripts.map((p) => p.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, ''));
    assert(JSON.stringify(names.sort()) === JSON.stringify(['shared', 'task-elements.bundle.js', 'task-stream']), `scripts: ${names.join(', ')}`);
    assert(!(await page.evaluate(() => customElements.get('task-form') !== undefined)), '<task-form> was not loaded');
  }],
];

/**
 * An example app, driven as its user would: a key typed into the app's own state, a task submitted,
 * live progress and the completion arriving in the framework's state, theming from the app's CSS.
 */
function exampleTest(name: ExampleName, keysSeen: () => Set<string>): [string, (page: Page, url: string) => Promise<void>] {
  return [`examples/${name}: a key from app state, submit → live progress → completion in ${name} state, themed by the app`, async (page) => {
    await page.waitForFunction(() => ['task-form', 'task-stream', 'task-history'].every((tag) => customElements.get(tag)));
    const key = `example-key-${name}`;
    await page.locator('.key input').fill(key);
    const form = page.locator('task-form');
    await form.locator('#pf-input').fill(`What does the ${name} example show?`);
    await form.locator('#pf-processor').selectOption('lite');
    await form.getByRole('button', { name: 'Run task' }).click();
    const state = page.getByTestId('app-state');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="events"]')?.textContent ?? 0) > 0, undefined, { timeout: 60_000 });
    const live = await state.innerText();
    assert(/running|queued/.test(live), `progress arrived while the run was live (${live})`);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent === 'completed', undefined, { timeout: 90_000 });
    const runId = await page.evaluate(() => (document.querySelector('task-stream') as unknown as { run?: { id: string } }).run?.id);
    assert(runId !== undefined && (await state.innerText()).includes(runId), 'the app state names the run the stream shows');
    assert(keysSeen().has(key), `requests carried the key from app state (${[...keysSeen()].join(', ')})`);
    const attrs = await page.evaluate(() => [...document.querySelectorAll('task-form, task-stream, task-history')].flatMap((el) => el.getAttributeNames()));
    assert(!attrs.some((a) => /api-?key/i.test(a)), `no key attribute in the DOM (${attrs.join(', ')})`);
    const accent = await page.evaluate(() => getComputedStyle(document.querySelector('task-stream')!).getPropertyValue('--task-accent').trim());
    assert(accent !== '', 'the app sets --task-accent');
    const badge = await page.evaluate(() => {
      const el = document.querySelector('task-stream')!.shadowRoot!.querySelector('[part~="status-completed"]');
      return el ? getComputedStyle(el).backgroundColor : undefined;
    });
    assert(badge === 'rgb(220, 252, 231)', `::part(status-completed) from the app's CSS applies (${badge})`);
    assert(await page.locator('task-history').getByRole('option').count() >= 1, 'the history lists the run');
  }];
}

/** Runs tests against a site, each in a fresh browser context; returns the counts. */
async function runSuite(browser: Browser, url: string, suite: typeof tests): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  for (const [name, run] of suite) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(url);
      await page.waitForFunction(() => customElements.get('task-stream') !== undefined);
      await run(page, url);
      assert(errors.length === 0, `no page errors (${errors.join('; ')})`);
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (error) {
      failed++;
      console.log(`  ✘ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/failure-${name.replace(/\W+/g, '-').slice(0, 60)}.png`, fullPage: true }).catch(() => {});
    } finally {
      await context.close();
    }
  }
  return { passed, failed };
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });
  const totals = { passed: 0, failed: 0 };
  const add = (r: { passed: number; failed: number }) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
  };
  try {
    // E2E_ONLY=examples runs only the example apps (while working on them).
    const only = process.env.E2E_ONLY;
    if (!only) {
      const demo = await startDemo({ ...process.env, PORT: String(await freePort()), MOCK: '1', MOCK_SPEED: '4' });
      try {
        add(await runSuite(browser, demo.url, tests));
      } finally {
        await demo.close();
      }
      const site = await startScriptTagSite();
      try {
        add(await runSuite(browser, site.url, bundleTests));
      } finally {
        await site.close();
      }
    }
    for (const name of TYPE_CHECKED) {
      const types = await typeErrors(name);
      const ok = types.expected.length >= 2 && JSON.stringify(types.actual) === JSON.stringify(types.expected);
      if (ok) totals.passed++;
      else totals.failed++;
      console.log(`  ${ok ? '✔' : '✘'} examples/${name}: its template type checker rejects the marked bindings (wrong values, mismatched event handlers), exactly there${ok ? '' : `\n    expected ${types.expected.join(', ')}\n    got ${types.actual.join(', ')}\n${types.output.slice(-2000)}`}`);
    }
    for (const name of EXAMPLES) {
      try {
        await buildExample(name);
      } catch (error) {
        totals.failed++;
        console.log(`  ✘ examples/${name} builds\n    ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const example = await startExampleSite(name);
      try {
        add(await runSuite(browser, example.url, [exampleTest(name, () => example.keysSeen)]));
      } finally {
        await example.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed ? 1 : 0);
}

await main();
