/**
 * The route allow-list: which provider a path belongs to, and which method + path + query
 * combinations are forwarded (only what the elements use; parallel-task-api.md §3,
 * shannon-streaming-api.md §2). Everything else is refused with a {@link ProxyRefusal}.
 */
import { ProxyRefusal } from './proxy-errors.js';

export type ProviderName = 'parallel' | 'shannon';

interface RouteRule {
  method: 'GET' | 'POST';
  /** API path after the provider prefix; `{id}` marks a run / task / workflow id segment. */
  path: string;
  /** Allowed query parameters and the shape of their values. Absent: no query at all. */
  query?: Readonly<Record<string, RegExp>>;
  /** A query parameter that carries a client credential (Shannon's EventSource-style `api_key`). */
  credentialParam?: string;
}

interface ProviderRules {
  provider: ProviderName;
  label: string;
  /** Path prefix the proxy serves this provider under; matches the elements' default `proxy-url`. */
  prefix: string;
  idPattern: RegExp;
  routes: readonly RouteRule[];
}

const SHANNON_ID = /^[A-Za-z0-9:_\-.]{1,128}$/;

const PROVIDERS: readonly ProviderRules[] = [
  {
    provider: 'parallel',
    label: 'Parallel',
    prefix: '/api/parallel',
    idPattern: /^[A-Za-z0-9_-]{1,128}$/,
    routes: [
      { method: 'POST', path: '/v1/tasks/runs' },
      { method: 'GET', path: '/v1/tasks/runs/{id}' },
      { method: 'GET', path: '/v1/tasks/runs/{id}/events' },
      { method: 'GET', path: '/v1beta/tasks/runs/{id}/events' },
      { method: 'GET', path: '/v1/tasks/runs/{id}/result', query: { timeout: /^\d{1,5}$/ } },
      { method: 'GET', path: '/v1/tasks/runs/{id}/input' },
      // Task groups (§10): exactly what the batch mode uses; not /runs/{run_id}, refresh_status or timeout.
      { method: 'POST', path: '/v1/tasks/groups' },
      { method: 'GET', path: '/v1/tasks/groups/{id}' },
      { method: 'POST', path: '/v1/tasks/groups/{id}/runs' },
      { method: 'GET', path: '/v1/tasks/groups/{id}/events', query: { last_event_id: /^[A-Za-z0-9_\-.:]{1,128}$/ } },
      { method: 'GET', path: '/v1/tasks/groups/{id}/runs', query: { include_input: /^(true|false)$/, include_output: /^(true|false)$/ } },
    ],
  },
  {
    provider: 'shannon',
    label: 'Shannon',
    prefix: '/api/shannon',
    idPattern: SHANNON_ID,
    routes: [
      { method: 'POST', path: '/api/v1/tasks/stream' },
      { method: 'POST', path: '/api/v1/tasks' },
      {
        method: 'GET',
        path: '/api/v1/tasks',
        query: { limit: /^\d{1,4}$/, offset: /^\d{1,9}$/, status: /^[A-Za-z_]{1,64}$/, session_id: /^[A-Za-z0-9:_\-.]{1,128}$/ },
      },
      { method: 'GET', path: '/api/v1/tasks/{id}' },
      { method: 'POST', path: '/api/v1/tasks/{id}/cancel' },
      // Pause and resume (the run view's controls) and the persisted events a reloaded or evicted
      // run reads again (gateway handlers/task.go: PauseTask, ResumeTask, GetTaskEvents).
      { method: 'POST', path: '/api/v1/tasks/{id}/pause' },
      { method: 'POST', path: '/api/v1/tasks/{id}/resume' },
      { method: 'GET', path: '/api/v1/tasks/{id}/events', query: { limit: /^\d{1,4}$/, offset: /^\d{1,9}$/ } },
      {
        method: 'GET',
        path: '/api/v1/stream/sse',
        // last_event_id: a Redis stream id `<ms>-<n>` or a numeric seq (§5.1).
        query: { workflow_id: SHANNON_ID, types: /^[A-Za-z0-9_.,]{1,1024}$/, last_event_id: /^\d{1,20}(-\d{1,20})?$/, api_key: /^[\x21-\x7e]{1,2048}$/ },
        credentialParam: 'api_key',
      },
    ],
  },
];

/** A path that names allowed routes; the method is not checked yet (preflight needs this step alone). */
export interface PathMatch {
  provider: ProviderName;
  /** The API path with validated ids, ready to append to the upstream base URL. */
  apiPath: string;
  /** Methods allowed on this path, in table order (for `Allow` and preflight). */
  methods: string[];
  routes: RouteRule[];
}

/** A request that passed the route rules. */
export interface RouteMatch extends PathMatch {
  /** Validated query to forward (credentials excluded). */
  query: URLSearchParams;
  /** The client credential found in the query (Shannon `api_key`); the handler decides whether it is forwarded. */
  queryCredential: { name: string; value: string } | undefined;
}

function describeRoutes(rules: ProviderRules): string {
  return rules.routes.map((route) => `${route.method} ${route.path}`).join(', ');
}

