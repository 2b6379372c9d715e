/**
 * task-elements/core: the DOM-free, Lit-free part of task-elements. Runs in browsers, workers and
 * Node: SSE decoding, the reconnecting stream client, the Parallel and Shannon providers, and the
 * store.
 */
export {
  TaskElementsError, HttpStatusError, NetworkError, StreamProtocolError, StreamStalledError,
  EventTooLargeError, ConfigError, RedirectRefusedError, ConsumerError, UnconfirmedStatusError, isTaskElementsError, isHttpStatusError, isAbortError,
} from './errors.js';
export type { HttpErrorContext } from './errors.js';

export { createSseDecoder, DEFAULT_MAX_EVENT_SIZE } from './sse/sse-decoder.js';
export type { SseMessage, SseDecoder, SseDecoderOptions, SseDecoderCallbacks } from './sse/sse-decoder.js';

export { openStream } from './client/stream-client.js';
export type { ConnectionState, ConnectionSnapshot, StreamClientOptions, StreamConnection, StreamRequest } from './client/stream-client.js';
export { reconnectDelay, parseRetryAfter, DEFAULT_RETRY } from './client/backoff.js';
export type { RetryOptions, ServerDelayHints } from './client/backoff.js';
export { classifyResponse, isEventStream } from './client/classify-response.js';
export type { ResponseVerdict } from './client/classify-response.js';
export { callApi, prepareRequest, buildUrl } from './client/api-request.js';
export type { EndpointConfig } from './client/api-request.js';
export { describeStatus, apiErrorMessage, maskUrl } from './client/http-failure.js';

export { authHeaders, authQuery, parseAuthMode, AUTH_MODES } from './auth/auth.js';
export type { AuthMode, AuthConfig, RequestKind } from './auth/auth.js';
export {
  resolveOAuthConfig, parseOAuthStorage, DEFAULT_OAUTH_ISSUER, OAUTH_STORAGE_KINDS,
} from './auth/oauth/oauth-config.js';
export type { OAuthAttributes, OAuthConfig, OAuthStorageKind } from './auth/oauth/oauth-config.js';
export { OAuthError, isOAuthError } from './auth/oauth/oauth-errors.js';
export type { OAuthErrorReason } from './auth/oauth/oauth-errors.js';
export { createOAuthRuntime } from './auth/oauth/oauth-runtime.js';
export type { OAuthRuntime, OAuthRuntimeOptions } from './auth/oauth/oauth-runtime.js';
export type { OAuthNavigator } from './auth/oauth/oauth-return.js';
export type { OAuthSession, OAuthSnapshot, OAuthStatus, OAuthListener } from './auth/oauth/oauth-session.js';

export { isTerminalStatus, TERMINAL_STATUSES } from './providers/task-event.js';
export type {
  ProviderName, TaskStatus, TaskEvent, TaskEventKind, TaskEventBase, TaskRun, TaskRunPatch, TaskOutput,
  FieldBasis, Citation, SourceStats, Usage, RunError,
} from './providers/task-event.js';
export type { TaskProvider, ApiRequest, EventDecoder, DecodedMessage, StatusSnapshot, CreatedRun } from './providers/provider.js';
export { parallelProvider, parallelBetas } from './providers/parallel/parallel-provider.js';
export type { ParallelCreateParams, ParallelOutputSchema, ParallelInputSchema } from './providers/parallel/parallel-types.js';
export { shannonProvider, mapShannonStatus } from './providers/shannon/shannon-provider.js';
export type { ShannonCreateParams, ShannonMode, ShannonModelTier, ShannonResearchStrategy } from './providers/shannon/shannon-types.js';

export { createTaskStore } from './store/task-store.js';
export type { TaskStore, TaskStoreOptions, StoreChange, StoreListener, EndpointSource } from './store/task-store.js';
export type { ConnectionTuning, RunConnectionSnapshot } from './store/run-session.js';
export { transition as runLifecycleTransition } from './store/run-lifecycle.js';
export type { RunPhase, RunPhaseName, RunInput, LifecyclePolicy } from './store/run-lifecycle.js';
export { getTaskStore, registerTaskStore, releaseTaskStore } from './store/registry.js';
export { providerFor, parseProviderName } from './store/providers.js';
export { createMemoryStorage, browserLocalStorage, SCHEMA_VERSION, KEY_PREFIX } from './store/persistence.js';
export type { StorageLike } from './store/persistence.js';
export { createMemoryEventLog } from './store/event-log.js';
export type { EventLog, StoredBatch, QuarantineEntry } from './store/event-log.js';
export type { PersistenceOption } from './store/open-persistence.js';
export { applyEvent, canTransition } from './store/apply-event.js';

export { PARALLEL_PROCESSORS, isParallelProcessor } from './providers/parallel/processors.js';

// Parallel Task Groups (batches): parallel-task-api.md §10.
export { parseBatchInput, detectBatchFormat, MAX_BATCH_INPUTS, MAX_INPUT_CHARS } from './providers/parallel/batch-input.js';
export type { BatchFormat, ParsedBatch } from './providers/parallel/batch-input.js';
export { splitIntoCalls, estimateBatchPrice, formatUsd, MAX_RUNS_PER_CALL, DEFAULT_MAX_CALL_BYTES } from './providers/parallel/batch-plan.js';
export type { BatchCall, BatchPrice } from './providers/parallel/batch-plan.js';
export { BatchInputError, GroupSubmitError } from './providers/parallel/group-errors.js';
export type { BatchInputProblem } from './providers/parallel/group-errors.js';
export {
  createGroup, getGroup, submitBatch, batchRunInputs,
  createGroupRequest, groupStatusRequest, addRunsRequest, groupEventsRequest, groupRunsRequest,
} from './providers/parallel/group-client.js';
export type { BatchRequest, SubmittedBatch, SubmitOptions } from './providers/parallel/group-client.js';
export { watchGroup, fetchGroupRuns, GROUP_STALL_TIMEOUT_MS } from './providers/parallel/group-stream.js';
export type { WatchGroupOptions, FetchGroupRunsOptions } from './providers/parallel/group-stream.js';
export { GroupTracker } from './providers/parallel/group-tracker.js';
export type { SavedGroupState } from './providers/parallel/group-tracker.js';
export { mapGroupMessage, mapGroupStatus, mapGroupSnapshot } from './providers/parallel/map-group-event.js';
export { exportRows, resultsToCsv, resultsToJson } from './providers/parallel/group-export.js';
export type { ExportedRun } from './providers/parallel/group-export.js';
export { createGroupStore, getGroupStore, registerGroupStore, inputPreview, INPUT_PREVIEW_CHARS } from './store/group-store.js';
export type { GroupStore, GroupRecord, GroupStoreChange } from './store/group-store.js';
export type {
  BatchInput, GroupRunInput, GroupStatus, GroupRunState, GroupEvent, GroupSnapshot, GroupTransition,
} from './providers/parallel/group-types.js';
export type { ProcessorInfo } from './providers/parallel/processors.js';
export { checkOutputSchema } from './validation/output-schema.js';
export type { SchemaReport } from './validation/output-schema.js';
export { validateParallelDraft, emptyParallelDraft, parallelDraftFromRequest } from './validation/parallel-draft.js';
export type { ParallelDraft, ParallelField, DraftResult } from './validation/parallel-draft.js';
export { validateShannonDraft, emptyShannonDraft, shannonDraftFromRequest } from './validation/shannon-draft.js';
export type { ShannonDraft, ShannonField } from './validation/shannon-draft.js';
