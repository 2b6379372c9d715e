import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createMockApp, MockOptionsError, type MockApp, type MockOptions } from '../../../server/mock/mock-app.js';
import { startMockServer } from '../../../server/mock/mock-server.js';
import { KEY, createParallelRun, readSse, requestJson } from './helpers.js';

/** Mounts the app in a host server that answers 418 for whatever the app does not handle. */
async function host(options: MockOptions): Promise<{ url: string; app: MockApp; server: Server }> {
  const app = createMockApp({ seed: 9, ...options });
  const server = createServer((req, res) => {
    if (!app.handle(req, res)) {
      res.statusCode = 418;
      res.end('host');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, app, server };
}

async function stop(h: { app: MockApp; server: Server }): Promise<void> {
  h.app.close();
  h.server.closeAllConnections();
  await new Promise<void>((resolve) => h.server.close(() => resolve()));
}

describe('createMockApp', () => {
  it('returns false and writes nothing for paths that are not mock paths', async () => {
    const h = await host({});
    try {
      for (const path of ['/', '/index.html', '/v2/tasks', '/api/v2/tasks', '/apiv1']) {
        const res = await fetch(`${h.url}${path}`);
        assert.equal(res.status, 418, path);
        assert.equal(await res.text(), 'host');
      }
    } finally {
      await stop(h);
    }
  });

  it('strips basePath before routing and leaves everything outside it to the host', async () => {
    const h = await host({ basePath: '/mock' });
    try {
      const run = await createParallelRun(`${h.url}/mock`, { input: 'x', processor: 'lite' });
      assert.match(run.run_id, /^trun_/);
      const shannon = await requestJson(`${h.url}/mock/api/v1/tasks?limit=5`, { headers: { 'X-API-Key': KEY } });
      assert.equal(shannon.status, 200);
      assert.equal((await fetch(`${h.url}/v1/tasks/runs`, { method: 'POST' })).status, 418);
    } finally {
      await stop(h);
    }
  });

  it('accepts requests without a key when requireKey is false', async () => {
    const h = await host({ requireKey: false });
    try {
      const created = await requestJson(`${h.url}/v1/tasks/runs`, { method: 'POST', json: { input: 'x', processor: 'lite' } });
      assert.equal(created.status, 202);
      const submitted = await requestJson(`${h.url}/api/v1/tasks/stream`, { method: 'POST', json: { query: 'x' } });
      assert.equal(submitted.status, 201);
    } finally {
      await stop(h);
    }
  });

  it('ends open streams on close()', async () => {
    const h = await host({});
    const run = await createParallelRun(h.url, { input: 'x', processor: 'ultra8x' });
    const reading = readSse(`${h.url}/v1/tasks/runs/${run.run_id}/events`, { headers: { 'x-api-key': KEY } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    h.app.close();
    const result = await reading;
    assert.equal(result.ended, 'eof');
    assert.ok(result.elapsedMs < 2000);
    h.server.closeAllConnections();
    await new Promise<void>((resolve) => h.server.close(() => resolve()));
  });

  it('rejects invalid options with a MockOptionsError or RangeError', () => {
    assert.throws(() => createMockApp({ speed: 0 }), RangeError);
    assert.throws(() => createMockApp({ basePath: 'mock' }), MockOptionsError);
    assert.throws(() => createMockApp({ ringCapacity: 0 }), MockOptionsError);
  });
});

describe('startMockServer', () => {
  it('listens on 127.0.0.1 on an ephemeral port and answers other paths with 404', async () => {
    const server = await startMockServer({ seed: 1 });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(server.url, `http://127.0.0.1:${server.port}`);
      assert.equal((await fetch(`${server.url}/nothing`)).status, 404);
    } finally {
      await server.close();
    }
  });
});

describe('the mock CLI', () => {
  it('prints its URL, serves both APIs and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/mock/cli.ts', '--port', '0', '--speed', '50', '--seed', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const url = /^Mock backend listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
      assert.ok(url, line);
      assert.equal((await requestJson(`${url}/v1/tasks/runs`, { method: 'POST', headers: { 'x-api-key': 'any' }, json: { input: 'x', processor: 'lite' } })).status, 202);
      assert.equal((await requestJson(`${url}/api/v1/tasks?limit=1`, { headers: { Authorization: 'Bearer any' } })).status, 200);
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
