/**
 * The language of the render in progress. An element sets it around its `render()` (task-element.ts),
 * so the template helpers it calls — synchronously, as Lit renders — read their words and formats
 * from it without a localizer passed through every function. Code that renders later (a virtual
 * list's rows, an announcement after a click) captures `l10n()` while rendering, or uses
 * `withLocalizer`. Outside any render it is English. DOM-free.
 *
 * Words are looked up through a {@link translator} made from the English of one part of the UI
 * (`task-form/strings.ts`, …): the English lives with the element that shows it, so a page
 * downloads the words of the elements it has, and a key a catalog lacks still reads in English.
 */
import { commonStrings } from './en.js';
import { Localizer } from './localizer.js';
import type { Message, MessageParams } from './messages.js';

const english = new Localizer('en');
let current: Localizer = english;

/** The localizer of the render in progress (English outside one). */
export function l10n(): Localizer {
  return current;
}

/** Runs `fn` with `localizer` as the language of rendering, and returns what it returns. */
export function withLocalizer<T>(localizer: Localizer, fn: () => T): T {
  const previous = current;
  current = localizer;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

type Common = typeof commonStrings;

/** A function that says message `key` of `english` (or a common word) in the render's language. */
export type Translate<E> = <K extends (keyof E | keyof Common) & string>(
  key: K, ...params: MessageParams<K extends keyof E ? E[K] : K extends keyof Common ? Common[K] : never>
) => string;

/** The `t` of one part of the UI, whose English is `english`; common words are known to every part. */
export function translator<E extends { readonly [key: string]: Message }>(english: E): Translate<E> {
  return ((key: string, params?: Record<string, string | number>) => current.text(key, params, english[key])) as Translate<E>;
}

/** A common word (providers, statuses, times, sign-in) in the render's language: `t('status.running')`. */
export const t: Translate<{}> = translator({});
