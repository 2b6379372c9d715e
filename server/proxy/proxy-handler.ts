/**
 * The proxy itself: one fetch-style handler shared by the Node server and the Cloudflare Worker.
 * Web APIs only (Request, Response, Headers, fetch, URL, AbortSignal): nothing here or below may
 * import `node:*`, or the Worker build breaks.
 *
 * It is deliberately not an open relay (parallel-task-api.md §15.1, flaws 6–7): fixed upstream
 * origins, allow-listed routes, query parameters, request and response headers and browser
 * origins; preflights answered here and never forwarded; bounded request bodies; cookies never
 * cross it. Responses stream through unbuffered, so Server-Sent Events arrive as they are sent.
 */
import { applyCorsHeaders, checkOrigin, preflightHeaders } from './cors-policy.js';
import { allowedRequestHeaders, credentialHandling, credentialHeadersIn, CREDENTIAL_HEADERS, downstreamResponseHeaders, upstreamRequestHeaders, type CredentialHandling } from './header-policy.js';
import { checkHost } from './host-policy.js';
import { isProxyRefusal, ProxyRefusal, refusalResponse } from './proxy-errors.js';
import { resolveProxyOptions, type ProxyOptions, type ResolvedProxyOptions } from './proxy-options.js';
import { matchPath, matchRoute, type ProviderName, type RouteMatch } from './proxy-routes.js';
import { isJsonContentType, readLimitedBody } from './read-body.js';

export { proxyOptionsFromEnv, type ProxyOptions } from './proxy-options.js';
export { ProxyConfigError, ProxyRefusal, type RefusalRule } from './proxy-errors.js';

/** A fetch-style request handler: the shape Workers, Deno, Bun and the Node adapter all call. */
export type ProxyHandler = (request: Request) => Promise<Response>;

/** Statuses whose responses must not have a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const LABELS = { parallel: 'Parallel', shannon: 'Shannon' } as const;

function handlingFor(provider: ProviderName, config: ResolvedProxyOptions): CredentialHandling {
  return credentialHandling(provider === 'parallel' ? config.parallelApiKey : config.shannonApiKey, config.allowClientCredentials);
}

/** 403 for a client credential this deployment neither forwards nor replaces (preflight and request alike). */
function credentialRefusal(name: string, provider: ProviderName): ProxyRefusal {
  const env = provider === 'parallel' ? 'PARALLEL_API_KEY' : 'SHANNON_API_KEY';
  return new ProxyRefusal(
    'header-not-allowed',
    403,
    `This proxy does not pass on the client's "${name}" header and has no ${LABELS[provider]} key of its own: use auth-mode="none" and set ${env} on the proxy, or deploy it with ALLOW_CLIENT_CREDENTIALS=1.`,
  );
}

/**
 * Answers an `OPTIONS` preflight without contacting the upstream: 204 when the route exists and
 * the requested method and headers are allowed, else 403 naming the rule that refused.
 */
