/**
 * `npm start`: the demo on one origin. Starts the embedded mock backend (both APIs) on a loopback
 * port, mounts the proxy at /api in the Vite dev server (upstreams = the mock), and serves demo/.
 *
 * Environment:
 *   PORT (default 5173), HOST (default 127.0.0.1)
 *   MOCK=0 with PARALLEL_API_KEY / SHANNON_API_KEY (and optionally PARALLEL_BASE_URL,
 *   SHANNON_BASE_URL, ALLOWED_ORIGINS): the same proxy targets the real APIs instead of the mock.
 *   ALLOWED_HOSTS: host names the proxy answers for instead of the loopback ones (e.g. with HOST=0.0.0.0).
 *   MOCK_SPEED (default 1), MOCK_SEED: passed to the mock.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { startMockServer } from '../server/mock/mock-server.js';
import type { StreamCounts } from '../server/mock/mock-app.js';
import { createProxyHandler } from '../server/proxy/proxy-handler.js';
import { proxyOptionsFromEnv, type ProxyOptions } from '../server/proxy/proxy-options.js';
import { toNodeMiddleware } from '../server/proxy/node-adapter.js';
import { createNodeFetch } from '../server/proxy/node-fetch.js';

/**
 * Starts mock + proxy + Vite; resolves with the URL, a close function and, with the mock, its
 * stream counts (the e2e tests of issue 14 §1 read them).
 */
export async function startDemo(env: Record<string, string | undefined> = process.env): Promise<{ url: string; close(): Promise<void>; streams?: () => StreamCounts }> {
  const host = env.HOST ?? '127.0.0.1';
  const port = Number(env.PORT ?? 5173);
  const useMock = env.MOCK !== '0';
  const mock = useMock
    ? await startMockServer({ speed: Number(env.MOCK_SPEED ?? 1), ...(env.MOCK_SEED ? { seed: Number(env.MOCK_SEED) } : {}) })
    : undefined;
  const options: ProxyOptions = mock
    ? { parallelBaseUrl: mock.url, shannonBaseUrl: mock.url, parallelApiKey: 'mock-key', shannonApiKey: 'mock-key', allowedHosts: proxyOptionsFromEnv(env).allowedHosts }
    : proxyOptionsFromEnv(env);
  const handler = createProxyHandler({ ...options, fetch: createNodeFetch() });
  // "Sign in with Parallel" in the demo: the user's own key (from the sign-in) crosses this mount;
  // it adds no key of its own. With the mock, the OAuth provider is the mock's (its URL goes in a meta tag).
  const userHandler = createProxyHandler({ ...options, parallelApiKey: undefined, shannonApiKey: undefined, allowClientCredentials: true, fetch: createNodeFetch() });
  const root = fileURLToPath(new URL('../', import.meta.url));
  const vite = await createServer({
    configFile: false,
    root: `${root}demo`,
    // Pre-bundled at start: found only at first use (lazy imports: the sign-in, markdown, the event
    // log, the history's virtual list), Vite would re-optimize and reload the page mid-flow.
    optimizeDeps: { include: ['oauth4webapi', 'marked', 'idb', 'jsonc-parser', '@lit-labs/virtualizer/virtualize.js', '@lit-labs/virtualizer/layouts/flow.js'] },
    logLevel: 'warn',
    server: { host, port, strictPort: true, fs: { allow: [root] } },
    plugins: [{
      name: 'task-elements-proxy',
      configureServer(server) {
        server.middlewares.use(toNodeMiddleware(handler, { mountPath: '/api' }));
        // The handler serves /api/parallel/… paths: /user-api/… is handed to it as /api/….
        const userProxy = toNodeMiddleware(userHandler, { mountPath: '/api' });
        server.middlewares.use((req, res, next) => {
          const request = req as typeof req & { originalUrl?: string };
          const target = request.originalUrl ?? req.url ?? '/';
          if (!/^\/user-api(\/|\?|$)/.test(target)) return next();
          request.url = request.originalUrl = target.replace(/^\/user-api/, '/api');
          userProxy(req, res, next);
        });
      },
      transformIndexHtml: (html) => (mock ? html.replace('</head>', `  <meta name="demo-oauth-issuer" content="${mock.url}" />\n  </head>`) : html),
    }],
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}/`;
  return {
    url,
    ...(mock ? { streams: () => mock.streams() } : {}),
    async close() {
      await vite.close();
      await mock?.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const demo = await startDemo();
  const backend = process.env.MOCK === '0' ? 'the real APIs (keys from the environment)' : 'the embedded mock backend (no key, no network)';
  console.log(`task-elements demo: ${demo.url}  (proxy at /api → ${backend})`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
