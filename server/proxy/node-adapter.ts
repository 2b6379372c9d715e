/**
 * Runs a fetch-style handler inside Node's `http` server or a connect-style stack (Vite's dev
 * server): `IncomingMessage` → `Request`, `Response` → `ServerResponse`, streaming both ways.
 * Response chunks are written as they arrive, and the request's signal aborts when the client
 * disconnects, so the upstream request ends with it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { isValidHostValue } from './host-policy.js';
import { isProxyRefusal, ProxyRefusal, refusalResponse } from './proxy-errors.js';

/** A fetch-style handler (the proxy's, or any other). */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A connect/Express/Vite middleware. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Methods `Request` refuses to construct; answered here so they never reach the handler. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** The URL the client asked for: connect's `originalUrl` (the full path before a mount stripped it), else `url`. */
function requestTarget(req: IncomingMessage): string {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
}

/**
 * The request's single `Host` value (HTTP/2: `:authority`), or a 400 `invalid-host` refusal: missing,
 * repeated (Node keeps only the first in `req.headers`, so the raw list is counted) or not a plain
 * `host[:port]`.
 */
function singleHost(req: IncomingMessage): string {
  const raw = req.rawHeaders;
  const named = (wanted: string) => {
    const found: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === wanted) found.push(raw[i + 1]!);
    return found;
  };
  // HTTP/2 (Node's compatibility API, e.g. Vite's dev server over https) carries it as `:authority`.
  const hosts = named('host');
  const values = hosts.length > 0 ? hosts : named(':authority');
  if (values.length !== 1) {
    throw new ProxyRefusal('invalid-host', 400, values.length === 0 ? 'The request has no Host header; send one, e.g. Host: localhost:8788.' : 'The request has more than one Host header; send exactly one.');
  }
  const host = values[0]!.trim();
  if (!isValidHostValue(host)) throw new ProxyRefusal('invalid-host', 400, 'The Host header must be a single host name with an optional port, such as localhost:8788.');
  return host;
}

/**
 * Builds a `Request` from a Node request. The request line decides the path and query: the target
 * must be origin-form (`/path`), so `//other.host/…` or an absolute URL can never become the
 * request's origin, and `Host` must be a bare `host[:port]`, so it can add neither user info
 * (`127.0.0.1@evil.example`) nor a path to the URL. Which hosts are served is the handler's
 * decision (its host allow-list), not this adapter's.
 */
export function toWebRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const target = requestTarget(req);
  const method = (req.method ?? 'GET').toUpperCase();
  if (!target.startsWith('/')) throw new ProxyRefusal('invalid-path', 400, 'The request target must be a path such as /api/parallel/v1/tasks/runs.');
  if (FORBIDDEN_METHODS.has(method)) throw new ProxyRefusal('method-not-allowed', 405, `${method} is not allowed here.`);
  const host = singleHost(req);
  const protocol = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  let url: URL;
  try {
    url = new URL(`${protocol}://${host}${target}`);
  } catch {
    throw new ProxyRefusal('invalid-path', 400, 'The Host header and the request target do not form a valid URL.');
  }
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    try {
      headers.append(name, raw[i + 1]!);
    } catch {
      // Not a valid header value for `Headers`; the proxy forwards only allow-listed headers anyway.
    }
  }
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : undefined;
  // `duplex: 'half'` is required by Node's fetch for a streamed body; lib.dom does not declare it.
  return new Request(url, { method, headers, body, signal, duplex: 'half' } as RequestInit);
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Writes a `Response` to a Node response: status and headers first (flushed at once), then each
 * body chunk as it arrives. A body that fails mid-way destroys the socket, so the client sees a cut
 * stream rather than a clean end; a client that leaves cancels the body.
 */
export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  // HTTP/2 has no reason phrase (Node warns when one is set on its compatibility response).
  if (response.statusText && !('stream' in res)) res.statusMessage = response.statusText;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => {});
  res.once('close', cancel);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await waitForDrain(res);
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', cancel);
  }
}

/**
 * Serves one Node request with a fetch-style handler. Never rejects: an error before the response
 * started becomes a JSON refusal, one after it cuts the connection.
 */
export async function handleNodeRequest(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort(new Error('The client disconnected.'));
  });
  try {
    const request = toWebRequest(req, abort.signal);
    await writeWebResponse(await handler(request), res);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const refusal = isProxyRefusal(error) ? error : new ProxyRefusal('internal-error', 500, 'The proxy failed unexpectedly; its log has the details.');
    if (!isProxyRefusal(error)) console.error('task-elements proxy: unexpected error', error);
    await writeWebResponse(refusalResponse(refusal), res);
  }
}

/** Options of {@link toNodeMiddleware}. */
export interface NodeMiddlewareOptions {
  /**
   * Path prefix this middleware serves; other paths go to `next()`. The handler always sees the
   * full original URL (`/api/parallel/…`), also when mounted with `app.use('/api', …)`.
   * @default '/api'
   */
  mountPath?: string;
}

/**
 * A connect-style middleware around a fetch-style handler, for Vite's dev server or Express.
 *
 * @example
 * // vite.config.ts: configureServer(server) { server.middlewares.use(toNodeMiddleware(handler)); }
 * const middleware = toNodeMiddleware(createProxyHandler(options), { mountPath: '/api' });
 */
export function toNodeMiddleware(handler: FetchHandler, { mountPath = '/api' }: NodeMiddlewareOptions = {}): NodeMiddleware {
  const mount = mountPath.replace(/\/+$/, '');
  return (req, res, next) => {
    const pathname = requestTarget(req).split('?')[0]!;
    if (mount && pathname !== mount && !pathname.startsWith(`${mount}/`)) {
      next();
      return;
    }
    void handleNodeRequest(handler, req, res);
  };
}
