/**
 * What Shannon's gateway adds around every route (shannon-streaming-api.md §3–4): CORS headers on
 * every response, errors included; credentials from `X-API-Key`, then `Authorization: Bearer`,
 * then — only for GET on `/api/v1/stream/*` — the `api_key` or `token` query parameter; 401 with
 * `WWW-Authenticate`; and the `{"error": …}` body of every refusal.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header, sendJson, type HeaderMap } from '../http-util.js';
import { hashString, Rng } from '../rng.js';

/** The user id of `GATEWAY_SKIP_AUTH` mode, used when keys are not required and none was sent. */
export const SKIP_AUTH_USER = '00000000-0000-0000-0000-000000000002';

const ALLOW_HEADERS = 'Content-Type, Authorization, X-API-Key, X-User-Id, Idempotency-Key, traceparent, tracestate, Cache-Control, Last-Event-ID, If-Match';
const EXPOSE_HEADERS = 'X-RateLimit-Limit-Minute, X-RateLimit-Remaining-Minute, X-RateLimit-Limit-Hour, X-RateLimit-Remaining-Hour, X-RateLimit-Reset, X-Trace-Id, X-Span-Id, X-Session-ID, X-Shannon-Session-ID';

/** The gateway's CORS headers for a path (stream paths allow only GET and OPTIONS). */
export function corsHeaders(path: string): HeaderMap {
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': isStreamPath(path) ? 'GET, OPTIONS' : 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Expose-Headers': EXPOSE_HEADERS,
    'Access-Control-Max-Age': '3600',
  };
}

/** True for the proxied stream paths, where query-parameter credentials are accepted. */
export function isStreamPath(path: string): boolean {
  return path.startsWith('/api/v1/stream/');
}

/** A refusal with Shannon's `{"error": message}` body (plus optional extra fields). */
export class ShannonHttpError extends Error {
  override name = 'ShannonHttpError' as const;
  readonly status: number;
  readonly headers: HeaderMap;
  readonly extra: Record<string, unknown>;

  constructor(status: number, message: string, options: { headers?: HeaderMap; extra?: Record<string, unknown> } = {}) {
    super(message);
    this.status = status;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

/** 401 as the auth middleware sends it. */
export function authError(message: 'Authentication required' | 'Invalid token'): ShannonHttpError {
  return new ShannonHttpError(401, message, { headers: { 'WWW-Authenticate': 'Bearer realm="Shannon API"' } });
}

/** 429 as the rate-limit middleware sends it. */
export function rateLimitError(): ShannonHttpError {
  const reset = Math.floor(Date.now() / 1000) + 1;
  return new ShannonHttpError(429, 'Rate limit exceeded', {
    headers: {
      'Retry-After': '1',
      'X-RateLimit-Limit-Minute': '60',
      'X-RateLimit-Remaining-Minute': '0',
      'X-RateLimit-Reset': String(reset),
    },
    extra: { message: 'Too many requests. Please retry after the rate limit window resets.' },
  });
}

/** Writes an error with CORS headers. */
export function sendShannonError(res: ServerResponse, path: string, error: ShannonHttpError): void {
  sendJson(res, error.status, { error: error.message, ...error.extra }, { ...corsHeaders(path), ...error.headers });
}

/** Writes a JSON success with CORS headers. */
export function sendShannonJson(res: ServerResponse, path: string, status: number, body: unknown, headers: HeaderMap = {}): void {
  sendJson(res, status, body, { ...corsHeaders(path), ...headers });
}

/** The credential of a request, in the gateway's order of precedence; undefined if none. */
export function credentialOf(req: IncomingMessage, url: URL, path: string): string | undefined {
  const apiKey = header(req, 'x-api-key');
  if (apiKey) return apiKey;
  const bearer = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1]?.trim();
  if (bearer) return bearer;
  if ((req.method ?? 'GET') === 'GET' && isStreamPath(path)) {
    return url.searchParams.get('api_key')?.trim() || url.searchParams.get('token')?.trim() || undefined;
  }
  return undefined;
}

/**
 * The user a credential belongs to: a stable UUID derived from the key (so tasks are listed per
 * key, as the real gateway scopes them per user), or the skip-auth user when there is no key.
 */
export function userIdOf(credential: string | undefined): string {
  return credential === undefined ? SKIP_AUTH_USER : new Rng(hashString(`user:${credential.replace(/^sk-shannon-/, 'sk_')}`)).uuid();
}
