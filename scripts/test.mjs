#!/usr/bin/env node
// `npm test`: every test of the project, in order — build (and a stale-manifest check), type check,
// Node tests (server/, package/: exports, types, manifest), browser tests (web-test-runner in
// Chromium, Firefox and WebKit, one engine after the other), end-to-end tests (the same three
// engines; the sign-in's e2e/oauth.ts in Chromium) — then one closing line `N passed, N failed` with the totals over all of them. Exits
// non-zero when anything failed. Engines: scripts/engines.mjs (TEST_BROWSERS=chromium,… narrows the
// set for a quick local run; CI runs all three).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ENGINES, missing, parseEngines } from './engines.mjs';

const { engines } = parseEngines(process.env.TEST_BROWSERS ? ['--browser', process.env.TEST_BROWSERS] : [], [...ENGINES]);
const absent = engines.map(missing).filter(Boolean);
if (absent.length) {
  console.error(`npm test runs the browser tests in ${engines.join(', ')}, and some are missing:\n  ${absent.join('\n  ')}\n` +
    '(.ci/run installs them all; or point CHROME_PATH / FIREFOX_PATH / WEBKIT_DRIVER_PATH / MINIBROWSER_PATH elsewhere.)');
  process.exit(1);
}

/** Runs a command, streaming its output; resolves with its exit code, what it printed and its wall time (s). */
function run(command, args, env = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('exit', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), output, seconds: (Date.now() - started) / 1000 }));
  });
}

const totals = { passed: 0, failed: 0 };
/** Each failing test's line (and the line after it: its message), from every step, repeated before the summary. */
const failures = [];
function collectFailures(step, output) {
  const lines = output.split('\n');
  lines.forEach((line, i) => {
    const entry = `[${step}] ${line.trim()}${lines[i + 1] ? ` — ${lines[i + 1].trim().slice(0, 300)}` : ''}`;
    if (/^\s*(✘|❌|✖|not ok\b)/u.test(line) && !/failing tests:?$/.test(line) && !failures.includes(entry)) failures.push(entry);
  });
}
const steps = [];
const testStarted = Date.now();

console.log('\n== build (dist/ and custom-elements.json, which the package tests and type checks use)');
const committedManifest = readFileSync('custom-elements.json', 'utf8');
const build = await run('npm', ['run', 'build', '--silent']);
steps.push([`build (${build.seconds.toFixed(0)} s)`, build.code === 0]);
if (build.code !== 0) totals.failed++;
// The manifest is committed (tools read it from the repository and the package): it must be what the
// build generates. The build has rewritten it; commit the new one if this fails.
const manifestFresh = build.code === 0 && readFileSync('custom-elements.json', 'utf8') === committedManifest;
console.log(manifestFresh ? 'custom-elements.json is what the build generates' : 'FAIL: custom-elements.json was stale; the build rewrote it: commit the new file');
steps.push(['custom-elements.json up to date', manifestFresh]);
if (manifestFresh) totals.passed++;
else totals.failed++;

console.log('\n== type check');
const tsc = await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
const hasServer = existsSync('server') && readdirSync('server', { recursive: true }).some((f) => String(f).endsWith('.ts'));
const tscNode = hasServer ? await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json']) : { code: 0 };
steps.push([`type check (${(tsc.seconds + (tscNode.seconds ?? 0)).toFixed(0)} s)`, tsc.code === 0 && tscNode.code === 0]);
if (tsc.code !== 0 || tscNode.code !== 0) totals.failed++;

console.log('\n== Node tests (server/, package/)');
const node = await run(process.execPath, ['scripts/test-node.mjs', '--test-reporter=spec']);
collectFailures('node', node.output);
const pass = Number(/ℹ pass (\d+)/.exec(node.output)?.[1] ?? 0);
const fail = Number(/ℹ fail (\d+)/.exec(node.output)?.[1] ?? (node.code === 0 ? 0 : 1));
totals.passed += pass;
totals.failed += fail || (node.code !== 0 ? 1 : 0);
steps.push([`Node tests (${node.seconds.toFixed(0)} s)`, node.code === 0]);

