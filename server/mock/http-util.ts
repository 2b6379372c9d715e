/**
 * Small node:http helpers shared by both API halves: reading a bounded body, writing JSON and
 * text, reading headers. Nothing here knows either API's error shapes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Extra headers to set on a response. */
export type HeaderMap = Record<string, string>;

/** The request body exceeded the limit; the caller answers with its API's error shape. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError' as const;
  readonly limit: number;
  constructor(limit: number) {
    super(`Request body larger than ${limit} bytes`);
    this.limit = limit;
  }
}

/** The request body is not valid JSON. */
export class InvalidJsonError extends Error {
  override name = 'InvalidJsonError' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Reads the whole request body as UTF-8, failing past `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 2_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(limit));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON body; an empty body is invalid too (both APIs require one on create). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidJsonError(text.trim() === '' ? 'Request body is empty' : `Invalid JSON: ${reason}`, { cause: error });
  }
}

/** Writes a JSON response (compact, one trailing newline like Go's json.Encoder). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: HeaderMap = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Writes a plain-text response. */
export function sendText(res: ServerResponse, status: number, text: string, headers: HeaderMap = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** An empty response with the given status and headers. */
export function sendEmpty(res: ServerResponse, status: number, headers: HeaderMap = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': '0' });
  res.end();
}

/** First value of a request header, trimmed; undefined when absent or blank. */
export function header(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers[name.toLowerCase()];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `decodeURIComponent` that returns undefined for malformed escapes instead of throwing. */
export function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
