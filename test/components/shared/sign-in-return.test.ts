/**
 * The provider's answer (`code`, `state`, `error`, `iss`) leaves the address bar before anything
 * else can read it: when the library is evaluated (for this tab's pending sign-in), at the latest
 * synchronously when an element in `auth-mode="oauth"` connects — not after the sign-in code's
 * download — and the sign-in code, loaded later, still gets the answer from memory.
 */
import { expect } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import { until } from '../../support/scripted-stream.js';

const ISSUER = `${location.origin}/mock`;
const PENDING = 'task-elements:oauth:pending';
const PAGE = `${location.origin}${location.pathname}`;
const original = location.href;

type ReturnModule = typeof import('../../../src/components/shared/sign-in-return.js');
let instances = 0;

/** A new instance of sign-in-return.ts: its module code runs again, as on a fresh page load. */
function evaluateAgain(): Promise<ReturnModule> {
  const url = new URL('../../../src/components/shared/sign-in-return.ts', import.meta.url);
  url.searchParams.set('instance', String(++instances));
  return import(/* @vite-ignore */ url.href) as Promise<ReturnModule>;
}

/** The page as the provider sends the browser back to it: the page's own query plus the answer. */
function arriveWith(query: string): void {
  history.replaceState(history.state, '', `${original}&${query}`);
}

function pendingSignIn(redirectUri = PAGE, state = 'state-sent-with-the-sign-in', createdAt = Date.now()) {
  sessionStorage.setItem(PENDING, JSON.stringify({
    version: 1, issuer: ISSUER, state, codeVerifier: 'v'.repeat(43), clientId: 'localhost', redirectUri,
    storage: 'session', allowInsecure: true, createdAt,
    server: { issuer: ISSUER, authorization_endpoint: `${ISSUER}/getKeys/authorize`, token_endpoint: `${ISSUER}/getKeys/token` },
  }));
}

const answerIn = (url: string) => ['code', 'state', 'error', 'error_description', 'iss'].filter((name) => new URL(url).searchParams.has(name));

describe('the provider\'s answer leaves the address bar first', () => {
  afterEach(() => {
    history.replaceState(history.state, '', original);
    sessionStorage.clear();
    localStorage.clear();
  });

  it('when the library is evaluated, an answer for this tab\'s pending sign-in is wiped at once and kept in memory, once', async () => {
    pendingSignIn();
    arriveWith('code=the-code&state=s1&iss=x');
    const module = await evaluateAgain();
    expect(answerIn(location.href)).to.deep.equal([]);
    expect(location.href, 'the page\'s own parameters stay').to.equal(original);
    const answer = module.takeSignInReturn();
    expect(answer?.params.get('code')).to.equal('the-code');
    expect(answer?.params.get('state')).to.equal('s1');
    expect(module.takeSignInReturn(), 'a page load has one answer').to.equal(undefined);
  });

  it('an error answer (error=access_denied with its description) is wiped the same way', async () => {
    pendingSignIn();
    arriveWith('error=access_denied&error_description=The+user+said+no&state=s1');
    const module = await evaluateAgain();
    expect(answerIn(location.href)).to.deep.equal([]);
    expect(module.takeSignInReturn()?.params.get('error_description')).to.equal('The user said no');
  });

  it('a page\'s own ?code= is left alone when no sign-in of this tab returns to this page', async () => {
    arriveWith('code=the-page-uses-it&state=its-own');
    const none = await evaluateAgain();
    expect(answerIn(location.href)).to.deep.equal(['code', 'state']);
    pendingSignIn(`${location.origin}/another-page/`);
    await evaluateAgain();
    expect(answerIn(location.href), 'a sign-in pending for another page').to.deep.equal(['code', 'state']);
    expect(none.takeSignInReturn, 'defined').to.be.a('function');
  });

  it('a sign-in left pending for over 10 minutes does not take the answer of another OAuth client of the page at load', async () => {
    pendingSignIn(PAGE, 'abandoned', Date.now() - 11 * 60_000);
    arriveWith('code=for-the-other-client&state=its-state');
    const module = await evaluateAgain();
    expect(answerIn(location.href)).to.deep.equal(['code', 'state']);
    module.captureSignInReturn(true); // an element in auth-mode="oauth" connects: it reports the expired sign-in
    expect(answerIn(location.href)).to.deep.equal([]);
  });

  it('an element in auth-mode="oauth" wipes the answer synchronously as it connects, before the sign-in code is downloaded; the sign-in code then checks the remembered state', async () => {
    pendingSignIn(PAGE, 'state-sent-with-the-sign-in');
    arriveWith('code=the-code&state=tampered');
    const stream = document.createElement('task-stream') as TaskStreamElement;
    stream.setAttribute('auth-mode', 'oauth');
    stream.setAttribute('oauth-issuer', ISSUER);
    document.body.append(stream);
    try {
      expect(answerIn(location.href), 'wiped in connectedCallback').to.deep.equal([]);
      expect(stream.authStatus, 'the sign-in code has not run yet').to.equal(undefined);
      await until(() => stream.authStatus === 'error', 5000, 'the sign-in code');
      await stream.updateComplete;
      expect(stream.shadowRoot!.textContent).to.include('did not belong to the sign-in this tab started');
      expect(sessionStorage.getItem(PENDING), 'the pending sign-in was used up').to.equal(null);
    } finally {
      stream.remove();
    }
  });
});
