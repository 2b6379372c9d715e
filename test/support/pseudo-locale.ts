/**
 * A pseudo-language for the test that every visible string is localizable: each English message
 * with its Latin letters swapped for look-alikes outside ASCII (placeholders kept), registered for
 * `ar-XB` (an Arabic, right-to-left pseudo-locale, so `Intl` writes dates and numbers in Arabic
 * script too). A rendered element in `lang="ar-XB"` then holds no run of ASCII letters except the
 * data it was given: any that remains is a string the catalog does not reach.
 */
import { english } from './english.js';
import type { PartialTaskStrings } from '../../src/components/shared/i18n/catalog.js';
import type { Message } from '../../src/core/i18n/messages.js';
import { registerLocale } from '../../src/components/shared/i18n/locales.js';

export const PSEUDO_LANG = 'ar-XB';

const FROM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const TO = 'áƀçđéƒǧĥíĵķĺɱńóƥʠŕśťúʋŵẋýžÁƁÇĐÉƑǦĤÍĴĶĹṀŃÓƤɊŔŚŤÚṼŴẊÝŽ';

/** `text` in look-alike letters, `{placeholders}` untouched. */
export function pseudo(text: string): string {
  return text.split(/(\{\w+\})/).map((part, i) => (i % 2 ? part : [...part].map((c) => {
    const at = FROM.indexOf(c);
    return at < 0 ? c : [...TO][at];
  }).join(''))).join('');
}

function pseudoMessage(message: Message): Message {
  if (typeof message === 'string') return pseudo(message);
  return Object.fromEntries(Object.entries(message).map(([form, text]) => [form, pseudo(text as string)])) as Message;
}

/** Registers the pseudo-language (idempotent). */
export function registerPseudoLocale(): void {
  const catalog = Object.fromEntries(Object.entries(english).map(([key, message]) => [key, pseudoMessage(message as Message)])) as PartialTaskStrings;
  registerLocale(PSEUDO_LANG, catalog);
}

/** Attributes whose text people read or hear. */
const SPOKEN_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label'];

/**
 * Every text a person can see or hear in `root` and the shadow roots below it: text nodes (outside
 * `<style>`), spoken attributes, and button/input values.
 */
export function visibleTexts(root: ParentNode): string[] {
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement?.localName;
      if (parent !== 'style' && parent !== 'script' && node.textContent!.trim()) texts.push(node.textContent!.trim());
      return;
    }
    if (node instanceof Element) {
      for (const name of SPOKEN_ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value?.trim()) texts.push(value.trim());
      }
      if ((node instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(node.type)) && node.value) texts.push(node.value);
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root as Node);
  return texts;
}

/**
 * The texts in `root` with English words left, once the given data (run ids, inputs, model names:
 * what the API sent, shown as it is) is taken out. Empty when everything is localized.
 */
export function untranslated(root: ParentNode, data: readonly string[] = []): string[] {
  const sorted = [...data].sort((a, b) => b.length - a.length);
  return visibleTexts(root).filter((text) => {
    let rest = text;
    for (const d of sorted) rest = rest.split(d).join(' ');
    return /[A-Za-z]{2,}/.test(rest);
  });
}
