/**
 * Reads the inputs of a batch (issue 14 §2, `<task-form>` batch mode) from pasted or uploaded
 * text, in one of three formats:
 *
 * - `lines`: one text input per non-empty line;
 * - `csv`: a header row names the input fields; each later row is one input object
 *   (`{column: value}`, values as text); rows with every cell empty are skipped;
 * - `json`: an array whose items are text inputs or input objects.
 *
 * Every problem is a {@link BatchInputError} naming the line (and column, field or item): nothing
 * is silently dropped or guessed. Limits: {@link MAX_BATCH_INPUTS} inputs per batch, and
 * {@link MAX_INPUT_CHARS} characters per input (Parallel's limit on task spec plus input,
 * parallel-task-api.md §4).
 */
import { jsonSyntaxPosition } from '../../validation/json-position.js';
import { detectDelimiter, readCsvRows } from './csv-rows.js';
import { detectBatchFormat, type BatchFormat } from './batch-detect.js';
import { BatchInputError, type BadCsvRow, type BatchItemKind } from './group-errors.js';
import type { BatchInput } from './group-types.js';

export type { BatchFormat };

/** What {@link parseBatchInput} read. */
export interface ParsedBatch {
  format: BatchFormat;
  inputs: BatchInput[];
  /** CSV: the header's column names, in order. */
  columns?: string[];
}

/** Inputs one batch may hold (each call takes 1,000; more are split into several calls). */
export const MAX_BATCH_INPUTS = 10_000;
/** Characters one input may have. */
export const MAX_INPUT_CHARS = 25_000;

/** Parses batch text; throws {@link BatchInputError}. */
export function parseBatchInput(text: string, format: BatchFormat = detectBatchFormat(text)): ParsedBatch {
  const parsed = format === 'csv' ? parseCsv(text) : format === 'json' ? parseJsonArray(text) : parseLines(text);
  if (parsed.inputs.length === 0) {
    throw new BatchInputError(format === 'csv' ? 'The CSV has a header row but no rows with values.' : 'There are no inputs: add one per line, a CSV with a header row, or a JSON array.', { problem: 'empty', code: format === 'csv' ? 'csv-no-rows' : 'no-inputs' });
  }
  if (parsed.inputs.length > MAX_BATCH_INPUTS) {
    throw new BatchInputError(`There are ${parsed.inputs.length.toLocaleString('en-US')} inputs; one batch takes at most ${MAX_BATCH_INPUTS.toLocaleString('en-US')}. Split them into several batches.`, { problem: 'too-many', code: 'too-many', count: parsed.inputs.length, max: MAX_BATCH_INPUTS });
  }
  return parsed;
}

function checkLength(value: BatchInput, where: string, context: { line?: number; item?: number }): void {
  const chars = typeof value === 'string' ? value.length : JSON.stringify(value).length;
  if (chars > MAX_INPUT_CHARS) {
    throw new BatchInputError(`${where} is ${chars.toLocaleString('en-US')} characters long; one input may have at most ${MAX_INPUT_CHARS.toLocaleString('en-US')}.`, {
      problem: 'too-long', code: context.item ? 'item-too-long' : 'line-too-long', count: chars, max: MAX_INPUT_CHARS, ...context,
    });
  }
}

function parseLines(text: string): ParsedBatch {
  const inputs: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const value = raw.trim();
    if (!value) return;
    checkLength(value, `Line ${index + 1}`, { line: index + 1 });
    inputs.push(value);
  });
  return { format: 'lines', inputs };
}

function parseCsv(text: string): ParsedBatch {
  const delimiter = detectDelimiter(text);
  const rows = readCsvRows(text, delimiter).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const header = rows.shift();
  if (!header) throw new BatchInputError('The CSV is empty: its first row must name the input fields, e.g. "company,country".', { problem: 'empty', code: 'csv-empty' });
  const columns = header.cells.map((cell) => cell.trim());
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    if (!name) {
      throw new BatchInputError(`Line ${header.line}: column ${index + 1} of the header row has no name. Every column needs a name; it becomes the input field.`, {
        problem: 'csv-header', code: 'csv-unnamed-column', line: header.line, column: index + 1,
      });
    }
    if (seen.has(name)) {
      throw new BatchInputError(`Line ${header.line}: the header names the column "${name}" twice. Give each column its own name.`, {
        problem: 'csv-header', code: 'csv-repeated-column', line: header.line, column: index + 1, field: name,
      });
    }
    seen.add(name);
  });
  const bad = rows.filter((row) => row.cells.length !== columns.length).map((row): BadCsvRow => ({ line: row.line, values: row.cells.length }));
  if (bad.length > 0) throw widthError(bad, columns, delimiter);
  const inputs = rows.map((row) => {
    const input: Record<string, string> = {};
    columns.forEach((name, index) => {
      input[name] = (row.cells[index] as string).trim();
    });
    checkLength(input, `Line ${row.line}`, { line: row.line });
    return input;
  });
  return { format: 'csv', inputs, columns };
}