function answerPreflight(request: Request, url: URL, origin: string | undefined, config: ResolvedProxyOptions): Response {
  try {
    const path = matchPath(url);
    const method = request.headers.get('access-control-request-method')?.trim() ?? '';
    if (!path.methods.includes(method)) {
      throw new ProxyRefusal('method-not-allowed', 403, `${method} is not allowed on ${url.pathname}; use ${path.methods.join(', ')}.`);
    }
    const allowed = allowedRequestHeaders(handlingFor(path.provider, config));
    const asked = (request.headers.get('access-control-request-headers') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
    for (const name of asked) {
      if (allowed.includes(name)) continue;
      if ((CREDENTIAL_HEADERS as readonly string[]).includes(name)) throw credentialRefusal(name, path.provider);
      throw new ProxyRefusal('header-not-allowed', 403, `The request header "${name.slice(0, 64)}" is not forwarded by this proxy; allowed: ${allowed.join(', ')}.`);
    }
    return new Response(null, { status: 204, headers: preflightHeaders(origin, path.methods, allowed) });
  } catch (error) {
    // A refused preflight is always 403: the browser only needs to know "no"; the rule says why.
    if (isProxyRefusal(error) && error.status !== 403) throw new ProxyRefusal(error.rule, 403, error.message);
    throw error;
  }
}

/**
 * The signal for the upstream request: a fresh one that follows the client's. Workers ignore an
 * incoming request's own signal when it is handed to a subrequest (workerd `ignoredForSubrequests`),
 * so passing `request.signal` through would not cancel anything there.
 */
function upstreamSignal(clientSignal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  if (clientSignal.aborted) controller.abort(clientSignal.reason);
  else clientSignal.addEventListener('abort', () => controller.abort(clientSignal.reason), { once: true });
  return controller.signal;
}

/** Sends an allowed request upstream and passes the response back, streaming. */
async function forward(request: Request, route: RouteMatch, origin: string | undefined, config: ResolvedProxyOptions): Promise<Response> {
  const { provider } = route;
  const serverKey = provider === 'parallel' ? config.parallelApiKey : config.shannonApiKey;
  const base = provider === 'parallel' ? config.parallelBaseUrl : config.shannonBaseUrl;
  const query = new URLSearchParams(route.query);
  if (route.queryCredential && serverKey === undefined) query.set(route.queryCredential.name, route.queryCredential.value);
  const search = query.toString();
  const target = `${base}${route.apiPath}${search ? `?${search}` : ''}`;

  const handling = handlingFor(provider, config);
  const credential = credentialHeadersIn(request.headers)[0];
  if (credential !== undefined && handling === 'refuse') throw credentialRefusal(credential, provider);
  const headers = upstreamRequestHeaders(request.headers, { provider, serverKey, handling });
  const method = route.routes[0]!.method;
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (method === 'POST') {
    body = await readLimitedBody(request, config.maxBodyBytes);
    if (body && !isJsonContentType(request.headers.get('content-type'))) {
      throw new ProxyRefusal('content-type-not-allowed', 415, 'Request bodies must be JSON: send Content-Type: application/json.');
    }
  }

  // Called as a plain function: Workers reject a native fetch invoked with a foreign `this`.
  const send = config.fetch;
  let upstream: Response;
  try {
    // No timeout on purpose: event streams stay open for minutes. The client's abort ends it.
    upstream = await send(target, { method, headers, body, signal: upstreamSignal(request.signal), redirect: 'manual' });
  } catch (cause) {
    const env = provider === 'parallel' ? 'PARALLEL_BASE_URL' : 'SHANNON_BASE_URL';
    throw new ProxyRefusal('upstream-unreachable', 502, `The ${LABELS[provider]} API at ${new URL(base).origin} could not be reached; check that it is running and that ${env} points at it.`, { cause });
  }

  const responseHeaders = downstreamResponseHeaders(upstream.headers);
  applyCorsHeaders(responseHeaders, origin);
  const responseBody = NULL_BODY_STATUSES.has(upstream.status) ? null : upstream.body;
  if (responseBody === null) {
    responseHeaders.delete('content-length');
    void upstream.body?.cancel().catch(() => {});
  }
  return new Response(responseBody, { status: upstream.status, statusText: upstream.statusText, headers: responseHeaders });
}

/**
 * Creates the proxy handler. Options are validated once, here: a bad configuration throws a
 * {@link ProxyConfigError} at start-up instead of serving requests.
 *
 * Refusals are answered with a status and `{"error": {"rule", "message"}}`; the handler itself
 * never rejects.
 *
 * @example
 * // Cloudflare Worker, Deno, Bun: export the handler; Node: see node-server.ts / node-adapter.ts.
 * const handler = createProxyHandler(proxyOptionsFromEnv(env));
 * const response = await handler(new Request('http://127.0.0.1:8788/api/parallel/v1/tasks/runs/trun_1'));
 */
export function createProxyHandler(options: ProxyOptions): ProxyHandler {
  const config = resolveProxyOptions(options);
  return async function handleProxyRequest(request: Request): Promise<Response> {
    let origin: string | undefined;
    try {
      // The Host allow-list comes first: only then may the URL's origin count as the proxy's own.
      const url = checkHost(request, config.allowedHosts);
      origin = checkOrigin(request, url, config.allowedOrigins);
      const method = request.method.toUpperCase();
      if (method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
        return answerPreflight(request, url, origin, config);
      }
      return await forward(request, matchRoute(url, method, config.allowClientCredentials), origin, config);
    } catch (error) {
      let refusal: ProxyRefusal;
      if (isProxyRefusal(error)) {
        refusal = error;
      } else {
        // A bug, not a request problem: log the error itself (never the request's headers, which
        // hold keys). A client that went away mid-request is not worth a log line.
        if (!request.signal.aborted) console.error('task-elements proxy: unexpected error', error);
        refusal = new ProxyRefusal('internal-error', 500, 'The proxy failed unexpectedly; its log has the details.', { cause: error });
      }
      const response = refusalResponse(refusal);
      applyCorsHeaders(response.headers, origin);
      return response;
    }
  };
}
