/**
 * The proxy's allow/deny matrix as data, shared by the Node and the Worker (miniflare) suites so
 * both runtimes are held to the same table. Each case is one request and what must happen to it.
 */

export const APP_ORIGIN = 'https://app.example';
export const PARALLEL_SERVER_KEY = 'server-parallel-key';
export const SHANNON_SERVER_KEY = 'server-shannon-key';
export const CLIENT_KEY = 'client-key';

/** Proxy deployments under test, as the environment variables that configure them. */
export type ConfigName = 'serverKeys' | 'clientKeys' | 'noKeys' | 'clientKeysWithServerKeys' | 'deadUpstream' | 'namedHosts';

/** Host names of the `namedHosts` deployment: one name and one domain with its subdomains. */
export const NAMED_HOSTS = 'proxy.example, .corp.example';

/** The environment of a deployment. Parallel's base URL carries a path prefix to prove it is kept. */
export function proxyEnv(name: ConfigName, upstreamUrl: string): Record<string, string> {
  const common = { PARALLEL_BASE_URL: `${upstreamUrl}/parallel`, SHANNON_BASE_URL: upstreamUrl, ALLOWED_ORIGINS: `${APP_ORIGIN}, https://other.example`, MAX_BODY_BYTES: '1024' };
  const keys = { PARALLEL_API_KEY: PARALLEL_SERVER_KEY, SHANNON_API_KEY: SHANNON_SERVER_KEY };
  switch (name) {
    case 'serverKeys':
      return { ...common, ...keys };
    case 'clientKeys':
      return { ...common, ALLOW_CLIENT_CREDENTIALS: '1' };
    case 'noKeys':
      return common;
    case 'clientKeysWithServerKeys':
      return { ...common, ...keys, ALLOW_CLIENT_CREDENTIALS: 'true' };
    case 'namedHosts':
      return { ...common, ...keys, ALLOWED_HOSTS: NAMED_HOSTS };
    case 'deadUpstream':
      // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
      return { ...common, ...keys, PARALLEL_BASE_URL: 'http://127.0.0.1:9', SHANNON_BASE_URL: 'http://127.0.0.1:9' };
  }
}

/**
 * `{self}` in a header value is replaced by the proxy's own origin and `{port}` by its port. `null`
 * removes a default header; an array sends the header once per value.
 */
export type CaseHeaders = Record<string, string | string[] | null>;

export interface MatrixCase {
  /** A behaviour sentence; it is the test's name. */
  name: string;
  /** @default 'serverKeys' */
  config?: ConfigName;
  method?: string;
  path: string;
  /** Merged over {@link DEFAULT_HEADERS}. */
  headers?: CaseHeaders;
  body?: string;
  chunks?: string[];
  status: number;
  /** The refusal's rule; a refused request must never reach the upstream. */
  rule?: string;
  /** What the upstream must receive (exactly one request). Header `null` means "absent". */
  upstream?: { method?: string; path: string; query?: Record<string, string>; headers?: Record<string, string | null>; body?: string };
  /** Response headers to check; `null` means "absent". `{self}` and `{port}` are replaced as in requests. */
  response?: Record<string, string | null>;
  /** Substrings the response body must contain. */
  bodyIncludes?: string[];
  /** A `Host` no URL can be built from; a runtime may refuse it before the proxy runs (see ContractOptions). */
  malformedHost?: boolean;
}

/** What a browser on the allowed app sends along, and what must never be forwarded. */
export const DEFAULT_HEADERS: CaseHeaders = {
  origin: APP_ORIGIN,
  cookie: 'app_session=secret',
  referer: `${APP_ORIGIN}/page`,
  'user-agent': 'test-browser',
  'x-forwarded-for': '203.0.113.9',
};

const JSON_HEADERS = { 'content-type': 'application/json' };
const RUN = 'trun_0123456789abcdef';
const WORKFLOW = 'task-00000000-0000-0000-0000-000000000002-1761545271';
const CREATE = JSON.stringify({ input: 'What is the capital of France?', processor: 'lite' });

const GROUP = 'tgrp_0123456789abcdef';

