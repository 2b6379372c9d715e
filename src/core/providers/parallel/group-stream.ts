/**
 * The two group streams (parallel-task-api.md §10; parallel-sdk `TaskGroup.events`, `getRuns`):
 *
 * - {@link watchGroup} follows `GET /v1/tasks/groups/{id}/events` with the reconnecting stream
 *   client. Every attempt asks for the events after the tracker's cursor (`?last_event_id=`, the
 *   `event_id` of the newest applied event), so a cut or the server's one-hour close resumes where
 *   it stopped; the tracker drops anything already applied. It closes once the group reports no
 *   active run.
 * - {@link fetchGroupRuns} reads `GET /v1/tasks/groups/{id}/runs` (a dump that ends by itself),
 *   with inputs and outputs when asked.
 *
 * Both stop when their AbortSignal aborts.
 */
import { prepareRequest, type EndpointConfig } from '../../client/api-request.js';
import type { RetryOptions } from '../../client/backoff.js';
import { openStream, type ConnectionSnapshot, type StreamConnection } from '../../client/stream-client.js';
import { TaskElementsError } from '../../errors.js';
import type { FetchLike, Timers } from '../../util/environment.js';
import { groupEventsRequest, groupRunsRequest } from './group-client.js';
import type { GroupTracker } from './group-tracker.js';
import type { GroupEvent, GroupTransition } from './group-types.js';
import { mapGroupMessage } from './map-group-event.js';

/**
 * Group streams are quiet while runs work (they carry no progress events), and resuming costs
 * nothing (no replay), so a silent connection is only given up after five minutes.
 */
export const GROUP_STALL_TIMEOUT_MS = 300_000;

/** Options of {@link watchGroup}: the group's tracker, event and connection callbacks, retry and stall settings, an AbortSignal. */
export interface WatchGroupOptions {
  /** Applies events and holds the resume cursor; restore it from storage to resume after a reload. */
  tracker: GroupTracker;
  /** Every event with the transitions it caused (an empty list for a duplicate or a no-op). */
  onEvent?(event: GroupEvent, transitions: GroupTransition[]): void;
  onState?(snapshot: ConnectionSnapshot): void;
  signal?: AbortSignal;
  retry?: RetryOptions;
  /** @default {@link GROUP_STALL_TIMEOUT_MS} */
  stallTimeoutMs?: number;
  fetch?: FetchLike;
  timers?: Timers;
}

/** Follows a group's events until no run is active, resuming by `last_event_id`. */
export function watchGroup(endpoint: EndpointConfig, groupId: string, options: WatchGroupOptions): StreamConnection {
  const { tracker } = options;
  return openStream({
    request: () => prepareRequest(endpoint, groupEventsRequest(groupId, tracker.lastEventId), 'stream'),
    onMessage(message) {
      const event = mapGroupMessage(message.data, message.event);
      const eventId = event.kind === 'group-status' || event.kind === 'run-state' ? event.eventId : undefined;
      const fresh = eventId !== undefined && !tracker.has(eventId);
      const transitions = tracker.apply(event);
      options.onEvent?.(event, transitions);
      return fresh;
    },
    onState: options.onState,
    shouldReconnect: () => tracker.status?.active !== false,
    signal: options.signal,
    retry: options.retry,
    stallTimeoutMs: options.stallTimeoutMs ?? GROUP_STALL_TIMEOUT_MS,
    fetch: options.fetch ?? endpoint.fetch,
    timers: options.timers,
  });
}

/** Options of {@link fetchGroupRuns}: whether inputs and outputs are included, attempts, an AbortSignal. */
export interface FetchGroupRunsOptions {
  includeInput?: boolean;
  includeOutput?: boolean;
  signal?: AbortSignal;
  /** Attempts before giving up on a dump cut by the network. @default 3 */
  maxAttempts?: number;
  fetch?: FetchLike;
}

/**
 * Every run of a group as `run-state` events, in the group's order (one per run; a dump cut by the
 * network is read again from the start and merged by run id). Rejects with the connection's error
 * when it fails for good, or with an AbortError when the signal aborts.
 */
export function fetchGroupRuns(endpoint: EndpointConfig, groupId: string, options: FetchGroupRunsOptions = {}): Promise<Array<Extract<GroupEvent, { kind: 'run-state' }>>> {
  const runs = new Map<string, Extract<GroupEvent, { kind: 'run-state' }>>();
  return new Promise((resolve, reject) => {
    let settled = false;
    const connection = openStream({
      request: () => prepareRequest(endpoint, groupRunsRequest(groupId, options), 'stream'),
      onMessage(message) {
        const event = mapGroupMessage(message.data, message.event);
        if (event.kind !== 'run-state') return false;
        const fresh = !runs.has(event.run.runId);
        runs.set(event.run.runId, event);
        return fresh;
      },
      onState(snapshot) {
        if (settled) return;
        if (snapshot.state === 'failed') {
          settled = true;
          connection.close();
          reject(snapshot.error ?? new TaskElementsError('The list of runs could not be read.'));
        }
      },
      shouldReconnect: () => false,
      signal: options.signal,
      retry: { maxAttempts: options.maxAttempts ?? 3 },
      stallTimeoutMs: 60_000,
      fetch: options.fetch ?? endpoint.fetch,
    });
    void connection.finished.then(() => {
      if (settled) return;
      settled = true;
      if (options.signal?.aborted) reject(options.signal.reason ?? new DOMException('Aborted', 'AbortError'));
      else resolve([...runs.values()]);
    });
  });
}
