/**
 * Parallel Task Groups (batches), normalized (parallel-task-api.md §10; parallel-sdk
 * `resources/task-group.ts`). Wire names stay in map-group-event.ts; everything here is what the
 * core and the elements work with. Every string comes from the network and is untrusted text.
 */
import type { RunError, TaskOutput, TaskStatus } from '../task-event.js';
import type { ParallelCreateParams } from './parallel-types.js';

/** One input of a batch: text, or an object whose fields match the task's input schema. */
export type BatchInput = string | Record<string, unknown>;

/** One run of `POST /v1/tasks/groups/{id}/runs` (SDK `RunInput`): a single-run create body. */
export type GroupRunInput = ParallelCreateParams;

/** `TaskGroupStatus` (SDK), normalized. */
export interface GroupStatus {
  /** `num_task_runs`. */
  total: number;
  /** `task_run_status_counts`, by normalized status; statuses with no run are absent. */
  counts: Partial<Record<TaskStatus, number>>;
  /** `is_active`: at least one run is queued, running or cancelling. */
  active: boolean;
  /** `status_message`, when the API sent one. */
  message?: string;
  /** `modified_at` (RFC 3339). */
  modifiedAt?: string;
}

/** A run as the group streams report it (`task_run.state` in a group). */
export interface GroupRunState {
  runId: string;
  status: TaskStatus;
  processor?: string;
  createdAt?: string;
  modifiedAt?: string;
  /** `run.error` of a failed run. */
  error?: RunError;
}

/**
 * One event of `GET /v1/tasks/groups/{id}/events` or `…/runs`. `eventId` is the stream's resume
 * cursor (`event_id`, passed back as `last_event_id`); it is opaque.
 */
export type GroupEvent =
  | { kind: 'group-status'; eventId: string; status: GroupStatus }
  | { kind: 'run-state'; eventId?: string; run: GroupRunState; input?: BatchInput; output?: TaskOutput }
  | { kind: 'error'; error: RunError }
  /** A message that is not JSON or not of a known shape; skipped, kept for diagnostics. */
  | { kind: 'invalid'; reason: string };

/** `TaskGroup` (SDK): the body of create and retrieve. */
export interface GroupSnapshot {
  groupId: string;
  status: GroupStatus;
  createdAt?: string;
  metadata?: Record<string, string | number | boolean>;
}

/** What a status change looked like; {@link GroupTracker} reports each one exactly once. */
export type GroupTransition =
  | { kind: 'group'; eventId: string; from: GroupStatus | undefined; to: GroupStatus }
  | { kind: 'run'; eventId: string | undefined; runId: string; from: TaskStatus | undefined; to: TaskStatus };
