/**
 * Browser-origin rules and the CORS headers the proxy sets itself (it never relays the upstream's).
 *
 * What this protects: a browser always sends `Origin` on cross-origin requests (and on every POST),
 * so refusing foreign origins stops other websites from spending the proxy's key through their
 * visitors' browsers. It cannot stop a non-browser client, which can send any `Origin` or none:
 * put the deployment behind the app's own authentication when that matters.
 */
import { ProxyRefusal } from './proxy-errors.js';

/** How long a browser may cache a successful preflight, in seconds (Chromium caps it at 7200). */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Response headers a page may read cross-origin besides the CORS-safelisted ones. `x-ratelimit-*`
 * names present on a response are added per response (Expose-Headers takes no wildcards here).
 */
const EXPOSED_HEADERS = ['retry-after', 'x-workflow-id', 'x-session-id', 'link'];

/**
 * The origin to echo in CORS headers, `undefined` when the request carries no `Origin` (same-origin
 * GETs, non-browser clients), or a 403 `origin-not-allowed` refusal.
 *
 * Same-origin (the request URL's own origin) is allowed: the caller has already checked that the
 * URL's host is on the host allow-list (host-policy.ts), so a rebound foreign name never gets here. Without `Origin`, a browser's
 * `Sec-Fetch-Site: cross-site` or `same-site` still marks a foreign page (an `<img>` or `no-cors`
 * request), so those are refused too; `same-origin`, `none` (typed by the user) and absent pass.
 */
export function checkOrigin(request: Request, url: URL, allowedOrigins: ReadonlySet<string>): string | undefined {
  const origin = request.headers.get('origin');
  if (origin === null) {
    const site = request.headers.get('sec-fetch-site')?.toLowerCase();
    if (site === 'cross-site' || site === 'same-site') {
      throw new ProxyRefusal('origin-not-allowed', 403, 'Requests from other websites are not allowed here (Sec-Fetch-Site: ' + site + ' without Origin).');
    }
    return undefined;
  }
  if (origin === url.origin || allowedOrigins.has(origin.toLowerCase())) return origin;
  throw new ProxyRefusal(
    'origin-not-allowed',
    403,
    `The origin ${origin.slice(0, 200)} is not allowed to use this proxy; add it to ALLOWED_ORIGINS (allowedOrigins) if it is your site.`,
  );
}

/**
 * Adds the CORS headers for an allowed origin (never `*`, never `Allow-Credentials`) and
 * `Vary: Origin` on every response, since the headers depend on it.
 */
export function applyCorsHeaders(headers: Headers, origin: string | undefined): void {
  headers.append('vary', 'Origin');
  if (origin === undefined) return;
  headers.set('access-control-allow-origin', origin);
  const rateLimits = [...headers.keys()].filter((name) => name.startsWith('x-ratelimit-'));
  headers.set('access-control-expose-headers', [...EXPOSED_HEADERS, ...rateLimits].join(', '));
}

/** Headers of a successful preflight answer (204). */
export function preflightHeaders(origin: string | undefined, methods: readonly string[], requestHeaders: readonly string[]): Headers {
  const headers = new Headers({
    'access-control-allow-methods': methods.join(', '),
    'access-control-allow-headers': requestHeaders.join(', '),
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  applyCorsHeaders(headers, origin);
  headers.delete('access-control-expose-headers');
  return headers;
}
