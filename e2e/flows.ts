/**
 * The end-to-end flows, written once against {@link E2EPage} and run in every engine by e2e/run.ts:
 * submit → stream → complete (Parallel with a JSON schema, Shannon), the history, a reload
 * mid-stream, an invalid form, a 50-input batch (Parallel task group) from a CSV, the look in light and dark, the bundle from a plain script tag (and
 * only the chunks a page needs), and the example apps (React, Vue, Angular) as their users drive them.
 */
import { mkdirSync } from 'node:fs';
import { waitFor, type E2EPage } from './driver.js';

export const SHOTS = 'test-results/screenshots';
/** Tallest viewport a screenshot uses, in CSS px. */
const MAX_SHOT_HEIGHT = 3000;

/** A named flow; `run` gets the page (already at `url`, elements defined), the engine's name and the site's URL. */
export type Flow = [name: string, run: (page: E2EPage, engine: string, url: string) => Promise<void>];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function assert(condition: unknown, message: string): asserts condition {
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
function streamState(page: E2EPage): Promise<StreamState> {
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

function waitForStatus(page: E2EPage, status: string, timeoutMs = 60_000): Promise<void> {
  return waitFor(page, (s) => (document.querySelector('task-stream') as unknown as { run?: { status: string } }).run?.status === s, status, `the run to be ${status}`, timeoutMs);
}

function waitForRun(page: E2EPage, runId: string): Promise<void> {
  return waitFor(page, (id) => (document.querySelector('task-stream') as unknown as { run?: { id: string } }).run?.id === id, runId, `the stream to show ${runId}`);
}

/** Remembers the next `task-created` run id on the page; `createdRunId` reads it. */
function listenForCreated(page: E2EPage): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __created?: string };
    w.__created = undefined;
    document.addEventListener('task-created', (e) => (w.__created = (e as unknown as { runId: string }).runId), { once: true });
  });
}

async function createdRunId(page: E2EPage): Promise<string> {
  await waitFor(page, () => (window as unknown as { __created?: string }).__created !== undefined, undefined, 'task-created');
  return page.evaluate(() => (window as unknown as { __created: string }).__created);
}

/** Chooses an option of a `<select>` by value, as a user's pick does: sets it and fires input + change. */
function choose(page: E2EPage, target: { host?: string; css: string }, value: string): Promise<void> {
  return page.evaluate(({ t, v }) => {
    const root = t.host ? document.querySelector(t.host)!.shadowRoot! : document;
    const select = root.querySelector(t.css) as HTMLSelectElement;
    select.value = v;
    if (select.value !== v) throw new Error(`no option ${v} in ${t.css}`);
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, { t: target, v: value });
}

/** The rendered text of an element inside `host`'s shadow root, or in the document when `host` is undefined ('' when absent). */
function text(page: E2EPage, host: string | undefined, css: string): Promise<string> {
  return page.evaluate(({ h, c }) => ((h ? document.querySelector(h)!.shadowRoot! : document).querySelector(c) as HTMLElement | null)?.innerText ?? '', { h: host, c: css });
}

/** Path names of the scripts the page has fetched so far (Resource Timing: the same list in every engine). */
function scriptsFetched(page: E2EPage): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
}

async function submitParallel(page: E2EPage, input: string, schema?: object): Promise<string> {
  await page.fill({ host: 'task-form', css: '#pf-input' }, input);
  await choose(page, { host: 'task-form', css: '#pf-processor' }, 'lite');
  if (schema) {
    await page.click({ host: 'task-form', css: 'input[type=radio]', name: 'JSON schema' });
    await page.fill({ host: 'task-form', css: '#pf-output-schema' }, JSON.stringify(schema));
  }
  await listenForCreated(page);
  await page.click({ host: 'task-form', css: 'button[type=submit]', name: 'Run task' });
  return createdRunId(page);
}