console.log(`\n== browser tests (web-test-runner: ${engines.join(', ')})`);
const wtr = await run(process.execPath, ['scripts/test-browser.mjs', '--browser', engines.join(',')], { CI: 'true' });
collectFailures('browser', wtr.output);
for (const engine of engines) {
  let browser = { passed: 0, failed: 1 };
  try {
    browser = JSON.parse(readFileSync(`test-results/wtr-summary-${engine}.json`, 'utf8'));
  } catch {
    // wtr did not get as far as reporting in this engine: counted as one failure
  }
  totals.passed += browser.passed;
  totals.failed += browser.failed || (wtr.code !== 0 && browser.passed === 0 ? 1 : 0);
  const wall = new RegExp(`browser tests in ${engine}: ([\\d.]+) s wall`).exec(wtr.output)?.[1];
  // Why a run ended without results (scripts/test-browser.mjs runs such an engine once more)
  const rerun = existsSync(`test-results/wtr-rerun-${engine}.txt`) ? `; ${readFileSync(`test-results/wtr-rerun-${engine}.txt`, 'utf8')}` : '';
  steps.push([`browser tests (${engine}: ${browser.passed} passed, ${browser.failed} failed${wall ? `, ${Number(wall).toFixed(0)} s` : ''}${rerun})`, browser.failed === 0 && browser.passed > 0]);
}
if (wtr.code !== 0 && steps.slice(-engines.length).every(([, ok]) => ok)) {
  totals.failed++;
  steps.push(['browser tests (web-test-runner exited with an error)', false]);
}

if (existsSync('e2e/run.ts')) {
  console.log(`\n== end-to-end tests (${engines.join(', ')})`);
  const e2e = await run(process.execPath, ['--import', 'tsx', 'e2e/run.ts', '--browser', engines.join(',')]);
  collectFailures('e2e', e2e.output);
  const m = /e2e: (\d+) passed, (\d+) failed/.exec(e2e.output);
  totals.passed += Number(m?.[1] ?? 0);
  totals.failed += Number(m?.[2] ?? 0) || (e2e.code !== 0 && !m ? 1 : 0);
  const perEngine = [...e2e.output.matchAll(/e2e \((\w+)\): \d+ passed, \d+ failed in ([\d.]+) s/g)].map((m) => `${m[1]} ${Number(m[2]).toFixed(0)} s`);
  steps.push([`end-to-end tests (${e2e.seconds.toFixed(0)} s${perEngine.length ? `: ${perEngine.join(', ')}` : ''})`, e2e.code === 0]);
}

if (existsSync('e2e/oauth.ts')) {
  // Chromium only for now: its cases tamper with requests through playwright's interception, which
  // the engine-neutral driver (e2e/driver.ts) does not offer.
  console.log('\n== end-to-end tests of "Sign in with Parallel" (playwright-core, Chromium, the mock OAuth provider)');
  const oauth = await run(process.execPath, ['--import', 'tsx', 'e2e/oauth.ts']);
  collectFailures('e2e-oauth', oauth.output);
  const m = /e2e-oauth: (\d+) passed, (\d+) failed/.exec(oauth.output);
  totals.passed += Number(m?.[1] ?? 0);
  totals.failed += Number(m?.[2] ?? 0) || (oauth.code !== 0 && !m ? 1 : 0);
  steps.push([`end-to-end tests of the sign-in (chromium, ${oauth.seconds.toFixed(0)} s)`, oauth.code === 0]);
}

if (existsSync('e2e/run-view-main.ts')) {
  // Chromium only: axe-core is injected through playwright's script API (issue 13's run-view walk).
  console.log('\n== end-to-end walk of the run view with axe (playwright-core, Chromium)');
  const view = await run(process.execPath, ['--import', 'tsx', 'e2e/run-view-main.ts']);
  collectFailures('e2e-run-view', view.output);
  const m = /e2e-run-view: (\d+) passed, (\d+) failed/.exec(view.output);
  totals.passed += Number(m?.[1] ?? 0);
  totals.failed += Number(m?.[2] ?? 0) || (view.code !== 0 && !m ? 1 : 0);
  steps.push([`end-to-end walk of the run view with axe (chromium, ${view.seconds.toFixed(0)} s)`, view.code === 0]);
}

if (failures.length) {
  console.log(`\n== failing tests (${failures.length}${failures.length > 40 ? ', the first 40' : ''})`);
  for (const line of failures.slice(0, 40)) console.log(line);
}
console.log(`\n== summary (${((Date.now() - testStarted) / 1000 / 60).toFixed(1)} min)`);
for (const [name, ok] of steps) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 || steps.some(([, ok]) => !ok) ? 1 : 0);