/** Task groups (parallel-task-api.md §10): the routes the batch mode uses are forwarded, no other group route is. */
function groupRoutes(): MatrixCase[] {
  const add = JSON.stringify({ inputs: [{ input: 'a', processor: 'lite' }] });
  return [
    { name: 'forwards POST /v1/tasks/groups', method: 'POST', path: '/api/parallel/v1/tasks/groups', headers: JSON_HEADERS, body: '{}', status: 200, upstream: { method: 'POST', path: '/parallel/v1/tasks/groups', headers: { 'x-api-key': PARALLEL_SERVER_KEY }, body: '{}' } },
    { name: 'forwards GET /v1/tasks/groups/{id}', path: `/api/parallel/v1/tasks/groups/${GROUP}`, status: 200, upstream: { path: `/parallel/v1/tasks/groups/${GROUP}` } },
    { name: 'forwards POST /v1/tasks/groups/{id}/runs', method: 'POST', path: `/api/parallel/v1/tasks/groups/${GROUP}/runs`, headers: JSON_HEADERS, body: add, status: 202, upstream: { method: 'POST', path: `/parallel/v1/tasks/groups/${GROUP}/runs`, body: add } },
    { name: 'forwards GET /v1/tasks/groups/{id}/events with its last_event_id query', path: `/api/parallel/v1/tasks/groups/${GROUP}/events?last_event_id=123`, headers: { accept: 'text/event-stream' }, status: 200, upstream: { path: `/parallel/v1/tasks/groups/${GROUP}/events`, query: { last_event_id: '123' } }, bodyIncludes: ['event: first', 'event: last'] },
    { name: 'forwards GET /v1/tasks/groups/{id}/runs with include_input and include_output', path: `/api/parallel/v1/tasks/groups/${GROUP}/runs?include_input=true&include_output=true`, status: 200, upstream: { path: `/parallel/v1/tasks/groups/${GROUP}/runs`, query: { include_input: 'true', include_output: 'true' } } },
    { name: 'refuses the group run route it does not list (GET /v1/tasks/groups/{id}/runs/{run_id}) with rule route-not-allowed', path: `/api/parallel/v1/tasks/groups/${GROUP}/runs/${RUN}`, status: 404, rule: 'route-not-allowed' },
    { name: 'refuses the legacy /v1beta/tasks/groups routes with rule route-not-allowed', method: 'POST', path: '/api/parallel/v1beta/tasks/groups', headers: JSON_HEADERS, body: '{}', status: 404, rule: 'route-not-allowed' },
    { name: 'refuses a group sub-route it does not list with rule route-not-allowed', path: `/api/parallel/v1/tasks/groups/${GROUP}/cancel`, status: 404, rule: 'route-not-allowed' },
    { name: 'refuses methods a group route does not list with rule method-not-allowed', method: 'POST', path: `/api/parallel/v1/tasks/groups/${GROUP}/events`, headers: JSON_HEADERS, body: '{}', status: 405, rule: 'method-not-allowed', response: { allow: 'GET' } },
    { name: 'refuses GET on the group create route with rule method-not-allowed', path: '/api/parallel/v1/tasks/groups', status: 405, rule: 'method-not-allowed', response: { allow: 'POST' } },
    { name: 'refuses timeout on the group events stream with rule query-not-allowed', path: `/api/parallel/v1/tasks/groups/${GROUP}/events?timeout=5`, status: 400, rule: 'query-not-allowed' },
    { name: 'refuses refresh_status on add-runs with rule query-not-allowed', method: 'POST', path: `/api/parallel/v1/tasks/groups/${GROUP}/runs?refresh_status=true`, headers: JSON_HEADERS, body: add, status: 400, rule: 'query-not-allowed' },
    { name: 'refuses a status filter on the group runs stream with rule query-not-allowed', path: `/api/parallel/v1/tasks/groups/${GROUP}/runs?status=failed`, status: 400, rule: 'query-not-allowed' },
    { name: 'refuses a last_event_id of the wrong shape on the group events stream with rule query-not-allowed', path: `/api/parallel/v1/tasks/groups/${GROUP}/events?last_event_id=a%20b`, status: 400, rule: 'query-not-allowed' },
  ];
}

