/**
 * Each example's dev server (`npm run dev` in examples/react and examples/vue, `npm start` in
 * examples/angular), started with its own config, as the README runs it: the mock backend, the proxy
 * in front of it (`npm run proxy` with client credentials), and the dev server forwarding `/api` to
 * the proxy. A task submitted through the dev server's `/api` path, as the page's browser sends it
 * (its own origin), must be accepted: the proxy allows its own origin, so the dev server must pass
 * the browser's `Host` on unchanged (Vite's short form `'/api': url` rewrites it, and the proxy then
 * saw a foreign origin: 403). The e2e tests serve the built apps from one origin and never go this way.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startMockServer, type MockServer } from '../../server/mock/mock-server.js';
import { startProxyServer, type ProxyServer } from '../../server/proxy/node-server.js';
import { proxyOptionsFromEnv } from '../../server/proxy/proxy-handler.js';
import { send } from '../server/proxy/http-client.js';

/** Each example's dev command, as its README section and package.json give it. */
const DEV_COMMANDS = {
  react: ['run', 'dev', '--', '--strictPort', '--port'],
  vue: ['run', 'dev', '--', '--strictPort', '--port'],
  angular: ['start', '--', '--port'],
} as const;

/** A fresh clone after `npm ci` (the README's commands) has no example dependencies yet: install the example's lockfile, as e2e/examples.ts does. */
async function installIfMissing(name: string): Promise<void> {
  if (existsSync(`examples/${name}/node_modules`)) return;
  const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], { cwd: `examples/${name}`, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`examples/${name}: npm ci failed\n${output.slice(-3000)}`);
}

/** A free loopback port (the dev servers take a fixed one). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts an example's dev server in its own process group (so the whole tree stops at the end). */
function startDevServer(name: keyof typeof DEV_COMMANDS, port: number, proxyUrl: string): { child: ChildProcess; output: () => string } {
  return startGroup([...DEV_COMMANDS[name], String(port)], `examples/${name}`, proxyUrl);
}

function startGroup(args: string[], cwd: string, proxyUrl?: string): { child: ChildProcess; output: () => string } {
  const child = spawn('npm', args, {
    cwd,
    env: { ...process.env, ...(proxyUrl ? { PROXY_URL: proxyUrl } : {}), NG_CLI_ANALYTICS: 'false', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return { child, output: () => output };
}

/** Signals the child's whole process group (SIGINT: what Ctrl+C sends) and waits for the child to end. */
function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
  return exited;
}

/** Polls the dev server's page until it answers (or the process ends, or time runs out). */
async function waitForPage(origin: string, child: ChildProcess, output: () => string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The dev server exited (${child.exitCode}):\n${output().slice(-2000)}`);
    try {
      if ((await send(origin, '/')).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The dev server did not answer on ${origin} within ${ms / 1000} s:\n${output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Submits a task through the dev server's /api as the page's fetch would, and reads the run back. */
async function submitAndReadBack(origin: string, name: string): Promise<void> {
  // What the page's fetch sends: its own origin, a same-origin POST, the key typed into the app.
  const browser = { origin, 'sec-fetch-site': 'same-origin', 'x-api-key': 'any-key-the-mock-accepts' };
  const created = await send(origin, '/api/parallel/v1/tasks/runs', {
    method: 'POST',
    headers: { ...browser, 'content-type': 'application/json' },
    body: JSON.stringify({ input: `What does the ${name} example show?`, processor: 'lite' }),
  });
  assert.ok(created.status >= 200 && created.status < 300, `POST /api/parallel/v1/tasks/runs through the ${name} dev server: ${created.status} ${created.text.slice(0, 400)}`);
  const { run_id: runId } = JSON.parse(created.text) as { run_id: string };
  const read = await send(origin, `/api/parallel/v1/tasks/runs/${runId}`, { headers: { 'sec-fetch-site': 'same-origin', 'x-api-key': browser['x-api-key'] } });
  assert.equal(read.status, 200, `GET the run back: ${read.text.slice(0, 400)}`);
}

describe('the examples’ dev servers, with the mock and `npm run proxy`', () => {
  let mock: MockServer;
  let proxy: ProxyServer;
  before(async () => {
    mock = await startMockServer({ speed: 20, seed: 5 });
    // The README's `PARALLEL_BASE_URL=… ALLOW_CLIENT_CREDENTIALS=1 npm run proxy`, and no ALLOWED_ORIGINS.
    proxy = await startProxyServer({ port: 0, options: proxyOptionsFromEnv({ PARALLEL_BASE_URL: mock.url, ALLOW_CLIENT_CREDENTIALS: '1' }) });
  });
  after(async () => {
    await proxy?.close();
    await mock?.close();
  });

  for (const name of Object.keys(DEV_COMMANDS) as (keyof typeof DEV_COMMANDS)[]) {
    test(`${name}: a task submitted through the dev server's /api from its own page is accepted, and its run can be read back`, { timeout: 400_000 }, async () => {
      await installIfMissing(name);
      const port = await freePort();
      const origin = `http://localhost:${port}`;
      const dev = startDevServer(name, port, proxy.url);
      try {
        await waitForPage(origin, dev.child, dev.output, 100_000);
        await submitAndReadBack(origin, name);
      } finally {
        await stop(dev.child);
      }
    });
  }
});

describe('npm run example (scripts/example.ts)', () => {
  test('one command starts the mock, the proxy and the example’s dev server: a task submitted through it is accepted, and Ctrl+C stops all of it', { timeout: 400_000 }, async () => {
    await installIfMissing('react');
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const example = startGroup(['run', 'example', '--', 'react', '--strictPort', '--port', String(port)], '.');
    try {
      await waitForPage(origin, example.child, example.output, 100_000);
      await submitAndReadBack(origin, 'react');
    } finally {
      await stop(example.child, 'SIGINT');
    }
    await assert.rejects(send(origin, '/'), 'the dev server stopped with the command');
    const proxyUrl = /proxy on (http:\/\/[\d.:]+)/.exec(example.output())?.[1];
    assert.ok(proxyUrl, `it prints where the proxy listens:\n${example.output()}`);
    await assert.rejects(send(proxyUrl, '/'), 'the proxy stopped with the command');
  });
});
