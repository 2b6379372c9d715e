/**
 * `task-elements/proxy`: the CORS proxy as one fetch-style handler, for Cloudflare Workers, Deno,
 * Bun, or Node through `task-elements/proxy/node`. Web APIs only: nothing reachable from here
 * imports `node:*`, so it bundles for Workers as it is. Behaviour, rules and configuration:
 * server/proxy/README.md in the repository.
 *
 * @example
 * // A Cloudflare Worker (wrangler.toml: main = "worker.ts"; vars and secrets as in the README)
 * import { createProxyHandler, proxyOptionsFromEnv, type ProxyHandler } from 'task-elements/proxy';
 * let handler: ProxyHandler | undefined;
 * export default {
 *   fetch(request: Request, env: Record<string, string>) {
 *     handler ??= createProxyHandler(proxyOptionsFromEnv(env));
 *     return handler(request);
 *   },
 * };
 */
export { createProxyHandler, type ProxyHandler } from './proxy-handler.js';
export { proxyOptionsFromEnv, type ProxyOptions } from './proxy-options.js';
export { ProxyConfigError, ProxyRefusal, type RefusalRule } from './proxy-errors.js';
