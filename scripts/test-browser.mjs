#!/usr/bin/env node
// `npm run test:browser [-- --browser chromium|firefox|webkit|all] [web-test-runner options]`:
// the browser tests in each named engine, one after the other (default: chromium). For WebKit it
// starts WebKitWebDriver (and Xvfb when DISPLAY is unset) and stops them afterwards.
// Each run writes test-results/wtr-summary-<engine>.json; exits non-zero when any run failed.
// A run that ends without that file (the runner or the browser itself died: WebKitGTK's MiniBrowser
// did so once in CI after 182 s, with no test failed) is run once more, and the reason is kept in
// test-results/wtr-rerun-<engine>.txt for the summary of scripts/test.mjs. A run with failed tests is
// never run again.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { missing, parseEngines, startWebKitDriver } from './engines.mjs';

let parsed;
try {
  parsed = parseEngines(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const { engines, rest } = parsed;

/** Runs web-test-runner; resolves { code, tail } with the last 3,000 characters it printed. */
function wtr(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', ...rest],
      { env: { ...process.env, ...env }, stdio: ['inherit', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (target) => (chunk) => {
      target.write(chunk);
      tail = (tail + chunk.toString()).slice(-3000);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve({ code: signal ? 1 : (code ?? 1), tail });
    });
  });
}

/** The runner's last words, for a person: without terminal control codes, the last non-empty lines. */
function lastWords(tail) {
  // eslint-disable-next-line no-control-regex
  const plain = tail.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  return plain.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('at ')).slice(-6).join(' | ').slice(-600);
}

let failed = false;
for (const engine of engines) {
  const summary = `test-results/wtr-summary-${engine}.json`;
  const rerun = `test-results/wtr-rerun-${engine}.txt`;
  rmSync(summary, { force: true });
  rmSync(rerun, { force: true });
  const absent = missing(engine);
  if (absent) {
    console.error(absent);
    failed = true;
    continue;
  }
  if (engines.length > 1) console.log(`\n== browser tests in ${engine}`);
  const started = Date.now();
  for (let attempt = 1; attempt <= 2; attempt++) {
    let services;
    try {
      services = engine === 'webkit' ? await startWebKitDriver() : undefined;
    } catch (error) {
      console.error(`webkit: ${error.message}`);
      failed = true;
      break;
    }
    let result;
    try {
      const env = { WTR_BROWSER: engine };
      if (services) Object.assign(env, { WEBKIT_WEBDRIVER_PORT: String(services.port), WEBKIT_CAPABILITIES: JSON.stringify(services.capabilities) });
      result = await wtr(env);
    } finally {
      await services?.stop();
    }
    const reason = `${attempt === 1 ? 'the first run' : 'the second run'} ended without results (exit ${result.code}): ${lastWords(result.tail) || 'no output'}`;
    if (existsSync(summary) || attempt === 2) {
      if (result.code !== 0) failed = true;
      if (!existsSync(summary)) writeFileSync(rerun, `${existsSync(rerun) ? `${readFileSync(rerun, 'utf8')}; ` : ''}${reason}`);
      break;
    }
    console.log(`\n== browser tests in ${engine}: ${reason}; running them once more`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync(rerun, reason);
  }
  console.log(`browser tests in ${engine}: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
}
process.exit(failed ? 1 : 0);
