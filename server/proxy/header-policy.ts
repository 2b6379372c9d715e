/**
 * Which headers cross the proxy. Both directions are allow-lists: anything not named here
 * (cookies, Origin, Referer, hop-by-hop headers, the upstream's CORS headers, Set-Cookie) is dropped.
 */
import type { ProviderName } from './proxy-routes.js';

/** Request headers the elements send and the APIs read. Lower-case, as `Headers` stores them. */
export const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'last-event-id', 'parallel-beta', 'idempotency-key', 'cache-control'] as const;

/** Client credentials: forwarded only when the deployment allows them and has no key of its own. */
export const CREDENTIAL_HEADERS = ['x-api-key', 'authorization'] as const;

/** Response headers passed back unchanged (`x-ratelimit-*` by prefix). */
const PASSED_RESPONSE_HEADERS = new Set([
  'content-type',
  'cache-control',
  'retry-after',
  'link',
  'x-workflow-id',
  'x-session-id',
  'x-idempotency-cached',
  'www-authenticate',
]);

/** Headers a preflight may ask for, given the credential rule. */
export function allowedRequestHeaders(allowClientCredentials: boolean): string[] {
  return allowClientCredentials ? [...FORWARDED_REQUEST_HEADERS, ...CREDENTIAL_HEADERS] : [...FORWARDED_REQUEST_HEADERS];
}

/** What decides the credentials of one upstream request. */
export interface CredentialPolicy {
  provider: ProviderName;
  /** The deployment's key for this provider; when set it replaces any client credential. */
  serverKey: string | undefined;
  allowClientCredentials: boolean;
}

/**
 * The headers sent upstream: the allow-listed ones, then credentials. A server-side key wins and
 * drops every client credential; otherwise client credentials pass only when allowed.
 */
export function upstreamRequestHeaders(incoming: Headers, policy: CredentialPolicy): Headers {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (policy.serverKey !== undefined) {
    // Parallel documents `x-api-key`, Shannon `X-API-Key` (same header; `Headers` lower-cases names).
    headers.set(policy.provider === 'parallel' ? 'x-api-key' : 'X-API-Key', policy.serverKey);
  } else if (policy.allowClientCredentials) {
    for (const name of CREDENTIAL_HEADERS) {
      const value = incoming.get(name);
      if (value !== null) headers.set(name, value);
    }
  }
  return headers;
}

/** The upstream response headers a client may see. CORS headers are added afterwards by the proxy. */
export function downstreamResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  for (const [name, value] of upstream) {
    if (PASSED_RESPONSE_HEADERS.has(name) || name.startsWith('x-ratelimit-')) headers.set(name, value);
  }
  if (headers.get('content-type')?.toLowerCase().startsWith('text/event-stream')) {
    // Tells nginx-style front proxies not to buffer the stream (Shannon's gateway sends it too).
    headers.set('x-accel-buffering', 'no');
  }
  return headers;
}
