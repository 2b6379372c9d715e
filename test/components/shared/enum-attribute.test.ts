/**
 * Enumerated attributes never change silently (new-user trial: `provider="openai"` and
 * `provider="Shannon"` both became `parallel` without a word). Known names are read in any case and
 * with spaces around them; anything else keeps the default and says so once in the console, naming
 * the value and the accepted values.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskStreamElement } from '../../../src/components/task-stream/task-stream.js';
import type { TaskFormElement } from '../../../src/components/task-form/task-form.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import { freshStore } from '../../support/stores.js';

let warnings: string[] = [];
const original = console.warn;

describe('enumerated attributes (provider, auth-mode, oauth-storage)', () => {
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(String(args[0]));
  });
  afterEach(() => {
    console.warn = original;
  });

  it('read a known name in any case and with spaces around it, without a warning', async () => {
    const store = freshStore();
    const stream = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="Shannon" auth-mode=" API-Key "></task-stream>`);
    const form = await fixture<TaskFormElement>(html`<task-form store=${store.name} provider=" parallel " oauth-storage="LOCAL"></task-form>`);
    expect(stream.provider).to.equal('shannon');
    expect(stream.authMode).to.equal('api-key');
    expect(form.provider).to.equal('parallel');
    expect(form.oauthStorage).to.equal('local');
    expect(warnings).to.deep.equal([]);
  });

  it('keep the default for an unknown provider and warn once per element, naming the value and the accepted values', async () => {
    const store = freshStore();
    const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} provider="openai"></task-history>`);
    expect(el.provider).to.equal('parallel');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<task-history> provider="openai"').and.contain('provider="parallel"').and.contain('parallel, shannon');
    el.setAttribute('provider', 'anthropic');
    await el.updateComplete;
    expect(warnings, 'once per element').to.have.length(1);
    const other = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} provider="openai"></task-stream>`);
    expect(other.provider).to.equal('parallel');
    expect(warnings, 'each element says it').to.have.length(2);
  });

  it('warn for an unknown auth-mode and oauth-storage too, with their own accepted values', async () => {
    const store = freshStore();
    const el = await fixture<TaskFormElement>(html`<task-form store=${store.name} auth-mode="basic" oauth-storage="cookie"></task-form>`);
    expect(el.authMode).to.equal('none');
    expect(el.oauthStorage).to.equal('session');
    expect(warnings).to.have.length(2);
    expect(warnings.find((w) => w.includes('auth-mode="basic"'))).to.contain('none, api-key, bearer, query, oauth');
    expect(warnings.find((w) => w.includes('oauth-storage="cookie"'))).to.contain('session, local, memory');
  });
});
