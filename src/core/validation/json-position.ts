/**
 * Where JSON text first breaks, found by jsonc-parser's scanner (comments and trailing commas refused,
 * as `JSON.parse` does) rather than read from the engine's error message: JavaScriptCore's messages
 * name no position ("JSON Parse error: Expected ']'"), V8's and SpiderMonkey's differ in form.
 * No DOM; used by the form's JSON fields (fields.ts) and the batch input (batch-input.ts).
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';

/** A place in text: 1-based line and column (lines end at \n, \r\n or \r), and the 0-based offset. */
export interface JsonPosition {
  line: number;
  column: number;
  offset: number;
}

/** The 1-based line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): JsonPosition {
  const before = text.slice(0, offset).split(/\r\n|\n|\r/);
  return { line: before.length, column: (before.at(-1) ?? '').length + 1, offset };
}

/** The first syntax error of `text` as JSON, or undefined when the scanner finds none. */
export function jsonSyntaxPosition(text: string): JsonPosition | undefined {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors.length ? positionOf(text, errors[0]!.offset) : undefined;
}
