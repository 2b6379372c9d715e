/**
 * No OAuth request ever follows a redirect: a followed 307/308 would re-send the code and the PKCE
 * verifier (or the registration) to wherever `Location` points. Against the mock provider and the
 * test server's scripted responses, over real HTTP.
 */
import { expect } from '@open-wc/testing';
import { customFetch } from 'oauth4webapi';
import { resolveOAuthConfig } from '../../../../src/core/auth/oauth/oauth-config.js';
import type { OAuthNavigator } from '../../../../src/core/auth/oauth/oauth-return.js';
import { createOAuthRuntime } from '../../../../src/core/auth/oauth/oauth-runtime.js';
import { requestOptions } from '../../../../src/core/auth/oauth/provider-metadata.js';
import { browserStorageAreas, tokenSlot } from '../../../../src/core/auth/oauth/token-vault.js';
import { scriptStream } from '../../../support/scripted-stream.js';

const ISSUER = `${location.origin}/mock`;
const REDIRECT = `${location.origin}/oauth-return/`;

class Navigator implements OAuthNavigator {
  navigated: string[] = [];
  constructor(public url: string) {}
  currentUrl = () => this.url;
  replaceUrl = (url: string) => void (this.url = url);
  navigate = (url: string) => void this.navigated.push(url);
}

interface Sent { method: string; path: string; redirect: RequestRedirect | undefined }

/** fetch that records each request's redirect mode, serves discovery for /mock and can send the token request elsewhere. */
function recording(sent: Sent[], tokenTo?: string) {
  return (url: string, init?: RequestInit) => {
    const path = new URL(url).pathname;
    sent.push({ method: init?.method ?? 'GET', path, redirect: init?.redirect });
    if (path === '/.well-known/oauth-authorization-server/mock') return fetch(`${ISSUER}/.well-known/oauth-authorization-server`, init);
    if (tokenTo && path.endsWith('/getKeys/token')) return fetch(tokenTo, init);
    return fetch(url, init);
  };
}

const config = (register = false) => resolveOAuthConfig({ provider: 'parallel', issuer: ISSUER, redirectUri: REDIRECT, storage: 'session', register }, location.href);

/** Starts a sign-in and answers the mock's consent page with Allow; resolves with the URL the browser is sent back to. */
async function allowedReturn(fetcher: ReturnType<typeof recording>, register = false): Promise<string> {
  const navigator = new Navigator(location.href);
  const session = createOAuthRuntime({ navigator, fetch: fetcher }).session(ISSUER, 'session');
  await session.signIn(config(register));
  expect(navigator.navigated, session.snapshot.message).to.have.length(1);
  const page = await (await fetch(navigator.navigated[0]!)).text();
  const transaction = /name="transaction" value="([^"]+)"/.exec(page)![1]!;
  const res = await fetch(`${ISSUER}/getKeys/authorize`, { method: 'POST', body: new URLSearchParams({ transaction, decision: 'allow' }) });
  return res.url;
}

/** The page loads at `url` (a new runtime) and finishes the sign-in. */
async function finish(url: string, fetcher: ReturnType<typeof recording>) {
  const session = createOAuthRuntime({ navigator: new Navigator(url), fetch: fetcher }).session(ISSUER, 'session');
  const settled = new Promise<void>((resolve) => session.subscribe((next) => next.status !== 'completing' && resolve()));
  session.resume();
  await settled;
  return session;
}

describe('OAuth requests never follow a redirect', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  it('the fetch hook given to oauth4webapi sends redirect: "manual" whatever it is asked', async () => {
    const seen: Array<RequestRedirect | undefined> = [];
    const options = requestOptions(false, {
      fetch: (_url, init) => {
        seen.push(init?.redirect);
        return Promise.resolve(new Response('{}'));
      },
      areas: browserStorageAreas,
    });
    for (const redirect of ['follow', 'error', undefined] as const) {
      await options[customFetch]('https://platform.parallel.ai/getKeys/token', { method: 'POST', ...(redirect ? { redirect } : {}) });
    }
    expect(seen).to.deep.equal(['manual', 'manual', 'manual']);
  });

  it('discovery, registration and the token request of a whole sign-in each go out with redirect: "manual"', async () => {
    const sent: Sent[] = [];
    const session = await finish(await allowedReturn(recording(sent), true), recording(sent));
    expect(session.snapshot.status, session.snapshot.message).to.equal('signed-in');
    expect(sent.map((s) => `${s.method} ${s.path}`)).to.deep.equal([
      'GET /.well-known/oauth-authorization-server/mock', 'POST /mock/getKeys/register', 'POST /mock/getKeys/token',
    ]);
    expect(sent.map((s) => s.redirect)).to.deep.equal(['manual', 'manual', 'manual']);
  });

  it('a token endpoint answering 307 elsewhere: the code and verifier are not sent on, the error says why, no key is kept', async () => {
    const elsewhere = await scriptStream([{ status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"access_token":"stolen","token_type":"bearer"}'] }]);
    const redirecting = await scriptStream([{ status: 307, headers: { location: elsewhere.url }, chunks: [] }]);
    const sent: Sent[] = [];
    const session = await finish(await allowedReturn(recording(sent)), recording(sent, redirecting.url));
    expect((await redirecting.log()).length, 'the token request reached the redirecting endpoint').to.equal(1);
    expect(await elsewhere.log(), 'nothing reached the redirect target').to.deep.equal([]);
    expect(session.snapshot.status).to.equal('error');
    expect(session.snapshot.message).to.match(/answered the key request with a redirect\. This page never follows one/);
    expect(session.token).to.equal(undefined);
    expect(sessionStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
  });
});
