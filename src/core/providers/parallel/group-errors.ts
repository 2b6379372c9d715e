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
 * The pasted or uploaded batch text is not usable. `line` and `column` are 1-based positions in
 * the text; `field` names a CSV column; `item` is a 1-based JSON array index. The message is a
 * sentence for people (no raw parser text).
 */
export class BatchInputError extends TaskElementsError {
  override name = 'BatchInputError' as const;
  readonly problem: BatchInputProblem;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;
  readonly item: number | undefined;
  /** `csv-columns`: the values the row has, and the header's column names. */
  readonly values: number | undefined;
  readonly columns: readonly string[] | undefined;

  constructor(message: string, context: {
    problem: BatchInputProblem; line?: number; column?: number; field?: string; item?: number; values?: number; columns?: readonly string[];
  }) {
    super(message);
    this.problem = context.problem;
    this.line = context.line;
    this.column = context.column;
    this.field = context.field;
    this.item = context.item;
    this.values = context.values;
    this.columns = context.columns;
  }
}

/**
 * Adding runs to a group failed part-way. `submittedRunIds` were accepted by the API (they run and
 * are billed); `remaining` inputs, starting at input index `firstUnsubmitted`, were not sent or were
 * refused. Why is in `cause` (an HttpStatusError or NetworkError). Nothing is retried automatically: a repeated POST could add the same runs twice.
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
        ? `${done} runs of the batch were submitted and are running; the other ${context.remaining} were not. Submit the remaining inputs again to add them to the same batch.`
        : 'The batch could not be submitted; no run was started.',
      { cause: context.cause },
    );
    this.groupId = context.groupId;
    this.submittedRunIds = context.submittedRunIds;
    this.firstUnsubmitted = context.firstUnsubmitted;
    this.remaining = context.remaining;
  }
}
