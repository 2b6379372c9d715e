/**
 * "Sign in with Parallel" end to end in the browser, against the real mock provider over HTTP
 * (mounted at /mock by web-test-runner): the session state machine, the flow on oauth4webapi, the
 * round-trip record and the key's storage. Navigation is a fake navigator; everything else is real.
 */
import { expect } from '@open-wc/testing';
import { resolveOAuthConfig, type OAuthStorageKind } from '../../../../src/core/auth/oauth/oauth-config.js';
import type { OAuthNavigator } from '../../../../src/core/auth/oauth/oauth-return.js';
import { createOAuthRuntime, type OAuthRuntime } from '../../../../src/core/auth/oauth/oauth-runtime.js';
import type { OAuthSession } from '../../../../src/core/auth/oauth/oauth-session.js';
import { tokenSlot } from '../../../../src/core/auth/oauth/token-vault.js';

const ISSUER = `${location.origin}/mock`;
const REDIRECT = `${location.origin}/oauth-return/`;
const PENDING = 'task-elements:oauth:pending';

class FakeNavigator implements OAuthNavigator {
  replaced: string[] = [];
  navigated: string[] = [];
  constructor(public url: string, private log: string[] = []) {}
  currentUrl() {
    return this.url;
  }
  replaceUrl(url: string) {
    this.log.push('replaceUrl');
    this.replaced.push(url);
    this.url = url;
  }
  navigate(url: string) {
    this.navigated.push(url);
  }
}

/** fetch that logs each request and serves RFC 8414 discovery for the /mock issuer (path insertion). */
function recordingFetch(log: string[], discovery = true) {
  return (url: string, init?: RequestInit) => {
    log.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    const wellKnown = new URL(url);
    if (wellKnown.pathname === '/.well-known/oauth-authorization-server/mock') {
      if (!discovery) return Promise.resolve(new Response('not found', { status: 404 }));
      return fetch(`${location.origin}/mock/.well-known/oauth-authorization-server`, init);
    }
    return fetch(url, init);
  };
}

interface Harness {
  runtime: OAuthRuntime;
  session: OAuthSession;
  navigator: FakeNavigator;
  log: string[];
}

function harness(url = location.href, options: { storage?: OAuthStorageKind; discovery?: boolean; now?: () => number } = {}): Harness {
  const log: string[] = [];
  const navigator = new FakeNavigator(url, log);
  const runtime = createOAuthRuntime({ navigator, fetch: recordingFetch(log, options.discovery), now: options.now });
  return { runtime, navigator, log, session: runtime.session(ISSUER, options.storage ?? 'session') };
}

function config(storage: OAuthStorageKind = 'session', extra: { register?: boolean } = {}) {
  return resolveOAuthConfig({ provider: 'parallel', issuer: ISSUER, redirectUri: REDIRECT, storage, ...extra }, location.href);
}

/** Starts a sign-in; resolves with the authorization URL the page would navigate to. */
async function start(h: Harness, storage: OAuthStorageKind = 'session', extra: { register?: boolean } = {}): Promise<URL> {
  await h.session.signIn(config(storage, extra));
  expect(h.session.snapshot.status, h.session.snapshot.message).to.equal('redirecting');
  expect(h.navigator.navigated).to.have.length(1);
  return new URL(h.navigator.navigated[0]!);
}

/** Answers the mock's consent page like a user; resolves with the URL the provider sends the browser back to. */
async function answer(authorize: URL, decision: 'allow' | 'deny'): Promise<string> {
  const page = await (await fetch(authorize)).text();
  const transaction = /name="transaction" value="([^"]+)"/.exec(page)?.[1];
  expect(transaction, page).to.be.a('string');
  const res = await fetch(`${ISSUER}/getKeys/authorize`, { method: 'POST', body: new URLSearchParams({ transaction: transaction!, decision }) });
  return res.url; // the redirect was followed to the redirect URI
}

/** Loads the "page" at `url` (a new runtime, as after a navigation) and waits for the sign-in to settle. */
async function returnTo(url: string, options: { storage?: OAuthStorageKind; now?: () => number } = {}): Promise<Harness> {
  const h = harness(url, options);
  h.session.resume();
  if (h.session.snapshot.status === 'completing') {
    await new Promise<void>((resolve) => {
      const off = h.session.subscribe((next) => {
        if (next.status !== 'completing') {
          off();
          resolve();
        }
      });
    });
  }
  return h;
}

