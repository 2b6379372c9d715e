/**
 * The status requests a run's session makes (run-session.ts performs the phases of
 * run-lifecycle.ts): what the status API says, and when its answer may be recorded in the store.
 * Sources: Parallel `GET /v1/tasks/runs/{id}` and `/result`, Shannon `GET /api/v1/tasks/{id}`
 * (shared/specs/parallel-task-api.md, shannon-streaming-api.md §10).
 */
import { callApi, type EndpointConfig } from '../client/api-request.js';
import { ResultUnavailableError, TaskElementsError, isHttpStatusError } from '../errors.js';
import type { TaskProvider } from '../providers/provider.js';
import { isTerminalStatus, type TaskEvent, type TaskRunPatch, type TaskStatus } from '../providers/task-event.js';
import { sleep, type Timers } from '../util/environment.js';
import { statusEventId } from './dedupe.js';
import { PROGRESS_KINDS } from './lost-progress.js';
import type { TaskStore } from './store-types.js';

/** What the status requests of one run need. */
export interface StatusAccess {
  runId: string;
  store: TaskStore;
  provider(): TaskProvider<unknown>;
  endpoint(): EndpointConfig;
  /** Records fields and events of an answer (`source`: `status` or `result`). */
  apply(patch: TaskRunPatch, events: readonly TaskEvent[], source: 'status' | 'result'): void;
}

async function readStatus(access: StatusAccess, signal: AbortSignal) {
  const provider = access.provider();
  return provider.parseStatus(await callApi(access.endpoint(), provider.statusRequest(access.runId), signal));
}

/**
 * After a stream ended without saying the run is over: the status (`unknown` if the answer has
 * none). A final status is not recorded: it waits for the last connection, so that it is not logged
 * before the events that led to it. Throws the request's error.
 */
export async function checkStatus(access: StatusAccess, signal: AbortSignal): Promise<TaskStatus> {
  const snapshot = await readStatus(access, signal);
  const status = snapshot.patch.status ?? 'unknown';
  if (!signal.aborted && !isTerminalStatus(status)) access.apply(snapshot.patch, snapshot.events, 'status');
  return status;
}

/** A quiet check's answer: the status when it could be read, or the server's refusal of the run. */
export interface QuietAnswer {
  status?: TaskStatus;
  /** The status API refused the run (401, 403, 404): asking again with the same settings cannot help. */
  refusal?: TaskElementsError;
}

/** Statuses of a status request that no later check under the same settings can change. */
const REFUSALS: readonly number[] = [401, 403, 404];

/**
 * While an open stream has been silent: the status, recorded whatever it is (the stream brought
 * nothing, so a final status is the last word). A network failure or an unreadable answer gives no
 * status (asked again later); a refusal (401, 403, 404) is returned as such: a stream that stays
 * open for a run the server does not know, or no longer lets this key read (trial5: a Shannon
 * `task_nope` read "Live" for good while its status answered 404), must not be waited on forever.
 * Throws only when `signal` aborts.
 */
export async function quietStatus(access: StatusAccess, signal: AbortSignal): Promise<QuietAnswer> {
  try {
    const snapshot = await readStatus(access, signal);
    if (!signal.aborted) access.apply(snapshot.patch, snapshot.events, 'status');
    return snapshot.patch.status ? { status: snapshot.patch.status } : {};
  } catch (error) {
    if (signal.aborted) throw error;
    return isHttpStatusError(error) && REFUSALS.includes(error.status) ? { refusal: asError(error) } : {};
  }
}

/**
 * After the stream said "over" (or the run was learned or stored as over): the status the API
 * confirms (read unless the store already has a final one), and the output of a completed run that
 * has none yet, from the result endpoint (Parallel `GET /v1/tasks/runs/{id}/result`, Shannon
 * `GET /api/v1/tasks/{id}`). Throws the status request's error, or a {@link ResultUnavailableError}
 * when the output could not be fetched: a finished, paid run is never left silently without it.
 */
export async function confirmStatus(access: StatusAccess, signal: AbortSignal): Promise<TaskStatus> {
  const { store, runId } = access;
  if (!isTerminalStatus(store.getRun(runId)?.status ?? 'unknown')) {
    const snapshot = await readStatus(access, signal);
    if (signal.aborted) return 'unknown';
    access.apply(snapshot.patch, snapshot.events, 'status');
  }
  const run = store.getRun(runId);
  if (run?.status === 'completed' && !run.output) {
    const provider = access.provider();
    let snapshot;
    try {
      snapshot = provider.parseResult(await callApi(access.endpoint(), provider.resultRequest(runId), signal));
    } catch (error) {
      if (signal.aborted) return 'unknown';
      throw new ResultUnavailableError(asError(error));
    }
    if (!signal.aborted) access.apply(snapshot.patch, snapshot.events, 'result');
  }
  return store.getRun(runId)?.status ?? 'unknown';
}

/**
 * Parallel's queued phase: the stream cannot say when the run starts, so the status is asked every
 * `pollMs` while the run is queued and `following()`; only non-final answers are recorded (the
 * stream brings the end). Resolves when the run leaves `queued`, is no longer followed, or `signal` aborts.
 */
export async function pollWhileQueued(access: StatusAccess, pollMs: number, following: () => boolean, signal: AbortSignal, timers: Timers): Promise<void> {
  const queued = () => access.store.getRun(access.runId)?.status === 'queued';
  try {
    while (!signal.aborted && queued() && following()) {
      await sleep(pollMs, signal, timers);
      if (!queued() || !following()) break;
      const snapshot = await readStatus(access, signal).catch(() => undefined);
      if (signal.aborted) break;
      const status = snapshot?.patch.status;
      if (snapshot && status && !isTerminalStatus(status)) access.apply(snapshot.patch, snapshot.events, 'status');
    }
  } catch {
    // aborted, or an unreadable answer: the stream carries on
  }
}

/**
 * Resolves once `quietMs` have passed since `lastActivityAt()` (re-read after each wait, so activity
 * in between moves the deadline); the first wait is always the whole `quietMs`. Rejects when `signal` aborts.
 */
export async function untilSilent(quietMs: number, lastActivityAt: () => number, clock: { now(): number; timers: Timers }, signal: AbortSignal): Promise<void> {
  for (let left = quietMs; left > 0; left = lastActivityAt() + quietMs - clock.now()) {
    await sleep(left, signal, clock.timers);
  }
}

/** Parallel never announces queued → running: the first progress event among `added` implies it. */
export function inferRunning(store: TaskStore, runId: string, added: readonly TaskEvent[]): void {
  if (store.getRun(runId)?.status !== 'queued') return;
  if (!added.some((event) => PROGRESS_KINDS.has(event.kind))) return;
  store.applyEvents(runId, [{ kind: 'status', id: statusEventId('running'), status: 'running', apiStatus: 'running', source: 'inferred' }]);
}

/** Any thrown value as a TaskElementsError (its message kept). */
export function asError(error: unknown): TaskElementsError {
  return error instanceof TaskElementsError ? error : new TaskElementsError(error instanceof Error ? error.message : String(error), { cause: error });
}
