/**
 * End-to-end walk of the run view (issue 13 "Done when"): a Parallel JSON run and a Shannon run from
 * submit to result, and a failed run, at 375 and 1440 px, with axe-core (every rule, WCAG 2.2 AA
 * contrast included) in the idle, streaming, completed and failed states, light and dark: zero
 * violations. Screenshots of the finished runs (light/dark × narrow/wide) go to
 * test-results/screenshots/run-view-*.png. Wired into e2e/run.ts's demo suite.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const SHOTS = 'test-results/screenshots';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

interface AxeViolation { id: string; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }

/** Runs axe on the whole page (open shadow roots included) and fails with what it found. */
async function expectNoViolations(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  // Finished transitions only: axe reads colours mid-animation otherwise.
  await page.waitForTimeout(350);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  assert(violations.length === 0, `axe in the ${state} state: ${JSON.stringify(violations, null, 1).slice(0, 3000)}`);
}

async function theme(page: Page, name: 'light' | 'dark'): Promise<void> {
  await page.getByLabel(name === 'light' ? 'Light' : 'Dark', { exact: true }).check();
}

/** Axe in light and in dark. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const name of ['light', 'dark'] as const) {
    await theme(page, name);
    await expectNoViolations(page, `${state}, ${name}`);
  }
  await theme(page, 'light');
}

async function scenario(page: Page, value: string): Promise<void> {
  await page.locator('select[name=scenario]').selectOption(value);
}

function runOf(page: Page): Promise<{ id?: string; status?: string; events: number; output?: string }> {
  return page.evaluate(() => {
    const el = document.querySelector('task-stream') as unknown as { run?: { id: string; status: string; output?: { type: string } }; events: unknown[] };
    return { id: el.run?.id, status: el.run?.status, events: el.events.length, output: el.run?.output?.type };
  });
}

async function until(page: Page, check: (run: Awaited<ReturnType<typeof runOf>>) => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const run = await runOf(page);
    if (check(run)) return;
    assert(Date.now() < end, `timed out waiting for ${what} (${JSON.stringify(run)})`);
    await page.waitForTimeout(100);
  }
}

async function created(page: Page, submit: () => Promise<void>): Promise<string> {
  const id = page.evaluate(() => new Promise<string>((resolve) => document.addEventListener('task-created', (e) => resolve((e as unknown as { runId: string }).runId), { once: true })));
  await submit();
  return id;
}

async function submitParallelJson(page: Page, input: string): Promise<string> {
  const form = page.locator('task-form');
  await form.locator('#pf-input').fill(input);
  await form.locator('#pf-processor').selectOption('lite');
  await form.getByRole('radio', { name: 'JSON schema' }).check();
  const schema = { type: 'object', properties: { company: { type: 'string' }, acquisitions: { type: 'array', items: { type: 'string' } } }, required: ['company', 'acquisitions'], additionalProperties: false };
  await form.locator('#pf-output-schema').fill(JSON.stringify(schema));
  return created(page, () => form.getByRole('button', { name: 'Run task' }).click());
}

async function submitShannon(page: Page, query: string): Promise<string> {
  await page.getByLabel('Shannon', { exact: true }).check();
  const form = page.locator('task-form');
  await form.locator('#sf-query').fill(query);
  return created(page, () => form.getByRole('button', { name: 'Run task' }).click());
}

/** Screenshots of what the page shows now, light and dark, at the current width. */
async function shoot(page: Page, name: string, width: number): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const t of ['light', 'dark'] as const) {
    await theme(page, t);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/run-view-${name}-${t}-${width < 800 ? 'narrow' : 'wide'}.png`, fullPage: true });
    await page.setViewportSize({ width, height: 900 });
  }
  await theme(page, 'light');
}

/** The run view fits the width: nothing in it sticks out to the right, and the whole demo page does not scroll sideways. */
async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  const overflow = await page.evaluate(() => {
    const el = document.querySelector('task-stream')!;
    const right = el.getBoundingClientRect().right;
    let worst = el.scrollWidth - el.clientWidth;
    for (const node of el.shadowRoot!.querySelectorAll('*')) {
      const box = node.getBoundingClientRect();
      if (box.width && getComputedStyle(node).position !== 'absolute') worst = Math.max(worst, box.right - right);
    }
    return worst;
  });
  assert(overflow <= 1, `nothing in the run view sticks out at ${width}px (${overflow}px)`);
  const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(pageOverflow <= 1, `the demo page does not scroll sideways at ${width}px (${pageOverflow}px)`);
}

function walk(width: number): [string, (page: Page) => Promise<void>] {
  return [`run view at ${width} px: Parallel JSON and Shannon runs from submit to result, and a failed run, with zero axe violations in every state, light and dark`, async (page) => {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page, 'idle');

    await scenario(page, 'slow');
    const parallel = await submitParallelJson(page, 'Which companies did Acme acquire?');
    await until(page, (r) => r.id === parallel && r.events > 0 && r.status !== 'completed', 'the Parallel run to stream');
    await expectAccessible(page, 'streaming (Parallel)');
    await until(page, (r) => r.id === parallel && r.status === 'completed' && r.output === 'json', 'the Parallel result');
    const stream = page.locator('task-stream');
    const fields = await stream.locator('[part~="fields"]').innerText();
    assert(fields.includes('Company') && fields.includes('Acquisitions'), `the JSON result as labelled fields (${fields.slice(0, 200)})`);
    assert(await stream.locator('[part~="log-summary"]').count() === 1, 'the finished run’s log is one line');
    assert((await stream.locator('[part~="price"]').first().innerText()).includes('per run'), 'the processor’s price');
    await expectAccessible(page, 'completed (Parallel JSON)');
    await expectNoSidewaysScroll(page, width);
    await shoot(page, 'parallel-json', width);

    await scenario(page, 'happy');
    const shannon = await submitShannon(page, 'Compare the two largest Swiss cities');
    await until(page, (r) => r.id === shannon && r.events > 0 && r.status !== 'completed', 'the Shannon run to stream', 60_000).catch(() => {});
    if ((await runOf(page)).status !== 'completed') await expectAccessible(page, 'streaming (Shannon)');
    await until(page, (r) => r.id === shannon && r.status === 'completed' && !!r.output, 'the Shannon answer');
    const heading = await stream.locator('[part~="title"]').innerText();
    assert(heading.length > 0 && !heading.includes(shannon), `the heading is the title or the question, not the id (${heading})`);
    await expectAccessible(page, 'completed (Shannon)');
    await expectNoSidewaysScroll(page, width);
    await shoot(page, 'shannon', width);

    await page.getByLabel('Parallel', { exact: true }).check();
    await scenario(page, 'fails');
    const failing = await created(page, async () => {
      const form = page.locator('task-form');
      await form.locator('#pf-input').fill('A task that fails');
      await form.getByRole('button', { name: 'Run task' }).click();
    });
    await until(page, (r) => r.id === failing && r.status === 'failed', 'the failure');
    assert(await stream.locator('[part~="retry"]').count() === 1, 'a failed run offers Try again');
    await expectAccessible(page, 'failed');
    await shoot(page, 'failed', width);
  }];
}

/** The walks at a phone's and a desktop's width. */
export const runViewTests: Array<[string, (page: Page) => Promise<void>]> = [walk(375), walk(1440)];
