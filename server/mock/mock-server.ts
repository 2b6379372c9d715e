/**
 * A standalone node:http server around {@link createMockApp}: binds loopback by default, answers
 * non-mock paths with 404, and closes open streams on shutdown.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApp, type MockOptions, type StreamCounts } from './mock-app.js';

export interface MockServerOptions extends MockOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:8787` (no trailing slash). */
  url: string;
  port: number;
  /** Ends open streams and stops the server. */
  close(): Promise<void>;
  /** Event streams served so far and open now (MockApp.streams). */
  streams(): StreamCounts;
}

/** Starts the mock backend on its own HTTP server. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', ...mockOptions } = options;
  const app = createMockApp(mockOptions);
  const server = createServer((req, res) => {
    if (!app.handle(req, res)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not a mock path. Parallel: /v1/tasks/runs…  Shannon: /api/v1/…\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    streams: () => app.streams(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        app.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
