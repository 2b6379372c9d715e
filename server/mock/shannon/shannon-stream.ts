/**
 * `GET /api/v1/stream/sse` as the gateway + admin server serve it (shannon-streaming-api.md §5–7):
 * first `: connected to workflow <id>`, a `: ping` every 10 s, then every retained event (or only
 * those strictly after the resume point) followed by live events, each framed `id:`/`event:`/
 * one-line `data:`. The stream closes after `done`; after any `WORKFLOW_COMPLETED`, 30 s without
 * an event close it too; with a `types` filter, an excluded `WORKFLOW_COMPLETED` or `STREAM_END`
 * closes it at once. An unknown workflow gets `ERROR_OCCURRED` "Workflow not found" (no `id:`)
 * after 30 s, then the close. A workflow whose stream expired (24 h after its last event) gets
 * pings only: the watchdog finds it in Temporal and re-arms.
 */
import type { ServerResponse } from 'node:http';
import type { Cancel, Clock } from '../clock.js';
import { SseConnection, formatEvent, type ConnectionRegistry, type DropPlan } from '../sse-connection.js';
import { isAfter, type StoredEvent, type StreamId } from './shannon-events.js';
import { corsHeaders } from './shannon-gateway.js';
import type { ShannonTask } from './shannon-task.js';

/**
 * Where a client resumes: after a stream id, after a seq number, or live only (a `Last-Event-ID`
 * header with "-" that is not a stream id: the replay finds nothing and the reader starts at `$`).
 */
export type ResumePoint = { kind: 'id'; id: StreamId } | { kind: 'seq'; seq: number } | { kind: 'live' };

export interface ShannonStreamOptions {
  registry: ConnectionRegistry;
  resume: ResumePoint | undefined;
  /** Internal type names to keep (`types=`); undefined keeps everything. */
  types: ReadonlySet<string> | undefined;
  drop: DropPlan | undefined;
  /** Simulated ms after which the server closes cleanly (`stream-timeout` only). */
  lifetimeMs: number | undefined;
  /** Events after which the server ends this connection cleanly (`reconnect-204`'s first one). */
  eventBudget?: number;
}

export const PING_INTERVAL_MS = 10_000;
export const POST_COMPLETION_IDLE_MS = 30_000;
export const FIRST_EVENT_WATCHDOG_MS = 30_000;

/** Parses `Last-Event-ID` / `last_event_id`: `<ms>-<n>` or a non-negative integer; otherwise undefined. */
export function parseResumePoint(text: string): ResumePoint | undefined {
  const id = /^(\d+)-(\d+)$/.exec(text);
  if (id) return { kind: 'id', id: { ms: Number(id[1]), n: Number(id[2]) } };
  return /^\d+$/.test(text) ? { kind: 'seq', seq: Number(text) } : undefined;
}

function isAfterResume(event: StoredEvent, resume: ResumePoint | undefined): boolean {
  if (!resume) return true;
  if (resume.kind === 'live') return false;
  return resume.kind === 'id' ? isAfter(event, resume.id) : event.seq > resume.seq;
}

/** Opens the SSE response and writes the preamble. */
function openStream(res: ServerResponse, options: ShannonStreamOptions, workflowId: string): SseConnection {
  const connection = new SseConnection(res, options.registry, options.drop);
  connection.open({
    ...corsHeaders('/api/v1/stream/sse'),
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  connection.comment(`connected to workflow ${workflowId}`);
  return connection;
}

/** Serves a stream for a workflow the mock does not know. */
export function serveUnknownWorkflow(workflowId: string, res: ServerResponse, clock: Clock, options: ShannonStreamOptions): void {
  const connection = openStream(res, options, workflowId);
  const stopPing = clock.every(PING_INTERVAL_MS, () => connection.comment('ping'));
  const stopWatchdog = clock.after(FIRST_EVENT_WATCHDOG_MS, () => {
    const data = JSON.stringify({ workflow_id: workflowId, type: 'ERROR_OCCURRED', message: 'Workflow not found' });
    connection.event(`event: ERROR_OCCURRED\ndata: ${data}\n\n`);
    connection.end();
  });
  connection.onClose(() => {
    stopPing();
    stopWatchdog();
  });
}

/** Serves a stream for a known workflow. */
export function serveShannonStream(task: ShannonTask, res: ServerResponse, options: ShannonStreamOptions): void {
  const connection = openStream(res, options, task.workflowId);
  const timers: Cancel[] = [task.clock.every(PING_INTERVAL_MS, () => connection.comment('ping'))];
  if (task.scenario === 'retry-zero') {
    // Every connection: `retry: 0`, the oldest retained event again, and the end.
    connection.retry(0);
    const first = task.ring[0];
    if (first) connection.event(formatEvent(first.name, first.data, first.id));
    connection.end();
    timers.forEach((cancel) => cancel());
    return;
  }
  if (task.streamExpired) {
    // The Redis stream is gone but Temporal still knows the workflow: the first-event watchdog
    // re-arms every 30 s, so the connection carries pings only, for as long as the client stays.
    connection.onClose(() => timers.forEach((cancel) => cancel()));
    return;
  }
  let budget = options.eventBudget ?? Infinity;
  let idleClose: Cancel | undefined;
  let unsubscribe: Cancel = () => {};
  connection.onClose(() => {
    unsubscribe();
    idleClose?.();
    for (const cancel of timers) cancel();
  });
  if (options.lifetimeMs !== undefined) timers.push(task.clock.after(options.lifetimeMs, () => connection.end()));

  /** Writes one event; returns false once the connection is closed. */
  const deliver = (event: StoredEvent): boolean => {
    if (connection.closed) return false;
    if (options.types && !options.types.has(event.type)) {
      if (event.type === 'WORKFLOW_COMPLETED' || event.type === 'STREAM_END') connection.end();
      return !connection.closed;
    }
    if (!connection.event(formatEvent(event.name, event.data, event.id))) return false;
    if (--budget <= 0) {
      connection.end();
      return false;
    }
    if (event.type === 'STREAM_END') {
      connection.end();
      return false;
    }
    if (event.type === 'WORKFLOW_COMPLETED' || idleClose) {
      idleClose?.();
      idleClose = task.clock.after(POST_COMPLETION_IDLE_MS, () => connection.end());
    }
    return true;
  };

  for (const event of task.ring.filter((e) => isAfterResume(e, options.resume))) {
    if (!deliver(event)) return;
  }
  // Nothing newer than the resume point and the workflow has ended: like the real server, the
  // connection stays open with pings only (the first-event watchdog finds the workflow and re-arms).
  if (!task.ended) unsubscribe = task.subscribe((event) => void deliver(event));
}
