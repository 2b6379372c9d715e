/**
 * The proxy's two error classes: {@link ProxyRefusal} (a request broke a rule; becomes a JSON
 * response) and {@link ProxyConfigError} (the deployment is misconfigured; thrown at start-up so a
 * bad configuration never serves a single request).
 */

/**
 * Names of the rules a request can break. They appear verbatim in refusal bodies
 * (`{"error": {"rule": "...", "message": "..."}}`), so they are public API: add, never rename.
 */
export type RefusalRule =
  | 'unknown-prefix'
  | 'route-not-allowed'
  | 'invalid-path'
  | 'invalid-id'
  | 'method-not-allowed'
  | 'query-not-allowed'
  | 'origin-not-allowed'
  | 'header-not-allowed'
  | 'content-type-not-allowed'
  | 'body-too-large'
  | 'body-unreadable'
  | 'upstream-unreachable'
  | 'proxy-misconfigured'
  | 'internal-error'
  | 'invalid-host'
  | 'host-not-allowed';

/** A request the proxy will not forward. `status` and `rule` go into the response as they are. */
export class ProxyRefusal extends Error {
  override name = 'ProxyRefusal';
  readonly rule: RefusalRule;
  readonly status: number;
  /** Extra response headers, e.g. `Allow` on a 405. */
  readonly headers: Record<string, string>;

  constructor(rule: RefusalRule, status: number, message: string, options: { headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.rule = rule;
    this.status = status;
    this.headers = options.headers ?? {};
  }
}

/** The proxy was given options it cannot run with safely (bad URL, `*` origin, bad number). */
export class ProxyConfigError extends Error {
  override name = 'ProxyConfigError';
}

/** True for a {@link ProxyRefusal}, also across module copies (checks `name`, not only the class). */
export function isProxyRefusal(error: unknown): error is ProxyRefusal {
  return error instanceof ProxyRefusal || (error instanceof Error && error.name === 'ProxyRefusal' && 'rule' in error);
}

/**
 * The JSON response for a refusal: `{"error": {"rule", "message"}}` with `nosniff` and no caching.
 * CORS headers are added by the caller, and only for allowed origins.
 */
export function refusalResponse(refusal: ProxyRefusal): Response {
  const headers = new Headers(refusal.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('x-content-type-options', 'nosniff');
  const body = JSON.stringify({ error: { rule: refusal.rule, message: refusal.message } });
  return new Response(body, { status: refusal.status, headers });
}
