/**
 * The mock OAuth provider behaves like a strict server (parallel-task-api.md §12; RFC 6749, 7636,
 * 7591, 8414, 9207): over real HTTP, with raw requests, so nothing on the client side hides a
 * lenient check.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CODE_LIFETIME_MS, MockOAuthProvider } from '../../../../server/mock/oauth/oauth-provider.js';
import { useMockServer } from '../helpers.js';

const mock = useMockServer();

const REDIRECT = 'http://127.0.0.1:5173/app/';
const CLIENT = '127.0.0.1';

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(base: string, overrides: Record<string, string | null> = {}): string {
  const url = new URL(`${base}/getKeys/authorize`);
  const params: Record<string, string | null> = {
    response_type: 'code', client_id: CLIENT, redirect_uri: REDIRECT, scope: 'key:read',
    code_challenge: pkce().challenge, code_challenge_method: 'S256', state: 'state-123', ...overrides,
  };
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return url.href;
}

async function consent(url: string): Promise<{ status: number; html: string; transaction?: string; headers: Headers }> {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  return { status: res.status, html, headers: res.headers, transaction: /name="transaction" value="([^"]+)"/.exec(html)?.[1] };
}

async function decide(base: string, transaction: string, decision: 'allow' | 'deny'): Promise<Response> {
  return fetch(`${base}/getKeys/authorize`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ transaction, decision }),
  });
}

/** Runs authorize + allow; resolves with the code and the redirect it came back on. */
async function codeFor(base: string, options: { challenge: string; clientId?: string; redirectUri?: string }): Promise<{ code: string; location: URL }> {
  const page = await consent(authorizeUrl(base, { code_challenge: options.challenge, client_id: options.clientId ?? CLIENT, redirect_uri: options.redirectUri ?? REDIRECT }));
  assert.equal(page.status, 200, page.html);
  const res = await decide(base, page.transaction!, 'allow');
  assert.equal(res.status, 302);
  const location = new URL(res.headers.get('location')!);
  return { code: location.searchParams.get('code')!, location };
}

function token(base: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${base}/getKeys/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:5173' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT, redirect_uri: REDIRECT, ...fields }),
  });
}

describe('mock OAuth provider: metadata and registration', () => {
  it('publishes RFC 8414 metadata for its own issuer, S256 only, public clients, iss in redirects', async () => {
    const res = await fetch(`${mock.url}/.well-known/oauth-authorization-server`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const meta = await res.json();
    assert.equal(meta.issuer, mock.url);
    assert.equal(meta.authorization_endpoint, `${mock.url}/getKeys/authorize`);
    assert.equal(meta.token_endpoint, `${mock.url}/getKeys/token`);
    assert.equal(meta.registration_endpoint, `${mock.url}/getKeys/register`);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.deepEqual(meta.token_endpoint_auth_methods_supported, ['none']);
    assert.equal(meta.authorization_response_iss_parameter_supported, true);
  });

  it('registers a public client with 201 and answers the CORS preflight for it', async () => {
    const preflight = await fetch(`${mock.url}/getKeys/register`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/);
    const res = await fetch(`${mock.url}/getKeys/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }) });
    assert.equal(res.status, 201);
    const client = await res.json();
    assert.match(client.client_id, /^client_/);
    assert.deepEqual(client.redirect_uris, [REDIRECT]);
  });

  it('refuses to register redirect URIs a strict server refuses (fragment, plain http off loopback, not absolute)', async () => {
    for (const uri of ['http://127.0.0.1/cb#x', 'http://example.com/cb', '/relative', 'javascript:alert(1)']) {
      const res = await fetch(`${mock.url}/getKeys/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [uri] }) });
      assert.equal(res.status, 400, uri);
      assert.equal((await res.json()).error, 'invalid_redirect_uri', uri);
    }
  });
});

