// Browser tests: every test/**/*.test.ts outside test/server/ (Node-only), in one engine per run:
// WTR_BROWSER=chromium (default) | firefox | webkit. `npm run test:browser -- --browser <name|all>`
// (scripts/test-browser.mjs) sets it and starts what WebKit needs; see scripts/engines.mjs.
// The dev server also serves scripted SSE endpoints (/sse/...) and the real mock backend (/mock/...),
// so tests use real HTTP. Run through `node --import tsx` (the scripts do) so the mock's TypeScript loads.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher, puppeteerCore } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { countReporter } from './test/support/wtr-count-reporter.mjs';
import { sseScriptMiddleware } from './test/support/sse-script-middleware.mjs';
import { createMockApp } from './server/mock/mock-app.ts';
import { CHROMIUM_ARGS, ENGINES, LOCALE_ENV, missing, paths } from './scripts/engines.mjs';
import { NODE_TEST_DIRS } from './scripts/test-layout.mjs';

const engine = process.env.WTR_BROWSER ?? 'chromium';
if (!ENGINES.includes(engine)) {
  console.error(`WTR_BROWSER=${engine}: use chromium, firefox or webkit.`);
  process.exit(1);
}
const absent = missing(engine);
if (absent) {
  console.error(absent);
  process.exit(1);
}

function launcher() {
  if (engine === 'firefox') {
    // puppeteer-core over WebDriver BiDi (the launcher names it "Firefox").
    return chromeLauncher({ puppeteer: puppeteerCore, launchOptions: { browser: 'firefox', executablePath: paths.firefox, headless: true, env: { ...process.env, ...LOCALE_ENV } } });
  }
  if (engine === 'webkit') {
    const port = Number(process.env.WEBKIT_WEBDRIVER_PORT);
    if (!port) {
      console.error('WebKit runs through scripts/test-browser.mjs, which starts WebKitWebDriver: npm run test:browser -- --browser webkit');
      process.exit(1);
    }
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'error',
      capabilities: { 'wdio:enforceWebDriverClassic': true, ...JSON.parse(process.env.WEBKIT_CAPABILITIES ?? '{}') },
    });
  }
  return chromeLauncher({ launchOptions: { executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, ...LOCALE_ENV } } });
}

// Tests pick a fast per-task speed (metadata.mock_speed / context.mock_speed); the seed keeps content stable.
const mock = createMockApp({ basePath: '/mock', seed: 7, speed: 20 });
const mockMiddleware = (ctx, next) => {
  if (!mock.handle(ctx.req, ctx.res)) return next();
  ctx.respond = false;
};

export default {
  // Every browser test file, wherever it is added; the Node folders run in Node (scripts/test-layout.mjs).
  files: ['test/**/*.test.ts', ...NODE_TEST_DIRS.map((dir) => `!${dir}/**`)],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 15_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  middleware: [sseScriptMiddleware(), mockMiddleware],
  browsers: [launcher()],
  reporters: [defaultReporter(), countReporter({ summaryFile: `test-results/wtr-summary-${engine}.json`, label: engine })],
  filterBrowserLogs: ({ args: a }) => !String(a[0]).includes('Lit is in dev mode'),
  coverageConfig: { include: ['src/**/*.ts'] },
};
