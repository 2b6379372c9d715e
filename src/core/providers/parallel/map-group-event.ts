/**
 * Pure mappers from Task Group wire data (parallel-task-api.md §10; parallel-sdk
 * `TaskGroupStatusEvent`, `TaskRunEvent`, `ErrorEvent`, `TaskGroup`) to the normalized types of
 * group-types.ts. Never throw: a message of the wrong shape becomes an `invalid` event.
 */
import { asNumber, asObject, asString, parseJson } from '../../util/read.js';
import type { TaskStatus } from '../task-event.js';
import type { BatchInput, GroupEvent, GroupRunState, GroupSnapshot, GroupStatus } from './group-types.js';
import { mapParallelError, mapParallelRun, mapParallelStatus } from './map-parallel-event.js';
import { mapParallelOutput } from './map-parallel-output.js';

/** `TaskGroupStatus` → {@link GroupStatus}; undefined when it is not an object. */
export function mapGroupStatus(value: unknown): GroupStatus | undefined {
  const wire = asObject(value);
  if (!wire) return undefined;
  const counts: Partial<Record<TaskStatus, number>> = {};
  for (const [name, raw] of Object.entries(asObject(wire.task_run_status_counts) ?? {})) {
    const count = asNumber(raw);
    if (count === undefined || count <= 0) continue;
    const status = mapParallelStatus(name);
    counts[status] = (counts[status] ?? 0) + count;
  }
  const status: GroupStatus = {
    total: asNumber(wire.num_task_runs) ?? Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0),
    counts,
    active: wire.is_active === true,
  };
  const message = asString(wire.status_message);
  if (message) status.message = message;
  const modifiedAt = asString(wire.modified_at);
  if (modifiedAt) status.modifiedAt = modifiedAt;
  return status;
}

/** `TaskGroup` → {@link GroupSnapshot}; undefined without a `taskgroup_id`. */
export function mapGroupSnapshot(value: unknown): GroupSnapshot | undefined {
  const wire = asObject(value);
  const groupId = asString(wire?.taskgroup_id);
  if (!wire || !groupId) return undefined;
  const snapshot: GroupSnapshot = { groupId, status: mapGroupStatus(wire.status) ?? { total: 0, counts: {}, active: false } };
  const createdAt = asString(wire.created_at);
  if (createdAt) snapshot.createdAt = createdAt;
  const metadata = asObject(wire.metadata);
  if (metadata) snapshot.metadata = metadata as GroupSnapshot['metadata'];
  return snapshot;
}

function mapRunState(value: unknown): GroupRunState | undefined {
  const wire = asObject(value);
  const runId = asString(wire?.run_id);
  if (!wire || !runId) return undefined;
  const patch = mapParallelRun(wire);
  const run: GroupRunState = { runId, status: patch.status ?? 'unknown' };
  if (patch.processor) run.processor = patch.processor;
  if (patch.createdAt) run.createdAt = patch.createdAt;
  if (patch.updatedAt) run.modifiedAt = patch.updatedAt;
  if (patch.error) run.error = patch.error;
  return run;
}

/** The run's input out of a `RunInput` (only present when `include_input=true`). */
function mapRunInput(value: unknown): BatchInput | undefined {
  const input = asObject(value)?.input;
  if (typeof input === 'string') return input;
  return asObject(input);
}

/** One SSE message of a group stream → {@link GroupEvent}. `eventName` is the `event:` field. */
export function mapGroupMessage(data: string, eventName = ''): GroupEvent {
  const parsed = parseJson(data);
  if (!parsed.ok) return { kind: 'invalid', reason: `A group event was not JSON (${eventName || 'unnamed'}).` };
  const wire = asObject(parsed.value);
  const type = asString(wire?.type) ?? eventName;
  if (!wire) return { kind: 'invalid', reason: 'A group event was not a JSON object.' };
  if (type === 'task_group_status') {
    const eventId = asString(wire.event_id);
    const status = mapGroupStatus(wire.status);
    if (!eventId || !status) return { kind: 'invalid', reason: 'A task_group_status event had no event_id or status.' };
    return { kind: 'group-status', eventId, status };
  }
  if (type === 'task_run.state') {
    const run = mapRunState(wire.run);
    if (!run) return { kind: 'invalid', reason: 'A task_run.state event had no run.' };
    const event: GroupEvent = { kind: 'run-state', run };
    const eventId = asString(wire.event_id);
    if (eventId) event.eventId = eventId;
    const input = mapRunInput(wire.input);
    if (input !== undefined) event.input = input;
    const output = mapParallelOutput(wire.output);
    if (output) event.output = output;
    return event;
  }
  if (type === 'error') {
    return { kind: 'error', error: mapParallelError(wire.error) ?? { message: 'The group stream reported an error without a message.' } };
  }
  return { kind: 'invalid', reason: `Unknown group event type "${type.slice(0, 64)}".` };
}
