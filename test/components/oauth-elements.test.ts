/**
 * The three elements with `auth-mode="oauth"` (the sign-in itself, against the mock provider, is
 * tested in test/core/auth/oauth/ and e2e/oauth.ts): what each shows before and after a sign-in,
 * that nothing is requested without a key, that the key travels only as `x-api-key`, and `task-auth`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskAuthEvent } from '../../src/components/shared/events.js';
import type { TaskFormElement } from '../../src/components/task-form/task-form.js';
import type { TaskHistoryElement } from '../../src/components/task-history/task-history.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import { tokenSlot } from '../../src/core/auth/oauth/token-vault.js';
import { freshStore } from '../support/stores.js';
import { json, scriptStream, until } from '../support/scripted-stream.js';

const ISSUER = `${location.origin}/mock`;
const KEY = 'par_test_key_0123456789';
const created = json({ run_id: 'trun_oauth1', interaction_id: 'trun_oauth1', status: 'queued', is_active: true, processor: 'lite', created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:00Z' }, 202);

/** Another tab signs in (`oauth-storage="local"`): the key appears in localStorage and a storage event tells this page. */
function signInElsewhere(key = KEY): void {
  localStorage.setItem(tokenSlot(ISSUER), key);
  window.dispatchEvent(new StorageEvent('storage', { key: tokenSlot(ISSUER) }));
}

