/**
 * The proxy's behaviour as one suite that any runtime must pass: the allow/deny matrix
 * (proxy-matrix.ts) and streaming. The Node server and the Worker under miniflare both run it,
 * each over real HTTP against the same recording upstream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openStream, send } from './http-client.js';
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

/** Headers that must never reach the upstream, whatever the case. */
const NEVER_FORWARDED = ['cookie', 'origin', 'referer', 'x-forwarded-for', 'sec-fetch-site', 'access-control-request-method'];

async function runCase(testCase: MatrixCase, proxy: RunningProxy, upstream: Upstream): Promise<void> {
  const self = new URL(proxy.url).origin;
  const fill = (value: string) => value.replaceAll('{self}', self);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...DEFAULT_HEADERS, ...testCase.headers })) {
    if (value !== null) headers[name] = fill(value);
  }
  upstream.reset();
  const method = testCase.method ?? 'GET';
  const response = await send(proxy.url, testCase.path, { method, headers, body: testCase.body, chunks: testCase.chunks });
  const context = `${method} ${testCase.path} → ${response.status} ${response.text.slice(0, 300)}`;

  assert.equal(response.status, testCase.status, context);
  assert.equal(response.headers['set-cookie'], undefined, 'Set-Cookie must never be passed back');
  assert.notEqual(response.headers['access-control-allow-origin'], '*');
  assert.equal(response.headers['access-control-allow-credentials'], undefined);

  if (testCase.rule) {
    const body = JSON.parse(response.text) as { error: { rule: string; message: string } };
    assert.equal(body.error.rule, testCase.rule, context);
    assert.ok(body.error.message.length > 20, `the refusal explains itself: ${body.error.message}`);
    assert.match(String(response.headers['content-type']), /^application\/json/);
  }
  if (testCase.rule || method === 'OPTIONS') {
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
}

/** Registers the contract suite for one runtime. */
export function describeProxyContract(runtime: string, startProxy: StartProxy, { heartbeatMs }: ContractOptions = {}): void {
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
        test(testCase.name, async () => runCase(testCase, await proxyFor(testCase.config ?? 'serverKeys'), upstream));
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
    });
  });
}
