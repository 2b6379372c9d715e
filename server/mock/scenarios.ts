/**
 * Named fault scenarios, chosen per task without breaking wire compatibility: Parallel reads
 * `metadata.mock_scenario` / `metadata.mock_speed`, Shannon reads `context.mock_scenario` /
 * `context.mock_speed`. An unknown scenario name plays `happy` (the real APIs accept any metadata).
 * The per-request counters that make "fail first, then succeed" work live on each run.
 */
import type { Rng } from './rng.js';
import { SCENARIOS, type ScenarioName } from './scenario-catalog.js';
import type { DropPlan } from './sse-connection.js';

export { SCENARIOS, SCENARIO_CATALOG, type ScenarioName } from './scenario-catalog.js';

/** Stream connections that `drop-mid-stream` cuts before it behaves. */
export const DROPPED_CONNECTIONS = 2;
/** Stream requests that `server-error-then-ok` answers with 503 before it behaves. */
export const SERVER_ERRORS_BEFORE_OK = 2;
/** Stream requests that `rate-limited` answers with 429 before it behaves. */
export const RATE_LIMITS_BEFORE_OK = 1;
/** `huge-event`: size of the one oversized event's payload, in characters. */
export const HUGE_EVENT_CHARS = 2 * 1024 * 1024;
/** `many-events`: number of progress messages (Parallel) or text deltas (Shannon). */
export const MANY_EVENTS_COUNT = 10_000;
/** `slow`: how much longer everything takes. */
export const SLOW_FACTOR = 4;
/** `stream-timeout`: a stream is closed after this share of the run's duration (so ~5 reconnects). */
export const STREAM_TIMEOUT_SHARE = 0.2;

/** `shannon-done-before-status`: status requests after `done` that still answer RUNNING. */
export const RUNNING_POLLS_AFTER_DONE = 2;
/** `reconnect-204`: events the first connection gets before the server ends it. */
export const EVENTS_BEFORE_204 = 3;

/** Reads a scenario name; anything unknown or absent is `happy`. */
export function parseScenario(value: unknown): ScenarioName {
  return typeof value === 'string' && (SCENARIOS as readonly string[]).includes(value) ? (value as ScenarioName) : 'happy';
}

/** Reads a per-task speed override (a positive number, or a numeric string); undefined if absent or invalid. */
export function parseSpeed(value: unknown): number | undefined {
  const speed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof speed === 'number' && Number.isFinite(speed) && speed > 0 ? speed : undefined;
}

/**
 * The drop plan of the `n`-th stream connection (0-based) of a `drop-mid-stream` task: the first
 * {@link DROPPED_CONNECTIONS} connections are cut inside an early event at a random byte; later
 * connections behave.
 */
export function dropPlanFor(scenario: ScenarioName, connection: number, rng: Rng): DropPlan | undefined {
  if (scenario !== 'drop-mid-stream' || connection >= DROPPED_CONNECTIONS) return undefined;
  return { frameIndex: rng.int(1, 4), fraction: rng.float(0.05, 0.95) };
}

/**
 * The status a stream request gets before it is served: 401 for `unauthorized` (always), 503 or
 * 429 for the first requests of the retry scenarios, 204 for every reconnect of `reconnect-204`;
 * undefined to serve normally.
 */
export function streamFaultFor(scenario: ScenarioName, request: number): 204 | 401 | 429 | 503 | undefined {
  if (scenario === 'unauthorized') return 401;
  if (scenario === 'reconnect-204' && request > 0) return 204;
  if (scenario === 'server-error-then-ok' && request < SERVER_ERRORS_BEFORE_OK) return 503;
  if (scenario === 'rate-limited' && request < RATE_LIMITS_BEFORE_OK) return 429;
  return undefined;
}

/**
 * Remembers which create requests of `create-rate-limited` were already refused: the first create
 * with a given body gets 429 + `Retry-After`, the identical retry succeeds.
 */
export class CreateRateLimiter {
  readonly #refused = new Set<string>();

  /** True if this request must be refused now (and records it, so the retry passes). */
  shouldRefuse(scenario: ScenarioName, bodyText: string): boolean {
    if (scenario !== 'create-rate-limited' || this.#refused.has(bodyText)) return false;
    this.#refused.add(bodyText);
    return true;
  }
}
