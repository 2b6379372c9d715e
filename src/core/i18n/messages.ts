/**
 * The shape of a message catalog and how a message becomes text (issue 15 §2). DOM-free.
 *
 * A message is a string with `{name}` placeholders, or, when it depends on a number, its plural
 * forms chosen by `Intl.PluralRules` for the value of `{count}` (CLDR categories: `zero`, `one`,
 * `two`, `few`, `many`, `other`; only `other` is required). Numbers given as placeholder values are
 * formatted with `Intl.NumberFormat` for the catalog's language, so translators never see a raw
 * "1234".
 */

/** Plural forms of one message, keyed by CLDR plural category; `other` is required. */
export type PluralMessage = { readonly other: string } & { readonly [C in Intl.LDMLPluralRule]?: string };

/** One message: text with `{placeholders}`, or its plural forms. */
export type Message = string | PluralMessage;

/** A placeholder name is a word: braces around anything else (JSON in a hint) are text. */
type Word<Name extends string> = Name extends `${string}${' ' | '"' | ':' | ',' | '{'}${string}` | '' ? never : Name;

/** The placeholder names of a message literal: `'{count} of {total}'` → `'count' | 'total'`. */
export type PlaceholderNames<M> = M extends string
  ? M extends `${string}{${infer Name}}${infer Rest}` ? Word<Name> | PlaceholderNames<Rest> : never
  : M extends PluralMessage ? PlaceholderNames<M[keyof M]> | 'count' : never;

/** The values a message needs: none, or one per placeholder (strings as they are, numbers formatted). */
export type MessageParams<M> = [PlaceholderNames<M>] extends [never] ? [] : [params: Record<PlaceholderNames<M>, string | number>];

/**
 * Fills `{name}` placeholders of `message` from `params`; numbers go through `number` (the
 * catalog's `Intl.NumberFormat`), a plural message picks its form by `plural(count)`. A placeholder
 * without a value stays as written, so a mistake shows instead of vanishing.
 */
export function formatMessage(
  message: Message,
  params: Record<string, string | number> | undefined,
  number: (n: number) => string,
  plural: (n: number) => Intl.LDMLPluralRule,
): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    text = message[plural(Number(params?.count ?? 0))] ?? message.other;
  }
  if (!params || !text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? number(value) : value;
  });
}
