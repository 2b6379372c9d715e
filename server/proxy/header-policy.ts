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

/**
 * Header names a message marks as hop-by-hop in its `Connection` header (RFC 9110 §7.6.1): they
 * are meant for this connection only and must not be forwarded, even when otherwise allow-listed.
 */
function connectionOptions(headers: Headers): Set<string> {
  return new Set((headers.get('connection') ?? '').split(',').map((token) => token.trim().toLowerCase()).filter(Boolean));
}

/**
 * What happens to a client credential (`x-api-key`, `Authorization`) for one provider. The same
 * answer decides the preflight and the actual request, so a browser is never told "allowed" by one
 * and "refused" by the other:
 * - `replace`: the deployment has a key for this provider; the client's is dropped and the server
 *   key sent instead (an element in `auth-mode="api-key"` still works, with the server key);
 * - `forward`: no server key and `allowClientCredentials`; the client's credential is sent on;
 * - `refuse`: neither; a request or preflight carrying one gets 403 `header-not-allowed`, since
 *   the upstream would only answer 401 to a request sent without it.
 */
export type CredentialHandling = 'replace' | 'forward' | 'refuse';

export function credentialHandling(serverKey: string | undefined, allowClientCredentials: boolean): CredentialHandling {
  if (serverKey !== undefined) return 'replace';
  return allowClientCredentials ? 'forward' : 'refuse';
}

/** Headers a preflight may ask for, given how credentials are handled on that route. */
export function allowedRequestHeaders(handling: CredentialHandling): string[] {
  return handling === 'refuse' ? [...FORWARDED_REQUEST_HEADERS] : [...FORWARDED_REQUEST_HEADERS, ...CREDENTIAL_HEADERS];
}

/** The credential headers a request carries (lower-case names). */
export function credentialHeadersIn(headers: Headers): string[] {
  return CREDENTIAL_HEADERS.filter((name) => headers.has(name));
}

/** What decides the credentials of one upstream request. */
export interface CredentialPolicy {
  provider: ProviderName;
  /** The deployment's key for this provider; when set it replaces any client credential. */
  serverKey: string | undefined;
  handling: CredentialHandling;
}

/**
 * The headers sent upstream: the allow-listed ones not named in the client's `Connection` header,
 * then credentials: the server key (`replace`), or the client's own (`forward`). A request to
 * refuse never gets here.
 */
export function upstreamRequestHeaders(incoming: Headers, policy: CredentialPolicy): Headers {
  const headers = new Headers();
  const hopByHop = connectionOptions(incoming);
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.get(name);
    if (value !== null && !hopByHop.has(name)) headers.set(name, value);
  }
  if (policy.handling === 'replace' && policy.serverKey !== undefined) {
    // Parallel documents `x-api-key`, Shannon `X-API-Key` (same header; `Headers` lower-cases names).
    headers.set(policy.provider === 'parallel' ? 'x-api-key' : 'X-API-Key', policy.serverKey);
  } else if (policy.handling === 'forward') {
    for (const name of CREDENTIAL_HEADERS) {
      const value = incoming.get(name);
      if (value !== null && !hopByHop.has(name)) headers.set(name, value);
    }
  }
  return headers;
}

/**
 * The upstream response headers a client may see: the allow-listed ones not named in the
 * upstream's `Connection` header, plus `Content-Length` for a body passed on byte for byte (no
 * `Content-Encoding`), so a body cut short stays detectable as short. CORS headers are added
 * afterwards by the proxy; `X-Content-Type-Options: nosniff` always.
 */
export function downstreamResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  const hopByHop = connectionOptions(upstream);
  for (const [name, value] of upstream) {
    if (hopByHop.has(name)) continue;
    if (PASSED_RESPONSE_HEADERS.has(name) || name.startsWith('x-ratelimit-')) headers.set(name, value);
  }
  const length = upstream.get('content-length');
  if (length !== null && /^\d+$/.test(length) && !upstream.has('content-encoding') && !hopByHop.has('content-length')) {
    headers.set('content-length', length);
  }
  if (headers.get('content-type')?.toLowerCase().startsWith('text/event-stream')) {
    // Tells nginx-style front proxies not to buffer the stream (Shannon's gateway sends it too).
    headers.set('x-accel-buffering', 'no');
  }
  headers.set('x-content-type-options', 'nosniff');
  return headers;
}
