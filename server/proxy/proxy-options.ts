/**
 * Proxy configuration: the documented {@link ProxyOptions}, their validation, and the mapping from
 * environment variables (Node `process.env`, or Worker vars and secrets). Web APIs only.
 */
import { resolveAllowedHosts, type HostAllowList } from './host-policy.js';
import { ProxyConfigError } from './proxy-errors.js';

/** 1 MiB: task inputs and schemas are limited to 25,000 characters upstream; this leaves room. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_PARALLEL_BASE_URL = 'https://api.parallel.ai';
export const DEFAULT_SHANNON_BASE_URL = 'http://localhost:8080';

/** Options of {@link createProxyHandler}. Upstreams are fixed here; nothing in a request changes them. */
export interface ProxyOptions {
  /**
   * Origin (optionally with a path prefix) that `/api/parallel/…` is forwarded to.
   * {@link proxyOptionsFromEnv} defaults it to `https://api.parallel.ai`.
   */
  parallelBaseUrl: string;
  /**
   * Origin of the Shannon **gateway** (port 8080, never the unauthenticated admin port 8081) that
   * `/api/shannon/…` is forwarded to. {@link proxyOptionsFromEnv} defaults it to `http://localhost:8080`.
   */
  shannonBaseUrl: string;
  /**
   * Server-side Parallel key, sent upstream as `x-api-key`. When set, any client credential is dropped.
   * @default undefined (no key added)
   */
  parallelApiKey?: string;
  /**
   * Server-side Shannon key, sent upstream as `X-API-Key`. When set, any client credential is dropped.
   * @default undefined (no key added)
   */
  shannonApiKey?: string;
  /**
   * Browser origins (`https://app.example.com`, no path) allowed besides the proxy's own origin,
   * which is always allowed. `*` is refused: this list is what stops other websites from spending
   * the key through their visitors' browsers.
   * @default []
   */
  allowedOrigins?: string[];
  /**
   * Host names this proxy answers for (the `Host` of a request); any other gets 421
   * `host-not-allowed`. This is what stops DNS rebinding: a page whose own name is re-pointed at
   * the proxy's address still sends its own name as `Host`. Entries are names
   * (`proxy.example.com`), `.example.com` for a domain and all its subdomains, or IP addresses; no
   * scheme, no port. A list replaces the default, so add `localhost` back if you still use it.
   * On Workers, list the names the Worker is deployed under (`my-proxy.example.workers.dev`).
   * @default ['localhost', '127.0.0.1', '::1']
   */
  allowedHosts?: string[];
  /**
   * Forward the client's own `x-api-key` / `authorization` headers (and Shannon's `api_key` stream
   * query parameter). Ignored for a provider whose server-side key is set.
   * @default false
   */
  allowClientCredentials?: boolean;
  /**
   * Largest request body accepted, in bytes; larger ones get 413 `body-too-large`.
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
  /**
   * The `fetch` used to reach the upstreams (tests; Node without undici's timeouts, see node-fetch.ts).
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
}

/** {@link ProxyOptions} after validation: normalized URLs and origins, defaults filled in. */
export interface ResolvedProxyOptions {
  /** No trailing slash, so API paths can be appended. */
  parallelBaseUrl: string;
  shannonBaseUrl: string;
  parallelApiKey: string | undefined;
  shannonApiKey: string | undefined;
  /** Serialized origins (`scheme://host[:port]`, lower-case host). */
  allowedOrigins: ReadonlySet<string>;
  allowedHosts: HostAllowList;
  allowClientCredentials: boolean;
  maxBodyBytes: number;
  fetch: typeof fetch;
}

function baseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProxyConfigError(`${name} must be an absolute http(s) URL such as https://api.parallel.ai (got "${value}").`);
  }
  // Never echo a URL carrying credentials: the message may end up in a log.
  if (url.username || url.password) throw new ProxyConfigError(`${name} must not contain a user name or password; set the API key variable instead.`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ProxyConfigError(`${name} must use http: or https: (got "${url.protocol}").`);
  if (url.search || url.hash) throw new ProxyConfigError(`${name} must not have a query or fragment (got "${value}").`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Normalizes one configured origin; refuses `*`, `null` and anything with a path. */
function allowedOrigin(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '*') throw new ProxyConfigError('allowedOrigins (ALLOWED_ORIGINS) may not contain "*": list each site that may use the proxy, e.g. https://app.example.com.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ProxyConfigError(`Allowed origin "${trimmed}" is not a URL; write it as scheme://host[:port], e.g. https://app.example.com.`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new ProxyConfigError(`Allowed origin "${trimmed}" must be just scheme://host[:port] (http or https, no path), e.g. https://app.example.com.`);
  }
  return url.origin;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Validates options and fills in defaults. Throws {@link ProxyConfigError} with a fix to apply. */
export function resolveProxyOptions(options: ProxyOptions): ResolvedProxyOptions {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new ProxyConfigError(`maxBodyBytes (MAX_BODY_BYTES) must be a positive whole number of bytes (got ${String(options.maxBodyBytes)}).`);
  }
  // Bound to globalThis: Workers throw "Illegal invocation" when fetch is called with another `this`.
  const fetchUpstream = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    parallelBaseUrl: baseUrl('parallelBaseUrl (PARALLEL_BASE_URL)', options.parallelBaseUrl),
    shannonBaseUrl: baseUrl('shannonBaseUrl (SHANNON_BASE_URL)', options.shannonBaseUrl),
    parallelApiKey: nonEmpty(options.parallelApiKey),
    shannonApiKey: nonEmpty(options.shannonApiKey),
    allowedOrigins: new Set((options.allowedOrigins ?? []).filter((origin) => origin.trim()).map(allowedOrigin)),
    allowedHosts: resolveAllowedHosts(options.allowedHosts),
    allowClientCredentials: options.allowClientCredentials ?? false,
    maxBodyBytes,
    fetch: fetchUpstream,
  };
}

