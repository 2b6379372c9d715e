/**
 * Parallel's processors (parallel-task-api.md §8) and how the mock plays them. Real latencies run
 * from seconds to hours; the mock keeps their order but compresses them so a demo at speed 1
 * finishes in seconds (`lite`) to a few minutes (`ultra8x`). `-fast` variants take ~40 %.
 */

/** How one processor behaves in the mock. */
export interface ProcessorProfile {
  /** Wire name, e.g. `core2x-fast`. */
  name: string;
  /** Simulated duration of a run from create to completion, in ms. */
  durationMs: number;
  /** Progress messages emitted during a normal run. */
  messages: number;
  /** Fields of an auto-generated output schema (the docs' "max fields"). */
  fields: number;
  /** Sources considered by the end of the run. */
  sources: number;
  /** Paragraphs/bullets per section of a text report. */
  detail: number;
  /** Price in USD per 1,000 runs (the same for `-fast`). */
  pricePer1k: number;
}

const BASE: ReadonlyArray<Omit<ProcessorProfile, 'name'> & { base: string }> = [
  { base: 'lite', durationMs: 5_000, messages: 4, fields: 2, sources: 12, detail: 1, pricePer1k: 5 },
  { base: 'base', durationMs: 9_000, messages: 6, fields: 4, sources: 25, detail: 2, pricePer1k: 10 },
  { base: 'core', durationMs: 18_000, messages: 10, fields: 6, sources: 60, detail: 2, pricePer1k: 25 },
  { base: 'core2x', durationMs: 26_000, messages: 13, fields: 7, sources: 90, detail: 3, pricePer1k: 50 },
  { base: 'pro', durationMs: 45_000, messages: 20, fields: 8, sources: 160, detail: 3, pricePer1k: 100 },
  { base: 'ultra', durationMs: 80_000, messages: 28, fields: 9, sources: 300, detail: 4, pricePer1k: 300 },
  { base: 'ultra2x', durationMs: 120_000, messages: 34, fields: 10, sources: 450, detail: 4, pricePer1k: 600 },
  { base: 'ultra4x', durationMs: 180_000, messages: 40, fields: 10, sources: 650, detail: 5, pricePer1k: 1200 },
  { base: 'ultra8x', durationMs: 240_000, messages: 48, fields: 10, sources: 900, detail: 5, pricePer1k: 2400 },
];

/** Every valid processor name, standard and `-fast`. */
export const PROCESSOR_NAMES: readonly string[] = BASE.flatMap(({ base }) => [base, `${base}-fast`]);

/** The profile of a processor, or undefined for an unknown name. */
export function processorProfile(name: string): ProcessorProfile | undefined {
  const fast = name.endsWith('-fast');
  const base = fast ? name.slice(0, -'-fast'.length) : name;
  const entry = BASE.find((p) => p.base === base);
  if (!entry) return undefined;
  const { base: _base, ...profile } = entry;
  return fast
    ? { ...profile, name, durationMs: Math.round(profile.durationMs * 0.4), messages: Math.max(3, Math.round(profile.messages * 0.75)) }
    : { ...profile, name };
}
