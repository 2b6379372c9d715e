/**
 * A {@link BatchInputError} in the words of the render's language (fresh14 e, batch2: only the CSV
 * row width was worded by the catalog; every other problem showed the core's English in a German
 * form). One message per {@link BatchInputCode}, filled from the error's values, counts by the
 * language's plural rules; positions (lines, columns, items) are written without separators. The
 * table's type requires words for every code, so a new code without them does not compile.
 */
import type { BatchInputCode, BatchInputError } from '../../core/providers/parallel/group-errors.js';
import { NAMED_BAD_ROWS } from '../../core/providers/parallel/batch-input.js';
import { l10n } from '../../core/i18n/scope.js';
import { t } from './strings.js';

const KINDS = {
  null: 'batch.itemKind.null', list: 'batch.itemKind.list', 'empty-text': 'batch.itemKind.emptyText',
  'empty-object': 'batch.itemKind.emptyObject', number: 'batch.itemKind.number', boolean: 'batch.itemKind.boolean',
} as const;

const at = (n: number | undefined) => String(n ?? '');

const header = (e: BatchInputError) => t('batch.error.header', { count: e.columns?.length ?? 0, names: (e.columns ?? []).join(', ') });
const QUOTE = { ',': 'batch.error.quoteComma', ';': 'batch.error.quoteSemicolon', '\t': 'batch.error.quoteTab' } as const;

/** A row error and what to do: quote values with the separator (a row with more values), give every column a value (fewer). */
function withAdvice(e: BatchInputError, sentence: string): string {
  const columns = e.columns?.length ?? 0;
  const rows = e.rows ?? [];
  const more = rows.some((row) => row.values > columns);
  const fewer = rows.some((row) => row.values < columns);
  return [sentence, ...(more ? [t(QUOTE[(e.delimiter ?? ',') as keyof typeof QUOTE] ?? QUOTE[','])] : []), ...(fewer ? [t('batch.error.missingValues')] : [])].join(' ');
}

const WORDS: { readonly [C in BatchInputCode]: (e: BatchInputError) => string } = {
  'no-inputs': () => t('batch.error.noInputs'),
  'csv-no-rows': () => t('batch.error.csvNoRows'),
  'csv-empty': () => t('batch.error.csvEmpty'),
  'too-many': (e) => t('batch.error.tooMany', { count: e.count ?? 0, max: e.max ?? 0 }),
  'line-too-long': (e) => t('batch.error.lineTooLong', { line: at(e.line), count: e.count ?? 0, max: e.max ?? 0 }),
  'item-too-long': (e) => t('batch.error.itemTooLong', { item: at(e.item), count: e.count ?? 0, max: e.max ?? 0 }),
  'csv-unnamed-column': (e) => t('batch.error.unnamedColumn', { line: at(e.line), column: at(e.column) }),
  'csv-repeated-column': (e) => t('batch.error.repeatedColumn', { line: at(e.line), field: e.field ?? '' }),
  'csv-columns': (e) => withAdvice(e, t('batch.error.columns', { count: e.values ?? 0, line: at(e.line), header: header(e) })),
  'csv-columns-many': (e) => {
    const rows = e.rows ?? [];
    const named = rows.slice(0, NAMED_BAD_ROWS).map((row) => t('batch.error.rowValues', { line: at(row.line), count: row.values }));
    if (rows.length > NAMED_BAD_ROWS) named.push(t('batch.error.moreRows', { count: rows.length - NAMED_BAD_ROWS }));
    const list = new Intl.ListFormat(l10n().locale, { type: 'conjunction' }).format(named);
    return withAdvice(e, t('batch.error.columnsMany', { count: rows.length, header: header(e), rows: list }));
  },
  'csv-quote-open': (e) => t('batch.error.quoteOpen', { line: at(e.line), column: at(e.column) }),
  'csv-quote-text': (e) => t('batch.error.quoteText', { line: at(e.line), column: at(e.column) }),
  'json-syntax': () => t('batch.error.jsonSyntax'),
  'json-syntax-at': (e) => t('batch.error.jsonSyntaxAt', { line: at(e.line), column: at(e.column) }),
  'json-not-array': () => t('batch.error.jsonNotArray'),
  'json-item': (e) => t('batch.error.jsonItem', { item: at(e.item), kind: t(KINDS[e.kind ?? 'null']) }),
};

/** What is wrong with the inputs, and what to do, in the render's language. */
export function batchInputText(error: BatchInputError): string {
  return (WORDS[error.code] ?? (() => error.message))(error);
}
