/**
 * A small RFC 4180 reader for batch inputs: quoted fields (with `""` escapes and line breaks
 * inside), CRLF or LF, a leading BOM, and the delimiter of the header row (comma, semicolon as
 * spreadsheet apps write in many locales, or tab). Every row keeps the 1-based line it starts on,
 * so errors can name it. Own code rather than a CSV library: the batch mode needs exact line and
 * column positions in its errors, and this is ~1 kB against the 7 kB gzip of papaparse in a
 * script-tag bundle with a size budget.
 */
import { BatchInputError } from './group-errors.js';

/** One record and the line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
}

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter used most often outside quotes on the first line (comma when none is). */
export function detectDelimiter(text: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const char of text) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && (char === '\n' || char === '\r')) break;
      else if (!quoted && char === delimiter) count++;
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Splits CSV text into rows of cells. Throws {@link BatchInputError} (`csv-quote`) for a quoted
 * field that never closes or text right after a closing quote, naming the line and column.
 */
export function readCsvRows(input: string, delimiter = detectDelimiter(input)): CsvRow[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let column = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = (): void => {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '"' && cell === '') {
      const openLine = line;
      const openColumn = column;
      i++;
      column++;
      for (;;) {
        if (i >= text.length) {
          throw new BatchInputError(`Line ${openLine}, column ${openColumn}: a quoted value starts here but its closing quote (") is missing.`, {
            problem: 'csv-quote', code: 'csv-quote-open', line: openLine, column: openColumn,
          });
        }
        const inner = text[i] as string;
        if (inner === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
          column += 2;
        } else if (inner === '"') {
          i++;
          column++;
          break;
        } else {
          if (inner === '\n') {
            line++;
            column = 1;
          } else column++;
          cell += inner;
          i++;
        }
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new BatchInputError(`Line ${line}, column ${column}: there is text after a closing quote. Put the whole value in quotes and write a quote inside it as "".`, {
          problem: 'csv-quote', code: 'csv-quote-text', line, column,
        });
      }
      continue;
    }
    if (char === delimiter) {
      cells.push(cell);
      cell = '';
      i++;
      column++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRow();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      column = 1;
      rowLine = line;
      continue;
    }
    cell += char;
    i++;
    column++;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}
