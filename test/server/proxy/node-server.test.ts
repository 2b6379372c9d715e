/** The Node server and its CLI: loopback by default, clean shutdown, and a start-up line without keys. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { startProxyServer } from '../../../server/proxy/node-server.js';
import { proxyOptionsFromEnv } from '../../../server/proxy/proxy-handler.js';
import { openStream, send } from './http-client.js';
import { startUpstream } from './upstream-recorder.js';

const CLI = fileURLToPath(new URL('../../../server/proxy/cli.ts', import.meta.url));

/** Runs the CLI with tsx, collecting its output. */
function startCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output };
}

async function waitFor(predicate: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startProxyServer', () => {
  test('binds 127.0.0.1 by default', async () => {
    const proxy = await startProxyServer({ port: 0, options: proxyOptionsFromEnv({}) });
    try {
      assert.match(proxy.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await proxy.close();
    }
  });

  test('close() ends open streams instead of waiting for them', { timeout: 5000 }, async () => {
    const upstream = await startUpstream();
    const proxy = await startProxyServer({ port: 0, options: proxyOptionsFromEnv({ PARALLEL_BASE_URL: upstream.url }) });
    try {
      const stream = await openStream(proxy.url, '/api/parallel/v1/tasks/runs/trun_held/events');
      await stream.readUntil('event: first');
      await proxy.close();
    } finally {
      await upstream.close();
    }
  });
});

describe('npm run proxy (cli.ts)', () => {
  test('prints where it listens and forwards, never the keys, and answers until SIGTERM', { timeout: 15_000 }, async () => {
    const cli = startCli(['--port', '0'], { PARALLEL_BASE_URL: '', SHANNON_BASE_URL: '', PARALLEL_API_KEY: 'pk-never-printed', SHANNON_API_KEY: 'sk-never-printed', ALLOWED_ORIGINS: 'https://app.example' });
    await waitFor(() => cli.output.stdout.includes('\n') || cli.child.exitCode !== null, 10_000);
    const [first] = cli.output.stdout.split('\n');
    assert.match(first!, /^Proxy listening on http:\/\/127\.0\.0\.1:\d+ → parallel: https:\/\/api\.parallel\.ai, shannon: http:\/\/localhost:8080$/);
    const url = /on (http:\/\/\S+)/.exec(first!)![1]!;
    const response = await send(url, '/not-the-api');
    assert.equal(JSON.parse(response.text).error.rule, 'unknown-prefix');
    cli.child.kill('SIGTERM');
    const [code] = await cli.exited;
    assert.equal(code, 0);
    assert.ok(!`${cli.output.stdout}${cli.output.stderr}`.includes('never-printed'), 'keys are never printed');
    assert.match(cli.output.stdout, /server keys: parallel set, shannon set/);
  });

  test('exits 1 with the reason when the configuration is unsafe', { timeout: 15_000 }, async () => {
    const cli = startCli(['--port', '0'], { ALLOWED_ORIGINS: '*' });
    const [code] = await cli.exited;
    assert.equal(code, 1);
    assert.match(cli.output.stderr, /Proxy configuration error: allowedOrigins \(ALLOWED_ORIGINS\) may not contain "\*"/);
  });
});
