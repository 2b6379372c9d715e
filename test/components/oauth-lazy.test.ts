/**
 * "Sign in with Parallel" is loaded on first use: a page whose elements do not use
 * `auth-mode="oauth"` never downloads the sign-in code (the binding, the OAuth core, oauth4webapi);
 * an element switched to `auth-mode="oauth"` loads it and then knows its sign-in state.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskFormElement } from '../../src/components/task-form/task-form.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import { freshStore } from '../support/stores.js';
import { until } from '../support/scripted-stream.js';

/**
 * Modules of the sign-in this page has downloaded so far. Not counted: return-capture.ts, which
 * every page loads so that a provider's answer leaves the address bar before the sign-in code could
 * (test/components/shared/sign-in-return.test.ts).
 */
function signInModules(): string[] {
  return performance.getEntriesByType('resource').map((entry) => entry.name)
    .filter((url) => /\/auth\/oauth\/|oauth-(binding|controller|views)|\/oauth4webapi\//.test(url))
    .filter((url) => !url.includes('/auth/oauth/return-capture.'));
}

describe('the sign-in code loads only where auth-mode="oauth" is used', () => {
  it('a page with the three elements in other auth modes downloads none of it (signIn() and signOut() do nothing there), and says nothing of a sign-in', async () => {
    const store = freshStore();
    const root = await fixture<HTMLDivElement>(html`<div>
      <task-form store=${store.name} auth-mode="api-key"></task-form>
      <task-stream store=${store.name}></task-stream>
      <task-history store=${store.name} refresh-interval="0"></task-history>
    </div>`);
    const form = root.querySelector<TaskFormElement>('task-form')!;
    await form.signIn(); // nothing to do outside auth-mode="oauth"
    await form.signOut();
    await new Promise((r) => setTimeout(r, 200));
    expect(signInModules()).to.deep.equal([]);
    expect(form.authStatus).to.equal(undefined);
    expect(form.shadowRoot!.querySelector('[part~="auth"]')).to.equal(null);
  });

  it('switching an element to auth-mode="oauth" loads it once; until then the element says it is checking the sign-in', async () => {
    const store = freshStore();
    const stream = await fixture<TaskStreamElement>(html`<task-stream store=${store.name}></task-stream>`);
    stream.authMode = 'oauth';
    await stream.updateComplete;
    expect(stream.shadowRoot!.textContent).to.include('Checking the sign-in…');
    await until(() => stream.authStatus !== undefined, 5000, 'the sign-in code');
    await stream.updateComplete;
    expect(stream.authStatus).to.equal('signed-out');
    expect(stream.shadowRoot!.textContent).to.include('Sign in to see runs.');
    expect(signInModules().some((url) => url.includes('oauth-binding'))).to.equal(true);
    expect(signInModules().some((url) => url.includes('oauth4webapi')), 'the OAuth flow waits for a sign-in').to.equal(false);
  });
});
