import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/define.js';
import type { TaskHistoryElement } from '../../../src/components/task-history/task-history.js';
import { inheritedLang } from '../../../src/components/shared/locale-controller.js';
import { registerLocale } from '../../../src/components/shared/i18n/locales.js';
import { freshStore } from '../../support/stores.js';
import { until } from '../../support/scripted-stream.js';

const clearText = (el: TaskHistoryElement) => el.shadowRoot!.querySelector('[part="clear"]')!.textContent!.trim();

async function history(template = (store: string) => html`<task-history store=${store} refresh-interval="0"></task-history>`) {
  const store = freshStore();
  const wrapper = await fixture<HTMLElement>(html`<div>${template(store.name)}</div>`);
  const el = wrapper.querySelector('task-history') ?? wrapper.querySelector('x-host')!.shadowRoot!.querySelector('task-history')!;
  await (el as TaskHistoryElement).updateComplete;
  return { el: el as TaskHistoryElement, wrapper };
}

describe('the language of an element', () => {
  const pageLang = document.documentElement.getAttribute('lang');
  afterEach(() => {
    if (pageLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', pageLang);
  });

  it('is English when no lang applies, or the lang is empty or malformed', async () => {
    document.documentElement.removeAttribute('lang');
    const { el, wrapper } = await history();
    expect(el.locale).to.equal('en');
    expect(clearText(el)).to.equal('Clear all');
    wrapper.setAttribute('lang', 'not a tag!');
    await until(() => el.locale === 'en' && clearText(el) === 'Clear all');
    wrapper.setAttribute('lang', '');
    await el.updateComplete;
    expect(el.locale).to.equal('en');
  });

  it('follows lang="de" on <html>, and a change of it while shown', async () => {
    document.documentElement.setAttribute('lang', 'de');
    const { el } = await history();
    expect(el.locale).to.equal('de');
    expect(clearText(el)).to.equal('Alle löschen');
    document.documentElement.setAttribute('lang', 'en-GB');
    await until(() => clearText(el) === 'Clear all', 2000, 'English after <html lang> changed');
    expect(el.locale).to.equal('en-GB');
  });

  it('takes the nearest lang: its own before an ancestor’s, an ancestor’s before the page’s', async () => {
    document.documentElement.setAttribute('lang', 'en');
    const { el, wrapper } = await history();
    wrapper.setAttribute('lang', 'de-AT');
    await until(() => clearText(el) === 'Alle löschen', 2000, 'German from the ancestor');
    expect(el.locale).to.equal('de-AT');
    el.setAttribute('lang', 'en');
    await until(() => clearText(el) === 'Clear all', 2000, 'English from its own lang');
    el.removeAttribute('lang');
    await until(() => clearText(el) === 'Alle löschen', 2000, 'the ancestor again');
  });

  it('reads lang across shadow roots: an element inside another component follows that component’s lang', async () => {
    document.documentElement.setAttribute('lang', 'de');
    if (!customElements.get('x-host')) {
      customElements.define('x-host', class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<section><task-history refresh-interval="0"></task-history></section>';
        }
      });
    }
    const { el } = await history(() => html`<x-host></x-host>`);
    expect(inheritedLang(el)).to.equal('de');
    await until(() => clearText(el) === 'Alle löschen', 2000, 'German from <html> through the shadow root');
    const section = el.parentElement!;
    section.setAttribute('lang', 'en');
    await until(() => clearText(el) === 'Clear all', 2000, 'a lang set inside the other shadow root');
  });

  it('applies the host’s strings over the language’s catalog, and a new strings object at once', async () => {
    document.documentElement.setAttribute('lang', 'de');
    const { el } = await history();
    el.strings = { 'history.clearAll': 'Verlauf leeren' };
    await el.updateComplete;
    expect(clearText(el)).to.equal('Verlauf leeren');
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('Noch keine Läufe.');
    el.strings = undefined;
    await el.updateComplete;
    expect(clearText(el)).to.equal('Alle löschen');
  });

  it('uses a language registered after the element is shown', async () => {
    document.documentElement.setAttribute('lang', 'fr');
    const { el } = await history();
    expect(clearText(el)).to.equal('Clear all');
    registerLocale('fr', { 'history.clearAll': 'Tout effacer' });
    await until(() => clearText(el) === 'Tout effacer', 2000, 'the French catalog');
  });
});
