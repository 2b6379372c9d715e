/**
 * Turns parsed batch inputs into what is sent and what it costs:
 *
 * - {@link splitIntoCalls}: `POST /v1/tasks/groups/{id}/runs` takes at most 1,000 inputs
 *   (parallel-sdk `TaskGroupAddRunsParams.inputs`: "Up to 1,000 runs can be specified per request.
 *   If you'd like to add more runs, split them across multiple TaskGroup POST requests"); the calls
 *   are also kept under a byte budget so they pass the bundled proxy's 1 MiB body limit.
 * - {@link estimateBatchPrice}: processor price per 1,000 runs × inputs (parallel-task-api.md §8:
 *   pricing is per run, `-fast` costs the same as its standard processor).
 */
import { l10n } from '../../i18n/scope.js';
import type { GroupRunInput } from './group-types.js';
import { PARALLEL_PROCESSORS } from './processors.js';

/** Inputs per add-runs call accepted by the API. */
export const MAX_RUNS_PER_CALL = 1000;
/** Default JSON bytes per add-runs call: below the proxy's default 1 MiB (`MAX_BODY_BYTES`). */
export const DEFAULT_MAX_CALL_BYTES = 900_000;

/** One add-runs call: the inputs and where they start in the batch. */
export interface BatchCall {
  start: number;
  inputs: GroupRunInput[];
}

const encoder = new TextEncoder();

/**
 * Splits run inputs into calls of at most `maxRuns` inputs and about `maxBytes` of JSON each, in
 * order. A single input larger than `maxBytes` still gets a call of its own (the server decides).
 */
export function splitIntoCalls(inputs: readonly GroupRunInput[], options: { maxRuns?: number; maxBytes?: number } = {}): BatchCall[] {
  const maxRuns = Math.max(1, Math.min(options.maxRuns ?? MAX_RUNS_PER_CALL, MAX_RUNS_PER_CALL));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CALL_BYTES;
  const calls: BatchCall[] = [];
  let current: BatchCall | undefined;
  let bytes = 0;
  inputs.forEach((input, index) => {
    const size = encoder.encode(JSON.stringify(input)).length + 1;
    if (!current || current.inputs.length >= maxRuns || (current.inputs.length > 0 && bytes + size > maxBytes)) {
      current = { start: index, inputs: [] };
      calls.push(current);
      bytes = 64; // the envelope: {"inputs":[…],"default_task_spec":…} is counted by the caller's margin
    }
    current.inputs.push(input);
    bytes += size;
  });
  return calls;
}

/** The estimated price of a batch. */
export interface BatchPrice {
  runs: number;
  processor: string;
  /** USD per 1,000 runs of this processor. */
  pricePer1k: number;
  /** USD for the whole batch: `pricePer1k × runs / 1000`. */
  totalUsd: number;
}

/** Price of `runs` runs on `processor`; undefined for a processor without a known price. */
export function estimateBatchPrice(processor: string, runs: number): BatchPrice | undefined {
  const info = PARALLEL_PROCESSORS.find((p) => p.id === processor);
  if (!info || !Number.isFinite(runs) || runs < 0) return undefined;
  return { runs, processor, pricePer1k: info.pricePer1k, totalUsd: (info.pricePer1k * runs) / 1000 };
}

/** "$0.050", "$12.50", "$2,400": USD in the current language, by the one rule for costs (Localizer `cost`). */
export function formatUsd(amount: number): string {
  return l10n().cost(amount);
}
