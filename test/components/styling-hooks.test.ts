import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import type { TaskHistoryElement } from '../../src/components/task-history/task-history.js';
import { freshStore } from '../support/stores.js';
import { scriptStream, until } from '../support/scripted-stream.js';
import { parallelRun, progressMessage, stateEvent } from '../support/parallel-wire.js';

const RUN = 'trun_hooks1';

/** Whether page CSS `selector` matches `el` (what a theme author would write). */
const matches = (el: Element, selector: string) => el.matches(selector);

describe('styling hooks for page CSS', () => {
  it('<task-stream> exposes the run status and the connection as custom states', async () => {
    const script = await scriptStream([{ when: '/events', events: [stateEvent(parallelRun(RUN)), progressMessage('plan', 'Plan'), stateEvent(parallelRun(RUN, 'failed'))], delayMs: 150 }]);
    const store = freshStore();
    const empty = await fixture<TaskStreamElement>(html`<task-stream store=${freshStore().name}></task-stream>`);
    expect(matches(empty, ':state(empty)')).to.equal(true);
    store.addRun({ id: RUN, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    store.select(RUN);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} proxy-url=${script.url}></task-stream>`);
    await el.updateComplete;
    expect(matches(el, ':state(running)')).to.equal(true, `states: ${[...(el as unknown as { states?: Set<string> }).states ?? []]}`);
    expect(matches(el, ':state(empty)')).to.equal(false);
    await until(() => el.run?.status === 'failed');
    await el.updateComplete;
    expect(matches(el, ':state(failed)')).to.equal(true);
    expect(matches(el, ':state(running)')).to.equal(false, 'a state leaves when the status does');
    await until(() => matches(el, ':state(connection-closed)'));
  });

  it('kind-specific part names sit beside the generic ones', async () => {
    const script = await scriptStream([{ when: '/events', events: [stateEvent(parallelRun(RUN)), progressMessage('plan', 'Plan'), stateEvent(parallelRun(RUN, 'failed'))] }]);
    const store = freshStore();
    store.addRun({ id: RUN, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    store.select(RUN);
    const el = await fixture<TaskStreamElement>(html`<task-stream store=${store.name} proxy-url=${script.url}></task-stream>`);
    await until(() => el.run?.status === 'failed');
    await el.updateComplete;
    const root = el.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[part~="log-summary"] button')!.click();
    await until(() => root.querySelector('[part~="event-message"]') !== null);
    expect(root.querySelector('[part~="status"]')!.getAttribute('part')).to.equal('status status-failed');
    expect(root.querySelector('[part~="event-message"]')!.getAttribute('part')).to.equal('event event-message');
    expect(root.querySelector('[part~="connection"]')!.getAttribute('part')).to.match(/^connection connection-[a-z]+$/);

    const history = await fixture<TaskHistoryElement>(html`<task-history store=${store.name} refresh-interval="0"></task-history>`);
    const item = history.shadowRoot!.querySelector('[part~="item"]')!;
    expect(item.getAttribute('part')).to.equal('item item-failed');
    expect(history.shadowRoot!.querySelector('[part~="item-status"]')!.getAttribute('part')).to.equal('item-status item-status-failed');
  });

  it('::part() rules with a kind-specific name apply from page CSS', async () => {
    const store = freshStore();
    store.addRun({ id: RUN, provider: 'parallel', status: 'failed', createdAt: '2026-11-01T10:00:00Z' });
    const style = document.createElement('style');
    style.textContent = 'task-history.hooked::part(item-status-failed) { outline: 3px solid rgb(1, 2, 3); }';
    document.head.append(style);
    try {
      const history = await fixture<TaskHistoryElement>(html`<task-history class="hooked" store=${store.name} refresh-interval="0"></task-history>`);
      const badge = history.shadowRoot!.querySelector('[part~="item-status"]')!;
      expect(getComputedStyle(badge).outlineColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });

  it('<task-history> is :state(empty) until the store holds a run', async () => {
    const store = freshStore();
    const el = await fixture<TaskHistoryElement>(html`<task-history store=${store.name}></task-history>`);
    expect(matches(el, ':state(empty)')).to.equal(true);
    store.addRun({ id: RUN, provider: 'parallel', status: 'queued', createdAt: '2026-11-01T10:00:00Z' });
    await until(() => !matches(el, ':state(empty)'));
  });
});

describe('API keys are never read from attributes', () => {
  it('removes apikey / api-key attributes, ignores their value, and warns once naming the property', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(String(args[0]));
    try {
      const store = freshStore();
      const holder = await fixture(html`<div>
        <task-form store=${store.name} auth-mode="api-key" apikey="secret-from-attribute"></task-form>
        <task-stream store=${store.name} api-key="secret-other"></task-stream></div>`);
      const form = holder.querySelector('task-form')!;
      const stream = holder.querySelector('task-stream')!;
      expect(form.hasAttribute('apikey')).to.equal(false);
      expect(stream.hasAttribute('api-key')).to.equal(false);
      expect(form.apiKey).to.equal(undefined);
      expect(form.endpoint().auth.apiKey).to.equal(undefined, 'the attribute value is not used as the key');
      form.setAttribute('apikey', 'secret-later');
      expect(form.hasAttribute('apikey')).to.equal(false, 'an attribute set later is removed too');
      expect(holder.outerHTML).not.to.contain('secret-');
      const ours = warnings.filter((w) => w.includes('apiKey'));
      expect(ours.length).to.be.at.most(1, 'one warning per page');
      expect(ours.join('')).to.match(/attribute/).and.to.match(/`apiKey` property/);
    } finally {
      console.warn = original;
    }
  });
});
