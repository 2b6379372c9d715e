/**
 * The proxy's behaviour as one suite that any runtime must pass: the allow/deny matrix
 * (proxy-matrix.ts) and streaming. The Node server and the Worker under miniflare both run it,
 * each over real HTTP against the same recording upstream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openRequest, openStream, send, type SentResponse } from './http-client.js';
import { APP_ORIGIN, DEFAULT_HEADERS, MATRIX, proxyEnv, type ConfigName, type MatrixCase } from './proxy-matrix.js';
import { startUpstream, type Upstream } from './upstream-recorder.js';

/** A proxy started by a runtime-specific launcher. */
export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

/** Starts the proxy configured by environment variables (as `proxyOptionsFromEnv` reads them). */
export type StartProxy = (env: Record<string, string>) => Promise<RunningProxy>;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function waitFor(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Headers that must never reach the upstream, whatever the case. */
const NEVER_FORWARDED = ['cookie', 'origin', 'referer', 'x-forwarded-for', 'sec-fetch-site', 'access-control-request-method'];

/** Runs one case; `byRuntime`: the runtime answers instead of the proxy, so only "refused, never forwarded" is checked. */
async function runCase(testCase: MatrixCase, proxy: RunningProxy, upstream: Upstream, { byRuntime = false } = {}): Promise<SentResponse> {
  const { origin: self, port } = new URL(proxy.url);
  const fill = (value: string) => value.replaceAll('{self}', self).replaceAll('{port}', port);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries({ ...DEFAULT_HEADERS, ...testCase.headers })) {
    if (value !== null) headers[name] = Array.isArray(value) ? value.map(fill) : fill(value);
  }
  upstream.reset();
  const method = testCase.method ?? 'GET';
  const response = await send(proxy.url, testCase.path, { method, headers, body: testCase.body, chunks: testCase.chunks });
  const context = `${method} ${testCase.path} → ${response.status} ${response.text.slice(0, 300)}`;

  assert.equal(response.status, testCase.status, context);
  assert.equal(response.headers['set-cookie'], undefined, 'Set-Cookie must never be passed back');
  assert.notEqual(response.headers['access-control-allow-origin'], '*');
  assert.equal(response.headers['access-control-allow-credentials'], undefined);
  if (!byRuntime) assert.equal(response.headers['x-content-type-options'], 'nosniff', 'every answer, forwarded or not, says nosniff');

  if (testCase.rule) {
    const body = JSON.parse(response.text) as { error: { rule: string; message: string } };
    assert.equal(body.error.rule, testCase.rule, context);
    assert.ok(body.error.message.length > 20, `the refusal explains itself: ${body.error.message}`);
    assert.match(String(response.headers['content-type']), /^application\/json/);
  }
  if (testCase.rule || method === 'OPTIONS' || byRuntime) {
    assert.equal(upstream.requests.length, 0, 'refusals and preflights never reach the upstream');
  }
  if (testCase.upstream) {
    const expected = testCase.upstream;
    assert.equal(upstream.requests.length, 1, context);
    const received = upstream.requests[0]!;
    assert.equal(received.method, expected.method ?? method);
    assert.equal(received.path, expected.path);
    assert.deepEqual(received.query, expected.query ?? {});
    for (const name of NEVER_FORWARDED) assert.equal(received.headers[name], undefined, `${name} must not be forwarded`);
    assert.notEqual(received.headers['user-agent'], 'test-browser', 'the client User-Agent is not forwarded');
    for (const [name, value] of Object.entries(expected.headers ?? {})) {
      assert.equal(received.headers[name], value ?? undefined, `upstream header ${name}`);
    }
    if (expected.body !== undefined) assert.equal(received.body, expected.body);
  }
  for (const [name, value] of Object.entries(testCase.response ?? {})) {
    assert.equal(response.headers[name], value === null ? undefined : fill(value), `response header ${name}`);
  }
  for (const text of testCase.bodyIncludes ?? []) assert.ok(response.text.includes(text), `the body contains ${text}: ${response.text}`);
  return response;
}

/** Runtime differences the contract allows for. */
export interface ContractOptions {
  /**
   * Heartbeat of held upstream streams, in ms. workerd (like Cloudflare's edge) notices a client
   * disconnect only when it next writes to that client, so under it the upstream is closed at the
   * next event or heartbeat (Shannon pings every 10 s), not at once. Unset: no heartbeat, so the
   * disconnect must be propagated immediately (Node).
   */
  heartbeatMs?: number;
  /**
   * Whether the runtime notices a client that closes its side of the connection (a FIN) while the
   * response has not started. HTTP/1.1 allows a client to half-close after sending its request and
   * still read the answer, and workerd's HTTP server treats it so: it sees the departure at its
   * first write, or at once on a reset. Node's server treats a FIN as the end of the client.
   * @default true
   */
  seesHalfCloseBeforeResponse?: boolean;
  /**
   * Whether a response body that fails mid-way reaches the client as a cut (no terminating chunk).
   * workerd ends a chunked response cleanly even when its body stream errors
   * (cloudflare/workerd#6818), so a cut event stream looks complete there; a body with a
   * `Content-Length` (forwarded by the proxy) is still detectably short.
   * @default true
   */
  streamErrorsReachClient?: boolean;
  /**
   * Whether a malformed `Host` (user info, a path, two values) reaches the handler at all. workerd
   * cannot build the request URL from one and answers 500 itself, before the Worker runs.
   * @default true
   */
  malformedHostReachesHandler?: boolean;
}

