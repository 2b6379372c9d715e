/**
 * The proxy as a Cloudflare Worker (`wrangler dev` / `wrangler deploy`, see the root wrangler.toml).
 * Configuration comes from the Worker's bindings: `[vars]` for URLs and origins, secrets
 * (`wrangler secret put PARALLEL_API_KEY`) for keys; the names are those of proxyOptionsFromEnv.
 *
 * Workers require a default export; it is the one exception to the named-exports rule.
 */
import { createProxyHandler, ProxyConfigError, proxyOptionsFromEnv, type ProxyHandler } from './proxy-handler.js';

/** The bindings the proxy reads. All optional; other bindings are ignored. */
export interface ProxyWorkerEnv {
  PARALLEL_BASE_URL?: string;
  SHANNON_BASE_URL?: string;
  PARALLEL_API_KEY?: string;
  SHANNON_API_KEY?: string;
  ALLOWED_ORIGINS?: string;
  ALLOWED_HOSTS?: string;
  ALLOW_CLIENT_CREDENTIALS?: string;
  MAX_BODY_BYTES?: string;
  [binding: string]: unknown;
}

/** One handler per bindings object: options are validated once per isolate, not per request. */
const handlers = new WeakMap<object, ProxyHandler>();

function handlerFor(env: ProxyWorkerEnv): ProxyHandler {
  let handler = handlers.get(env);
  if (!handler) {
    handler = createProxyHandler(proxyOptionsFromEnv(env));
    handlers.set(env, handler);
  }
  return handler;
}

/** A misconfigured deployment answers every request with the reason (it names no secret). */
function misconfigured(error: ProxyConfigError): Response {
  const body = JSON.stringify({ error: { rule: 'proxy-misconfigured', message: `The proxy is misconfigured: ${error.message}` } });
  return new Response(body, { status: 500, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

export default {
  async fetch(request: Request, env: ProxyWorkerEnv): Promise<Response> {
    let handler: ProxyHandler;
    try {
      handler = handlerFor(env);
    } catch (error) {
      if (error instanceof ProxyConfigError) return misconfigured(error);
      throw error;
    }
    return handler(request);
  },
};
