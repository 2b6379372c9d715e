/**
 * Validates the group request bodies (parallel-task-api.md §10; SDK `TaskGroupCreateParams`,
 * `TaskGroupAddRunsParams`): create takes `{metadata?}`; add-runs takes
 * `{inputs: RunInput[] (1 to 1,000), default_task_spec?}`, each input validated exactly like a
 * single run's create body, with `default_task_spec` standing in for a missing `task_spec`. A bad
 * input is a 422 whose `detail.errors[].loc` points into `inputs` (`["body","inputs",3,"processor"]`).
 */
import { isRecord } from '../http-util.js';
import { ParallelHttpError, invalidInput } from './parallel-errors.js';
import { readMetadata, readTaskSpec, validateCreate, type CreateRequest } from './parallel-validate.js';

/** Runs accepted per add-runs call (SDK: "Up to 1,000 runs can be specified per request"). */
export const MAX_RUNS_PER_REQUEST = 1000;

/** One validated input: the normalized request and the body the run reports as its input. */
export interface GroupRunInput {
  request: CreateRequest;
  body: Record<string, unknown>;
}

/** Validates the create body (an absent body is an empty one). */
export function validateGroupCreate(body: unknown): { metadata: Record<string, string | number | boolean> | null } {
  if (body === undefined) return { metadata: null };
  if (!isRecord(body)) throw invalidInput('Request body must be a JSON object', []);
  return { metadata: readMetadata(body.metadata) };
}

/** Validates the add-runs body into one request per input. */
export function validateAddRuns(body: unknown): GroupRunInput[] {
  if (!isRecord(body)) throw invalidInput('Request body must be a JSON object', []);
  const inputs = body.inputs;
  if (!Array.isArray(inputs)) throw invalidInput("Field 'inputs' is required and must be a list of run inputs", ['inputs']);
  if (inputs.length === 0) throw invalidInput("Field 'inputs' must contain at least one run input", ['inputs']);
  if (inputs.length > MAX_RUNS_PER_REQUEST) {
    throw invalidInput(
      `Field 'inputs' has ${inputs.length} runs; at most ${MAX_RUNS_PER_REQUEST} can be added per request, split them across several requests`,
      ['inputs'],
    );
  }
  const defaultSpec = body.default_task_spec ?? null;
  if (defaultSpec !== null) relocate(() => readTaskSpec(defaultSpec, []), ['default_task_spec'], 1);
  return inputs.map((input, index) => {
    if (!isRecord(input)) throw invalidInput(`inputs[${index}] must be a run input object`, ['inputs', index]);
    const effective = input.task_spec === undefined || input.task_spec === null ? { ...input, task_spec: defaultSpec } : input;
    const request = relocate(() => validateCreate(effective), ['inputs', index], 0, `inputs[${index}]: `);
    return { request, body: effective };
  });
}

/**
 * Runs `validate`; a 422 it throws gets `prefix` spliced into its locations (after `body` and
 * `drop` original segments) and `label` before its message.
 */
function relocate<T>(validate: () => T, prefix: ReadonlyArray<string | number>, drop: number, label = ''): T {
  try {
    return validate();
  } catch (error) {
    if (!(error instanceof ParallelHttpError) || error.status !== 422) throw error;
    const errors = Array.isArray(error.detail?.errors) ? (error.detail.errors as Array<{ loc: Array<string | number>; msg: string }>) : [];
    const moved = errors.map((item) => ({ ...item, loc: ['body', ...prefix, ...item.loc.slice(1 + drop)], msg: `${label}${item.msg}` }));
    throw new ParallelHttpError(422, `${label}${error.message}`, { detail: { errors: moved } });
  }
}
