/**
 * Pure mappers from Parallel Task API wire data (parallel-task-api.md §5–§7) to normalized types.
 * Event ids are NOT assigned here: Parallel streams have none, so the decoder keys events.
 */
import { asArray, asNumber, asObject, asString, asStrings, type JsonObject } from '../../util/read.js';
import type { RunError, RunWarning, SourceStats, TaskEvent, TaskRunPatch, TaskStatus } from '../task-event.js';
import { mapParallelOutput } from './map-parallel-output.js';

/** A normalized event before the decoder gives it an id. */
export type UnkeyedEvent = TaskEvent extends infer E ? (E extends TaskEvent ? Omit<E, 'id'> : never) : never;

const STATUSES: ReadonlySet<string> = new Set([
  'queued', 'action_required', 'running', 'completed', 'failed', 'cancelling', 'cancelled',
]);

/** Normalized status of a Parallel `status` string. */
export function mapParallelStatus(status: unknown): TaskStatus {
  return typeof status === 'string' && STATUSES.has(status) ? (status as TaskStatus) : 'unknown';
}

/** Run fields of a Parallel TaskRun object. */
export function mapParallelRun(value: unknown): TaskRunPatch {
  const run = asObject(value) ?? {};
  const patch: TaskRunPatch = {};
  const apiStatus = asString(run.status);
  if (apiStatus) {
    patch.status = mapParallelStatus(apiStatus);
    patch.apiStatus = apiStatus;
  }
  const processor = asString(run.processor);
  if (processor) patch.processor = processor;
  const interactionId = asString(run.interaction_id);
  if (interactionId) patch.interactionId = interactionId;
  const createdAt = asString(run.created_at);
  if (createdAt) patch.createdAt = createdAt;
  const modifiedAt = asString(run.modified_at);
  if (modifiedAt) patch.updatedAt = modifiedAt;
  const error = mapParallelError(run.error);
  if (error) patch.error = error;
  const warnings = mapParallelWarnings(run.warnings);
  if (warnings.length) patch.warnings = warnings;
  return patch;
}

/** `run.warnings` (`[{type, message, detail?}]`, parallel-sdk `Shared.Warning`; may be null). */
export function mapParallelWarnings(value: unknown): RunWarning[] {
  return asArray(value).flatMap((item) => {
    const wire = asObject(item);
    const message = asString(wire?.message);
    return message ? [{ type: asString(wire?.type) ?? 'warning', message }] : [];
  });
}

/** Status messages a person reads for statuses that need them (parallel-sdk `TaskRun.status`). */
const STATUS_MESSAGES: Partial<Record<TaskStatus, string>> = {
  action_required: 'Parallel is waiting for someone to act on this run before it continues. '
    + 'Check the run in the Parallel platform, then press Check again to follow it.',
};

/** `{ref_id, message, detail}` → RunError. */
export function mapParallelError(value: unknown): RunError | undefined {
  const wire = asObject(value);
  if (!wire) return undefined;
  const error: RunError = { message: asString(wire.message) ?? 'The run failed without a message.' };
  const refId = asString(wire.ref_id);
  if (refId) error.refId = refId;
  if (wire.detail !== undefined && wire.detail !== null) error.detail = wire.detail;
  return error;
}

/** Events of a `task_run.state` event: the status, then the output or the error it carries. */
export function mapStateEvent(data: JsonObject, type: string): { events: UnkeyedEvent[]; patch: TaskRunPatch } {
  const patch = mapParallelRun(data.run);
  const events: UnkeyedEvent[] = [];
  const status = patch.status ?? 'unknown';
  const message = STATUS_MESSAGES[status];
  events.push({ kind: 'status', status, apiStatus: patch.apiStatus ?? String(status), source: type, ...(message ? { message } : {}) });
  const output = mapParallelOutput(data.output);
  if (output) events.push({ kind: 'output', output, source: type });
  if (patch.error) events.push({ kind: 'error', error: patch.error, terminal: status === 'failed', source: type });
  return { events, patch };
}

/** `task_run.progress_stats` → stats. `progress_meter` is optional (absent in older streams). */
export function mapStatsEvent(data: JsonObject, type: string): UnkeyedEvent {
  const source = asObject(data.source_stats) ?? {};
  const stats: SourceStats = { sample: asStrings(source.sources_read_sample) };
  const considered = asNumber(source.num_sources_considered);
  if (considered !== undefined) stats.considered = considered;
  const read = asNumber(source.num_sources_read);
  if (read !== undefined) stats.read = read;
  const progress = asNumber(data.progress_meter);
  if (progress !== undefined) stats.progress = Math.min(100, Math.max(0, progress));
  return { kind: 'stats', stats, source: type };
}

/** `task_run.progress_msg.<kind>` → message; the kind is an open set. */
export function mapProgressMessage(data: JsonObject, type: string): UnkeyedEvent {
  const event: UnkeyedEvent = {
    kind: 'message',
    category: type.slice('task_run.progress_msg.'.length) || 'message',
    text: asString(data.message) ?? '',
    source: type,
  };
  const timestamp = asString(data.timestamp);
  if (timestamp) event.timestamp = timestamp;
  return event;
}

/** Maps one parsed Parallel event (its `type`, else the SSE name, decides). */
export function mapParallelEvent(data: JsonObject, eventName: string): { events: UnkeyedEvent[]; patch?: TaskRunPatch } {
  const type = asString(data.type) ?? eventName;
  if (type === 'task_run.state') return mapStateEvent(data, type);
  if (type === 'task_run.progress_stats') return { events: [mapStatsEvent(data, type)] };
  if (type.startsWith('task_run.progress_msg.')) return { events: [mapProgressMessage(data, type)] };
  if (type === 'error') {
    const error = mapParallelError(data.error) ?? { message: 'The stream reported an error.' };
    return { events: [{ kind: 'error', error, terminal: false, source: type }] };
  }
  return { events: [{ kind: 'unknown', data, source: type }] };
}
