/**
 * The two group streams (parallel-task-api.md §10; SDK `TaskGroup.events` / `getRuns`), framed
 * like the run stream: `event: <type>` plus one-line JSON `data:`, no `id:` lines; the cursor is
 * the `event_id` inside each payload.
 *
 * - `/events`: the group's log after `last_event_id` (all of it without one), then live events;
 *   the server closes once no run is active, and otherwise after the stream's lifetime (one hour
 *   by default, or the `timeout` query in seconds if shorter).
 * - `/runs`: one `task_run.state` per run (after the runs cursor, optionally filtered by status)
 *   with `input` / `output` only when asked for, dumped at once; then the server closes.
 */
import type { ServerResponse } from 'node:http';
import { SseConnection, formatEvent, type ConnectionRegistry, type DropPlan } from '../sse-connection.js';
import type { GroupEvent, ParallelGroup } from './parallel-group.js';
import { PARALLEL_STREAM_HEADERS } from './parallel-stream.js';

export interface GroupEventsOptions {
  registry: ConnectionRegistry;
  /** Logged events to send first (those after the client's cursor). */
  replay: readonly GroupEvent[];
  /** Simulated ms after which the server closes this stream cleanly. */
  lifetimeMs: number;
  drop: DropPlan | undefined;
}

/** Serves one `/events` connection. */
export function serveGroupEvents(group: ParallelGroup, res: ServerResponse, options: GroupEventsOptions): void {
  const connection = new SseConnection(res, options.registry, options.drop);
  connection.open({ ...PARALLEL_STREAM_HEADERS });
  if (!connection.events(options.replay.map((event) => event.block))) return;
  if (!group.active) {
    connection.end();
    return;
  }
  const unsubscribe = group.subscribe((event) => {
    if (event) connection.event(event.block);
    else connection.end();
  });
  const cancelLifetime = group.clock.after(options.lifetimeMs, () => connection.end());
  connection.onClose(() => {
    unsubscribe();
    cancelLifetime();
  });
}

export interface GroupRunsOptions {
  registry: ConnectionRegistry;
  /** Runs after the client's runs cursor. */
  runs: ReadonlyArray<{ cursor: string; run: ParallelGroup['runs'][number] }>;
  includeInput: boolean;
  includeOutput: boolean;
  /** Only runs currently in this status. */
  status: string | undefined;
}

/** Serves one `/runs` connection. */
export function serveGroupRuns(res: ServerResponse, options: GroupRunsOptions): void {
  const connection = new SseConnection(res, options.registry);
  connection.open({ ...PARALLEL_STREAM_HEADERS });
  const blocks: string[] = [];
  for (const { cursor, run } of options.runs) {
    if (options.status !== undefined && run.status !== options.status) continue;
    const data = {
      type: 'task_run.state',
      event_id: cursor,
      run: run.snapshot(),
      input: options.includeInput ? run.body : null,
      output: options.includeOutput ? run.output : null,
    };
    blocks.push(formatEvent('task_run.state', JSON.stringify(data)));
  }
  if (connection.events(blocks)) connection.end();
}