/** Rows named in a `csv-columns-many` message; the rest are counted. */
export const NAMED_BAD_ROWS = 3;

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const DELIMITER_NAMES: Record<string, string> = { ',': 'a comma', ';': 'a semicolon', '\t': 'a tab' };

/** What to do about rows of the wrong width: quote values with the separator (more values), give every column a value (fewer). */
function widthAdvice(rows: readonly BadCsvRow[], columns: number, delimiter: string): string {
  const advice: string[] = [];
  if (rows.some((row) => row.values > columns)) {
    advice.push(`Put quotes around each value that contains ${DELIMITER_NAMES[delimiter] ?? 'a comma'}${delimiter === '\t' ? '' : `, e.g. "Acme${delimiter} Inc."`}.`);
  }
  if (rows.some((row) => row.values < columns)) advice.push('Every row needs one value per column (a value may be empty).');
  return advice.join(' ');
}

/**
 * The error for rows with more or fewer values than the header has columns (usually a value with the
 * separator in it, not quoted): one row is named with its count; several are counted, the first
 * {@link NAMED_BAD_ROWS} named. Either way, what to do.
 */
function widthError(rows: readonly BadCsvRow[], columns: readonly string[], delimiter: string): BatchInputError {
  const [first] = rows as [BadCsvRow];
  const header = `${plural(columns.length, 'column')} (${columns.join(', ')})`;
  const advice = widthAdvice(rows, columns.length, delimiter);
  const context = { problem: 'csv-columns', line: first.line, values: first.values, columns, rows, delimiter } as const;
  if (rows.length === 1) {
    return new BatchInputError(`Line ${first.line} has ${plural(first.values, 'value')}, but the header has ${header}. ${advice}`, { ...context, code: 'csv-columns' });
  }
  const named = rows.slice(0, NAMED_BAD_ROWS).map((row) => `line ${row.line} has ${plural(row.values, 'value')}`);
  if (rows.length > NAMED_BAD_ROWS) named.push(`${plural(rows.length - NAMED_BAD_ROWS, 'more row')}`);
  const list = named.length === 2 ? named.join(' and ') : `${named.slice(0, -1).join(', ')}, and ${named.at(-1)}`;
  return new BatchInputError(`${rows.length} rows do not match the header, which has ${header}: ${list}. ${advice}`, { ...context, code: 'csv-columns-many' });
}

/** A JSON item's kind in the English message. */
const ITEM_KINDS: Record<BatchItemKind, string> = { null: 'null', list: 'a list', 'empty-text': 'empty text', 'empty-object': 'an empty object', number: 'a number', boolean: 'a boolean' };

function parseJsonArray(input: string): ParsedBatch {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input; // a file saved with a byte order mark
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const found = jsonSyntaxPosition(text);
    const at = found && { line: found.line, column: found.column };
    throw new BatchInputError(
      at ? `The JSON is not valid near line ${at.line}, column ${at.column}. Check the quotes, commas and brackets there.` : 'The JSON is not valid. Check its quotes, commas and brackets.',
      { problem: 'json-syntax', code: at ? 'json-syntax-at' : 'json-syntax', ...at },
    );
  }
  if (!Array.isArray(value)) {
    throw new BatchInputError('The JSON must be an array of inputs, e.g. ["first input", {"company": "Acme"}].', { problem: 'json-shape', code: 'json-not-array' });
  }
  const inputs = value.map((item: unknown, index): BatchInput => {
    const where = `Item ${index + 1} of the JSON array`;
    if (typeof item === 'string' && item.trim() !== '') {
      checkLength(item.trim(), where, { item: index + 1 });
      return item.trim();
    }
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
      checkLength(item as Record<string, unknown>, where, { item: index + 1 });
      return item as Record<string, unknown>;
    }
    const kind: BatchItemKind = item === null ? 'null' : Array.isArray(item) ? 'list' : typeof item === 'string' ? 'empty-text'
      : typeof item === 'object' ? 'empty-object' : typeof item === 'number' ? 'number' : 'boolean';
    throw new BatchInputError(`${where} is ${ITEM_KINDS[kind]}; each item must be text or an object of input fields.`, { problem: 'json-shape', code: 'json-item', item: index + 1, kind });
  });
  return { format: 'json', inputs };
}
