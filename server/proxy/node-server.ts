/**
 * The proxy as a standalone Node HTTP server: a thin `listen` wrapper around
 * {@link createProxyHandler}. Binds loopback by default.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleNodeRequest } from './node-adapter.js';
import { createNodeFetch } from './node-fetch.js';
import { createProxyHandler, type ProxyOptions } from './proxy-handler.js';

/** Options of {@link startProxyServer}. */
export interface ProxyServerOptions {
  /** TCP port; `0` picks a free one (read it from the returned `url`). */
  port: number;
  /**
   * Interface to bind. Anything other than loopback exposes the server key to whoever can reach it.
   * @default '127.0.0.1'
   */
  host?: string;
  /** The proxy's own options. `fetch` defaults to {@link createNodeFetch} (no upstream timeouts). */
  options: ProxyOptions;
}

/** A running proxy server. */
export interface ProxyServer {
  /** Base URL, e.g. `http://127.0.0.1:8788`; Parallel is under `${url}/api/parallel`. */
  url: string;
  /** Stops listening and ends open connections (long streams included). */
  close(): Promise<void>;
}

/**
 * Starts the proxy on Node. Rejects with a {@link ProxyConfigError} for bad options, or the listen
 * error (e.g. `EADDRINUSE`).
 *
 * Timeouts: none apply to responses. Node's `headersTimeout` (60 s) and `requestTimeout` (300 s)
 * only bound how long a client may take to *send* its request; the socket idle `timeout` is 0.
 *
 * @example
 * const proxy = await startProxyServer({ port: 8788, options: proxyOptionsFromEnv(process.env) });
 * console.log(proxy.url);
 * await proxy.close();
 */
export async function startProxyServer({ port, host = '127.0.0.1', options }: ProxyServerOptions): Promise<ProxyServer> {
  const handler = createProxyHandler({ ...options, fetch: options.fetch ?? createNodeFetch() });
  const server = createServer((req, res) => void handleNodeRequest(handler, req, res));
  server.timeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostInUrl}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
