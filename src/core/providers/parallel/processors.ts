/**
 * Parallel processors with their price and typical latency (parallel-task-api.md §8). Each has a
 * `-fast` variant at the same price with lower latency.
 */

export interface ProcessorInfo {
  id: string;
  /** USD per 1,000 runs. */
  pricePer1k: number;
  latency: string;
  /** Rough number of output fields it handles well. */
  maxFields: number;
}

const BASE: Array<[string, number, string, string, number]> = [
  ['lite', 5, '10s–60s', '10s–20s', 2],
  ['base', 10, '15s–100s', '15s–50s', 5],
  ['core', 25, '60s–5min', '15s–100s', 10],
  ['core2x', 50, '60s–10min', '15s–3min', 10],
  ['pro', 100, '2min–10min', '30s–5min', 20],
  ['ultra', 300, '5min–25min', '1min–10min', 20],
  ['ultra2x', 600, '5min–50min', '1min–20min', 25],
  ['ultra4x', 1200, '5min–90min', '1min–40min', 25],
  ['ultra8x', 2400, '5min–2hr', '1min–1hr', 25],
];

/** Every processor, standard then fast for each tier. */
export const PARALLEL_PROCESSORS: readonly ProcessorInfo[] = BASE.flatMap(([id, pricePer1k, latency, fastLatency, maxFields]) => [
  { id, pricePer1k, latency, maxFields },
  { id: `${id}-fast`, pricePer1k, latency: fastLatency, maxFields },
]);

/** True when `id` is one of {@link PARALLEL_PROCESSORS} (case-sensitive, e.g. `pro`, `ultra2x`). */
export function isParallelProcessor(id: string): boolean {
  return PARALLEL_PROCESSORS.some((p) => p.id === id);
}
