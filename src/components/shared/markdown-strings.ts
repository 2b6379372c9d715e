/**
 * The English words of the markdown renderer (loaded with it): why a result is shown as plain text.
 * The reference for translators and the fallback (`TaskStrings`, components/shared/i18n/catalog.ts).
 */
import { translator } from '../../core/i18n/scope.js';

export const markdownStrings = {
  /** `{size}` is a size in kilobytes ("120 kB"). */
  'stream.plain.long': 'This result is long ({size}), so it is shown as plain text.',
  'stream.plain.nested': 'This result is nested too deeply to format, so it is shown as plain text.',
  'stream.plain.dense': 'This result has too much markup to format quickly, so it is shown as plain text.',
  'stream.plain.failed': 'This result could not be formatted, so it is shown as plain text.',
} as const;

/** A word of the markdown renderer in the language of the render in progress. */
export const t = translator(markdownStrings);
