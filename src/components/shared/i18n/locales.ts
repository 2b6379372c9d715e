/**
 * Which catalog a language uses (issue 15 §2): English built in, German built in as a module loaded
 * on first use, and whatever a host registers with {@link registerLocale}. A language is matched
 * from the most specific tag down: `de-CH` uses a `de-CH` catalog if one is registered, else `de`.
 * DOM-free.
 */
import type { PartialTaskStrings } from './catalog.js';

/** A catalog, or a function that loads one (e.g. `() => import('./fr.js').then((m) => m.fr)`). */
export type CatalogSource = PartialTaskStrings | (() => Promise<PartialTaskStrings>);

const sources = new Map<string, CatalogSource>([['de', () => import('./de.js').then((m) => m.de)]]);
const loaded = new Map<string, PartialTaskStrings>();
const loading = new Map<string, Promise<PartialTaskStrings | undefined>>();
/** Bumped by every registration, so elements can tell their catalog may have changed. */
let generation = 0;

/**
 * Adds (or replaces) the catalog of language `lang` (a BCP 47 tag: `fr`, `pt-BR`) for every element
 * on the page. Keys it leaves out show in English. Elements already shown re-render with it.
 * @example registerLocale('fr', { 'history.clearAll': 'Tout effacer', … })
 * @example registerLocale('fr', () => import('./task-elements-fr.js').then((m) => m.fr))
 */
export function registerLocale(lang: string, catalog: CatalogSource): void {
  const key = lang.toLowerCase();
  sources.set(key, catalog);
  loaded.delete(key);
  loading.delete(key);
  generation++;
  for (const listener of listeners) listener();
}

const listeners = new Set<() => void>();

/** Calls `listener` after each `registerLocale`; returns the unsubscribe function. @internal */
export function onLocaleRegistered(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How many registrations happened so far. @internal */
export function localeGeneration(): number {
  return generation;
}

/**
 * A valid, canonical BCP 47 tag for `lang` (`EN-us` → `en-US`), or undefined when there is none
 * (empty: the language is unknown; or not a well-formed tag).
 */
export function canonicalLocale(lang: string | null | undefined): string | undefined {
  if (!lang) return undefined;
  try {
    return Intl.getCanonicalLocales(lang)[0];
  } catch {
    return undefined;
  }
}

/** The registered tag that serves `locale`, most specific first (`de-CH` → `de-ch`, then `de`). */
function sourceKey(locale: string): string | undefined {
  const parts = locale.toLowerCase().split('-');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('-');
    if (sources.has(key)) return key;
  }
  return undefined;
}

/**
 * The catalog for `locale`: at once when it is at hand (English has none: `{}`), else a promise of
 * it (a first use of a lazily loaded language). A catalog that fails to load resolves to
 * undefined (the elements stay English) and is tried again on the next call.
 */
export function catalogFor(locale: string): PartialTaskStrings | Promise<PartialTaskStrings | undefined> {
  const key = sourceKey(locale);
  if (key === undefined) return {};
  const ready = loaded.get(key);
  if (ready) return ready;
  const source = sources.get(key)!;
  if (typeof source !== 'function') {
    loaded.set(key, source);
    return source;
  }
  let pending = loading.get(key);
  if (!pending) {
    pending = source().then(
      (catalog) => {
        if (sources.get(key) === source) loaded.set(key, catalog);
        return catalog;
      },
      () => undefined,
    ).finally(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}
