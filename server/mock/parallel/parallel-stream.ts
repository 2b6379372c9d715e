/**
 * `GET /v1/tasks/runs/{id}/events` (and the legacy `/v1beta/…` path), exactly as
 * parallel-task-api.md §7.4 describes: every connection starts with a `task_run.state` event
 * (current run, `event_id`/`input`/`output` null), then replays ALL progress messages so far with
 * their original timestamps, then only the latest `task_run.progress_stats`, then live events;
 * a finished run ends with a `task_run.state` carrying the output (or `run.error`) and the server
 * closes. Events have `event:` and one-line `data:` and never an `id:`. A stream is closed cleanly
 * after its lifetime (570 s by default, scaled by the run's speed).
 */
import type { ServerResponse } from 'node:http';
import { SseConnection, type ConnectionRegistry, type DropPlan } from '../sse-connection.js';
import type { ParallelRun } from './parallel-run.js';

export interface ParallelStreamOptions {
  registry: ConnectionRegistry;
  /** Simulated ms after which the server closes this stream cleanly. */
  lifetimeMs: number;
  drop: DropPlan | undefined;
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

  const replay = [run.openingStateBlock(), ...run.trace];
  if (run.latestStats) replay.push(run.latestStats);
  if (!connection.events(replay)) return;
  if (!run.active) {
    if (connection.event(run.finalStateBlock())) connection.end();
    return;
  }

  const unsubscribe = run.subscribe((block) => {
    if (block !== null) {
      connection.event(block);
      return;
    }
    if (connection.event(run.finalStateBlock())) connection.end();
  });
  const cancelLifetime = run.clock.after(options.lifetimeMs, () => connection.end());
  connection.onClose(() => {
    unsubscribe();
    cancelLifetime();
  });
}