describe('mock OAuth provider: authorize', () => {
  it('shows a consent page with Allow and Deny that cannot be framed', async () => {
    const page = await consent(authorizeUrl(mock.url));
    assert.equal(page.status, 200);
    assert.match(page.html, /value="allow"/);
    assert.match(page.html, /value="deny"/);
    assert.ok(page.transaction);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  it('refuses a redirect URI on another host than the client_id names, with an error page and no redirect', async () => {
    const page = await consent(authorizeUrl(mock.url, { redirect_uri: 'http://localhost:5173/app/' }));
    assert.equal(page.status, 400);
    assert.equal(page.headers.get('location'), null);
    assert.match(page.html, /redirect URI is not allowed/);
  });

  it('compares a registered client\'s redirect URI exactly (a trailing difference is refused)', async () => {
    const reg = await (await fetch(`${mock.url}/getKeys/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: [REDIRECT] }) })).json();
    assert.equal((await consent(authorizeUrl(mock.url, { client_id: reg.client_id }))).status, 200);
    for (const uri of [`${REDIRECT}x`, REDIRECT.slice(0, -1), `${REDIRECT}?a=1`, REDIRECT.replace('127.0.0.1', 'localhost')]) {
      const page = await consent(authorizeUrl(mock.url, { client_id: reg.client_id, redirect_uri: uri }));
      assert.equal(page.status, 400, uri);
      assert.equal(page.headers.get('location'), null, uri);
    }
  });

  it('refuses an unknown registered client id, escaping it on the error page', async () => {
    const page = await consent(authorizeUrl(mock.url, { client_id: 'client_<script>alert(1)</script>' }));
    assert.equal(page.status, 400);
    assert.ok(!page.html.includes('<script>'));
    assert.match(page.html, /client_&lt;script&gt;/);
  });

  it('sends PKCE and request errors back to a valid redirect URI with state and iss', async () => {
    const cases: Array<[Record<string, string | null>, string, RegExp]> = [
      [{ code_challenge: null }, 'invalid_request', /code_challenge is required/],
      [{ code_challenge_method: 'plain' }, 'invalid_request', /S256/],
      [{ code_challenge_method: null }, 'invalid_request', /S256/],
      [{ code_challenge: 'short' }, 'invalid_request', /base64url/],
      [{ response_type: 'token' }, 'unsupported_response_type', /code/],
      [{ scope: 'admin' }, 'invalid_scope', /key:read/],
    ];
    for (const [overrides, error, description] of cases) {
      const res = await fetch(authorizeUrl(mock.url, overrides), { redirect: 'manual' });
      assert.equal(res.status, 302, JSON.stringify(overrides));
      const location = new URL(res.headers.get('location')!);
      assert.equal(`${location.origin}${location.pathname}`, REDIRECT);
      assert.equal(location.searchParams.get('error'), error);
      assert.match(location.searchParams.get('error_description') ?? '', description);
      assert.equal(location.searchParams.get('state'), 'state-123');
      assert.equal(location.searchParams.get('iss'), mock.url);
      assert.equal(location.searchParams.get('code'), null);
    }
  });

  it('redirects Deny as error=access_denied with the state, and a consent page answers once', async () => {
    const page = await consent(authorizeUrl(mock.url));
    const res = await decide(mock.url, page.transaction!, 'deny');
    const location = new URL(res.headers.get('location')!);
    assert.equal(location.searchParams.get('error'), 'access_denied');
    assert.equal(location.searchParams.get('state'), 'state-123');
    assert.equal(location.searchParams.get('code'), null);
    const again = await decide(mock.url, page.transaction!, 'allow');
    assert.equal(again.status, 400);
    assert.equal(again.headers.get('location'), null);
  });
});

describe('mock OAuth provider: token', () => {
  it('exchanges a code once for a key, with token_type bearer, no-store and CORS', async () => {
    const { verifier, challenge } = pkce();
    const { code, location } = await codeFor(mock.url, { challenge });
    assert.equal(location.searchParams.get('state'), 'state-123');
    assert.equal(location.searchParams.get('iss'), mock.url);
    const res = await token(mock.url, { code, code_verifier: verifier });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = await res.json();
    assert.match(body.access_token, /^par_mock_/);
    assert.equal(body.token_type, 'bearer');

    const replay = await token(mock.url, { code, code_verifier: verifier });
    assert.equal(replay.status, 400);
    assert.deepEqual(await replay.json(), { error: 'invalid_grant', error_description: 'The authorization code was already used' });
  });

  it('refuses a wrong verifier, and the code cannot be tried again after that', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await codeFor(mock.url, { challenge });
    const wrong = await token(mock.url, { code, code_verifier: pkce().verifier });
    assert.equal((await wrong.json()).error, 'invalid_grant');
    const right = await token(mock.url, { code, code_verifier: verifier });
    assert.equal((await right.json()).error, 'invalid_grant');
  });

  it('enforces RFC 7636 verifier syntax: the reference app\'s 151-character verifier is refused', async () => {
    // btoa(String(bytes)) as in the reference app (§15 flaw 3): base64 of "12,255,3,…" — too long, and '+', '/', '=' are not unreserved.
    const bytes = randomBytes(32);
    const verifier = Buffer.from(Array.from(bytes).join(',')).toString('base64');
    assert.ok(verifier.length > 128);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const { code } = await codeFor(mock.url, { challenge });
    const res = await token(mock.url, { code, code_verifier: verifier });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error, 'invalid_grant');
  });

  it('requires the exact redirect URI and the same client as the authorization request', async () => {
    const one = pkce();
    const first = await codeFor(mock.url, { challenge: one.challenge });
    const res = await token(mock.url, { code: first.code, code_verifier: one.verifier, redirect_uri: `${REDIRECT}other` });
    assert.deepEqual(await res.json(), { error: 'invalid_grant', error_description: 'redirect_uri does not match the authorization request' });

    const two = pkce();
    const second = await codeFor(mock.url, { challenge: two.challenge });
    const other = await token(mock.url, { code: second.code, code_verifier: two.verifier, client_id: 'localhost' });
    assert.equal((await other.json()).error, 'invalid_grant');
  });

  it('answers OAuth errors for a missing verifier, an unknown code, a wrong grant type and a non-form body', async () => {
    const { challenge } = pkce();
    const { code } = await codeFor(mock.url, { challenge });
    assert.equal((await (await token(mock.url, { code })).json()).error, 'invalid_request');
    assert.equal((await (await token(mock.url, { code: 'nope', code_verifier: pkce().verifier })).json()).error, 'invalid_grant');
    assert.equal((await (await token(mock.url, { grant_type: 'password', code: 'x' })).json()).error, 'unsupported_grant_type');
    const json = await fetch(`${mock.url}/getKeys/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 400);
    assert.equal((await json.json()).error, 'invalid_request');
  });
});

describe('mock OAuth provider: expiry', () => {
  let server: Server;
  let url = '';
  let now = 1_000_000;
  before(async () => {
    const provider = new MockOAuthProvider({ basePath: '', now: () => now });
    server = createServer((req, res) => {
      const parsed = new URL(req.url ?? '/', 'http://x');
      void provider.handle(req, res, parsed.pathname, parsed);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses a code used after its 10-minute lifetime', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await codeFor(url, { challenge });
    now += CODE_LIFETIME_MS + 1;
    const res = await token(url, { code, code_verifier: verifier });
    assert.deepEqual(await res.json(), { error: 'invalid_grant', error_description: 'The authorization code has expired' });
  });
});
