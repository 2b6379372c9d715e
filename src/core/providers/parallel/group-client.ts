/**
 * The JSON half of the Task Group API (parallel-task-api.md §10; parallel-sdk `TaskGroup.create`,
 * `retrieve`, `addRuns`): request builders, and {@link submitBatch}, which creates a group and adds
 * every input in calls of at most 1,000 (batch-plan.ts). Every function takes an AbortSignal;
 * failures are {@link HttpStatusError} / {@link NetworkError} from callApi, or a
 * {@link GroupSubmitError} once part of a batch is in.
 */
import { callApi, type EndpointConfig } from '../../client/api-request.js';
import type { ApiRequest } from '../provider.js';
import { splitIntoCalls } from './batch-plan.js';
import { GroupSubmitError } from './group-errors.js';
import type { BatchInput, GroupRunInput, GroupSnapshot, GroupStatus } from './group-types.js';
import { mapGroupSnapshot, mapGroupStatus } from './map-group-event.js';
import { parallelBetas } from './parallel-provider.js';
import type { ParallelCreateParams } from './parallel-types.js';

const GROUPS = '/v1/tasks/groups';

function groupPath(groupId: string, suffix = ''): string {
  return `${GROUPS}/${encodeURIComponent(groupId)}${suffix}`;
}

/** `POST /v1/tasks/groups` with `{metadata?}`. */
export function createGroupRequest(metadata?: Record<string, string | number | boolean>): ApiRequest {
  return { method: 'POST', path: GROUPS, body: metadata ? { metadata } : {} };
}

/** `GET /v1/tasks/groups/{id}`: the group with its status counts. */
export function groupStatusRequest(groupId: string): ApiRequest {
  return { method: 'GET', path: groupPath(groupId) };
}

/** `POST /v1/tasks/groups/{id}/runs` with `{inputs, default_task_spec?}` (≤1,000 inputs). */
export function addRunsRequest(groupId: string, inputs: readonly GroupRunInput[], defaultTaskSpec?: ParallelCreateParams['task_spec']): ApiRequest {
  const body: Record<string, unknown> = { inputs };
  if (defaultTaskSpec) body.default_task_spec = defaultTaskSpec;
  // Group runs need no progress events (the group streams carry none), so not events-sse.
  const betas = [...new Set(inputs.flatMap((input) => parallelBetas(input)))].filter((beta) => beta !== 'events-sse-2025-07-24');
  return { method: 'POST', path: groupPath(groupId, '/runs'), body, headers: betas.length ? { 'parallel-beta': betas.join(',') } : {} };
}

/** `GET /v1/tasks/groups/{id}/events`, resuming after `lastEventId` when given. */
export function groupEventsRequest(groupId: string, lastEventId?: string): ApiRequest {
  return { method: 'GET', path: groupPath(groupId, '/events'), query: lastEventId ? { last_event_id: lastEventId } : {} };
}

/** `GET /v1/tasks/groups/{id}/runs`: every run at once, with inputs and outputs when asked. */
export function groupRunsRequest(groupId: string, options: { includeInput?: boolean; includeOutput?: boolean } = {}): ApiRequest {
  const query: Record<string, string> = {};
  if (options.includeInput) query.include_input = 'true';
  if (options.includeOutput) query.include_output = 'true';
  return { method: 'GET', path: groupPath(groupId, '/runs'), query };
}

/** Creates an empty group. */
export async function createGroup(endpoint: EndpointConfig, metadata?: Record<string, string | number | boolean>, signal?: AbortSignal): Promise<GroupSnapshot> {
  const snapshot = mapGroupSnapshot(await callApi(endpoint, createGroupRequest(metadata), signal));
  if (!snapshot) throw new TypeError('The create-group response has no taskgroup_id.');
  return snapshot;
}

/** Reads a group's status counts. */
export async function getGroup(endpoint: EndpointConfig, groupId: string, signal?: AbortSignal): Promise<GroupSnapshot> {
  const snapshot = mapGroupSnapshot(await callApi(endpoint, groupStatusRequest(groupId), signal));
  if (!snapshot) throw new TypeError('The group response has no taskgroup_id.');
  return snapshot;
}

/** What a batch looks like before it is sent: one task spec, processor and source policy for all inputs. */
export interface BatchRequest {
  inputs: readonly BatchInput[];
  processor: string;
  taskSpec?: ParallelCreateParams['task_spec'];
  sourcePolicy?: ParallelCreateParams['source_policy'];
  /** Stored with each run. */
  metadata?: Record<string, string | number | boolean>;
  /** Stored with the group. */
  groupMetadata?: Record<string, string | number | boolean>;
}

/** A submitted batch. */
export interface SubmittedBatch {
  groupId: string;
  /** Run ids in input order. */
  runIds: string[];
  /** Add-runs calls made. */
  calls: number;
  status: GroupStatus | undefined;
}

/** Options of {@link submitBatch}: an existing group to add to, the size limit of one call in bytes, progress callbacks, an AbortSignal. */
export interface SubmitOptions {
  signal?: AbortSignal;
  /** Add to this group instead of creating one (e.g. the rest of a batch after a {@link GroupSubmitError}). */
  groupId?: string;
  /** Bytes per call; see batch-plan.ts. */
  maxCallBytes?: number;
  /** After each accepted call: the run ids so far (to persist them before the next call). */
  onProgress?(progress: { groupId: string; runIds: readonly string[]; done: number; total: number }): void;
}

/** The run inputs of a batch: each input with the shared processor, source policy and metadata. */
export function batchRunInputs(batch: BatchRequest): GroupRunInput[] {
  return batch.inputs.map((input) => {
    const run: GroupRunInput = { input, processor: batch.processor };
    if (batch.sourcePolicy) run.source_policy = batch.sourcePolicy;
    if (batch.metadata) run.metadata = batch.metadata;
    return run;
  });
}

/**
 * Creates a group (unless `options.groupId` is given) and adds every input, in order, in calls of at
 * most 1,000. Throws {@link GroupSubmitError} when a call fails after the group exists.
 */
export async function submitBatch(endpoint: EndpointConfig, batch: BatchRequest, options: SubmitOptions = {}): Promise<SubmittedBatch> {
  const { signal } = options;
  const groupId = options.groupId ?? (await createGroup(endpoint, batch.groupMetadata, signal)).groupId;
  const runIds: string[] = [];
  const calls = splitIntoCalls(batchRunInputs(batch), { maxBytes: options.maxCallBytes });
  let status: GroupStatus | undefined;
  for (const call of calls) {
    try {
      const body = await callApi(endpoint, addRunsRequest(groupId, call.inputs, batch.taskSpec), signal);
      const ids = (body as { run_ids?: unknown })?.run_ids;
      if (!Array.isArray(ids) || ids.length !== call.inputs.length || !ids.every((id) => typeof id === 'string')) {
        throw new TypeError(`The add-runs response did not list ${call.inputs.length} run ids.`);
      }
      runIds.push(...(ids as string[]));
      status = mapGroupStatus((body as { status?: unknown }).status) ?? status;
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new GroupSubmitError({ groupId, submittedRunIds: runIds, firstUnsubmitted: call.start, remaining: batch.inputs.length - call.start, cause });
    }
    options.onProgress?.({ groupId, runIds, done: runIds.length, total: batch.inputs.length });
  }
  return { groupId, runIds, calls: calls.length, status };
}
