/**
 * `task-elements/proxy/node`: runs the proxy handler of `task-elements/proxy` on Node: a ready
 * server, a connect/Express/Vite middleware, the `http` request adapter, and a `fetch` for the
 * upstream requests without undici's 300 s timeouts (which would cut quiet event streams and
 * `…/result?timeout=600`).
 *
 * @example
 * import { proxyOptionsFromEnv } from 'task-elements/proxy';
 * import { startProxyServer } from 'task-elements/proxy/node';
 * const proxy = await startProxyServer({ port: 8788, options: proxyOptionsFromEnv(process.env) });
 * console.log(`proxy on ${proxy.url}`); // http://127.0.0.1:8788, serving /api/parallel and /api/shannon
 */
export { handleNodeRequest, toNodeMiddleware, type FetchHandler, type NodeMiddleware, type NodeMiddlewareOptions } from './node-adapter.js';
export { createNodeFetch } from './node-fetch.js';
export { startProxyServer, type ProxyServer, type ProxyServerOptions } from './node-server.js';
