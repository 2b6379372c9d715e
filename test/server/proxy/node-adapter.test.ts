/**
 * The Node adapter: request/response conversion, streaming both ways, and the connect-style
 * middleware used to mount the proxy at `/api` inside Vite's dev server.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect as connectHttp2, createServer as createHttp2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { handleNodeRequest, toNodeMiddleware, type FetchHandler, type NodeMiddleware } from '../../../server/proxy/node-adapter.js';
import { send } from './http-client.js';

/** Echoes what the fetch-style handler received, streaming the request body back. */
const echo: FetchHandler = async (request) => {
  const body = request.body ? await new Response(request.body).text() : '';
  return Response.json({ url: request.url, method: request.method, body, header: request.headers.get('x-test') }, { headers: { 'x-echo': '1' } });
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A minimal connect-style stack: `use(path, middleware)` strips the mount path from `req.url` and keeps `originalUrl`, as connect does. */
function connectLike(mount: string, middleware: NodeMiddleware): Server {
  return createServer((req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    const notFound = () => res.writeHead(404, { 'content-type': 'text/plain' }).end('fell through to next()');
    const url = req.url ?? '/';
    if (mount !== '/' && url !== mount && !url.startsWith(`${mount}/`) && !url.startsWith(`${mount}?`)) return notFound();
    req.originalUrl = url;
    if (mount !== '/') req.url = url.slice(mount.length) || '/';
    middleware(req, res, notFound);
  });
}

describe('toNodeMiddleware', () => {
  const servers: Server[] = [];
  let global = '';
  let mounted = '';

  before(async () => {
    servers.push(connectLike('/', toNodeMiddleware(echo, { mountPath: '/api' })), connectLike('/api', toNodeMiddleware(echo, { mountPath: '/api' })));
    [global, mounted] = await Promise.all(servers.map(listen));
  });
  after(() => servers.forEach((server) => server.close()));

  test('passes the full original URL to the handler when used at the root', async () => {
    const response = await send(global, '/api/parallel/v1/tasks/runs?x=1', { headers: { 'x-test': 'yes' } });
    assert.equal(response.status, 200);
    const echoed = JSON.parse(response.text) as { url: string; header: string };
    assert.equal(echoed.url, `${global}/api/parallel/v1/tasks/runs?x=1`);
    assert.equal(echoed.header, 'yes');
    assert.equal(response.headers['x-echo'], '1');
  });

  test('passes the full original URL to the handler when mounted at /api (connect strips req.url)', async () => {
    const response = await send(mounted, '/api/shannon/api/v1/tasks');
    assert.equal(JSON.parse(response.text).url, `${mounted}/api/shannon/api/v1/tasks`);
  });

  test('calls next() for paths outside the mount path', async () => {
    for (const path of ['/', '/index.html', '/apix/parallel', '/src/main.ts?api']) {
      const response = await send(global, path);
      assert.equal(response.status, 404, path);
      assert.equal(response.text, 'fell through to next()');
    }
  });

  test('streams a request body to the handler', async () => {
    const response = await send(global, '/api/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, chunks: ['{"a":', '1}'] });
    const echoed = JSON.parse(response.text) as { method: string; body: string };
    assert.equal(echoed.method, 'POST');
    assert.equal(echoed.body, '{"a":1}');
  });

  test('defaults the mount path to /api', async () => {
    const server = connectLike('/', toNodeMiddleware(echo));
    const url = await listen(server);
    try {
      assert.equal((await send(url, '/api/parallel/v1/tasks/runs')).status, 200);
      assert.equal((await send(url, '/demo/')).status, 404);
    } finally {
      server.close();
    }
  });
});

describe('handleNodeRequest', () => {
  let server: Server;
  let url = '';
  let handler: FetchHandler = echo;

  before(async () => {
    server = createServer((req, res) => void handleNodeRequest((request) => handler(request), req, res));
    url = await listen(server);
  });
  after(() => server.close());

  test('refuses an absolute-form request target with rule invalid-path, so the URL cannot name another host', async () => {
    const response = await send(url, 'http://evil.example/api/parallel/v1/tasks/runs');
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.text).error.rule, 'invalid-path');
  });

  test('answers a Host with user info (127.0.0.1@evil.example) with 400 invalid-host, logging nothing', async (t) => {
    const logged = t.mock.method(console, 'error', () => {});
    const response = await send(url, '/api/parallel/v1/tasks/runs', { headers: { host: '127.0.0.1@evil.example' } });
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.text).error.rule, 'invalid-host');
    assert.equal(logged.mock.callCount(), 0, 'a bad request is not an internal error: no stack trace in the log');
  });

  test('refuses two Host headers with 400 invalid-host, though Node keeps only the first in req.headers', async () => {
    const response = await send(url, '/api/parallel/v1/tasks/runs', { headers: { host: ['127.0.0.1', 'evil.example'] } });
    assert.equal(response.status, 400);
    assert.equal(JSON.parse(response.text).error.rule, 'invalid-host');
  });

  test('takes the path from the request line, never from Host', async () => {
    const port = new URL(url).port;
    const response = await send(url, '/api/shannon/api/v1/tasks', { headers: { host: `127.0.0.1:${port}` } });
    assert.equal(JSON.parse(response.text).url, `http://127.0.0.1:${port}/api/shannon/api/v1/tasks`);
  });

  test('reads the host from :authority on HTTP/2 (e.g. Vite\'s dev server over https), with no warning', async (t) => {
    const warned = t.mock.method(process, 'emitWarning', () => {});
    const h2 = createHttp2Server((req, res) => void handleNodeRequest(async () => new Response('{}', { status: 200, statusText: 'OK' }), req as unknown as IncomingMessage, res as unknown as ServerResponse));
    await new Promise<void>((resolve) => h2.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(h2.address() as AddressInfo).port}`;
    const client = connectHttp2(origin);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const stream = client.request({ ':path': '/api/parallel/v1/tasks/runs' });
        stream.on('response', (headers) => resolve(Number(headers[':status'])));
        stream.on('error', reject);
        stream.resume();
        stream.end();
      });
      assert.equal(status, 200);
      assert.equal(warned.mock.callCount(), 0);
    } finally {
      client.close();
      h2.close();
    }
  });

  test('refuses TRACE with rule method-not-allowed before building a Request', async () => {
    const response = await send(url, '/api/parallel/v1/tasks/runs', { method: 'TRACE' });
    assert.equal(response.status, 405);
    assert.equal(JSON.parse(response.text).error.rule, 'method-not-allowed');
  });

  test('answers 500 with rule internal-error when the handler throws before responding', async (t) => {
    t.mock.method(console, 'error', () => {});
    handler = async () => {
      throw new Error('boom');
    };
    try {
      const response = await send(url, '/api/anything');
      assert.equal(response.status, 500);
      assert.equal(JSON.parse(response.text).error.rule, 'internal-error');
    } finally {
      handler = echo;
    }
  });

  test('cuts the connection instead of ending cleanly when the response body fails mid-way', async () => {
    handler = async () => {
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) controller.error(new Error('upstream died'));
          else controller.enqueue(new TextEncoder().encode('data: 1\n\n'));
          sent = true;
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    try {
      await assert.rejects(send(url, '/api/stream'), /aborted|ECONNRESET|socket hang up/);
    } finally {
      handler = echo;
    }
  });
});