/** Registers the contract suite for one runtime. */
export function describeProxyContract(
  runtime: string,
  startProxy: StartProxy,
  { heartbeatMs, seesHalfCloseBeforeResponse = true, streamErrorsReachClient = true, malformedHostReachesHandler = true }: ContractOptions = {},
): void {
  describe(`the proxy on ${runtime}`, () => {
    let upstream: Upstream;
    const proxies = new Map<ConfigName, Promise<RunningProxy>>();
    const proxyFor = (name: ConfigName): Promise<RunningProxy> => {
      let proxy = proxies.get(name);
      if (!proxy) {
        proxy = startProxy(proxyEnv(name, upstream.url));
        proxies.set(name, proxy);
      }
      return proxy;
    };

    before(async () => {
      upstream = await startUpstream({ heartbeatMs });
    });
    after(async () => {
      upstream.release();
      for (const proxy of proxies.values()) await (await proxy).close();
      await upstream.close();
    });

    describe('allow/deny matrix', () => {
      for (const testCase of MATRIX) {
        if (testCase.malformedHost && !malformedHostReachesHandler) {
          test(`${testCase.name} (here the runtime refuses it itself with a 500, before the proxy runs)`, async () => {
            const response = await runCase({ ...testCase, status: 500, rule: undefined, response: undefined }, await proxyFor(testCase.config ?? 'serverKeys'), upstream, { byRuntime: true });
            assert.ok(!response.text.includes('"rule"'), 'the proxy never saw the request');
          });
          continue;
        }
        test(testCase.name, async () => {
          await runCase(testCase, await proxyFor(testCase.config ?? 'serverKeys'), upstream);
        });
      }
    });

    describe('streaming', () => {
      const streamCases = [
        { provider: 'Parallel', path: '/api/parallel/v1/tasks/runs/trun_held_1/events' },
        { provider: 'Shannon', path: '/api/shannon/api/v1/stream/sse?workflow_id=task-held-1' },
      ];
      for (const { provider, path } of streamCases) {
        test(`streams the first ${provider} event to the client while the upstream stream is still open`, { timeout: 10_000 }, async () => {
          const proxy = await proxyFor('serverKeys');
          upstream.reset();
          const stream = await openStream(proxy.url, path, { headers: { origin: APP_ORIGIN, accept: 'text/event-stream' } });
          assert.equal(stream.status, 200);
          assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
          const first = await withTimeout(stream.readUntil('event: first'), 5000, 'the first event did not arrive while the upstream was open: the proxy buffers');
          assert.ok(!first.includes('event: last'), 'the upstream has not sent its last event yet');
          upstream.release();
          const all = await withTimeout(stream.readUntil('event: last'), 5000, 'the last event never arrived');
          assert.match(all, /id: 1\nevent: first\ndata: \{"n":1\}\n\n/);
          await withTimeout(stream.ended, 5000, 'the stream did not end after the upstream ended');
        });
      }

      test('closes the upstream request when the client disconnects mid-stream', { timeout: 10_000 }, async () => {
        const proxy = await proxyFor('serverKeys');
        upstream.reset();
        const upstreamClosed = upstream.nextEarlyClose();
        const stream = await openStream(proxy.url, '/api/parallel/v1/tasks/runs/trun_held_2/events', { headers: { origin: APP_ORIGIN } });
        await withTimeout(stream.readUntil('event: first'), 5000, 'the first event never arrived');
        stream.disconnect();
        await withTimeout(upstreamClosed, 5000, 'the upstream request stayed open after the client left');
      });

      const leaving = [
        { how: 'resets the connection', reset: true },
        ...(seesHalfCloseBeforeResponse ? [{ how: 'closes the connection', reset: false }] : []),
      ];
      for (const { how, reset } of leaving) {
        test(`closes the upstream request when the client ${how} before the upstream answered`, { timeout: 10_000 }, async () => {
          const proxy = await proxyFor('serverKeys');
          upstream.reset();
          const upstreamClosed = upstream.nextEarlyClose();
          const pending = openRequest(proxy.url, '/api/parallel/v1/tasks/runs/trun_held_3/result?timeout=600', { headers: { origin: APP_ORIGIN } });
          await withTimeout(waitFor(() => upstream.requests.length === 1), 5000, 'the request never reached the upstream');
          pending.disconnect({ reset });
          await withTimeout(upstreamClosed, 5000, 'the upstream request stayed open after the client left');
        });
      }

      const cutCases = [
        { what: 'a JSON body', path: '/api/parallel/v1/tasks/runs/trun_cut_0', first: '{"ok":true', stream: false },
        { what: 'a Parallel stream', path: '/api/parallel/v1/tasks/runs/trun_cut_1/events', first: 'event: first', stream: true },
        { what: 'a Shannon stream', path: '/api/shannon/api/v1/stream/sse?workflow_id=task-cut-1', first: 'event: first', stream: true },
      ];
      for (const { what, path, first, stream: isStream } of cutCases) {
        if (isStream && !streamErrorsReachClient) continue;
        test(`passes ${what} the upstream cuts mid-way to the client as a cut, not a clean end`, { timeout: 10_000 }, async () => {
          const proxy = await proxyFor('serverKeys');
          upstream.reset();
          const stream = await openStream(proxy.url, path, { headers: { origin: APP_ORIGIN, accept: 'text/event-stream' } });
          await withTimeout(stream.readUntil(first), 5000, 'the first bytes never arrived');
          const outcome = await withTimeout(
            stream.ended.then(() => 'a clean end', (error: Error) => `an error (${error.message})`),
            5000,
            'the client stream neither ended nor failed after the upstream was cut',
          );
          assert.match(outcome, /^an error/, 'a cut upstream must not look like a complete response');
        });
      }
    });
  });
}
