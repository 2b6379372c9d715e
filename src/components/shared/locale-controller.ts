/**
 * The language of an element (issue 15 §2): the `lang` of the element or its nearest ancestor,
 * across shadow roots up to `<html lang>` (so `lang="de"` on the page is enough); English when no
 * ancestor names a valid language. It follows changes: a `lang` set or changed on any ancestor, the
 * element moved elsewhere, a language registered later. A language other than English loads its
 * catalog on first use (German is a module of its own); meanwhile the element stays in the language
 * it had, then renders again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PartialTaskStrings } from './i18n/catalog.js';
import { canonicalLocale, catalogFor, onLocaleRegistered } from './i18n/locales.js';
import { Localizer } from '../../core/i18n/localizer.js';

/** The `lang` that applies to `element`, read through shadow roots to the document; '' if none. */
export function inheritedLang(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const owner: Element | null = node.closest('[lang]');
    if (owner) return owner.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

const WATCH: MutationObserverInit = { attributes: true, attributeFilter: ['lang'], subtree: true };

export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #overrides: () => PartialTaskStrings | undefined;
  #observer: MutationObserver | undefined;
  #unregister: (() => void) | undefined;
  /** The catalog in use and the tag it serves; the localizer made from them and the overrides. */
  #locale = 'en';
  #catalog: PartialTaskStrings = {};
  #localizer: Localizer | undefined;
  #localizerOverrides: PartialTaskStrings | undefined;
  /** The language asked for, which may still be loading. */
  #wanted = 'en';
  #ready: Promise<void> = Promise.resolve();

  /** @param overrides - the host's own strings (its `strings` property), read at each render. */
  constructor(host: ReactiveControllerHost & HTMLElement, overrides: () => PartialTaskStrings | undefined) {
    this.#host = host;
    this.#overrides = overrides;
    host.addController(this);
  }

  /** The language the element renders in now, with the host's overrides. */
  get localizer(): Localizer {
    const overrides = this.#overrides();
    if (!this.#localizer || this.#localizerOverrides !== overrides) {
      this.#localizer = new Localizer(this.#locale, this.#catalog, overrides);
      this.#localizerOverrides = overrides;
    }
    return this.#localizer;
  }

  /** Settles once the catalog of the language asked for is in use (or failed to load). */
  get ready(): Promise<void> {
    return this.#ready;
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(() => this.#resolve());
    this.#observer.observe(document.documentElement, WATCH);
    // A host inside another component's shadow root: `lang` changes there are not in the document's tree.
    const root = this.#host.getRootNode();
    if (root instanceof ShadowRoot) this.#observer.observe(root, WATCH);
    this.#unregister = onLocaleRegistered(() => this.#resolve(true));
    this.#resolve();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#unregister?.();
    this.#unregister = undefined;
  }

  #resolve(force = false): void {
    const wanted = canonicalLocale(inheritedLang(this.#host)) ?? 'en';
    if (wanted === this.#wanted && !force) return;
    this.#wanted = wanted;
    const catalog = catalogFor(wanted);
    if (!(catalog instanceof Promise)) return this.#use(wanted, catalog);
    this.#ready = catalog.then((loaded) => {
      // A later change asked for another language meanwhile: that one wins.
      if (this.#wanted === wanted) this.#use(wanted, loaded ?? {});
    });
  }

  #use(locale: string, catalog: PartialTaskStrings): void {
    this.#locale = locale;
    this.#catalog = catalog;
    this.#localizer = undefined;
    this.#host.requestUpdate();
  }
}
