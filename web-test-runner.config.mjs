// Browser tests: every test/**/*.test.ts in headless Debian Chromium (CHROME_PATH overrides the path).
// The dev server also serves scripted SSE endpoints (/sse/...) and the real mock backend (/mock/...),
// so tests use real HTTP. Run through `node --import tsx` (npm test does) so the mock's TypeScript loads.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { countReporter } from './test/support/wtr-count-reporter.mjs';
import { sseScriptMiddleware } from './test/support/sse-script-middleware.mjs';
import { createMockApp } from './server/mock/mock-app.ts';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`No Chromium at ${executablePath}. Install it with: sudo apt-get install -y chromium (or set CHROME_PATH).`);
  process.exit(1);
}
// Flags verified in specs/toolchain.md: root needs --no-sandbox; the rest keep Chromium off the network.
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Tests pick a fast per-task speed (metadata.mock_speed / context.mock_speed); the seed keeps content stable.
const mock = createMockApp({ basePath: '/mock', seed: 7, speed: 20 });
const mockMiddleware = (ctx, next) => {
  if (!mock.handle(ctx.req, ctx.res)) return next();
  ctx.respond = false;
};

export default {
  files: ['test/core/**/*.test.ts', 'test/components/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 15_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  middleware: [sseScriptMiddleware(), mockMiddleware],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args } })],
  reporters: [defaultReporter(), countReporter()],
  filterBrowserLogs: ({ args: a }) => !String(a[0]).includes('Lit is in dev mode'),
  coverageConfig: { include: ['src/**/*.ts'] },
};
