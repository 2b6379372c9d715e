#!/usr/bin/env node
// `npm run test:browser [-- --browser chromium|firefox|webkit|all] [web-test-runner options]`:
// the browser tests in each named engine, one after the other (default: chromium). For WebKit it
// starts WebKitWebDriver (and Xvfb when DISPLAY is unset) and stops them afterwards.
// Each run writes test-results/wtr-summary-<engine>.json; exits non-zero when any run failed.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { missing, parseEngines, startWebKitDriver } from './engines.mjs';

let parsed;
try {
  parsed = parseEngines(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
const { engines, rest } = parsed;

function wtr(env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', ...rest],
      { env: { ...process.env, ...env }, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(signal ? 1 : (code ?? 1));
    });
  });
}

let failed = false;
for (const engine of engines) {
  rmSync(`test-results/wtr-summary-${engine}.json`, { force: true });
  const absent = missing(engine);
  if (absent) {
    console.error(absent);
    failed = true;
    continue;
  }
  if (engines.length > 1) console.log(`\n== browser tests in ${engine}`);
  let services;
  try {
    services = engine === 'webkit' ? await startWebKitDriver() : undefined;
  } catch (error) {
    console.error(`webkit: ${error.message}`);
    failed = true;
    continue;
  }
  const started = Date.now();
  try {
    const env = { WTR_BROWSER: engine };
    if (services) Object.assign(env, { WEBKIT_WEBDRIVER_PORT: String(services.port), WEBKIT_CAPABILITIES: JSON.stringify(services.capabilities) });
    if ((await wtr(env)) !== 0) failed = true;
  } finally {
    await services?.stop();
  }
  console.log(`browser tests in ${engine}: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
}
process.exit(failed ? 1 : 0);