export const demoFlows: Flow[] = [
  ['submits a Parallel task with a JSON schema and watches it complete', async (page) => {
    const schema = { type: 'object', properties: { company: { type: 'string' }, acquisitions: { type: 'array', items: { type: 'string' } } }, required: ['company', 'acquisitions'], additionalProperties: false };
    const runId = await submitParallel(page, 'Which companies did Acme acquire?', schema);
    await waitForStatus(page, 'completed');
    const state = await streamState(page);
    assert(state.runId === runId, `the stream shows the new run (${state.runId} vs ${runId})`);
    assert(state.outputType === 'json', 'JSON output');
    assert(new Set(state.ids).size === state.ids.length, 'every event once');
    const fields = await text(page, 'task-stream', '[part~="output"] [part~="fields"]');
    assert(fields.includes('Company') && fields.includes('Acquisitions'), 'the output follows the requested schema, as labelled fields');
  }],
  ['submits a Shannon task and watches the answer stream in', async (page) => {
    await page.click({ css: 'input[type=radio][name=provider]', name: 'Shannon' });
    await waitFor(page, () => !!document.querySelector('task-form')?.shadowRoot?.querySelector('#sf-query'), undefined, 'the Shannon form');
    await page.fill({ host: 'task-form', css: '#sf-query' }, 'Compare the two largest Swiss cities');
    await listenForCreated(page);
    await page.click({ host: 'task-form', css: 'button[type=submit]', name: 'Run task' });
    const runId = await createdRunId(page);
    await waitForStatus(page, 'completed');
    const state = await streamState(page);
    assert(state.runId === runId && state.outputType === 'text', 'Shannon run completed with a text answer');
    assert(new Set(state.ids).size === state.ids.length, 'every event once');
    const answer = await text(page, 'task-stream', '[part~="output"] .markdown');
    assert(answer.length > 40, 'the answer is rendered');
  }],
  ['picks an older run in the history and shows it', async (page) => {
    const first = await submitParallel(page, 'First question');
    await waitForStatus(page, 'completed');
    const second = await submitParallel(page, 'Second question');
    await waitForStatus(page, 'completed');
    assert((await streamState(page)).runId === second, 'the newest run is shown');
    await page.click({ host: 'task-history', css: '[role=option]', name: 'First question' });
    await waitForRun(page, first);
    assert((await streamState(page)).status === 'completed', 'the older run shows its final state');
  }],
  ['resumes after a reload mid-stream without duplicating events', async (page) => {
    await choose(page, { css: 'select[name=scenario]' }, 'slow');
    const runId = await submitParallel(page, 'A slow research task');
    await waitFor(page, () => (document.querySelector('task-stream') as unknown as { events: Array<{ kind: string }> }).events.filter((e) => e.kind === 'message').length >= 3, undefined, 'three progress messages');
    const before = await streamState(page);
    await page.reload();
    await waitForRun(page, runId);
    await waitForStatus(page, 'completed', 120_000);
    const after = await streamState(page);
    assert(new Set(after.ids).size === after.ids.length, 'no event twice');
    assert(new Set(after.messages).size === after.messages.length, 'no progress message twice');
    assert(before.messages.every((m, i) => after.messages[i] === m), 'what was shown before the reload stays, in order');
    assert(after.messages.length > before.messages.length, 'new events arrived after the reload');
    // A finished run's log is one line ("N progress events · show"): open it to count its rows.
    await page.click({ host: 'task-stream', css: '[part~="log-summary"] button' });
    const rows = await page.evaluate(() => document.querySelector('task-stream')!.shadowRoot!.querySelectorAll('[part~="event"][data-type="message"]').length);
    assert(rows === Math.min(after.messages.length, 100), `one row per message (${rows} rows, ${after.messages.length} messages)`);
  }],
  ['refuses an invalid form with field errors and sends nothing', async (page) => {
    await page.click({ host: 'task-form', css: 'input[type=radio]', name: 'JSON object' });
    await page.fill({ host: 'task-form', css: '#pf-input' }, '{"company": ');
    await page.click({ host: 'task-form', css: 'input[type=radio]', name: 'JSON schema' });
    await page.fill({ host: 'task-form', css: '#pf-output-schema' }, '{"type": "array"}');
    await page.click({ host: 'task-form', css: 'button[type=submit]', name: 'Run task' });
    await sleep(300);
    // Resource Timing lists every fetch the page made, in every engine: no create request among them.
    const creates = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/tasks\/runs$/.test(new URL(n).pathname)));
    assert(creates.length === 0, `nothing was sent (${creates.join(', ')})`);
    assert((await text(page, 'task-form', '#pf-input-error')).includes('not valid JSON'), 'the input says why');
    assert((await text(page, 'task-form', '#pf-output-schema-error')).includes('"type": "object"'), 'the schema says why');
    const invalid = await page.evaluate(() => document.querySelector('task-form')!.shadowRoot!.querySelector('#pf-input')!.getAttribute('aria-invalid'));
    assert(invalid === 'true', 'the field is marked invalid');
  }],
  ['runs a 50-input batch from a CSV to completion, through the proxy', async (page) => {
    await page.click({ host: 'task-form', css: 'input[name="batch-mode"]' });
    await waitFor(page, () => !!document.querySelector('task-form')?.shadowRoot?.querySelector('#pf-batch'), undefined, 'the batch field (a lazily loaded chunk)');
    await page.click({ host: 'task-form', css: 'input[name="batch-format"]', name: 'CSV with a header row' });
    const csv = ['company,country', ...Array.from({ length: 50 }, (_, i) => `Company ${i + 1},${i % 2 ? 'DE' : 'US'}`)].join('\n');
    // Pasted, as a person pastes a CSV (typing 50 lines key by key tells nothing more, in any engine).
    await page.evaluate((value) => {
      const area = document.querySelector('task-form')!.shadowRoot!.querySelector('#pf-batch') as HTMLTextAreaElement;
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }, csv);
    await choose(page, { host: 'task-form', css: '#pf-processor' }, 'lite');
    const hint = await text(page, 'task-form', '#pf-batch-hint');
    assert(hint === '50 inputs with the fields company, country · estimated $0.25 (lite, $5 per 1,000 runs)', `count and price before submit (${hint})`);
    await page.evaluate(() => {
      const w = window as unknown as { __group?: string };
      w.__group = undefined;
      document.addEventListener('task-group-created', (e) => (w.__group = (e as unknown as { groupId: string }).groupId), { once: true });
    });
    await page.click({ host: 'task-form', css: 'button[type=submit]', name: 'Run batch' });
    await waitFor(page, () => (window as unknown as { __group?: string }).__group !== undefined, undefined, 'task-group-created');
    await waitFor(page, () => {
      const count = document.querySelector('task-stream')!.shadowRoot!.querySelector('[part~="group-count"][data-status="completed"]');
      return count?.textContent?.trim().startsWith('50 ') ?? false;
    }, undefined, '50 runs completed in the group view', 90_000);
    const rows = await page.evaluate(() => Array.from(document.querySelector('task-stream')!.shadowRoot!.querySelectorAll('[part~="group-run"]'), (r) => r.getAttribute('data-status')));
    assert(rows.length === 50 && rows.every((s) => s === 'completed'), `50 runs listed, each completed (${rows.length}: ${[...new Set(rows)].join(', ')})`);
    const first = await text(page, 'task-stream', '[part~="group-run"] .preview');
    assert(first === 'company: Company 1, country: US', `each run shows the start of its input (${first})`);
    // Resource Timing: every group request went to the proxy (/api/parallel/…), none to the API itself.
    const groupCalls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name)).filter((u) => u.pathname.includes('/v1/tasks/groups')).map((u) => `${u.origin === location.origin ? '' : u.origin}${u.pathname}`));
    // (The events stream is listed once it has closed, which can be a moment after the last run.)
    assert(groupCalls.includes('/api/parallel/v1/tasks/groups') && groupCalls.every((p) => p.startsWith('/api/parallel/v1/tasks/groups/') || p === '/api/parallel/v1/tasks/groups'), `group requests through the proxy (${groupCalls.join(', ')})`);
  }],
  ['looks right in light and dark, narrow and wide (screenshots)', async (page, engine) => {
    await submitParallel(page, 'What does a typical research run look like?');
    await waitForStatus(page, 'completed');
    mkdirSync(SHOTS, { recursive: true });
    for (const theme of ['Light', 'Dark']) {
      await page.click({ css: 'input[type=radio][name=theme]', name: theme });
      for (const [name, width] of [['wide', 1440], ['narrow', 375]] as const) {
        const reached = await page.setViewport(width, 900);
        if (reached.width !== width) {
          // Named expectation: MiniBrowser's window (WebKitGTK) has a minimum width set by its
          // toolbar, so WebKit checks the narrow layout at that width, still a phone-sized one.
          assert(engine === 'webkit' && reached.width > width && reached.width <= 480, `the viewport is ${width}px wide (got ${reached.width}px)`);
          console.log(`    (webkit: the narrowest MiniBrowser window gives a ${reached.width}px viewport; narrow layout checked there)`);
        }
        await sleep(150);
        // Make the viewport as tall as the page first: rows use content-visibility: auto and are
        // painted a frame after they come into view, which a full-page capture does not wait for.
        // Capped: a very tall viewport makes the browser allocate a surface that size (memory).
        const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), MAX_SHOT_HEIGHT);
        await page.setViewport(width, height);
        await sleep(300);
        await page.screenshot(`${SHOTS}/demo-${engine}-${theme.toLowerCase()}-${name}.png`);
        await page.setViewport(width, 900);
        // Measured once the layout has settled at the new width: for a moment after a resize, the
        // evidence excerpts (markdown slices under content-visibility: auto) can still sit where the
        // wide layout put them (Chromium, about 1 run in 15: blockquote/cite at x=848 in a 375px view).
        await waitFor(page, () => document.documentElement.scrollWidth - window.innerWidth <= 1, undefined, 'the layout at the new width', 1_500).catch(() => {});
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 1, `no horizontal overflow at ${width}px (${overflow}px; furthest right: ${await widest(page)})`);
      }
    }
  }],
];