function shorten(text: string): string {
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

/** Decoded path segments; refuses empty, dot, slash-carrying and malformed segments. */
function pathSegments(rest: string): string[] {
  return rest.split('/').slice(1).map((raw) => {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new ProxyRefusal('invalid-path', 400, `The path segment "${shorten(raw)}" is not valid percent-encoding.`);
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\]/.test(segment)) {
      throw new ProxyRefusal('invalid-path', 400, 'The path has an empty segment, a dot segment or an encoded slash; request the API path exactly, e.g. /api/parallel/v1/tasks/runs.');
    }
    return segment;
  });
}

/**
 * Finds the provider and the allowed routes for a URL's path. Throws `unknown-prefix` (404),
 * `invalid-path` (400), `invalid-id` (400) or `route-not-allowed` (404).
 */
export function matchPath(url: URL): PathMatch {
  const rules = PROVIDERS.find(({ prefix }) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`));
  if (!rules) {
    throw new ProxyRefusal('unknown-prefix', 404, `This proxy only serves /api/parallel/… and /api/shannon/…; point the element's proxy-url at one of them (got ${shorten(url.pathname)}).`);
  }
  const segments = pathSegments(url.pathname.slice(rules.prefix.length));
  let badId: string | undefined;
  const routes: RouteRule[] = [];
  for (const route of rules.routes) {
    const pattern = route.path.split('/').slice(1);
    if (pattern.length !== segments.length) continue;
    if (!pattern.every((part, i) => part === '{id}' || part === segments[i])) continue;
    const bad = segments.find((segment, i) => pattern[i] === '{id}' && !rules.idPattern.test(segment));
    if (bad === undefined) routes.push(route);
    else badId ??= bad;
  }
  if (routes.length === 0 && badId !== undefined) {
    throw new ProxyRefusal('invalid-id', 400, `"${shorten(badId)}" is not a valid ${rules.label} id: ids match ${String(rules.idPattern)}.`);
  }
  if (routes.length === 0) {
    throw new ProxyRefusal('route-not-allowed', 404, `${shorten(url.pathname)} is not a route this proxy forwards to ${rules.label}. Allowed: ${describeRoutes(rules)}.`);
  }
  return {
    provider: rules.provider,
    apiPath: `/${segments.join('/')}`,
    methods: [...new Set(routes.map((route) => route.method))],
    routes,
  };
}

/** The validated query of a route: each parameter allow-listed, shaped, and given once. */
function routeQuery(url: URL, route: RouteRule, allowClientCredentials: boolean): Pick<RouteMatch, 'query' | 'queryCredential'> {
  const query = new URLSearchParams();
  let queryCredential: RouteMatch['queryCredential'];
  const seen = new Set<string>();
  for (const [name, value] of url.searchParams) {
    const where = `${route.method} ${route.path}`;
    if (seen.has(name)) throw new ProxyRefusal('query-not-allowed', 400, `The query parameter "${shorten(name)}" appears more than once; send it once.`);
    seen.add(name);
    const shape = route.query?.[name];
    if (!shape) {
      const allowed = Object.keys(route.query ?? {}).filter((key) => key !== route.credentialParam || allowClientCredentials);
      const list = allowed.length ? `allowed: ${allowed.join(', ')}` : 'it takes no query parameters';
      throw new ProxyRefusal('query-not-allowed', 400, `The query parameter "${shorten(name)}" is not forwarded on ${where} (${list}).`);
    }
    if (name === route.credentialParam) {
      if (!allowClientCredentials) {
        throw new ProxyRefusal('query-not-allowed', 400, `This proxy does not accept client keys in the "${name}" query parameter; use auth-mode="none" and let the proxy add its key, or deploy it with ALLOW_CLIENT_CREDENTIALS=1.`);
      }
      if (!shape.test(value)) throw new ProxyRefusal('query-not-allowed', 400, `The "${name}" query parameter is not a well-formed key.`);
      queryCredential = { name, value };
      continue;
    }
    if (!shape.test(value)) {
      throw new ProxyRefusal('query-not-allowed', 400, `The query parameter "${name}" has a value this proxy does not forward ("${shorten(value)}" does not match ${String(shape)}).`);
    }
    query.set(name, value);
  }
  return { query, queryCredential };
}

/**
 * Matches method, path and query against the allow-list. Throws the refusals of {@link matchPath},
 * plus `method-not-allowed` (405, with `Allow`) and `query-not-allowed` (400).
 */
export function matchRoute(url: URL, method: string, allowClientCredentials: boolean): RouteMatch {
  const path = matchPath(url);
  const route = path.routes.find((candidate) => candidate.method === method);
  if (!route) {
    const allow = path.methods.join(', ');
    throw new ProxyRefusal('method-not-allowed', 405, `${method} is not allowed on ${shorten(url.pathname)}; use ${allow}.`, { headers: { allow } });
  }
  return { ...path, routes: [route], ...routeQuery(url, route, allowClientCredentials) };
}
