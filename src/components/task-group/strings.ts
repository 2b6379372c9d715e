/**
 * The English words of the batch UI (Parallel task groups, issue 14 §2): the form's batch field, the
 * group view of `<task-stream>` and the batches of `<task-history>`. Loaded with the batch chunk; the
 * words every page with a form or stream needs before that (the switch, "Loading the batch…") are in
 * task-form/strings.ts and task-stream/shell-strings.ts. The reference for translators and the
 * fallback (`TaskStrings`, components/shared/i18n/catalog.ts).
 */
import { translator } from '../../core/i18n/scope.js';

export const groupStrings = {
  // The batch field of <task-form>
  'batch.required': 'Add the inputs: one per line, a CSV with a header row, or a JSON array.',
  'batch.format': 'Inputs as',
  'batch.format.auto': 'Detect',
  'batch.format.lines': 'One per line',
  'batch.format.csv': 'CSV with a header row',
  'batch.format.json': 'JSON array',
  'batch.inputs': 'Inputs',
  'batch.inputsHint': 'Paste the inputs, or choose a file (.csv, .tsv, .json or .txt).',
  'batch.file': 'Choose a file of inputs',
  'batch.resume': 'Submitting again adds the inputs that were not sent to the same batch.',
  /** After a reload, when the pasted inputs were too long to keep in full: `{count}` lines came back. */
  'batch.draftCut': { one: 'Too long to keep over the reload: only the first line is back. Paste the rest again or choose the file.', other: 'Too long to keep over the reload: only the first {count} lines are back. Paste the rest again or choose the file.' },
  /** The count before submit; the parts below follow it, joined by " · ". */
  'batch.count': { one: '{count} input', other: '{count} inputs' },
  /** The count when Detect read the text as one input per line (it looked like neither CSV nor JSON). */
  'batch.asLines': { one: 'Read as {count} line, one input', other: 'Read as {count} lines, one input each' },
  /** Beside an error of a text Detect read as CSV or JSON, what it did and how to read it otherwise. */
  'batch.detected.csv': 'Detected as a CSV with a header row. If it is one input per line, choose “One per line” above.',
  'batch.detected.json': 'Detected as JSON (it starts with a bracket). If it is one input per line, choose “One per line” above.',
  /** After the count, for a CSV: `{fields}` are its columns. */
  'batch.fields': '{inputs} with the fields {fields}',
  /** `{total}` the estimate, `{price}` the processor's price per 1,000 runs. */
  'batch.price': 'estimated {total} ({processor}, {price} per 1,000 runs)',
  'batch.calls': 'sent in {calls} calls of up to {max}',
  /** A CSV row of the wrong width: `{count}` values on line `{line}`; `{header}` is batch.error.header. */
  'batch.error.columns': {
    one: 'Line {line} has {count} value, but the header has {header}.',
    other: 'Line {line} has {count} values, but the header has {header}.',
  },
  /** `{count}` columns named `{names}`. */
  'batch.error.header': { one: '{count} column ({names})', other: '{count} columns ({names})' },
  /** Several CSV rows of the wrong width: `{count}` of them, `{header}` is batch.error.header, `{rows}` the first ones (batch.error.rowValues, batch.error.moreRows) as a list. */
  'batch.error.columnsMany': {
    one: '{count} row does not match the header, which has {header}: {rows}.',
    other: '{count} rows do not match the header, which has {header}: {rows}.',
  },
  /** One row in batch.error.columnsMany: `{count}` values on line `{line}`. */
  'batch.error.rowValues': { one: 'line {line} has {count} value', other: 'line {line} has {count} values' },
  /** The last item of batch.error.columnsMany's list: the `{count}` rows not named. */
  'batch.error.moreRows': { one: '{count} more row', other: '{count} more rows' },
  /** After a row error, when a row has more values than the header has columns: a value with the separator in it, not quoted. */
  'batch.error.quoteComma': 'Put quotes around each value that contains a comma, e.g. "Acme, Inc.".',
  'batch.error.quoteSemicolon': 'Put quotes around each value that contains a semicolon, e.g. "Acme; Inc.".',
  'batch.error.quoteTab': 'Put quotes around each value that contains a tab.',
  /** After a row error, when a row has fewer values than the header has columns. */
  'batch.error.missingValues': 'Every row needs one value per column (a value may be empty).',
  // What is wrong with the inputs, one message per BatchInputError code (batch-error-text.ts).
  // `{line}`, `{column}` and `{item}` are 1-based positions; `{count}` and `{max}` the inputs or characters found and allowed.
  'batch.error.noInputs': 'There are no inputs: add one per line, a CSV with a header row, or a JSON array.',
  'batch.error.csvNoRows': 'The CSV has a header row but no rows with values.',
  'batch.error.csvEmpty': 'The CSV is empty: its first row must name the input fields, e.g. "company,country".',
  'batch.error.tooMany': {
    one: 'There is {count} input; one batch takes at most {max}. Split them into several batches.',
    other: 'There are {count} inputs; one batch takes at most {max}. Split them into several batches.',
  },
  'batch.error.lineTooLong': {
    one: 'Line {line} is {count} character long; one input may have at most {max}.',
    other: 'Line {line} is {count} characters long; one input may have at most {max}.',
  },
  'batch.error.itemTooLong': {
    one: 'Item {item} of the JSON array is {count} character long; one input may have at most {max}.',
    other: 'Item {item} of the JSON array is {count} characters long; one input may have at most {max}.',
  },
  'batch.error.unnamedColumn': 'Line {line}: column {column} of the header row has no name. Every column needs a name; it becomes the input field.',
  'batch.error.repeatedColumn': 'Line {line}: the header names the column “{field}” twice. Give each column its own name.',
  'batch.error.quoteOpen': 'Line {line}, column {column}: a quoted value starts here but its closing quote (") is missing.',
  'batch.error.quoteText': 'Line {line}, column {column}: there is text after a closing quote. Put the whole value in quotes and write a quote inside it as "".',
  'batch.error.jsonSyntax': 'The JSON is not valid. Check its quotes, commas and brackets.',
  'batch.error.jsonSyntaxAt': 'The JSON is not valid near line {line}, column {column}. Check the quotes, commas and brackets there.',
  'batch.error.jsonNotArray': 'The JSON must be an array of inputs, e.g. ["first input", {"company": "Acme"}].',
  /** `{kind}` is one of batch.itemKind.*. */
  'batch.error.jsonItem': 'Item {item} of the JSON array is {kind}; each item must be text or an object of input fields.',
  'batch.itemKind.null': 'null',
  'batch.itemKind.list': 'a list',
  'batch.itemKind.emptyText': 'empty text',
  'batch.itemKind.emptyObject': 'an empty object',
  'batch.itemKind.number': 'a number',
  'batch.itemKind.boolean': 'true or false',
  // The group view of <task-stream>
  'batch.label': 'Batch',
  'batch.title': { one: 'Batch of {count} run', other: 'Batch of {count} runs' },
  'batch.connection.finished': 'Finished',
  'batch.connection.open': 'Live',
  'batch.connection.connecting': 'Connecting…',
  'batch.connection.reconnecting': 'Reconnecting…',
  'batch.connection.failed': 'Not connected',
  'batch.connection.waiting': 'Waiting',
  'batch.counts': 'Runs per status',
  'batch.progressLabel': 'Runs finished',
  'batch.progress': '{done} of {total} finished',
  'batch.downloadCsv': 'Download results (CSV)',
  'batch.downloadJson': 'Download results (JSON)',
  /** Beside the disabled downloads while no run of the batch has finished. */
  'batch.downloadWait': 'Results can be downloaded once a run has finished.',
  'batch.runs': 'Runs',
  'batch.more': 'Show more runs ({count} more)',
  'batch.back': '← All runs of the batch',
  'batch.run': 'Run of the batch',
  'batch.loading': 'Loading the batch…',
  'batch.loadFailed': 'The batch {id} could not be loaded. Check the id, the key and the connection, then reload.',
  'batch.loadingResult': 'Loading the result…',
  'batch.resultFailed': 'The result could not be loaded. Go back and open the run again to retry.',
  /** Beside the opened run's "Copy" of its id. */
  'batch.idCopied': 'Run id copied.',
  'batch.idCopyFailed': 'Could not copy the run id: the browser refused clipboard access.',
  /** `{status}` is the run's status label. */
  'batch.noResult': 'No result yet: the run is {status}.',
  'batch.preparing': 'Preparing the download…',
  'batch.downloaded': { one: 'Downloaded {count} run as {format}.', other: 'Downloaded {count} runs as {format}.' },
  'batch.downloadFailed': 'The results could not be downloaded. Check the connection and try again.',
  // The batches of <task-history>
  'batch.history': 'Batches',
  /** A batch's Delete button in the history, and its accessible name (`{label}` is the batch's title). */
  'batch.delete': 'Delete',
  'batch.deleteNamed': 'Delete {label}',
  /** A batch deleted or restored in the history; `{label}` is its title ("Batch of 50 runs"). */
  'batch.deletedUndo': 'Deleted “{label}”. Undo with Control+Z.',
  'batch.restored': 'Restored “{label}”.',
  // The history's "Clear" when batches are among what it deletes: `{items}` is a list such as "2 runs and 1 batch".
  'batch.items.runs': { one: '{count} run', other: '{count} runs' },
  'batch.items.batches': { one: '{count} batch', other: '{count} batches' },
  /** Two counts of different things, e.g. "2 runs" and "1 batch". */
  'batch.items.and': '{first} and {second}',
  'batch.clear.items': 'Delete {items} from this browser?',
  'batch.clear.itemsShown': 'Delete the {items} that match the filter from this browser?',
  'batch.deleteItems': 'Delete {items}',
  'batch.deletedItems': 'Deleted {items}.',
} as const;

/** A word of the batch UI in the language of the render in progress. */
export const t = translator(groupStrings);
