/**
 * `npm run example -- react|vue|angular [dev server options]`: one example app on the mock backend,
 * in one command. Starts the mock (both APIs) and the proxy in front of it (client credentials
 * forwarded, as `ALLOW_CLIENT_CREDENTIALS=1 npm run proxy`), each on a free loopback port, then the
 * example's own dev server (`npm run dev`, or `npm start` for Angular) with PROXY_URL pointing at the
 * proxy. Builds dist/ first when it is missing (the examples install this repository by path and
 * import its build) and installs the example's dependencies when they are missing.
 * Any key typed into the app works (the mock accepts any non-empty one). MOCK_SPEED, MOCK_SEED: as
 * for `npm start`. Everything stops with Ctrl+C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startMockServer } from '../server/mock/mock-server.js';
import { startProxyServer } from '../server/proxy/node-server.js';
import { proxyOptionsFromEnv } from '../server/proxy/proxy-options.js';

const DEV: Record<string, string[]> = { react: ['run', 'dev'], vue: ['run', 'dev'], angular: ['start'] };
const root = fileURLToPath(new URL('../', import.meta.url));

/** Runs a command to its end with the terminal's output; exits this script when it fails. */
async function step(what: string, args: string[], cwd: string): Promise<void> {
  process.stdout.write(`${what}: npm ${args.join(' ')} (in ${cwd.replace(root, '') || '.'})\n`);
  const child = spawn('npm', args, { cwd, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) {
    process.stderr.write(`${what} failed (exit ${code}).\n`);
    process.exit(1);
  }
}

const [name, ...devArgs] = process.argv.slice(2);
if (!name || !(name in DEV)) {
  process.stderr.write(`Usage: npm run example -- ${Object.keys(DEV).join('|')} [dev server options, e.g. --port 5181]\n`);
  process.exit(1);
}
const dir = `${root}examples/${name}`;
if (!existsSync(`${root}dist/index.js`)) await step('dist/ is missing, building it first', ['run', 'build'], root);
if (!existsSync(`${dir}/node_modules`)) await step(`examples/${name} has no dependencies yet, installing them`, ['ci', '--no-audit', '--no-fund'], dir);

const mock = await startMockServer({
  speed: Number(process.env.MOCK_SPEED ?? 1),
  ...(process.env.MOCK_SEED ? { seed: Number(process.env.MOCK_SEED) } : {}),
});
const proxy = await startProxyServer({
  port: 0,
  options: proxyOptionsFromEnv({ PARALLEL_BASE_URL: mock.url, SHANNON_BASE_URL: mock.url, ALLOW_CLIENT_CREDENTIALS: '1' }),
});
process.stdout.write(`Mock backend on ${mock.url}; proxy on ${proxy.url} (forwards the key typed into the app: any non-empty key works)\n`);

const args = [...DEV[name]!, ...(devArgs.length ? ['--', ...devArgs] : [])];
process.stdout.write(`examples/${name}: PROXY_URL=${proxy.url} npm ${args.join(' ')}\n`);
// Its own process group, so stopping reaches the dev server under npm and sh (a signal to npm alone
// leaves it running); stdin stays here (a background group reading the terminal would be stopped).
const dev: ChildProcess = spawn('npm', args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PROXY_URL: proxy.url }, detached: true });

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (dev.exitCode === null && dev.signalCode === null) {
      try {
        process.kill(-dev.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await proxy.close();
    await mock.close();
  }
  process.exit(code);
}
dev.on('exit', (code) => void stop(code ?? 0));
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