const routes: MatrixCase[] = [
  {
    name: 'forwards POST /v1/tasks/runs to the Parallel base URL with the server key and the allow-listed headers',
    method: 'POST',
    path: '/api/parallel/v1/tasks/runs',
    headers: { ...JSON_HEADERS, accept: 'application/json', 'parallel-beta': 'events-sse-2025-07-24', 'idempotency-key': 'k-1', 'x-stainless-lang': 'js', 'x-requested-with': 'XMLHttpRequest' },
    body: CREATE,
    status: 202,
    upstream: {
      method: 'POST',
      path: '/parallel/v1/tasks/runs',
      headers: { 'x-api-key': PARALLEL_SERVER_KEY, 'content-type': 'application/json', accept: 'application/json', 'parallel-beta': 'events-sse-2025-07-24', 'idempotency-key': 'k-1', 'x-stainless-lang': null, 'x-requested-with': null },
      body: CREATE,
    },
  },
  { name: 'forwards GET /v1/tasks/runs/{id}', path: `/api/parallel/v1/tasks/runs/${RUN}`, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` } },
  { name: 'forwards GET /v1/tasks/runs/{id}/events', path: `/api/parallel/v1/tasks/runs/${RUN}/events`, headers: { accept: 'text/event-stream' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}/events`, headers: { accept: 'text/event-stream' } }, response: { 'content-type': 'text/event-stream' }, bodyIncludes: ['event: first', 'event: last'] },
  { name: 'forwards the legacy GET /v1beta/tasks/runs/{id}/events', path: `/api/parallel/v1beta/tasks/runs/${RUN}/events`, status: 200, upstream: { path: `/parallel/v1beta/tasks/runs/${RUN}/events` } },
  { name: 'forwards GET /v1/tasks/runs/{id}/result with its timeout query', path: `/api/parallel/v1/tasks/runs/${RUN}/result?timeout=5`, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}/result`, query: { timeout: '5' } } },
  { name: 'forwards GET /v1/tasks/runs/{id}/input', path: `/api/parallel/v1/tasks/runs/${RUN}/input`, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}/input` } },
  { name: 'forwards POST /api/v1/tasks/stream to Shannon with the server key and the Idempotency-Key', method: 'POST', path: '/api/shannon/api/v1/tasks/stream', headers: { ...JSON_HEADERS, 'idempotency-key': 'idem-1' }, body: '{"query":"2+2"}', status: 201, upstream: { path: '/api/v1/tasks/stream', headers: { 'x-api-key': SHANNON_SERVER_KEY, 'idempotency-key': 'idem-1' }, body: '{"query":"2+2"}' } },
  { name: 'forwards POST /api/v1/tasks', method: 'POST', path: '/api/shannon/api/v1/tasks', headers: JSON_HEADERS, body: '{"query":"2+2"}', status: 200, upstream: { method: 'POST', path: '/api/v1/tasks' } },
  { name: 'forwards GET /api/v1/tasks with limit, offset, status and session_id', path: '/api/shannon/api/v1/tasks?limit=10&offset=20&status=RUNNING&session_id=s-1', status: 200, upstream: { path: '/api/v1/tasks', query: { limit: '10', offset: '20', status: 'RUNNING', session_id: 's-1' } } },
  { name: 'forwards GET /api/v1/tasks/{id}', path: `/api/shannon/api/v1/tasks/${WORKFLOW}`, status: 200, upstream: { path: `/api/v1/tasks/${WORKFLOW}` } },
  { name: 'accepts a percent-encoded colon in a Shannon id and forwards it decoded', path: '/api/shannon/api/v1/tasks/task%3A1.2', status: 200, upstream: { path: '/api/v1/tasks/task:1.2' } },
  { name: 'forwards POST /api/v1/tasks/{id}/pause with its reason (the run view\'s Pause)', method: 'POST', path: `/api/shannon/api/v1/tasks/${WORKFLOW}/pause`, headers: JSON_HEADERS, body: '{"reason":"Paused by the user"}', status: 200, upstream: { method: 'POST', path: `/api/v1/tasks/${WORKFLOW}/pause`, body: '{"reason":"Paused by the user"}' } },
  { name: 'forwards POST /api/v1/tasks/{id}/resume (the run view\'s Resume)', method: 'POST', path: `/api/shannon/api/v1/tasks/${WORKFLOW}/resume`, headers: JSON_HEADERS, body: '{}', status: 200, upstream: { method: 'POST', path: `/api/v1/tasks/${WORKFLOW}/resume` } },
  { name: 'forwards GET /api/v1/tasks/{id}/events with limit and offset (a reloaded run\'s persisted events)', path: `/api/shannon/api/v1/tasks/${WORKFLOW}/events?limit=200&offset=400`, status: 200, upstream: { path: `/api/v1/tasks/${WORKFLOW}/events`, query: { limit: '200', offset: '400' } } },
  { name: 'forwards POST /api/v1/tasks/{id}/cancel, also without a body', method: 'POST', path: `/api/shannon/api/v1/tasks/${WORKFLOW}/cancel`, status: 200, upstream: { method: 'POST', path: `/api/v1/tasks/${WORKFLOW}/cancel`, body: '' } },
  {
    name: 'forwards GET /api/v1/stream/sse with workflow_id, types, last_event_id and the Last-Event-ID and Cache-Control headers',
    path: `/api/shannon/api/v1/stream/sse?workflow_id=${WORKFLOW}&types=LLM_OUTPUT,STREAM_END&last_event_id=1761545276767-0`,
    headers: { 'last-event-id': '1761545276767-0', 'cache-control': 'no-cache' },
    status: 200,
    upstream: { path: '/api/v1/stream/sse', query: { workflow_id: WORKFLOW, types: 'LLM_OUTPUT,STREAM_END', last_event_id: '1761545276767-0' }, headers: { 'last-event-id': '1761545276767-0', 'cache-control': 'no-cache' } },
  },
  ...groupRoutes(),
  { name: 'refuses a path outside /api/parallel and /api/shannon with rule unknown-prefix', path: '/api/openai/v1/chat/completions', status: 404, rule: 'unknown-prefix' },
  { name: 'refuses a bare API path without the provider prefix with rule unknown-prefix', path: '/v1/tasks/runs', status: 404, rule: 'unknown-prefix' },
  { name: 'refuses a look-alike prefix with rule unknown-prefix', path: '/api/parallelx/v1/tasks/runs', status: 404, rule: 'unknown-prefix' },
  { name: 'refuses Parallel endpoints the elements do not use with rule route-not-allowed', method: 'POST', path: '/api/parallel/v1beta/search', headers: JSON_HEADERS, body: '{}', status: 404, rule: 'route-not-allowed' },
  { name: 'refuses the provider root with rule route-not-allowed', path: '/api/parallel', status: 404, rule: 'route-not-allowed' },
  { name: 'refuses Shannon endpoints the elements do not use with rule route-not-allowed', path: '/api/shannon/api/v1/sessions', status: 404, rule: 'route-not-allowed' },
  { name: 'refuses Shannon control-state, which the elements do not use, with rule route-not-allowed', path: `/api/shannon/api/v1/tasks/${WORKFLOW}/control-state`, status: 404, rule: 'route-not-allowed' },
  { name: 'refuses GET on Shannon pause with rule method-not-allowed', path: `/api/shannon/api/v1/tasks/${WORKFLOW}/pause`, status: 405, rule: 'method-not-allowed', response: { allow: 'POST' } },
  { name: 'refuses a non-numeric offset on Shannon\'s events list with rule query-not-allowed', path: `/api/shannon/api/v1/tasks/${WORKFLOW}/events?offset=-1`, status: 400, rule: 'query-not-allowed' },
  { name: 'refuses a method the route does not allow with rule method-not-allowed and an Allow header', method: 'DELETE', path: `/api/parallel/v1/tasks/runs/${RUN}`, status: 405, rule: 'method-not-allowed', response: { allow: 'GET' } },
  { name: 'refuses PUT on the create route with rule method-not-allowed', method: 'PUT', path: '/api/parallel/v1/tasks/runs', headers: JSON_HEADERS, body: '{}', status: 405, rule: 'method-not-allowed', response: { allow: 'POST' } },
  { name: 'refuses a plain OPTIONS that is not a preflight with rule method-not-allowed', method: 'OPTIONS', path: '/api/parallel/v1/tasks/runs', status: 405, rule: 'method-not-allowed' },
  { name: 'refuses a Parallel id with a dot with rule invalid-id', path: '/api/parallel/v1/tasks/runs/trun.1', status: 400, rule: 'invalid-id' },
  { name: 'refuses an id longer than 128 characters with rule invalid-id', path: `/api/parallel/v1/tasks/runs/${'a'.repeat(129)}`, status: 400, rule: 'invalid-id' },
  { name: 'refuses a double-encoded slash in an id with rule invalid-id', path: '/api/shannon/api/v1/tasks/a%252Fb', status: 400, rule: 'invalid-id' },
  { name: 'refuses an encoded slash with rule invalid-path', path: '/api/parallel/v1/tasks/runs/a%2Fb/events', status: 400, rule: 'invalid-path' },
  { name: 'refuses an empty path segment with rule invalid-path', path: '/api/parallel/v1/tasks/runs//events', status: 400, rule: 'invalid-path' },
  { name: 'refuses a trailing slash with rule invalid-path', path: '/api/parallel/v1/tasks/runs/', status: 400, rule: 'invalid-path' },
  { name: 'resolves dot segments before matching, so .. cannot climb out of a provider', path: `/api/parallel/v1/tasks/runs/${RUN}/../../../../../../admin`, status: 404, rule: 'unknown-prefix' },
  { name: 'resolves encoded dot segments before matching as well', path: '/api/parallel/v1/tasks/runs/%2e%2e/%2E%2E/groups', status: 404, rule: 'route-not-allowed' },
  { name: 'refuses an unknown query parameter with rule query-not-allowed', path: `/api/parallel/v1/tasks/runs/${RUN}/result?timeout=5&redirect=evil`, status: 400, rule: 'query-not-allowed' },
  { name: 'refuses a query on a route that takes none with rule query-not-allowed', method: 'POST', path: '/api/parallel/v1/tasks/runs?beta=true', headers: JSON_HEADERS, body: CREATE, status: 400, rule: 'query-not-allowed' },
  { name: 'refuses a repeated query parameter with rule query-not-allowed', path: `/api/parallel/v1/tasks/runs/${RUN}/result?timeout=1&timeout=2`, status: 400, rule: 'query-not-allowed' },
  { name: 'refuses a malformed query value with rule query-not-allowed', path: `/api/shannon/api/v1/stream/sse?workflow_id=${WORKFLOW}&last_event_id=abc`, status: 400, rule: 'query-not-allowed' },
  { name: 'refuses Shannon api_key in the query when client credentials are not allowed with rule query-not-allowed', path: `/api/shannon/api/v1/stream/sse?workflow_id=${WORKFLOW}&api_key=${CLIENT_KEY}`, status: 400, rule: 'query-not-allowed' },
];

