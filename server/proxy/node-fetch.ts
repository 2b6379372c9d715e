/**
 * A minimal `fetch` over `node:http`/`node:https` for the Node proxy's upstream requests.
 *
 * Why not the global fetch: Node's built-in fetch (undici) has a 300 s `headersTimeout` and a 300 s
 * `bodyTimeout`, which would cut Parallel's blocking `/result?timeout=600` call and any event
 * stream that stays quiet for five minutes, and Node exposes no way to change them without the
 * `undici` package. This covers exactly what the proxy handler sends: a method, headers, an
 * optional buffered body and an AbortSignal. No redirects are followed (like `redirect: 'manual'`)
 * and there are no timeouts; the signal (the client's disconnect) ends the request.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Adapts a Node stream to a web stream, pausing the source while the reader is behind. */
function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      source.on('data', (chunk: Buffer) => {
        if (settled) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) source.pause();
      });
      source.once('end', () => {
        if (!settled) controller.close();
        settled = true;
      });
      const fail = (error: unknown) => {
        if (!settled) controller.error(error);
        settled = true;
      };
      source.once('error', fail);
      // A socket that closes before `end` is a cut stream, not a clean end of the body.
      source.once('close', () => fail(new Error('The upstream closed the connection before the response ended.')));
    },
    pull() {
      source.resume();
    },
    cancel() {
      settled = true;
      source.destroy();
    },
  });
}

/** The decoded body of a response; we ask for `identity`, but decode what a server sends anyway. */
function decodedBody(response: IncomingMessage): Readable {
  switch (response.headers['content-encoding']?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

function toResponse(response: IncomingMessage): Response {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header value `Headers` cannot hold (not a ByteString); the proxy would drop it anyway.
    }
  }
  const status = response.statusCode ?? 502;
  if (NULL_BODY_STATUSES.has(status)) {
    response.resume();
    return new Response(null, { status, statusText: response.statusMessage, headers });
  }
  const body = decodedBody(response);
  if (body !== response) {
    headers.delete('content-encoding');
    headers.delete('content-length');
    // Errors on the raw response (a cut connection) must reach the decoder's consumer.
    response.once('error', (error) => body.destroy(error));
    response.once('close', () => {
      if (!response.complete) body.destroy(new Error('The upstream closed the connection before the response ended.'));
    });
  }
  return new Response(toWebStream(body), { status, statusText: response.statusMessage, headers });
}

/**
 * Creates a `fetch` for the proxy's upstream requests on Node (see the module comment for why).
 * Supports `init.method`, `init.headers`, `init.body` as bytes or a string, and `init.signal`.
 */
export function createNodeFetch(): typeof fetch {
  return async function nodeFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const body = init.body ?? undefined;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError('createNodeFetch: only string and Uint8Array request bodies are supported (the proxy buffers bodies).');
    }
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      // `signal` destroys the request, and with it the response stream, when the client goes away.
      const request = send(url, { method: init.method ?? 'GET', headers, signal });
      request.once('response', (response) => resolve(toResponse(response)));
      request.once('error', reject);
      request.end(body);
    });
  };
}