function flag(name: string, value: string | undefined): boolean {
  const normalized = nonEmpty(value)?.toLowerCase();
  if (normalized === undefined || normalized === '0' || normalized === 'false') return false;
  if (normalized === '1' || normalized === 'true') return true;
  throw new ProxyConfigError(`${name} must be 1, true, 0 or false (got "${value}").`);
}

/**
 * Options from environment variables, for Node (`process.env`) and Workers (the `env` of `fetch`:
 * vars and secrets; bindings that are not strings are ignored). Empty values count as unset. Throws {@link ProxyConfigError} for a value it cannot read.
 *
 * | variable | option | default |
 * |---|---|---|
 * | `PARALLEL_BASE_URL` | parallelBaseUrl | `https://api.parallel.ai` |
 * | `SHANNON_BASE_URL` | shannonBaseUrl | `http://localhost:8080` |
 * | `PARALLEL_API_KEY`, `SHANNON_API_KEY` | parallelApiKey, shannonApiKey | unset |
 * | `ALLOWED_ORIGINS` | allowedOrigins (comma-separated) | none |
 * | `ALLOWED_HOSTS` | allowedHosts (comma-separated) | `localhost`, `127.0.0.1`, `::1` |
 * | `ALLOW_CLIENT_CREDENTIALS` | allowClientCredentials (`1`/`true`) | false |
 * | `MAX_BODY_BYTES` | maxBodyBytes | 1048576 |
 *
 * @example
 * const handler = createProxyHandler(proxyOptionsFromEnv(process.env));
 */
export function proxyOptionsFromEnv(env: Readonly<Record<string, unknown>>): ProxyOptions {
  // Workers pass every binding here (KV namespaces, services…); only strings are configuration.
  const read = (name: string): string | undefined => (typeof env[name] === 'string' ? (env[name] as string) : undefined);
  const list = (name: string): string[] => (read(name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const options: ProxyOptions = {
    parallelBaseUrl: nonEmpty(read('PARALLEL_BASE_URL')) ?? DEFAULT_PARALLEL_BASE_URL,
    shannonBaseUrl: nonEmpty(read('SHANNON_BASE_URL')) ?? DEFAULT_SHANNON_BASE_URL,
    parallelApiKey: nonEmpty(read('PARALLEL_API_KEY')),
    shannonApiKey: nonEmpty(read('SHANNON_API_KEY')),
    allowedOrigins: list('ALLOWED_ORIGINS'),
    allowClientCredentials: flag('ALLOW_CLIENT_CREDENTIALS', read('ALLOW_CLIENT_CREDENTIALS')),
  };
  const hosts = list('ALLOWED_HOSTS');
  if (hosts.length > 0) options.allowedHosts = hosts;
  const maxBody = nonEmpty(read('MAX_BODY_BYTES'));
  if (maxBody !== undefined) {
    if (!/^\d+$/.test(maxBody)) throw new ProxyConfigError(`MAX_BODY_BYTES must be a whole number of bytes (got "${maxBody}").`);
    options.maxBodyBytes = Number(maxBody);
  }
  return options;
}
