/**
 * A page that knows nothing of npm: a plain `<script type="module">` loading the built
 * dist/task-elements.bundle.js (and, on demand, its chunks in task-elements.chunks/), the three tags,
 * and the proxy (in front of the mock) at /api.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { startMockServer } from '../server/mock/mock-server.js';
import { createProxyHandler } from '../server/proxy/proxy-handler.js';
import { toNodeMiddleware } from '../server/proxy/node-adapter.js';
import { createNodeFetch } from '../server/proxy/node-fetch.js';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>script tag</title>
<script type="module" src="/task-elements.bundle.js"></script></head>
<body><task-form></task-form><task-stream></task-stream><task-history></task-history></body></html>`;

/** The same bundle on a page that uses only <task-stream>. */
const STREAM_ONLY_PAGE = PAGE.replace(/<body>.*<\/body>/, '<body><task-stream></task-stream></body>');

/** Builds the bundle and serves the page, the bundle and the proxy on one loopback origin. */
export async function startScriptTagSite(): Promise<{ url: string; close(): Promise<void> }> {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', 'bundle', '--logLevel', 'warn'], { stdio: 'inherit' });
  const bundle = readFileSync('dist/task-elements.bundle.js');
  const mock = await startMockServer({ speed: 8 });
  const proxy = toNodeMiddleware(
    createProxyHandler({ parallelBaseUrl: mock.url, shannonBaseUrl: mock.url, parallelApiKey: 'k', shannonApiKey: 'k', fetch: createNodeFetch() }),
    { mountPath: '/api' },
  );
  const server: Server = createServer((req, res) => {
    proxy(req, res, () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/task-elements.bundle.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      else if (/^\/task-elements\.chunks\/[\w.-]+\.js$/.test(path) && existsSync(`dist${path}`)) {
        // The lazily loaded chunks, beside the bundle (what a CDN copy of dist/ serves).
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(`dist${path}`));
      } else if (path === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      else if (path === '/stream-only') res.writeHead(200, { 'content-type': 'text/html' }).end(STREAM_ONLY_PAGE);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mock.close();
    },
  };
}