/** The elements reaching furthest right, through shadow roots (to name what overflows). */
function widest(page: E2EPage): Promise<string> {
  return page.evaluate(() => {
    const found: string[] = [];
    // An explicit stack, not a named inner function: tsx wraps those in a helper the page lacks.
    const roots: Array<Document | ShadowRoot> = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        if (r.right > window.innerWidth + 1) found.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''} right ${Math.round(r.right)} w ${Math.round(r.width)}`);
        if (el.shadowRoot) roots.push(el.shadowRoot);
      }
    }
    return found.slice(0, 8).join(' | ') || 'none';
  });
}

/** The bundle from a plain script tag, outside Vite (the site of script-tag.ts). */
export const bundleFlows: Flow[] = [
  ['the minified bundle registers the elements from a plain <script type="module"> and runs a task', async (page) => {
    await waitFor(page, () => ['task-form', 'task-stream', 'task-history'].every((tag) => customElements.get(tag)), undefined, 'the elements');
    await submitParallel(page, 'Bundle check');
    await waitForStatus(page, 'completed');
    const listed = await page.evaluate(() => Array.from(document.querySelector('task-history')!.shadowRoot!.querySelectorAll('[role=option]')).filter((o) => o.textContent?.includes('Bundle check')).length);
    assert(listed === 1, 'the history lists the run');
  }],
  ['a page with only <task-stream> downloads the loader, the shared chunk, that element and the IndexedDB code that reads its run index, nothing else', async (page, _engine, url) => {
    await page.goto(`${url}stream-only`);
    await waitFor(page, () => customElements.get('task-stream') !== undefined, undefined, '<task-stream> to be defined');
    await waitFor(page, () => performance.getEntriesByType('resource').some((e) => /idb-event-log/.test(e.name)), undefined, 'the IndexedDB code that reads the run index');
    await sleep(300);
    const names = (await scriptsFetched(page)).map((p) => p.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, ''));
    assert(JSON.stringify(names.sort()) === JSON.stringify(['idb-event-log', 'shared', 'task-elements.bundle.js', 'task-stream']), `scripts: ${names.join(', ')}`);
    assert(!(await page.evaluate(() => customElements.get('task-form') !== undefined)), '<task-form> was not loaded');
  }],
];

/**
 * An example app (examples/<name>, built and served by e2e/examples.ts), driven as its user would:
 * a key typed into the app's own state, a task submitted, live progress and the completion arriving
 * in the framework's state, theming from the app's CSS. `keysSeen` lists the keys the site received.
 */
export function exampleFlow(name: string, keysSeen: () => Set<string>): Flow {
  return [`examples/${name}: a key from app state, submit → live progress → completion in ${name} state, themed by the app`, async (page) => {
    await waitFor(page, () => ['task-form', 'task-stream', 'task-history'].every((tag) => customElements.get(tag)), undefined, 'the elements');
    const key = `example-key-${name}`;
    await page.fill({ css: '.key input' }, key);
    await page.fill({ host: 'task-form', css: '#pf-input' }, `What does the ${name} example show?`);
    await choose(page, { host: 'task-form', css: '#pf-processor' }, 'lite');
    await page.click({ host: 'task-form', css: 'button[type=submit]', name: 'Run task' });
    await waitFor(page, () => Number(document.querySelector('[data-testid="events"]')?.textContent ?? 0) > 0, undefined, 'progress in the app state');
    const live = await text(page, undefined, '[data-testid="app-state"]');
    assert(/running|queued/.test(live), `progress arrived while the run was live (${live})`);
    // The app marks a running run in its header (`:state(running)::part(header)`): the mark must sit
    // beside the title and the "Live" line, not on them (new-user trial: an inset stripe covered both).
    await waitFor(page, () => document.querySelector('task-stream')!.matches(':state(running)'), undefined, 'the stream in :state(running)');
    const covered = await page.evaluate(() => {
      const header = document.querySelector('task-stream')!.shadowRoot!.querySelector('[part~="header"]')!;
      const style = getComputedStyle(header);
      // An inset box-shadow is drawn over the padding box: its x offset is how far it reaches in.
      const inset = /inset/.test(style.boxShadow) ? Math.max(0, ...[...style.boxShadow.matchAll(/(-?[\d.]+)px/g)].slice(0, 1).map((m) => Number(m[1]))) : 0;
      const inner = header.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + inset;
      return [...header.querySelectorAll('[part~="title"], [part~="connection"]')]
        .filter((el) => el.getBoundingClientRect().left < inner - 0.5)
        .map((el) => `${el.getAttribute('part')} at ${el.getBoundingClientRect().left.toFixed(1)} px, the mark reaches ${inner.toFixed(1)} px`);
    });
    assert(covered.length === 0, `the running mark covers nothing in the header (${covered.join('; ')})`);
    await waitFor(page, () => document.querySelector('[data-testid="status"]')?.textContent === 'completed', undefined, 'completed in the app state', 90_000);
    const runId = await page.evaluate(() => (document.querySelector('task-stream') as unknown as { run?: { id: string } }).run?.id);
    assert(runId !== undefined && (await text(page, undefined, '[data-testid="app-state"]')).includes(runId), 'the app state names the run the stream shows');
    assert(keysSeen().has(key), `requests carried the key from app state (${[...keysSeen()].join(', ')})`);
    const attrs = await page.evaluate(() => [...document.querySelectorAll('task-form, task-stream, task-history')].flatMap((el) => el.getAttributeNames()));
    assert(!attrs.some((a) => /api-?key/i.test(a)), `no key attribute in the DOM (${attrs.join(', ')})`);
    const accent = await page.evaluate(() => getComputedStyle(document.querySelector('task-stream')!).getPropertyValue('--task-accent').trim());
    assert(accent !== '', 'the app sets --task-accent');
    const badge = await page.evaluate(() => {
      const el = document.querySelector('task-stream')!.shadowRoot!.querySelector('[part~="status-completed"]');
      return el ? getComputedStyle(el).backgroundColor : null;
    });
    assert(badge === 'rgb(220, 252, 231)', `::part(status-completed) from the app's CSS applies (${badge})`);
    const options = await page.evaluate(() => document.querySelector('task-history')!.shadowRoot!.querySelectorAll('[role=option]').length);
    assert(options >= 1, 'the history lists the run');
  }];
}