function part(el: HTMLElement, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

/** Resolves once every element knows its sign-in state (the sign-in code loads on first use). */
async function ready(...els: Array<TaskFormElement | TaskStreamElement | TaskHistoryElement>): Promise<void> {
  await until(() => els.every((el) => el.authStatus !== undefined), 5000, 'the sign-in code');
  await Promise.all(els.map((el) => el.updateComplete));
}

async function page(responses = [created]) {
  const store = freshStore();
  const script = await scriptStream(responses);
  const root = await fixture<HTMLDivElement>(html`<div>
    <task-form store=${store.name} proxy-url=${script.url} auth-mode="oauth" oauth-issuer=${ISSUER} oauth-storage="local"></task-form>
    <task-stream store=${store.name} proxy-url=${script.url} auth-mode="oauth" oauth-issuer=${ISSUER} oauth-storage="local"></task-stream>
    <task-history store=${store.name} proxy-url=${script.url} auth-mode="oauth" oauth-issuer=${ISSUER} oauth-storage="local" refresh-interval="0"></task-history>
  </div>`);
  const form = root.querySelector<TaskFormElement>('task-form')!;
  const stream = root.querySelector<TaskStreamElement>('task-stream')!;
  const history = root.querySelector<TaskHistoryElement>('task-history')!;
  const auth: TaskAuthEvent[] = [];
  root.addEventListener('task-auth', (e) => auth.push(e as TaskAuthEvent));
  await ready(form, stream, history);
  return { store, script, form, stream, history, auth, root };
}

async function settle(...els: Array<{ updateComplete: Promise<boolean> }>): Promise<void> {
  await Promise.all(els.map((el) => el.updateComplete));
}

describe('elements with auth-mode="oauth"', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    window.dispatchEvent(new StorageEvent('storage', { key: null })); // sessions of earlier tests re-read: signed out
  });

  it('the form offers "Sign in with Parallel" instead of a key field; the others say "Sign in to see runs"', async () => {
    const { form, stream, history } = await page();
    expect(form.authStatus).to.equal('signed-out');
    expect(part(form, 'sign-in')?.textContent).to.match(/Sign in with Parallel/);
    expect(form.shadowRoot!.querySelector('#api-key'), 'no key field').to.equal(null);
    expect(stream.shadowRoot!.textContent).to.include('Sign in to see runs.');
    expect(history.shadowRoot!.textContent).to.include('Sign in to see runs.');
    await expect(form).to.be.accessible();
  });

  it('a submit while signed out sends nothing, says to sign in first and focuses the sign-in button', async () => {
    const { form, script } = await page();
    const input = form.shadowRoot!.querySelector<HTMLTextAreaElement>('#pf-input')!;
    input.value = 'What is new in Zürich?';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.submit();
    await form.updateComplete;
    expect(await script.log()).to.deep.equal([]);
    expect(part(form, 'auth')!.textContent).to.match(/Sign in with Parallel first: nothing was sent, and your input is kept/);
    expect(form.shadowRoot!.activeElement).to.equal(part(form, 'sign-in'));
    expect(input.value).to.equal('What is new in Zürich?');
  });

  it('a run waits for the key (lifecycle phase waiting-for-config) without a request, and a sign-in after upgrade connects it with the key as x-api-key only', async () => {
    const { store, stream, script } = await page([json({ run_id: 'trun_x', status: 'running', is_active: true, processor: 'lite', created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:00Z' })]);
    store.addRun({ id: 'trun_x', provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    stream.runId = 'trun_x';
    await stream.updateComplete;
    await until(() => store.getConnection('trun_x')?.phase === 'waiting-for-config', 2000, 'the wait for the key');
    await new Promise((r) => setTimeout(r, 100));
    expect(await script.log(), 'nothing is requested without a key').to.deep.equal([]);
    expect(stream.shadowRoot!.textContent).to.include('Sign in to see runs.');
    signInElsewhere();
    await until(() => stream.authStatus === 'signed-in', 2000, 'the sign-in');
    let log = await script.log();
    for (let i = 0; i < 100 && log.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      log = await script.log();
    }
    expect(log.length).to.be.greaterThan(0);
    for (const request of log) {
      expect(request.headers['x-api-key']).to.equal(KEY);
      expect(request.url).not.to.include(KEY);
    }
  });

  it('signed in: the form shows it, offers Sign out, and the create request carries the key as x-api-key', async () => {
    const { form, stream, history, script, auth } = await page();
    signInElsewhere();
    await settle(form, stream, history);
    expect(part(form, 'auth')!.textContent).to.match(/Signed in with Parallel/);
    expect(part(form, 'sign-out')).to.not.equal(null);
    expect(part(form, 'sign-in')).to.equal(null);
    expect(auth.map((e) => [e.state, e.target])).to.deep.equal([['signed-in', form]]);
    const input = form.shadowRoot!.querySelector<HTMLTextAreaElement>('#pf-input')!;
    input.value = 'Who founded Zürich?';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.submit();
    const [create] = await script.log();
    expect(create!.method).to.equal('POST');
    expect(create!.headers['x-api-key']).to.equal(KEY);
    expect(create!.url).not.to.include(KEY);
    for (const el of [form, stream, history]) {
      expect(el.outerHTML, 'not in an attribute').not.to.include(KEY);
      expect(el.shadowRoot!.innerHTML, 'not in the shadow DOM').not.to.include(KEY);
    }
  });

  it('sign-out forgets the key everywhere, tells the page once, and the others wait again', async () => {
    const { form, stream, history, auth } = await page();
    signInElsewhere();
    sessionStorage.setItem(tokenSlot(ISSUER), KEY);
    await settle(form, stream, history);
    part(form, 'sign-out')!.click();
    await settle(form, stream, history);
    expect(auth.map((e) => e.state)).to.deep.equal(['signed-in', 'signed-out']);
    expect(auth[1]!.message).to.match(/stays valid in Parallel's platform/);
    expect(localStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
    expect(sessionStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
    expect(part(form, 'auth')!.textContent).to.match(/stays valid in Parallel's platform/);
    expect(stream.shadowRoot!.textContent).to.include('Sign in to see runs.');
    expect(history.shadowRoot!.textContent).to.include('Sign in to see runs.');
  });

  it('a key the API refuses (401) is forgotten, and the form asks for a new sign-in', async () => {
    const { form } = await page([json({ type: 'error', error: { ref_id: 'r', message: 'Invalid API key' } }, 401)]);
    signInElsewhere();
    await form.updateComplete;
    const input = form.shadowRoot!.querySelector<HTMLTextAreaElement>('#pf-input')!;
    input.value = 'x';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.submit();
    await form.updateComplete;
    expect(form.authStatus).to.equal('error');
    expect(part(form, 'auth')!.textContent).to.match(/no longer accepts the key from your sign-in/);
    expect(part(form, 'sign-in')).to.not.equal(null);
    expect(localStorage.getItem(tokenSlot(ISSUER))).to.equal(null);
  });

  it('provider="shannon" with auth-mode="oauth" is a configuration error, not a silent fallback', async () => {
    const store = freshStore();
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} provider="shannon" auth-mode="oauth"></task-form>`);
    await ready(el);
    expect(el.authStatus).to.equal('error');
    expect(part(el, 'auth')!.textContent).to.match(/works with provider="parallel" only/);
    expect(part(el, 'sign-in'), 'no button that cannot work').to.equal(null);
  });

  it('provider="shannon" with auth-mode="oauth" on <task-stream> and <task-history>: each shows the configuration error instead of its runs, requests nothing, and tells the page', async () => {
    const store = freshStore();
    store.addRun({ id: 'task_shannon1', provider: 'shannon', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const script = await scriptStream([]);
    const auth: TaskAuthEvent[] = [];
    const root = document.createElement('div');
    root.addEventListener('task-auth', (e) => auth.push(e as TaskAuthEvent));
    root.innerHTML = `<task-stream run-id="task_shannon1" provider="shannon" store="${store.name}" proxy-url="${script.url}" auth-mode="oauth"></task-stream>
      <task-history provider="shannon" store="${store.name}" proxy-url="${script.url}" auth-mode="oauth" refresh-interval="0"></task-history>`;
    document.body.append(root);
    try {
      const stream = root.querySelector<TaskStreamElement>('task-stream')!;
      const history = root.querySelector<TaskHistoryElement>('task-history')!;
      await ready(stream, history);
      for (const el of [stream, history]) {
        expect(el.authStatus, el.localName).to.equal('error');
        const shown = el.shadowRoot!.querySelector<HTMLElement>('[data-reason="sign-in"]');
        expect(shown, `${el.localName} shows the error instead of its runs`).to.not.equal(null);
        expect(shown!.textContent).to.match(/not set up correctly/);
        expect(shown!.textContent).to.match(/works with provider="parallel" only/);
        expect(shown!.textContent, 'signing in would not help').to.not.match(/Sign in to see runs/);
      }
      expect(auth.map((e) => [e.state, (e.target as Element).localName]), 'one task-auth error from each element').to.deep.equal([['error', 'task-stream'], ['error', 'task-history']]);
      expect(auth[0]!.message).to.match(/works with provider="parallel" only/);
      await new Promise((r) => setTimeout(r, 200));
      await settle(stream, history);
      expect(auth.length, 'told once, not at every render').to.equal(2);
      expect(await script.log(), 'nothing requested').to.deep.equal([]);
    } finally {
      root.remove();
    }
  });

  it('a configuration error of the form is told to the page once with task-auth (error), and again only for a new reason', async () => {
    const store = freshStore();
    const auth: TaskAuthEvent[] = [];
    const root = await fixture<HTMLDivElement>(html`<div @task-auth=${(e: TaskAuthEvent) => auth.push(e)}>
      <task-form store=${store.name} provider="shannon" auth-mode="oauth" oauth-issuer=${ISSUER}></task-form></div>`);
    const el = root.querySelector<TaskFormElement>('task-form')!;
    await ready(el);
    await until(() => auth.length > 0, 2000, 'task-auth');
    expect(auth.map((e) => e.state)).to.deep.equal(['error']);
    expect(auth[0]!.message).to.match(/works with provider="parallel" only/);
    el.setAttribute('oauth-redirect-uri', 'https://elsewhere.example/');
    el.setAttribute('provider', 'parallel');
    await until(() => auth.length > 1, 2000, 'the new reason');
    expect(auth[1]!.message).to.match(/must be on this page's origin/);
    el.removeAttribute('oauth-redirect-uri');
    await until(() => el.authStatus === 'signed-out', 2000, 'settings that work');
    el.requestUpdate();
    await el.updateComplete;
    expect(auth.filter((e) => e.state === 'error').length, 'no repeat').to.equal(2);
  });

  it('an http issuer that is not on this machine is refused before anything is sent', async () => {
    const store = freshStore();
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} auth-mode="oauth" oauth-issuer="http://platform.example"></task-form>`);
    await ready(el);
    expect(el.authStatus).to.equal('error');
    expect(part(el, 'auth')!.textContent).to.match(/must use https/);
  });
  it('a key kept from an earlier visit is found after upgrade: the waiting run connects with it, and the page hears signed-in once', async () => {
    localStorage.setItem(tokenSlot(ISSUER), KEY);
    const store = freshStore();
    store.addRun({ id: 'trun_kept', provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const script = await scriptStream([{ events: [{ event: 'task_run.progress_msg_exec', data: JSON.stringify({ type: 'task_run.progress_msg_exec', message: 'working', timestamp: '2026-11-01T10:00:01Z' }) }], end: 'hang' }]);
    const auth: TaskAuthEvent[] = [];
    const root = document.createElement('div');
    root.addEventListener('task-auth', (e) => auth.push(e as TaskAuthEvent));
    root.innerHTML = `<task-stream run-id="trun_kept" store="${store.name}" proxy-url="${script.url}" auth-mode="oauth" oauth-issuer="${ISSUER}" oauth-storage="local"></task-stream>
      <task-form store="${store.name}" proxy-url="${script.url}" auth-mode="oauth" oauth-issuer="${ISSUER}" oauth-storage="local"></task-form>`;
    document.body.append(root);
    try {
      const stream = root.querySelector<TaskStreamElement>('task-stream')!;
      await until(() => stream.authStatus === 'signed-in', 5000, 'the kept key');
      await until(() => store.getConnection('trun_kept')?.phase === 'open', 5000, 'the open stream');
      let log = await script.log();
      for (let i = 0; i < 100 && log.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
        log = await script.log();
      }
      expect(log.length, 'the run was requested').to.be.greaterThan(0);
      expect(log.every((request) => request.headers['x-api-key'] === KEY)).to.equal(true);
      await new Promise((r) => setTimeout(r, 50));
      expect(auth.map((e) => e.state)).to.deep.equal(['signed-in']);
      expect(store.getConnection('trun_kept')?.phase).to.equal('open');
    } finally {
      root.remove();
    }
  });

  it('sign-out closes the live connection made with the key, and the run waits for a new sign-in', async () => {
    const { store, form, stream } = await page([{ events: [{ event: 'task_run.progress_msg_exec', data: JSON.stringify({ type: 'task_run.progress_msg_exec', message: 'working', timestamp: '2026-11-01T10:00:01Z' }) }], end: 'hang' }]);
    signInElsewhere();
    await until(() => stream.authStatus === 'signed-in', 2000, 'the sign-in');
    store.addRun({ id: 'trun_live', provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    stream.runId = 'trun_live';
    await until(() => store.getConnection('trun_live')?.phase === 'open', 5000, 'the open stream');
    await form.signOut();
    await until(() => store.getConnection('trun_live')?.phase === 'waiting-for-config', 5000, 'the wait for a new key');
    expect(stream.shadowRoot!.textContent).to.include('Sign in to see runs.');
  });
});
