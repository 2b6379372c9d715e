/**
 * A raw HTTP client for proxy tests, on `node:http` rather than fetch: it sends the request target
 * exactly as written (`..`, `%2F`, `//`), and any header (Origin, Cookie, Sec-Fetch-Site), as a
 * hostile client or a browser would. Each request uses its own connection.
 */
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface SendOptions {
  method?: string;
  /** An array sends the header once per value (e.g. two `Host` lines). */
  headers?: Record<string, string | string[]>;
  /** Sent with a Content-Length. */
  body?: string;
  /** Sent with `Transfer-Encoding: chunked`, one write per piece (no Content-Length). */
  chunks?: string[];
}

export interface SentResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

function open(baseUrl: string, path: string, options: SendOptions): { request: ClientRequest; response: Promise<IncomingMessage> } {
  const { hostname, port } = new URL(baseUrl);
  // As raw name/value pairs, so a header given several values is sent on several lines.
  const headers: string[] = [];
  for (const [name, value] of Object.entries(options.headers ?? {})) for (const one of [value].flat()) headers.push(name, one);
  if (options.body !== undefined) headers.push('content-length', String(Buffer.byteLength(options.body)));
  if (!headers.some((name, i) => i % 2 === 0 && name.toLowerCase() === 'host')) headers.push('host', `${hostname}:${port}`);
  const request = httpRequest({ host: hostname, port, path, method: options.method ?? 'GET', headers, agent: false });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  if (options.chunks) {
    for (const chunk of options.chunks) request.write(chunk);
    request.end();
  } else {
    request.end(options.body);
  }
  return { request, response };
}

/** Sends a request and reads the whole response. */
export async function send(baseUrl: string, path: string, options: SendOptions = {}): Promise<SentResponse> {
  const response = await open(baseUrl, path, options).response;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return { status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') };
}

/** An open response whose body is read incrementally. */
export interface OpenStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Resolves with everything received so far once it contains `text`; rejects if the body ends first. */
  readUntil(text: string): Promise<string>;
  /** Resolves when the body ends cleanly. */
  ended: Promise<void>;
  /** Drops the connection, as a closed browser tab would. */
  disconnect(): void;
}

/** A request whose response has not been read; for leaving before the server answered. */
export function openRequest(baseUrl: string, path: string, options: SendOptions = {}): { disconnect(how?: { reset?: boolean }): void } {
  const { request, response } = open(baseUrl, path, options);
  response.catch(() => {});
  return {
    // A close sends a FIN (what a closed tab's socket sends); a reset sends an RST.
    disconnect: ({ reset = false } = {}) => (reset && request.socket ? request.socket.resetAndDestroy() : request.destroy()),
  };
}

export async function openStream(baseUrl: string, path: string, options: SendOptions = {}): Promise<OpenStream> {
  const { request, response: pending } = open(baseUrl, path, options);
  const response = await pending;
  let received = '';
  let finished = false;
  const listeners = new Set<() => void>();
  const ended = new Promise<void>((resolve, reject) => {
    response.on('end', () => {
      finished = true;
      resolve();
      listeners.forEach((notify) => notify());
    });
    response.on('error', reject);
  });
  ended.catch(() => {});
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    received += chunk;
    listeners.forEach((notify) => notify());
  });
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    ended,
    readUntil: (text) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (received.includes(text)) {
            listeners.delete(check);
            resolve(received);
          } else if (finished) {
            listeners.delete(check);
            reject(new Error(`The body ended without ${JSON.stringify(text)}; got ${JSON.stringify(received)}`));
          }
        };
        listeners.add(check);
        check();
      }),
    disconnect: () => request.destroy(),
  };
}
