/**
 * jsonc-parser's scanner (json-position.ts), loaded on first need rather than with the form: it is
 * asked only where text that `JSON.parse` refused breaks, so a form nobody typed bad JSON into never
 * downloads it (issue 11 item 8, a lean script tag). The form starts the load when a person first
 * edits a field; a check that needs it before it arrived says "check quotes, commas and brackets"
 * and starts the load, and the form checks again when it is there ({@link jsonScannerLoading}).
 * A failed load is not tried again by checks (no loop): only {@link loadJsonScanner} tries again.
 * No DOM.
 */
import type { JsonPosition } from './json-position.js';

let scan: ((text: string) => JsonPosition | undefined) | undefined;
let loading: Promise<void> | undefined;
let failed = false;

/** Starts (once) loading the scanner; resolves when it is there, rejects when its chunk could not be loaded. */
export function loadJsonScanner(): Promise<void> {
  failed = false;
  loading ??= import('./json-position.js').then(
    (module) => {
      scan = module.jsonSyntaxPosition;
    },
    (error: unknown) => {
      [loading, failed] = [undefined, true];
      throw error;
    },
  );
  return loading;
}

/**
 * Where `text` first breaks as JSON: its position, undefined when the scanner finds no error, or
 * `'unknown'` while the scanner is not loaded (the load starts, unless the last one failed).
 */
export function jsonBreak(text: string): JsonPosition | undefined | 'unknown' {
  if (scan) return scan(text);
  if (!failed) loadJsonScanner().catch(() => undefined);
  return 'unknown';
}

/** The scanner's load under way, if any: checks made meanwhile said less than they will once it is there. */
export function jsonScannerLoading(): Promise<void> | undefined {
  return scan ? undefined : loading;
}

/** Whether the scanner is loaded (tests). @internal */
export function jsonScannerLoaded(): boolean {
  return scan !== undefined;
}