function withParams(url: string, change: (params: URLSearchParams) => void): string {
  const next = new URL(url);
  change(next.searchParams);
  return next.href;
}

describe('OAuth session: sign in with Parallel against the mock provider', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  it('sends the user to the authorization endpoint with code, S256 challenge, state, client id, redirect URI and scope', async () => {
    const h = harness();
    const url = await start(h);
    expect(`${url.origin}${url.pathname}`).to.equal(`${ISSUER}/getKeys/authorize`);
    expect(url.searchParams.get('response_type')).to.equal('code');
    expect(url.searchParams.get('client_id')).to.equal(location.hostname);
    expect(url.searchParams.get('redirect_uri')).to.equal(REDIRECT);
    expect(url.searchParams.get('scope')).to.equal('key:read');
    expect(url.searchParams.get('code_challenge_method')).to.equal('S256');
    expect(url.searchParams.get('code_challenge')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.has('code_verifier'), 'the verifier never leaves the tab').to.equal(false);
    expect(h.log).to.deep.equal(['GET /.well-known/oauth-authorization-server/mock']);
  });

  it('on return, wipes code, state and iss from the address bar first, exchanges the code once and keeps the key', async () => {
    const back = await answer(await start(harness()), 'allow');
    expect(new URL(back).searchParams.get('code')).to.be.a('string');
    const h = await returnTo(`${back}#section`);
    expect(h.session.snapshot.status, h.session.snapshot.message).to.equal('signed-in');
    expect(h.session.token).to.match(/^par_mock_/);
    expect(h.navigator.replaced).to.deep.equal([`${REDIRECT}#section`]);
    expect(h.log).to.deep.equal(['replaceUrl', 'POST /mock/getKeys/token']);
    expect(sessionStorage.getItem(tokenSlot(ISSUER))).to.equal(h.session.token);
    expect(sessionStorage.getItem(PENDING), 'the round-trip record is gone').to.equal(null);
  });

  it('uses the documented /getKeys paths when the issuer publishes no metadata', async () => {
    const h = harness(location.href, { discovery: false });
    const url = await start(h);
    expect(`${url.origin}${url.pathname}`).to.equal(`${ISSUER}/getKeys/authorize`);
    const back = await answer(url, 'allow');
    expect((await returnTo(back)).session.snapshot.status).to.equal('signed-in');
  });

  it('a tampered state exchanges nothing, says why, and keeps no key', async () => {
    const back = await answer(await start(harness()), 'allow');
    const h = await returnTo(withParams(back, (p) => p.set('state', `${p.get('state')}x`)));
    expect(h.session.snapshot.status).to.equal('error');
    expect(h.session.snapshot.error?.reason).to.equal('state-mismatch');
    expect(h.session.snapshot.message).to.match(/did not belong to the sign-in this tab started/);
    expect(h.log, 'no token request').to.deep.equal(['replaceUrl']);
    expect(h.session.token).to.equal(undefined);
    expect(sessionStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
  });

  it('a missing state or a foreign iss exchanges nothing', async () => {
    for (const tamper of [(p: URLSearchParams) => p.delete('state'), (p: URLSearchParams) => p.set('iss', 'https://evil.example')]) {
      const back = await answer(await start(harness()), 'allow');
      const h = await returnTo(withParams(back, tamper));
      expect(h.session.snapshot.error?.reason).to.equal('state-mismatch');
      expect(h.log).to.deep.equal(['replaceUrl']);
    }
  });

  it('a replayed code carrying a valid state is refused by the server: a clear error and no key', async () => {
    const first = await answer(await start(harness()), 'allow');
    const used = new URL(first).searchParams.get('code')!;
    expect((await returnTo(first)).session.snapshot.status).to.equal('signed-in');
    sessionStorage.clear();
    const second = await start(harness());
    const replay = withParams(`${REDIRECT}`, (p) => {
      p.set('code', used);
      p.set('state', second.searchParams.get('state')!);
      p.set('iss', ISSUER);
    });
    const h = await returnTo(replay);
    expect(h.session.snapshot.error?.reason).to.equal('token-error');
    expect(h.session.snapshot.error?.oauthError).to.equal('invalid_grant');
    expect(h.session.snapshot.message).to.match(/already used/);
    expect(h.session.token).to.equal(undefined);
  });

  it('a token endpoint failing with 5xx and an OAuth error body: the error quotes the provider\'s words, and no key is kept', async () => {
    for (const [body, words] of [
      [JSON.stringify({ error: 'temporarily_unavailable', error_description: 'Key service is down for maintenance.' }), /HTTP 503; it said: "Key service is down for maintenance\."/],
      ['<html>Bad gateway</html>', /not a valid OAuth answer \(HTTP 503\)/],
    ] as const) {
      sessionStorage.clear();
      const again = await answer(await start(harness()), 'allow');
      const navigator = new FakeNavigator(again);
      const log: string[] = [];
      const failing = (url: string, init?: RequestInit) => (new URL(url).pathname.endsWith('/getKeys/token')
        ? Promise.resolve(new Response(body, { status: 503, headers: { 'content-type': body.startsWith('{') ? 'application/json' : 'text/html' } }))
        : recordingFetch(log)(url, init));
      const runtime = createOAuthRuntime({ navigator, fetch: failing });
      const session = runtime.session(ISSUER, 'session');
      session.resume();
      await new Promise<void>((resolve) => {
        if (session.snapshot.status !== 'completing') return resolve();
        const off = session.subscribe((next) => {
          if (next.status !== 'completing') {
            off();
            resolve();
          }
        });
      });
      expect(session.snapshot.status).to.equal('error');
      expect(session.snapshot.error?.status).to.equal(503);
      expect(session.snapshot.message).to.match(words);
      expect(session.snapshot.message).to.match(/no key was kept/);
      expect(session.token).to.equal(undefined);
      expect(sessionStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
    }
  });

  it('the same answer opened twice (reload, back button) is exchanged once; the second sends nothing', async () => {
    const back = await answer(await start(harness()), 'allow');
    expect((await returnTo(back)).session.snapshot.status).to.equal('signed-in');
    const again = await returnTo(back);
    expect(again.session.snapshot.error?.reason).to.equal('no-pending-sign-in');
    expect(again.log).to.deep.equal(['replaceUrl']);
  });

  it('a sign-in answer this tab never asked for (login CSRF) sends nothing and says so', async () => {
    const h = await returnTo(`${REDIRECT}?code=attacker-code&state=whatever`);
    expect(h.session.snapshot.error?.reason).to.equal('no-pending-sign-in');
    expect(h.navigator.replaced).to.deep.equal([REDIRECT]);
    expect(h.log).to.deep.equal(['replaceUrl']);
  });

  it('leaves alone a page whose own ?code= has nothing to do with a sign-in', async () => {
    const h = await returnTo(`${location.origin}/shop/?code=SUMMER24`);
    expect(h.session.snapshot.status).to.equal('signed-out');
    expect(h.navigator.replaced).to.deep.equal([]);
  });

  it('a denied consent ends signed out, in words, with the provider’s description and no key', async () => {
    const back = await answer(await start(harness()), 'deny');
    const h = await returnTo(back);
    expect(h.session.snapshot.error?.reason).to.equal('access-denied');
    expect(h.session.snapshot.message).to.match(/You did not allow this page to use your Parallel account/);
    expect(h.session.snapshot.message).to.include('The user denied access');
    expect(h.log).to.deep.equal(['replaceUrl']);
    expect(h.navigator.url).to.equal(REDIRECT);
  });

  it('a sign-in answered after 10 minutes is not finished', async () => {
    const back = await answer(await start(harness()), 'allow');
    const h = await returnTo(back, { now: () => Date.now() + 11 * 60_000 });
    expect(h.session.snapshot.error?.reason).to.equal('no-pending-sign-in');
    expect(h.session.snapshot.message).to.match(/longer than 10 minutes/);
    expect(h.log).to.deep.equal(['replaceUrl']);
  });

  it('starts one sign-in at a time', async () => {
    const h = harness();
    const cfg = config();
    await Promise.all([h.session.signIn(cfg), h.session.signIn(cfg), h.session.signIn(cfg)]);
    expect(h.navigator.navigated).to.have.length(1);
  });

  it('keeps the key per oauth-storage: session, local, or memory only', async () => {
    for (const storage of ['local', 'memory'] as const) {
      const back = await answer(await start(harness(location.href, { storage }), storage), 'allow');
      const h = await returnTo(back, { storage });
      expect(h.session.snapshot.status).to.equal('signed-in');
      expect(sessionStorage.getItem(tokenSlot(ISSUER)), storage).to.equal(null);
      expect(localStorage.getItem(tokenSlot(ISSUER)), storage).to.equal(storage === 'local' ? h.session.token : null);
      h.session.signOut();
    }
  });

  it('keeps the key where the page it returns to keeps keys, and only one session exchanges the answer', async () => {
    const back = await answer(await start(harness(), 'session'), 'allow');
    const log: string[] = [];
    const navigator = new FakeNavigator(back, log);
    const runtime = createOAuthRuntime({ navigator, fetch: recordingFetch(log) });
    const local = runtime.session(ISSUER, 'local');
    const memory = runtime.session(ISSUER, 'memory');
    const settledOnce = new Promise<void>((resolve) => local.subscribe((next) => next.status !== 'completing' && resolve()));
    local.resume();
    memory.resume();
    await settledOnce;
    expect(local.snapshot.status).to.equal('signed-in');
    expect(memory.snapshot.status, 'the answer went to one session').to.equal('signed-out');
    expect(localStorage.getItem(tokenSlot(ISSUER))).to.equal(local.token);
    expect(log.filter((line) => line.includes('/token'))).to.have.length(1);
  });

  it('sign-out forgets the key everywhere and says that it stays valid in Parallel’s platform', async () => {
    const back = await answer(await start(harness()), 'allow');
    const h = await returnTo(back);
    localStorage.setItem(tokenSlot(ISSUER), 'left-over');
    const events: string[] = [];
    h.session.subscribe((next) => events.push(next.status));
    h.session.signOut();
    expect(events).to.deep.equal(['signed-out']);
    expect(h.session.token).to.equal(undefined);
    expect(sessionStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
    expect(localStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
    expect(h.session.snapshot.message).to.match(/stays valid in Parallel's platform/);
  });

  it('a key the API rejects is forgotten and the user is asked to sign in again', async () => {
    const h = await returnTo(await answer(await start(harness()), 'allow'));
    h.session.keyRejected();
    expect(h.session.snapshot.error?.reason).to.equal('key-rejected');
    expect(h.session.token).to.equal(undefined);
    expect(sessionStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
  });

  it('with oauth-register, registers once and uses the same client id for authorize and token', async () => {
    const first = await start(harness(), 'session', { register: true });
    const clientId = first.searchParams.get('client_id')!;
    expect(clientId).to.match(/^client_/);
    const h = await returnTo(await answer(first, 'allow'));
    expect(h.session.snapshot.status, h.session.snapshot.message).to.equal('signed-in');
    const again = harness();
    const second = await start(again, 'session', { register: true });
    expect(second.searchParams.get('client_id'), 'remembered, not registered again').to.equal(clientId);
    expect(again.log.filter((line) => line.includes('register'))).to.deep.equal([]);
  });

  it('refuses metadata that names another issuer and leaves no sign-in pending', async () => {
    const log: string[] = [];
    const navigator = new FakeNavigator(location.href, log);
    const evil = () => Promise.resolve(Response.json({ issuer: 'https://evil.example', authorization_endpoint: 'https://evil.example/a', token_endpoint: 'https://evil.example/t' }));
    const session = createOAuthRuntime({ navigator, fetch: evil }).session(ISSUER, 'session');
    await session.signIn(config());
    expect(session.snapshot.error?.reason).to.equal('provider-unreachable');
    expect(session.snapshot.message).to.match(/metadata that does not belong to it/);
    expect(navigator.navigated).to.deep.equal([]);
    expect(sessionStorage.getItem(PENDING)).to.equal(null);
  });
});
