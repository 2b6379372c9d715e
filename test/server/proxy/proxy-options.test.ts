/** Proxy configuration: environment variables, defaults, and the misconfigurations refused at start-up. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createProxyHandler, ProxyConfigError, proxyOptionsFromEnv, type ProxyOptions } from '../../../server/proxy/proxy-handler.js';

const BASE: ProxyOptions = { parallelBaseUrl: 'https://api.parallel.ai', shannonBaseUrl: 'http://localhost:8080' };

describe('proxyOptionsFromEnv', () => {
  test('defaults to api.parallel.ai, a local Shannon gateway, no keys, no origins and no client credentials', () => {
    assert.deepEqual(proxyOptionsFromEnv({}), {
      parallelBaseUrl: 'https://api.parallel.ai',
      shannonBaseUrl: 'http://localhost:8080',
      parallelApiKey: undefined,
      shannonApiKey: undefined,
      allowedOrigins: [],
      allowClientCredentials: false,
    });
  });

  test('reads every variable', () => {
    const options = proxyOptionsFromEnv({
      PARALLEL_BASE_URL: 'http://127.0.0.1:8787',
      SHANNON_BASE_URL: 'http://127.0.0.1:8787',
      PARALLEL_API_KEY: 'pk',
      SHANNON_API_KEY: 'sk',
      ALLOWED_ORIGINS: ' https://a.example ,https://b.example:8443,, ',
      ALLOW_CLIENT_CREDENTIALS: 'TRUE',
      MAX_BODY_BYTES: '2048',
    });
    assert.deepEqual(options, {
      parallelBaseUrl: 'http://127.0.0.1:8787',
      shannonBaseUrl: 'http://127.0.0.1:8787',
      parallelApiKey: 'pk',
      shannonApiKey: 'sk',
      allowedOrigins: ['https://a.example', 'https://b.example:8443'],
      allowClientCredentials: true,
      maxBodyBytes: 2048,
    });
  });

  test('treats empty values as unset', () => {
    const options = proxyOptionsFromEnv({ PARALLEL_BASE_URL: '', PARALLEL_API_KEY: '  ', ALLOW_CLIENT_CREDENTIALS: '', MAX_BODY_BYTES: '' });
    assert.equal(options.parallelBaseUrl, 'https://api.parallel.ai');
    assert.equal(options.parallelApiKey, undefined);
    assert.equal(options.allowClientCredentials, false);
    assert.equal(options.maxBodyBytes, undefined);
  });

  test('accepts 1/true/0/false for ALLOW_CLIENT_CREDENTIALS and refuses anything else', () => {
    assert.equal(proxyOptionsFromEnv({ ALLOW_CLIENT_CREDENTIALS: '1' }).allowClientCredentials, true);
    assert.equal(proxyOptionsFromEnv({ ALLOW_CLIENT_CREDENTIALS: '0' }).allowClientCredentials, false);
    assert.equal(proxyOptionsFromEnv({ ALLOW_CLIENT_CREDENTIALS: 'false' }).allowClientCredentials, false);
    assert.throws(() => proxyOptionsFromEnv({ ALLOW_CLIENT_CREDENTIALS: 'yes' }), ProxyConfigError);
  });

  test('reads ALLOWED_HOSTS as a comma-separated list and leaves the loopback default alone when it is empty', () => {
    assert.deepEqual(proxyOptionsFromEnv({ ALLOWED_HOSTS: ' proxy.example.com, .example.org ,, ' }).allowedHosts, ['proxy.example.com', '.example.org']);
    assert.equal(proxyOptionsFromEnv({ ALLOWED_HOSTS: ' ' }).allowedHosts, undefined);
  });

  test('refuses a MAX_BODY_BYTES that is not a whole number', () => {
    assert.throws(() => proxyOptionsFromEnv({ MAX_BODY_BYTES: '1e6' }), /MAX_BODY_BYTES must be a whole number/);
  });
});

describe('createProxyHandler configuration checks', () => {
  test('refuses "*" in allowedOrigins', () => {
    assert.throws(() => createProxyHandler({ ...BASE, allowedOrigins: ['*'] }), (error: Error) => error instanceof ProxyConfigError && /ALLOWED_ORIGINS\) may not contain "\*"/.test(error.message));
  });

  test('refuses an allowed origin with a path, or one that is not http(s)', () => {
    assert.throws(() => createProxyHandler({ ...BASE, allowedOrigins: ['https://app.example/page'] }), ProxyConfigError);
    assert.throws(() => createProxyHandler({ ...BASE, allowedOrigins: ['null'] }), ProxyConfigError);
    assert.throws(() => createProxyHandler({ ...BASE, allowedOrigins: ['chrome-extension://abc'] }), ProxyConfigError);
  });

  test('normalizes allowed origins (case, trailing slash) before comparing', async () => {
    const handler = createProxyHandler({ ...BASE, allowedOrigins: ['HTTPS://App.Example/'], fetch: async () => new Response('{}') });
    const response = await handler(new Request('http://localhost/api/parallel/v1/tasks/runs/trun_1', { headers: { origin: 'https://app.example' } }));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example');
  });

  test('refuses "*", URLs and ports in allowedHosts, naming ALLOWED_HOSTS', () => {
    for (const entry of ['*', 'https://proxy.example.com', 'proxy.example.com:8788', 'proxy.example.com/api', 'evil example', 'cafe:80']) {
      assert.throws(() => createProxyHandler({ ...BASE, allowedHosts: [entry] }), (error: Error) => error instanceof ProxyConfigError && /ALLOWED_HOSTS/.test(error.message), entry);
    }
  });

  test('answers only for the loopback names unless allowedHosts lists others', async () => {
    const fetch = async () => new Response('{}');
    const loopback = createProxyHandler({ ...BASE, fetch });
    const statusOf = async (handler: typeof loopback, url: string) => (await handler(new Request(url))).status;
    assert.equal(await statusOf(loopback, 'http://127.0.0.1:8788/api/parallel/v1/tasks/runs/trun_1'), 200);
    assert.equal(await statusOf(loopback, 'http://[::1]:8788/api/parallel/v1/tasks/runs/trun_1'), 200);
    assert.equal(await statusOf(loopback, 'https://proxy.example.com/api/parallel/v1/tasks/runs/trun_1'), 421);
    const named = createProxyHandler({ ...BASE, fetch, allowedHosts: ['Proxy.Example.com', '.workers.dev'] });
    assert.equal(await statusOf(named, 'https://proxy.example.com/api/parallel/v1/tasks/runs/trun_1'), 200);
    assert.equal(await statusOf(named, 'https://my-proxy.me.workers.dev/api/parallel/v1/tasks/runs/trun_1'), 200);
    assert.equal(await statusOf(named, 'https://workers.dev.evil.example/api/parallel/v1/tasks/runs/trun_1'), 421);
    assert.equal(await statusOf(named, 'http://localhost:8788/api/parallel/v1/tasks/runs/trun_1'), 421);
  });

  test('refuses a base URL that is not absolute http(s)', () => {
    assert.throws(() => createProxyHandler({ ...BASE, parallelBaseUrl: 'api.parallel.ai' }), /parallelBaseUrl \(PARALLEL_BASE_URL\) must be an absolute http\(s\) URL/);
    assert.throws(() => createProxyHandler({ ...BASE, shannonBaseUrl: 'ftp://shannon.example' }), /shannonBaseUrl \(SHANNON_BASE_URL\) must use http: or https:/);
    assert.throws(() => createProxyHandler({ ...BASE, shannonBaseUrl: 'http://shannon.example/?admin=1' }), /must not have a query/);
  });

  test('refuses a base URL carrying credentials without repeating them', () => {
    assert.throws(
      () => createProxyHandler({ ...BASE, parallelBaseUrl: 'https://user:hunter2@api.parallel.ai' }),
      (error: Error) => error instanceof ProxyConfigError && !error.message.includes('hunter2'),
    );
  });

  test('refuses a maxBodyBytes that is not a positive whole number', () => {
    assert.throws(() => createProxyHandler({ ...BASE, maxBodyBytes: 0 }), ProxyConfigError);
    assert.throws(() => createProxyHandler({ ...BASE, maxBodyBytes: 1.5 }), ProxyConfigError);
  });

  test('keeps a path prefix of the base URL and drops its trailing slash', async () => {
    const seen: string[] = [];
    const handler = createProxyHandler({
      ...BASE,
      parallelBaseUrl: 'https://gateway.example/parallel/',
      fetch: async (input) => {
        seen.push(String(input));
        return new Response('{}');
      },
    });
    await handler(new Request('http://localhost/api/parallel/v1/tasks/runs/trun_1/result?timeout=3'));
    assert.deepEqual(seen, ['https://gateway.example/parallel/v1/tasks/runs/trun_1/result?timeout=3']);
  });
});
