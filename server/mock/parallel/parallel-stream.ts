/**
 * `GET /v1/tasks/runs/{id}/events` (and the legacy `/v1beta/…` path) as Parallel serves it today
 * (parallel-task-api.md §7.4, the current SSE guide, SDK 1.x types):
 *
 * - an active run (`queued | running | cancelling`): a `task_run.state` with the current run, ALL
 *   progress messages so far with their original timestamps, the latest `task_run.progress_stats`,
 *   then live events; every later status change is one state event, and a non-active one closes
 *   the stream. At the lifetime limit (570 s, scaled) the server sends a closing `task_run.state`
 *   (still active, no output) and closes;
 * - a run that is not active: ONE `task_run.state` (with the output when completed, `run.error`
 *   when failed) and the close — no replay of the trace. `parallel-full-replay` keeps the older
 *   behaviour: the whole replay, then the final state.
 *
 * Events have `event:` and one-line `data:`, never an `id:`. `retry-zero` answers every request
 * with `retry: 0`, the opening state, the first message and the end; `reconnect-204` ends the
 * first connection after a few events (the route answers every later one with 204).
 */
import type { ServerResponse } from 'node:http';
import { SseConnection, type ConnectionRegistry, type DropPlan } from '../sse-connection.js';
import type { ParallelRun } from './parallel-run.js';

export interface ParallelStreamOptions {
  registry: ConnectionRegistry;
  /** Simulated ms after which the server closes this stream cleanly. */
  lifetimeMs: number;
  drop: DropPlan | undefined;
  /** Events after which the server ends this connection cleanly (`reconnect-204`'s first one). */
  eventBudget?: number;
  /**
   * Mock-only (request header `x-mock-replay: full`): replay a finished run's whole record as the
   * older servers did, so a test can compare what a client showed with everything the run sent.
   */
  fullReplay?: boolean;
}

/** Response headers of the events endpoint. */
export const PARALLEL_STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
} as const;

/** Serves one events connection for `run`. */
export function serveParallelEvents(run: ParallelRun, res: ServerResponse, options: ParallelStreamOptions): void {
  const connection = new SseConnection(res, options.registry, options.drop);
  connection.open({ ...PARALLEL_STREAM_HEADERS });
  let budget = options.eventBudget ?? Infinity;
  /** Writes blocks until the budget is spent; false once the connection is closed. */
  const send = (blocks: readonly string[]): boolean => {
    const allowed = blocks.slice(0, Math.max(0, budget));
    budget -= allowed.length;
    if (!connection.events(allowed)) return false;
    if (budget <= 0) connection.end();
    return !connection.closed;
  };

  if (run.scenario === 'retry-zero') {
    connection.retry(0);
    const first = run.firstMessage;
    connection.events(first ? [run.openingStateBlock(), first] : [run.openingStateBlock()]);
    connection.end();
    return;
  }
  const fullReplay = options.fullReplay === true || run.scenario === 'parallel-full-replay';
  if (!run.active && !fullReplay) {
    if (send([run.finalStateBlock()])) connection.end();
    return;
  }
  const replay = [run.openingStateBlock(), ...run.trace];
  if (run.latestStats) replay.push(run.latestStats);
  if (!send(replay)) return;
  if (!run.active) {
    if (send([run.finalStateBlock()])) connection.end();
    return;
  }

  const unsubscribe = run.subscribe((block, close) => {
    if (send([block]) && close) connection.end();
  });
  const cancelLifetime = run.clock.after(options.lifetimeMs, () => {
    // The closing state before the lifetime close: the run is still active, so no output.
    if (send([run.finalStateBlock()])) connection.end();
  });
  connection.onClose(() => {
    unsubscribe();
    cancelLifetime();
  });
}
