/**
 * The words of the form's field checks, in the language of the render in progress: the checks call
 * {@link t}; their English (strings.ts) is loaded when a check's words are first to be shown
 * (issue 11 item 8, a lean script tag): a form nobody used has no errors to show. Until then `t`
 * gives the key, which nobody sees: the form shows a check's words only once they are loaded
 * (render-fields.ts). A failed load is not tried again by showing checks (no loop): the form then
 * says "Check this field."; the next use of the form ({@link loadValidationWords}) tries again. No DOM.
 */
import { translator } from '../i18n/scope.js';
import type { validationStrings } from './strings.js';

/** Where the English words come from: strings.ts, or (tests) a stand-in. @internal */
export const validationWordsSource = {
  load: (): Promise<{ validationStrings: Record<string, unknown> }> => import('./strings.js'),
};

/** The English words, filled in when strings.ts arrives. */
const english = {} as Record<string, string>;
let loaded = false;
let failed = false;
let loading: Promise<void> | undefined;

/** A word of this part in the language of the render in progress (English when the catalog lacks it). */
export const t = translator(english as typeof validationStrings);

/** Starts (once) loading the English words; resolves when they are there, rejects when their chunk could not be loaded. */
export function loadValidationWords(): Promise<void> {
  failed = false;
  loading ??= validationWordsSource.load().then(
    (module) => {
      Object.assign(english, module.validationStrings);
      loaded = true;
    },
    (error: unknown) => {
      [loading, failed] = [undefined, true];
      throw error;
    },
  );
  return loading;
}

/** `loaded`, `failed` (the last load; not tried again until {@link loadValidationWords}), or `missing`. */
export function validationWords(): 'loaded' | 'failed' | 'missing' {
  return loaded ? 'loaded' : failed ? 'failed' : 'missing';
}

/** Whether the words are loaded. */
export function validationWordsLoaded(): boolean {
  return loaded;
}

/** Forgets the loaded words, so the next use loads them again (tests of a failed load). @internal */
export function resetValidationWords(): void {
  for (const key of Object.keys(english)) delete english[key];
  [loaded, failed, loading] = [false, false, undefined];
}

/** The load under way, if any. */
export function validationWordsLoading(): Promise<void> | undefined {
  return loaded ? undefined : loading;
}
