/**
 * HTTP pieces of the mock OAuth provider: CORS for the endpoints browsers call with fetch
 * (metadata, registration, token — public, credential-less, so `*`), OAuth error bodies
 * (RFC 6749 §5.2) and form bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { header, readBody, sendJson, type HeaderMap } from '../http-util.js';

/** CORS for credential-less public endpoints. */
export const CORS: HeaderMap = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'WWW-Authenticate',
};

/** Token responses must not be cached (RFC 6749 §5.1). */
export const NO_STORE: HeaderMap = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** An OAuth error answer (RFC 6749 §5.2 / RFC 7591 §3.2.2). */
export class OAuthHttpError extends Error {
  override name = 'OAuthHttpError' as const;
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export function sendOAuthError(res: ServerResponse, failure: OAuthHttpError): void {
  const headers: HeaderMap = { ...CORS, ...NO_STORE };
  if (failure.status === 401) headers['WWW-Authenticate'] = 'Basic realm="oauth"';
  sendJson(res, failure.status, { error: failure.error, error_description: failure.description }, headers);
}

/** Answers a CORS preflight for a POST endpoint. */
export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'content-type, accept',
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
}

/** Reads an `application/x-www-form-urlencoded` body (RFC 6749 §4.1.3); a parameter given twice is refused (§3.1). */
export async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  const type = header(req, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new OAuthHttpError(400, 'invalid_request', 'The request body must be application/x-www-form-urlencoded');
  }
  const params = new URLSearchParams(await readBody(req, 64 * 1024));
  const form = new Map<string, string>();
  for (const [name, value] of params) {
    if (form.has(name)) throw new OAuthHttpError(400, 'invalid_request', `Parameter ${name} was sent more than once`);
    form.set(name, value);
  }
  return form;
}
