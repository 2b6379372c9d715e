/**
 * The normalized vocabulary every provider translates into: one `TaskEvent` union (discriminant
 * `kind`) and the `TaskRun` snapshot the store keeps per run. Elements render only these types,
 * never wire formats. Every string in them comes from the network and is untrusted text.
 */

export type ProviderName = 'parallel' | 'shannon';

/** Normalized run status. `unknown` keeps runs whose API status we cannot map. */
export type TaskStatus =
  | 'queued' | 'running' | 'action_required' | 'paused' | 'cancelling'
  | 'completed' | 'failed' | 'cancelled' | 'timeout' | 'unknown';

/** Statuses after which nothing more happens. */
export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['completed', 'failed', 'cancelled', 'timeout']);

/** True when no more events will come for a run in this status. */
export function isTerminalStatus(status: TaskStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/**
 * Statuses in which the run waits for a person, not for the API: Parallel `action_required`
 * (`is_active: false`, parallel-sdk `TaskRun.status`) and Shannon `TASK_STATUS_PAUSED`. Nothing
 * happens until someone acts, so no clock runs and no stream is held open for them.
 */
export const WAITING_STATUSES: ReadonlySet<TaskStatus> = new Set(['action_required', 'paused']);

/** True when the run is waiting for a person (see {@link WAITING_STATUSES}). */
export function needsUser(status: TaskStatus): boolean {
  return WAITING_STATUSES.has(status);
}

/**
 * True while the API is working on the run: not finished and not waiting for a person. Parallel's
 * `is_active` is true exactly for queued, running and cancelling (parallel-sdk `TaskRun.is_active`).
 */
export function isActiveStatus(status: TaskStatus): boolean {
  return !isTerminalStatus(status) && !needsUser(status) && status !== 'unknown';
}

/** One source a statement rests on. */
export interface Citation {
  url: string;
  title?: string;
  excerpts: string[];
}

/** Why one output field says what it says (Parallel `basis`). */
export interface FieldBasis {
  /** Field path in dot notation (`key_executives.0`); `output` for text output. */
  field: string;
  reasoning?: string;
  confidence?: 'low' | 'medium' | 'high';
  citations: Citation[];
}

/** One call of an MCP tool the run made (Parallel `output.mcp_tool_calls[]`). */
export interface McpToolCall {
  id: string;
  server: string;
  tool: string;
  /** The arguments as the API gave them (a JSON string). */
  arguments: string;
  /** The tool's answer, when the call succeeded. */
  content?: string;
  /** Why the call failed, when it did. */
  error?: string;
}

/**
 * Final result of a run. `content` is an object for JSON output and markdown text for text output.
 * `mcpToolCalls` lists the MCP tool calls the run made (Parallel, when MCP servers were given).
 */
export type TaskOutput =
  | { type: 'json'; content: unknown; basis: FieldBasis[]; schema?: unknown; mcpToolCalls?: McpToolCall[] }
  | { type: 'text'; content: string; basis: FieldBasis[]; mcpToolCalls?: McpToolCall[] };

/** A warning the API attached to a run (Parallel `run.warnings[]`: spec or input validation). */
export interface RunWarning {
  /** `spec_validation_warning`, `input_validation_warning`, `warning`, or a newer type. */
  type: string;
  message: string;
}

/** Source statistics (Parallel `task_run.progress_stats`). */
export interface SourceStats {
  considered?: number;
  read?: number;
  /** A sample of URLs read so far. */
  sample: string[];
  /** Progress 0–100 when the API reports it. */
  progress?: number;
}

/**
 * Token and cost usage. Per model call on `text` and `title` events (Shannon
 * `thread.message.completed.metadata`, nested `usage {…}` or flat); a run's total on `TaskRun.usage`
 * (Shannon `GET /api/v1/tasks/{id}` `usage`) or summed by usage-report.ts. Cost in US dollars.
 */
export interface Usage {
  totalTokens?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  model?: string;
  provider?: string;
}

/** The figures of a {@link Usage} that add up (the others name the model). */
export const USAGE_COUNTS = ['totalTokens', 'inputTokens', 'outputTokens', 'costUsd'] as const;

/** One agent's usage over a run (Shannon `agent_id`: `Ryogoku`, `synthesis`, `decompose`, …). */
export interface AgentUsage extends Usage {
  agent: string;
}

/** An error reported by the API about the run. */
export interface RunError {
  message: string;
  refId?: string;
  detail?: unknown;
}

/** Fields every event carries. */
export interface TaskEventBase {
  /** Unique within its run: the key that makes each event appear exactly once. */
  id: string;
  /** ISO time the API gave the event, when it gave one. */
  timestamp?: string;
  /** The wire event name this came from (`task_run.progress_msg.plan`, `TOOL_INVOKED`, ...). */
  source: string;
  /**
   * The API's per-run sequence number (Shannon `seq`: contiguous from 1 across every event type,
   * shannon-streaming-api.md §7). Absent where the API has none (Parallel, Shannon control events).
   */
  seq?: number;
}

/**
 * The normalized event union. `kind` is also the `data-type` of each rendered `event` part.
 * - `status`: the run's status changed.
 * - `message`: a progress message (Parallel `progress_msg.*`: `category` is the open-ended suffix;
 *   Shannon PROGRESS / AGENT_* / DELEGATION ...: `category` is the lower-cased wire type).
 * - `stats`: source statistics and progress meter (latest wins).
 * - `thinking`: agent reasoning text.
 * - `tool`: a tool was invoked (`phase: 'call'`) or returned (`phase: 'result'`).
 * - `text-delta`: a piece of streamed answer text from one agent (the live answer, not a row).
 * - `text`: a complete message from one agent (not the final answer), with the call's usage.
 * - `output`: the final answer.
 * - `usage`: token and cost usage of one model call that came without a message.
 * - `prompt`: the prompt a model was given (Shannon `LLM_PROMPT`); for scripts, not shown as a row.
 * - `title`: the run's title, streamed (`partial`) or complete (Shannon `title_generator`); not a row.
 * - `gap`: the stream skipped `missing` events between two `seq` numbers (a resume after the
 *   server trimmed them); what the events endpoint still had is backfilled with those seqs.
 * - `budget`: a budget threshold warning.
 * - `approval`: a human approval was requested or decided.
 * - `control`: pause, resume or cancel of the workflow.
 * - `error`: the API reported an error (a run failure, or an agent failure that may not be terminal).
 * - `invalid`: an event that could not be understood; skipped, shown as a warning.
 * - `unknown`: an event type this version does not know; kept and shown generically.
 */
export type TaskEvent =
  | (TaskEventBase & { kind: 'status'; status: TaskStatus; apiStatus: string; message?: string })
  | (TaskEventBase & { kind: 'message'; category: string; text: string; agent?: string })
  | (TaskEventBase & { kind: 'stats'; stats: SourceStats })
  | (TaskEventBase & { kind: 'thinking'; text: string; agent?: string })
  | (TaskEventBase & { kind: 'tool'; phase: 'call' | 'result'; tool: string; text: string; agent?: string; success?: boolean })
  | (TaskEventBase & { kind: 'text-delta'; text: string; agent: string })
  | (TaskEventBase & { kind: 'text'; text: string; agent: string; usage?: Usage })
  | (TaskEventBase & { kind: 'output'; output: TaskOutput })
  | (TaskEventBase & { kind: 'usage'; usage: Usage; agent?: string })
  | (TaskEventBase & { kind: 'prompt'; text: string; agent?: string; model?: string; provider?: string })
  | (TaskEventBase & { kind: 'title'; text: string; partial: boolean; usage?: Usage })
  | (TaskEventBase & { kind: 'gap'; afterSeq: number; beforeSeq: number; missing: number })
  | (TaskEventBase & { kind: 'budget'; text: string; usagePercent?: number })
  | (TaskEventBase & { kind: 'approval'; phase: 'requested' | 'decided'; text: string })
  | (TaskEventBase & { kind: 'control'; action: 'pausing' | 'paused' | 'resumed' | 'cancelling' | 'cancelled'; text: string })
  | (TaskEventBase & { kind: 'error'; error: RunError; terminal: boolean })
  | (TaskEventBase & { kind: 'invalid'; reason: string; sample: string })
  | (TaskEventBase & { kind: 'unknown'; data: unknown });

/** The `kind` of a {@link TaskEvent} (also the `data-type` of its rendered row). */
export type TaskEventKind = TaskEvent['kind'];

/**
 * The id of the status event for `status` (store/dedupe.ts: one status is one event, however it
 * was learned); `qualifier` names a status event that is not the API's own transition
 * (`statusEventId('cancelling', 'requested')` for a cancel the user asked for).
 */
export function statusEventId(status: TaskStatus, qualifier?: string): string {
  return qualifier ? `status:${status}:${qualifier}` : `status:${status}`;
}

/** Snapshot of one run as the store keeps it. */
export interface TaskRun {
  id: string;
  provider: ProviderName;
  status: TaskStatus;
  /** The API's own status string (`running`, `TASK_STATUS_RUNNING`, ...). */
  apiStatus?: string;
  createdAt: string;
  /**
   * `createdAt` is not the run's: the store listed the run from its id alone (`<task-stream run-id>`)
   * at the time this page asked, to place it among the others, and no answer has said when the run
   * was created (none came: not found, key refused; or Shannon's status, which has no creation time).
   * Views do not show it as the run's (new-user trial: "created 6 seconds ago" for a run never found).
   */
  createdAtUnknown?: boolean;
  updatedAt?: string;
  /** Parallel processor. */
  processor?: string;
  /** Shannon mode / strategy. */
  mode?: string;
  /** What was asked (text, or a JSON object for Parallel object input). */
  input?: unknown;
  /** Shannon session id. */
  sessionId?: string;
  stats?: SourceStats;
  output?: TaskOutput;
  error?: RunError;
  /** The run's total from the API once it has one (Shannon status `usage`); see usage-report.ts. */
  usage?: Usage;
  /** The API's per-agent figures once it has them (Shannon status `metadata.agent_usages`). */
  usageByAgent?: AgentUsage[];
  /** A short title the API gave the run (Shannon `title_generator`). */
  title?: string;
  /** Warnings the API attached to the run (Parallel `run.warnings`). */
  warnings?: RunWarning[];
  /** Resume cursor for providers with event ids (Shannon). */
  lastEventId?: string;
  /**
   * The stream said the run is over (a terminal state event, Shannon `done`). Kept so that after a
   * reload the run's final status is confirmed instead of reconnecting to a stream that has ended.
   */
  streamEnded?: boolean;
  /**
   * The user stopped watching the run ("Stop watching", `stop()`). Kept with the run, so that it
   * stays stopped over a reload or a re-mount until "Watch again" (`reconnect()`).
   */
  watchStopped?: boolean;
  /** Parallel `interaction_id`, offered for follow-up runs. */
  interactionId?: string;
  /** The run's events were dropped from storage to make room; they are replayed when possible. */
  eventsEvicted?: boolean;
  /**
   * The run ended while it waited for a free connection (the store's `maxStreams`, issue 14 §1):
   * its progress since it started waiting was never received, and Parallel sends no replay for a
   * finished run, so its log is known to be incomplete (its result is not).
   */
  logIncomplete?: boolean;
  /** The create body it was submitted with (wire shape), for re-runs. */
  request?: unknown;
}

/** Partial update of a run. */
export type TaskRunPatch = Partial<Omit<TaskRun, 'id' | 'provider'>>;
