/**
 * A group's results as files to download: JSON (every run with its input, status, output content
 * and error) and CSV (one row per run: run id, status, the input fields, then the output fields;
 * text outputs in one `output` column). Rows follow the group's input order. CSV cells that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) are prefixed with `'`
 * (OWASP "CSV injection"): outputs are text from arbitrary web pages.
 */
import type { BatchInput, GroupEvent } from './group-types.js';

type RunResult = Extract<GroupEvent, { kind: 'run-state' }>;

/** One run's result as exported. */
export interface ExportedRun {
  run_id: string;
  status: string;
  input: BatchInput | null;
  output: unknown;
  error: string | null;
}

/** Results in the given run order (runs missing from `results` are left out). */
export function exportRows(runIds: readonly string[], results: ReadonlyMap<string, RunResult>): ExportedRun[] {
  return runIds.flatMap((runId) => {
    const result = results.get(runId);
    if (!result) return [];
    return [{
      run_id: runId,
      status: result.run.status,
      input: result.input ?? null,
      output: result.output?.content ?? null,
      error: result.run.error?.message ?? null,
    }];
  });
}

/** Pretty-printed JSON array of {@link exportRows}. */
export function resultsToJson(rows: readonly ExportedRun[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function fieldsOf(values: unknown[]): string[] {
  const names = new Set<string>();
  for (const value of values) {
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const key of Object.keys(value)) names.add(key);
  }
  return [...names];
}

/** RFC 4180 CSV (CRLF line ends) of {@link exportRows}. */
export function resultsToCsv(rows: readonly ExportedRun[]): string {
  const inputFields = fieldsOf(rows.map((row) => row.input));
  const textInput = rows.some((row) => typeof row.input === 'string');
  const outputFields = fieldsOf(rows.map((row) => row.output));
  const textOutput = rows.some((row) => row.output !== null && (typeof row.output !== 'object' || Array.isArray(row.output)));
  const header = [
    'run_id', 'status',
    ...(textInput ? ['input'] : []), ...inputFields.map((name) => `input.${name}`),
    ...(textOutput ? ['output'] : []), ...outputFields.map((name) => `output.${name}`),
    'error',
  ];
  const lines = rows.map((row) => {
    const input = row.input && typeof row.input === 'object' ? (row.input as Record<string, unknown>) : {};
    const output = row.output && typeof row.output === 'object' && !Array.isArray(row.output) ? (row.output as Record<string, unknown>) : {};
    return [
      row.run_id, row.status,
      ...(textInput ? [typeof row.input === 'string' ? row.input : ''] : []), ...inputFields.map((name) => input[name]),
      ...(textOutput ? [typeof row.output === 'object' && !Array.isArray(row.output) ? '' : row.output] : []), ...outputFields.map((name) => output[name]),
      row.error,
    ].map(cell).join(',');
  });
  return `${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}
