/**
 * Errors of the batch (task group) path. Each carries the context a person or a program needs to
 * act: where in the pasted text the problem is, or which runs were already submitted.
 */
import { TaskElementsError } from '../../errors.js';

/** Why a batch text could not be read. */
export type BatchInputProblem =
  | 'empty'
  | 'too-many'
  | 'too-long'
  | 'csv-header'
  | 'csv-columns'
  | 'csv-quote'
  | 'json-syntax'
  | 'json-shape';

/**
 * Exactly what is wrong, one code per sentence the UI says (task-group/batch-error-text.ts words
 * each in the page's language from the error's values; a code without words there is a type error).
 */
export const BATCH_INPUT_CODES = [
  'no-inputs', 'csv-no-rows', 'csv-empty', 'too-many', 'line-too-long', 'item-too-long', 'csv-unnamed-column',
  'csv-repeated-column', 'csv-columns', 'csv-columns-many', 'csv-quote-open', 'csv-quote-text', 'json-syntax', 'json-syntax-at', 'json-not-array', 'json-item',
] as const;
/** Which batch input problem a {@link BatchInputError} is, one of {@link BATCH_INPUT_CODES}: the form words each one (its catalog), the message is the English for logs. */
export type BatchInputCode = (typeof BATCH_INPUT_CODES)[number];

/** A CSV row with more or fewer values than the header has columns: the line it starts on and its values. */
export interface BadCsvRow {
  line: number;
  values: number;
}

/** What a JSON array item that is neither text nor an object of input fields is (`json-item`). */
export type BatchItemKind = 'null' | 'list' | 'empty-text' | 'empty-object' | 'number' | 'boolean';

/**
 * The pasted or uploaded batch text is not usable. `code` says exactly what (the UI words it from
 * the values here); `problem` is its broader kind. `line` and `column` are 1-based positions in
 * the text; `field` names a CSV column; `item` is a 1-based JSON array index; `count` and `max` are
 * the inputs (`too-many`) or characters (`*-too-long`) found and allowed; `kind` is what a `json-item`
 * is. The message is an English sentence for logs and `task-error` (no raw parser text).
 */
export class BatchInputError extends TaskElementsError {
  override name = 'BatchInputError' as const;
  readonly problem: BatchInputProblem;
  readonly code: BatchInputCode;
  readonly count: number | undefined;
  readonly max: number | undefined;
  readonly kind: BatchItemKind | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;
  readonly item: number | undefined;
  /** `csv-columns`: the values the (first) row of the wrong width has, and the header's column names. */
  readonly values: number | undefined;
  readonly columns: readonly string[] | undefined;
  /** `csv-columns`, `csv-columns-many`: every row of the wrong width (its line, its values), in order. */
  readonly rows: readonly BadCsvRow[] | undefined;
  /** `csv-columns`, `csv-columns-many`: the separator of the CSV (`,`, `;` or a tab). */
  readonly delimiter: string | undefined;

  constructor(message: string, context: {
    problem: BatchInputProblem; code: BatchInputCode; line?: number; column?: number; field?: string; item?: number; values?: number;
    columns?: readonly string[]; count?: number; max?: number; kind?: BatchItemKind; rows?: readonly BadCsvRow[]; delimiter?: string;
  }) {
    super(message);
    this.problem = context.problem;
    this.code = context.code;
    this.count = context.count;
    this.max = context.max;
    this.kind = context.kind;
    this.line = context.line;
    this.column = context.column;
    this.field = context.field;
    this.item = context.item;
    this.values = context.values;
    this.columns = context.columns;
    this.rows = context.rows;
    this.delimiter = context.delimiter;
  }
}

/**
 * Adding runs to a group failed part-way. `submittedRunIds` were accepted by the API (they run and
 * are billed); `remaining` inputs, starting at input index `firstUnsubmitted`, were not sent or were
 * refused. Why is in `cause` (an HttpStatusError or NetworkError). Nothing is retried automatically: a repeated POST could add the same runs twice.
 * The message is English, for logs and `task-error`; the elements word it from these values (shared/error-text.ts).
 */
export class GroupSubmitError extends TaskElementsError {
  override name = 'GroupSubmitError' as const;
  readonly groupId: string;
  readonly submittedRunIds: readonly string[];
  readonly firstUnsubmitted: number;
  readonly remaining: number;

  constructor(context: { groupId: string; submittedRunIds: readonly string[]; firstUnsubmitted: number; remaining: number; cause: unknown }) {
    const done = context.submittedRunIds.length;
    super(
      done > 0
        ? `${done} ${done === 1 ? 'run of the batch was submitted and is' : 'runs of the batch were submitted and are'} running; the other ${context.remaining} ${context.remaining === 1 ? 'was' : 'were'} not. Submit the remaining inputs again to add them to the same batch.`
        : 'The batch could not be submitted; no run was started.',
      { cause: context.cause },
    );
    this.groupId = context.groupId;
    this.submittedRunIds = context.submittedRunIds;
    this.firstUnsubmitted = context.firstUnsubmitted;
    this.remaining = context.remaining;
  }
}
