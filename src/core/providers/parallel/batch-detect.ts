/**
 * "Inputs as: Detect" (issue 14 §2, `<task-form>` batch mode): which format a batch text, pasted or
 * from a file, was written in. The rule (issue 13, freshG §4): Detect never silently picks a reading
 * the text plainly was not meant as. Text that looks like CSV or JSON is read as that format even
 * when it is broken, so the person sees that format's error (with its line and column) instead of a
 * batch of one input per line with the header as the first input; only text that looks like neither
 * is read as lines, and the form says so ("read as 3 lines, one input each").
 */
import { readCsvRows, detectDelimiter } from './csv-rows.js';

/** How a pasted batch is written: one input per line, CSV with a header row, or a JSON array. */
export type BatchFormat = 'lines' | 'csv' | 'json';

/**
 * The likely format of a text: JSON by a `.json` name or a first character `[` or `{` (an object
 * alone is refused by the JSON reader as not an array), CSV by a `.csv`/`.tsv` name or by its shape
 * ({@link looksLikeCsv}, {@link looksLikeBrokenCsv}), else lines. Pasted text and a file follow the
 * same rules (fresh14 e: a pasted CSV was read as lines).
 */
export function detectBatchFormat(text: string, fileName = ''): BatchFormat {
  if (/\.json$/i.test(fileName) || /^[[{]/.test(text.trimStart())) return 'json';
  if (/\.(csv|tsv)$/i.test(fileName) || looksLikeCsv(text) || looksLikeBrokenCsv(text)) return 'csv';
  return 'lines';
}

/** Characters a header cell may have to count as a column name when the format is guessed. */
const MAX_COLUMN_NAME = 64;

/** Words a header cell may have when no row has the header's width (a longer one is a sentence: lines). */
const MAX_NAME_WORDS = 4;

/** A header cell that reads as a column name: not empty, short, not a number, not the end of a sentence. */
const isName = (name: string): boolean =>
  name !== '' && name.length <= MAX_COLUMN_NAME && !/^[-+\d.,\s]+$/.test(name) && !/[.?!]$/.test(name);

/**
 * Whether text is a well-formed CSV with a header row: its first row has at least two cells (comma,
 * semicolon or tab, quotes allowed), at least one row follows, every row has as many cells as the
 * header, and the header's cells read as column names — distinct, non-empty, up to 64 characters,
 * not a number and not the end of a sentence (`.`, `?`, `!`), so "Acme, Inc." over "Globex, Ltd."
 * stays two lines.
 */
export function looksLikeCsv(text: string): boolean {
  let rows;
  try {
    rows = readCsvRows(text).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  } catch {
    return false;
  }
  const [header, ...data] = rows;
  if (!header || header.cells.length < 2 || data.length === 0) return false;
  if (data.some((row) => row.cells.length !== header.cells.length)) return false;
  const names = header.cells.map((cell) => cell.trim());
  return names.every(isName) && new Set(names).size === names.length;
}

/**
 * The cells of one line on its own, for judging shape: as the CSV reader splits it, or at every
 * delimiter when it cannot (a quote left open); surrounding quotes and spaces removed.
 */
function lineCells(line: string, delimiter: string): string[] {
  let cells: string[];
  try {
    cells = readCsvRows(line, delimiter)[0]?.cells ?? [];
  } catch {
    cells = line.split(delimiter);
  }
  return cells.map((value) => value.trim().replace(/^"|"$/g, '').trim());
}

/**
 * Whether text that is not a well-formed CSV was still plainly written as one (a quote left open, a
 * row of another width, a column named twice): its first line is a header of at least two cells that
 * read as column names (an empty cell allowed, a name twice allowed: the CSV reader names those
 * mistakes), at least one line follows, and at least half of the lines after it have as many cells
 * as the header, or every line after it has the delimiter (a value with the delimiter in it, not
 * quoted: "company,country" over "Acme, Inc.,Germany") and the header's names have at most four words, or a line with the delimiter has a quote at
 * the start of a cell. Questions with commas stay lines: their first line does not read as column
 * names ("…Acme, Inc.?" ends a sentence), or a line without the delimiter follows.
 */
export function looksLikeBrokenCsv(text: string): boolean {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
  const [first, ...rest] = lines;
  if (first === undefined || rest.length === 0) return false;
  const delimiter = detectDelimiter(lines.join('\n'));
  const header = lineCells(first, delimiter);
  if (header.length < 2 || !header.some((name) => name !== '') || !header.every((name) => name === '' || isName(name))) return false;
  const sameWidth = rest.filter((line) => lineCells(line, delimiter).length === header.length).length;
  const quoteAtCellStart = new RegExp(`(^|${delimiter === '\t' ? '\\t' : delimiter})\\s*"`);
  const shortNames = header.every((name) => name.split(/\s+/).length <= MAX_NAME_WORDS);
  return sameWidth * 2 >= rest.length || (shortNames && rest.every((line) => line.includes(delimiter)))
    || lines.some((line) => line.includes(delimiter) && quoteAtCellStart.test(line));
}