const credentials: MatrixCase[] = [
  { name: 'injects the server key and drops the client x-api-key and Authorization', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { 'x-api-key': CLIENT_KEY, authorization: `Bearer ${CLIENT_KEY}` }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}`, headers: { 'x-api-key': PARALLEL_SERVER_KEY, authorization: null } } },
  { name: 'forwards the client x-api-key and Authorization when client credentials are allowed and no server key is set', config: 'clientKeys', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { 'x-api-key': CLIENT_KEY, authorization: `Bearer ${CLIENT_KEY}` }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}`, headers: { 'x-api-key': CLIENT_KEY, authorization: `Bearer ${CLIENT_KEY}` } } },
  { name: 'refuses a client credential it would neither forward nor replace with rule header-not-allowed, instead of sending the request without a key', config: 'noKeys', path: `/api/shannon/api/v1/tasks/${WORKFLOW}`, headers: { 'x-api-key': CLIENT_KEY, authorization: `Bearer ${CLIENT_KEY}` }, status: 403, rule: 'header-not-allowed', bodyIncludes: ['SHANNON_API_KEY', 'ALLOW_CLIENT_CREDENTIALS'] },
  { name: 'forwards a request without client credentials when it has no key to add (the upstream decides)', config: 'noKeys', path: `/api/shannon/api/v1/tasks/${WORKFLOW}`, status: 200, upstream: { path: `/api/v1/tasks/${WORKFLOW}`, headers: { 'x-api-key': null, authorization: null } } },
  { name: 'drops client credentials in favour of the server key even when client credentials are allowed', config: 'clientKeysWithServerKeys', path: `/api/shannon/api/v1/tasks/${WORKFLOW}`, headers: { 'x-api-key': CLIENT_KEY }, status: 200, upstream: { path: `/api/v1/tasks/${WORKFLOW}`, headers: { 'x-api-key': SHANNON_SERVER_KEY } } },
  { name: 'forwards Shannon api_key in the stream query when client credentials are allowed', config: 'clientKeys', path: `/api/shannon/api/v1/stream/sse?workflow_id=${WORKFLOW}&api_key=${CLIENT_KEY}`, status: 200, upstream: { path: '/api/v1/stream/sse', query: { workflow_id: WORKFLOW, api_key: CLIENT_KEY } } },
  { name: 'drops Shannon api_key from the query when a server key replaces it', config: 'clientKeysWithServerKeys', path: `/api/shannon/api/v1/stream/sse?workflow_id=${WORKFLOW}&api_key=${CLIENT_KEY}`, status: 200, upstream: { path: '/api/v1/stream/sse', query: { workflow_id: WORKFLOW }, headers: { 'x-api-key': SHANNON_SERVER_KEY } } },
  { name: 'allows x-api-key and Authorization in a preflight when it replaces them with its server key, as it does on the request', method: 'OPTIONS', path: '/api/parallel/v1/tasks/runs', headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' }, status: 204, response: { 'access-control-allow-headers': 'content-type, accept, last-event-id, parallel-beta, idempotency-key, cache-control, x-api-key, authorization' } },
  { name: 'refuses a preflight asking to send x-api-key when it has no key and does not forward client keys with rule header-not-allowed', config: 'noKeys', method: 'OPTIONS', path: '/api/parallel/v1/tasks/runs', headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' }, status: 403, rule: 'header-not-allowed', bodyIncludes: ['PARALLEL_API_KEY'] },
  { name: 'allows x-api-key and Authorization in a preflight when client credentials are allowed', config: 'clientKeys', method: 'OPTIONS', path: '/api/parallel/v1/tasks/runs', headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-api-key' }, status: 204, response: { 'access-control-allow-headers': 'content-type, accept, last-event-id, parallel-beta, idempotency-key, cache-control, x-api-key, authorization' } },
];

const origins: MatrixCase[] = [
  { name: 'answers an allowed Origin with its own CORS headers, never * and never Allow-Credentials', path: `/api/parallel/v1/tasks/runs/${RUN}`, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` }, response: { 'access-control-allow-origin': APP_ORIGIN, vary: 'Origin', 'access-control-expose-headers': 'retry-after, x-workflow-id, x-session-id, link, x-ratelimit-remaining-minute', 'access-control-allow-credentials': null } },
  { name: 'allows every origin in the list', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { origin: 'https://other.example' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` }, response: { 'access-control-allow-origin': 'https://other.example' } },
  { name: 'refuses a foreign Origin with rule origin-not-allowed and no CORS headers', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { origin: 'https://evil.example' }, status: 403, rule: 'origin-not-allowed', response: { 'access-control-allow-origin': null } },
  { name: 'refuses a look-alike of a listed origin with rule origin-not-allowed', method: 'POST', path: '/api/parallel/v1/tasks/runs', headers: { ...JSON_HEADERS, origin: 'https://app.example.evil.example' }, body: CREATE, status: 403, rule: 'origin-not-allowed' },
  { name: 'refuses Origin: null (sandboxed frames, file: pages) with rule origin-not-allowed', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { origin: 'null' }, status: 403, rule: 'origin-not-allowed' },
  { name: 'allows its own origin without listing it', config: 'noKeys', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { origin: '{self}' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` }, response: { 'access-control-allow-origin': '{self}' } },
  { name: 'allows a request without Origin (same-origin GET, or a non-browser client)', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { origin: null, 'sec-fetch-site': 'same-origin' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` }, response: { 'access-control-allow-origin': null, vary: 'Origin' } },
  { name: 'refuses a request without Origin that Sec-Fetch-Site marks cross-site with rule origin-not-allowed', path: `/api/parallel/v1/tasks/runs/${RUN}/events`, headers: { origin: null, 'sec-fetch-site': 'cross-site' }, status: 403, rule: 'origin-not-allowed' },
  { name: 'refuses a request without Origin that Sec-Fetch-Site marks same-site with rule origin-not-allowed', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { origin: null, 'sec-fetch-site': 'same-site' }, status: 403, rule: 'origin-not-allowed' },
  { name: 'never takes its own origin from a protocol-relative request target', path: `//evil.example/api/parallel/v1/tasks/runs/${RUN}`, headers: { origin: 'http://evil.example' }, status: 403, rule: 'origin-not-allowed' },
  { name: 'adds CORS headers to refusals for allowed origins so the page can read the rule', path: '/api/parallel/v1beta/tasks/groups', status: 404, rule: 'route-not-allowed', response: { 'access-control-allow-origin': APP_ORIGIN } },
];

const preflight: MatrixCase[] = [
  {
    name: 'answers an allowed preflight itself with 204, the route methods, the allow-listed headers and Max-Age',
    method: 'OPTIONS',
    path: '/api/parallel/v1/tasks/runs',
    headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,parallel-beta' },
    status: 204,
    response: { 'access-control-allow-origin': APP_ORIGIN, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, accept, last-event-id, parallel-beta, idempotency-key, cache-control, x-api-key, authorization', 'access-control-max-age': '600', 'access-control-allow-credentials': null },
  },
  { name: 'lists every method of a path with several routes in a preflight answer', method: 'OPTIONS', path: '/api/shannon/api/v1/tasks', headers: { 'access-control-request-method': 'GET' }, status: 204, response: { 'access-control-allow-methods': 'POST, GET' } },
  { name: 'allows Last-Event-ID in a stream preflight', method: 'OPTIONS', path: `/api/shannon/api/v1/stream/sse?workflow_id=${WORKFLOW}`, headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'last-event-id' }, status: 204 },
  { name: 'refuses a preflight for a method the route does not allow with 403 and rule method-not-allowed', method: 'OPTIONS', path: '/api/parallel/v1/tasks/runs', headers: { 'access-control-request-method': 'DELETE' }, status: 403, rule: 'method-not-allowed' },
  { name: 'refuses a preflight asking for a header outside the allow-list with 403 and rule header-not-allowed', method: 'OPTIONS', path: '/api/parallel/v1/tasks/runs', headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-stainless-lang' }, status: 403, rule: 'header-not-allowed' },
  { name: 'refuses a preflight for a route that is not allowed with 403 and rule route-not-allowed', method: 'OPTIONS', path: '/api/parallel/v1beta/tasks/groups', headers: { 'access-control-request-method': 'POST' }, status: 403, rule: 'route-not-allowed' },
  { name: 'refuses a preflight from a foreign origin with 403 and rule origin-not-allowed', method: 'OPTIONS', path: '/api/parallel/v1/tasks/runs', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' }, status: 403, rule: 'origin-not-allowed', response: { 'access-control-allow-origin': null } },
];

const bodies: MatrixCase[] = [
  { name: 'refuses a body over MAX_BODY_BYTES by its Content-Length with rule body-too-large', method: 'POST', path: '/api/parallel/v1/tasks/runs', headers: JSON_HEADERS, body: JSON.stringify({ input: 'x'.repeat(2000), processor: 'lite' }), status: 413, rule: 'body-too-large' },
  { name: 'counts a chunked body without Content-Length and refuses it past the limit with rule body-too-large', method: 'POST', path: '/api/shannon/api/v1/tasks/stream', headers: JSON_HEADERS, chunks: ['{"query":"', 'y'.repeat(600), 'y'.repeat(600), '"}'], status: 413, rule: 'body-too-large' },
  { name: 'forwards a body of exactly MAX_BODY_BYTES', method: 'POST', path: '/api/parallel/v1/tasks/runs', headers: JSON_HEADERS, body: JSON.stringify({ input: 'z'.repeat(1024 - 31), processor: 'lite' }), status: 202, upstream: { path: '/parallel/v1/tasks/runs' } },
  { name: 'forwards a chunked body under the limit', method: 'POST', path: '/api/shannon/api/v1/tasks', headers: JSON_HEADERS, chunks: ['{"query":', '"chunked"}'], status: 200, upstream: { path: '/api/v1/tasks', body: '{"query":"chunked"}' } },
  { name: 'refuses a body that is not JSON with rule content-type-not-allowed', method: 'POST', path: '/api/parallel/v1/tasks/runs', headers: { 'content-type': 'text/plain' }, body: CREATE, status: 415, rule: 'content-type-not-allowed' },
];

const responses: MatrixCase[] = [
  {
    name: 'passes rate-limit, Retry-After, workflow and auth headers back and drops Set-Cookie, the upstream CORS headers and anything else',
    method: 'POST',
    path: '/api/shannon/api/v1/tasks/stream',
    headers: JSON_HEADERS,
    body: '{"query":"2+2"}',
    status: 201,
    upstream: { path: '/api/v1/tasks/stream' },
    response: { 'x-ratelimit-remaining-minute': '59', 'retry-after': '1', 'x-workflow-id': 'wf-1', 'x-session-id': 'session-1', link: '</api/v1/stream/sse?workflow_id=wf-1>; rel=stream', 'x-idempotency-cached': 'false', 'www-authenticate': 'Bearer realm="Shannon API"', 'set-cookie': null, 'x-internal-trace': null, 'keep-alive': null },
  },
  { name: 'passes a 204 through without a body', path: `/api/parallel/v1/tasks/runs/run_nobody`, status: 204, upstream: { path: '/parallel/v1/tasks/runs/run_nobody' } },
  { name: 'passes a compressed upstream body through decoded', path: '/api/parallel/v1/tasks/runs/run_gzip', status: 200, upstream: { path: '/parallel/v1/tasks/runs/run_gzip' }, response: { 'content-encoding': null }, bodyIncludes: ['"ok":true'] },
  { name: 'answers 502 with rule upstream-unreachable when the upstream cannot be reached', config: 'deadUpstream', path: `/api/parallel/v1/tasks/runs/${RUN}`, status: 502, rule: 'upstream-unreachable' },
];

/**
 * Preflight and request agree on client credentials, per deployment: for each credential header,
 * the preflight asking for it and the request carrying it are both accepted or both refused.
 */
const credentialAgreement: MatrixCase[] = (['serverKeys', 'clientKeys', 'clientKeysWithServerKeys', 'noKeys'] as const).flatMap((config) => {
  const accepted = config !== 'noKeys';
  return (['x-api-key', 'authorization'] as const).flatMap((header): MatrixCase[] => [
    {
      name: `${accepted ? 'accepts' : 'refuses'} a preflight asking for ${header} on the ${config} deployment, as it ${accepted ? 'accepts' : 'refuses'} the request`,
      config,
      method: 'OPTIONS',
      path: '/api/parallel/v1/tasks/runs',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type,${header}` },
      status: accepted ? 204 : 403,
      ...(accepted ? {} : { rule: 'header-not-allowed' }),
    },
    {
      name: `${accepted ? 'accepts' : 'refuses'} a request carrying ${header} on the ${config} deployment, as it ${accepted ? 'accepts' : 'refuses'} the preflight`,
      config,
      method: 'POST',
      path: '/api/parallel/v1/tasks/runs',
      headers: { ...JSON_HEADERS, [header]: header === 'authorization' ? `Bearer ${CLIENT_KEY}` : CLIENT_KEY },
      body: CREATE,
      status: accepted ? 202 : 403,
      ...(accepted
        ? { upstream: { path: '/parallel/v1/tasks/runs', headers: { 'x-api-key': config === 'clientKeys' ? (header === 'x-api-key' ? CLIENT_KEY : null) : PARALLEL_SERVER_KEY } } }
        : { rule: 'header-not-allowed' }),
    },
  ]);
});

const REBIND = 'rebind.evil.example';

const hosts: MatrixCase[] = [
  {
    name: 'refuses a DNS-rebinding POST (foreign Host with a matching Origin) with 421 and rule host-not-allowed, never forwarding the server key',
    method: 'POST',
    path: '/api/parallel/v1/tasks/runs',
    headers: { ...JSON_HEADERS, host: `${REBIND}:{port}`, origin: `http://${REBIND}:{port}` },
    body: CREATE,
    status: 421,
    rule: 'host-not-allowed',
    response: { 'access-control-allow-origin': null },
  },
  { name: 'refuses a foreign Host without Origin with 421 and rule host-not-allowed', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: `${REBIND}:{port}`, origin: null }, status: 421, rule: 'host-not-allowed' },
  { name: 'refuses a foreign Host on a preflight with 421 and rule host-not-allowed', method: 'OPTIONS', path: '/api/parallel/v1/tasks/runs', headers: { host: `${REBIND}:{port}`, origin: `http://${REBIND}:{port}`, 'access-control-request-method': 'POST' }, status: 421, rule: 'host-not-allowed' },
  { name: 'refuses a name that merely starts with an allowed one with rule host-not-allowed', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: 'localhost.evil.example:{port}' }, status: 421, rule: 'host-not-allowed' },
  { name: 'answers for localhost by default', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: 'localhost:{port}' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` } },
  { name: 'answers for LOCALHOST. (any case, fully qualified) by default', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: 'LOCALHOST.:{port}' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` } },
  { name: 'answers for [::1] by default', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: '[::1]:{port}' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` } },
  { name: 'allows its own origin on an allowed host name other than the one it listens on', config: 'noKeys', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: 'localhost:{port}', origin: 'http://localhost:{port}' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` }, response: { 'access-control-allow-origin': 'http://localhost:{port}' } },
  { name: 'answers for a host name listed in ALLOWED_HOSTS', config: 'namedHosts', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: 'proxy.example' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` } },
  { name: 'answers for a subdomain of a .domain entry in ALLOWED_HOSTS, and for the domain itself', config: 'namedHosts', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: 'eu.corp.example:8443' }, status: 200, upstream: { path: `/parallel/v1/tasks/runs/${RUN}` } },
  { name: 'no longer answers for loopback names once ALLOWED_HOSTS replaces them', config: 'namedHosts', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: 'localhost:{port}' }, status: 421, rule: 'host-not-allowed' },
  { name: 'refuses a Host with user info (127.0.0.1@evil.example) with 400 and rule invalid-host', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: '127.0.0.1@evil.example' }, status: 400, rule: 'invalid-host', malformedHost: true },
  { name: 'refuses a Host carrying a path, so the request line alone decides the route, with rule invalid-host', path: '/api/openai/v1/models', headers: { host: '127.0.0.1:{port}/api/parallel/v1/tasks/runs/trun_x?' }, status: 400, rule: 'invalid-host', malformedHost: true },
  { name: 'refuses two Host headers with 400 and rule invalid-host', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: ['127.0.0.1:{port}', `${REBIND}:{port}`] }, status: 400, rule: 'invalid-host', malformedHost: true },
  { name: 'refuses a Host whose port is not a number with rule invalid-host', path: `/api/parallel/v1/tasks/runs/${RUN}`, headers: { host: 'localhost:http' }, status: 400, rule: 'invalid-host' },
];

const hopByHop: MatrixCase[] = [
  {
    name: 'does not forward request headers the client names in Connection, even allow-listed ones',
    method: 'POST',
    path: '/api/shannon/api/v1/tasks/stream',
    headers: { ...JSON_HEADERS, connection: 'close, idempotency-key, cache-control', 'idempotency-key': 'idem-hop', 'cache-control': 'no-cache' },
    body: '{"query":"2+2"}',
    status: 201,
    upstream: { path: '/api/v1/tasks/stream', headers: { 'idempotency-key': null, 'cache-control': null, 'x-api-key': SHANNON_SERVER_KEY } },
  },
  { name: 'does not pass back response headers the upstream names in Connection', path: '/api/parallel/v1/tasks/runs/run_hop', status: 200, upstream: { path: '/parallel/v1/tasks/runs/run_hop' }, response: { 'x-workflow-id': null, 'x-session-id': null, 'retry-after': '1', 'keep-alive': null } },
];

/** The whole matrix, in a readable order. */
export const MATRIX: readonly MatrixCase[] = [...hosts, ...routes, ...credentials, ...credentialAgreement, ...origins, ...preflight, ...bodies, ...responses, ...hopByHop];
