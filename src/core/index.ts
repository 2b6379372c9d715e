/**
 * task-elements/core: the DOM-free, Lit-free part of task-elements, for browsers, workers and Node.
 * This list is the public API (issue 11 item 9): every name here is documented where it is declared
 * (shapes, units, errors, and the API document it follows) and follows semantic versioning.
 *
 * - **Store**: runs, their events (exactly once, in order), selection, one connection per run,
 *   persistence. Get a shared one with {@link getTaskStore}, or make one with {@link createTaskStore}.
 * - **Errors**: every failure the store and clients report is one of these classes.
 * - **Normalized types**: {@link TaskRun}, the {@link TaskEvent} union, statuses, outputs, usage.
 * - **Providers**: the Parallel Task API and Shannon adapters, and their create parameters.
 * - **Clients**: the reconnecting SSE stream client and the SSE decoder under it.
 * - **Auth**: the auth modes, and Parallel OAuth (sign-in with PKCE).
 * - **Task Groups** (Parallel batches): parsing a batch, submitting it, watching the group.
 *
 * Withheld on purpose, because they are how the store works rather than what it offers, and
 * change with it: the event reducer and transition rules (`applyEvent`, `canTransition`, the run
 * lifecycle), request preparation (`prepareRequest`, `callApi`, `buildUrl`, auth headers), response
 * classification and error wording helpers, storage keys and the storage adapters behind the
 * `persistence` option (`KEY_PREFIX`, `createMemoryStorage`), and the form's draft validators.
 * Import them from their modules at your own risk: they are not part of the contract.
 */

// Store
export { createTaskStore } from './store/task-store.js';
export { getTaskStore, registerTaskStore, releaseTaskStore } from './store/registry.js';
export type { TaskStore, TaskStoreOptions, StoreChange, StoreListener, EndpointSource } from './store/task-store.js';
export type { ConnectionTuning, RunConnectionSnapshot } from './store/run-session-types.js';
export type { AcquireOptions, TabChannel, TabCoordinator, TabLease } from './tabs/tab-coordinator.js';
export type { RunPhaseName } from './store/run-lifecycle.js';
export type { PersistenceOption } from './store/open-persistence.js';
export type { StorageLike } from './store/run-index.js';
export { createMemoryEventLog } from './store/event-log.js';
export type { EventLog, StoredBatch, QuarantineEntry, MemoryEventLogOptions } from './store/event-log.js';
export type { EndpointConfig } from './client/api-request.js';

// Errors
export {
  TaskElementsError, HttpStatusError, NetworkError, StreamProtocolError, StreamStalledError,
  EventTooLargeError, ConfigError, GaveUpError, RedirectRefusedError, ConsumerError, UnconfirmedStatusError, ResultUnavailableError,
  isTaskElementsError, isHttpStatusError, isAbortError,
} from './errors.js';
export type { HttpErrorContext } from './errors.js';

// Normalized types
export { isTerminalStatus, TERMINAL_STATUSES } from './providers/task-event.js';
export type {
  ProviderName, TaskStatus, TaskEvent, TaskEventKind, TaskEventBase, TaskRun, TaskRunPatch, TaskOutput,
  FieldBasis, Citation, SourceStats, Usage, RunError,
} from './providers/task-event.js';

// Providers
export { parallelProvider } from './providers/parallel/parallel-provider.js';
export { shannonProvider } from './providers/shannon/shannon-provider.js';
export type { TaskProvider, ApiRequest, EventDecoder, DecodedMessage, StatusSnapshot, CreatedRun } from './providers/provider.js';
export type { ParallelCreateParams, ParallelOutputSchema, ParallelInputSchema } from './providers/parallel/parallel-types.js';
export type { ShannonCreateParams, ShannonMode, ShannonModelTier, ShannonResearchStrategy } from './providers/shannon/shannon-types.js';
export { PARALLEL_PROCESSORS, isParallelProcessor } from './providers/parallel/processors.js';
export type { ProcessorInfo } from './providers/parallel/processors.js';

// Clients
export { openStream } from './client/stream-client.js';
export type { ConnectionState, ConnectionSnapshot, StreamClientOptions, StreamConnection, StreamRequest } from './client/stream-client.js';
export type { RetryOptions } from './client/backoff.js';
export { createSseDecoder, DEFAULT_MAX_EVENT_SIZE } from './sse/sse-decoder.js';
export type { SseMessage, SseDecoder, SseDecoderOptions, SseDecoderCallbacks } from './sse/sse-decoder.js';

// Auth
export { AUTH_MODES } from './auth/auth.js';
export type { AuthMode, AuthConfig } from './auth/auth.js';
export { resolveOAuthConfig, parseOAuthStorage, DEFAULT_OAUTH_ISSUER, OAUTH_STORAGE_KINDS } from './auth/oauth/oauth-config.js';
export type { OAuthAttributes, OAuthConfig, OAuthStorageKind } from './auth/oauth/oauth-config.js';
export { OAuthError, isOAuthError } from './auth/oauth/oauth-errors.js';
export type { OAuthErrorReason } from './auth/oauth/oauth-errors.js';
export { createOAuthRuntime } from './auth/oauth/oauth-runtime.js';
export type { OAuthRuntime, OAuthRuntimeOptions } from './auth/oauth/oauth-runtime.js';
export type { OAuthNavigator } from './auth/oauth/oauth-return.js';
export type { OAuthSession, OAuthSnapshot, OAuthStatus, OAuthListener } from './auth/oauth/oauth-session.js';

// Parallel Task Groups (batches): parallel-task-api.md §10.
export { parseBatchInput, MAX_BATCH_INPUTS, MAX_INPUT_CHARS } from './providers/parallel/batch-input.js';
export type { ParsedBatch } from './providers/parallel/batch-input.js';
export { detectBatchFormat } from './providers/parallel/batch-detect.js';
export type { BatchFormat } from './providers/parallel/batch-detect.js';
export { splitIntoCalls, estimateBatchPrice, formatUsd, MAX_RUNS_PER_CALL, DEFAULT_MAX_CALL_BYTES } from './providers/parallel/batch-plan.js';
export type { BatchCall, BatchPrice } from './providers/parallel/batch-plan.js';
export { BatchInputError, GroupSubmitError } from './providers/parallel/group-errors.js';
export type { BadCsvRow, BatchInputProblem, BatchInputCode, BatchItemKind } from './providers/parallel/group-errors.js';
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
