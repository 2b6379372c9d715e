/**
 * The public DOM events of task-elements (design.md). Each is an `Event` subclass with typed fields,
 * `bubbles: true, composed: true`, so a page can listen on any ancestor, through shadow roots.
 */
import type { ConnectionSnapshot, ConnectionState } from '../../core/client/stream-client.js';
import type { ProviderName, RunError, TaskEvent, TaskOutput, TaskRun, TaskStatus } from '../../core/providers/task-event.js';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** `<task-form>`: before the create request. Cancelable: `preventDefault()` stops the submission. */
export class TaskSubmitEvent extends Event {
  static readonly eventName = 'task-submit' as const;
  constructor(
    readonly provider: ProviderName,
    /** The create body about to be sent (wire shape of the provider). */
    readonly request: unknown,
  ) {
    super(TaskSubmitEvent.eventName, init(true));
  }
}

/** `<task-form>`: the API accepted the task. */
export class TaskCreatedEvent extends Event {
  static readonly eventName = 'task-created' as const;
  constructor(
    readonly runId: string,
    readonly provider: ProviderName,
    readonly run: TaskRun,
  ) {
    super(TaskCreatedEvent.eventName, init());
  }
}

/** `<task-history>`: the user picked a run. */
export class TaskSelectEvent extends Event {
  static readonly eventName = 'task-select' as const;
  constructor(
    readonly runId: string,
    readonly provider: ProviderName,
  ) {
    super(TaskSelectEvent.eventName, init());
  }
}

/** What a `task-rerun` asks for: `edit` fills the form to change it first; `run` sends the same request again. */
export type RerunAction = 'edit' | 'run';

/**
 * `<task-history>`, `<task-stream>`: the user asked to run a task again. The `<task-form>` of the same
 * store answers it: `action: 'edit'` ("Edit & run again") fills the form from `run.request` (the create
 * body it was submitted with), scrolls the form into view and focuses it; `action: 'run'` ("Run again")
 * submits that request unchanged, through `task-submit` and `task-created` as the submit button does.
 * Secrets are not kept with runs: when the request needs one typed again (or a key is missing), the
 * form opens it for editing instead and says what to fill in. The form that takes the event cancels it
 * (`preventDefault()`), so the sender knows whether a form answered (`dispatchEvent` returns false).
 * A page can do the same with `form.edit(run)` and `form.runAgain(run)`.
 */
export class TaskRerunEvent extends Event {
  static readonly eventName = 'task-rerun' as const;
  constructor(
    readonly run: TaskRun,
    readonly provider: ProviderName,
    /** Name of the store the run belongs to, so only the forms of that store react. */
    readonly store: string,
    /** `edit` (default): fill the form; `run`: submit the same request again. */
    readonly action: RerunAction = 'edit',
  ) {
    super(TaskRerunEvent.eventName, init(true));
  }
}

/** `<task-stream>`: the run's status changed. */
export class TaskStateEvent extends Event {
  static readonly eventName = 'task-state' as const;
  constructor(
    readonly runId: string,
    readonly status: TaskStatus,
    readonly previousStatus: TaskStatus,
  ) {
    super(TaskStateEvent.eventName, init());
  }
}

/** `<task-stream>`: progress events were applied (one DOM event per batch, in order). */
export class TaskProgressEvent extends Event {
  static readonly eventName = 'task-progress' as const;
  constructor(
    readonly runId: string,
    /** The newly applied events, in order. */
    readonly events: readonly TaskEvent[],
  ) {
    super(TaskProgressEvent.eventName, init());
  }
}

/** `<task-stream>`: the run reached a terminal status. */
export class TaskCompleteEvent extends Event {
  static readonly eventName = 'task-complete' as const;
  constructor(
    readonly runId: string,
    readonly status: TaskStatus,
    readonly output: TaskOutput | undefined,
    readonly error: RunError | undefined,
  ) {
    super(TaskCompleteEvent.eventName, init());
  }
}

/** `<task-stream>`: the connection state changed. */
export class TaskConnectionEvent extends Event {
  static readonly eventName = 'task-connection' as const;
  readonly state: ConnectionState;
  constructor(
    readonly runId: string,
    readonly connection: ConnectionSnapshot,
  ) {
    super(TaskConnectionEvent.eventName, init());
    this.state = connection.state;
  }
}

/** Any element: a request failed. `message` says what to do about it. */
export class TaskErrorEvent extends Event {
  static readonly eventName = 'task-error' as const;
  /** One sentence for people: what happened and what to do. */
  readonly message: string;
  /** The server's own words, when it gave any our sentence does not say (never glued to `message`). */
  readonly detail: string | undefined;
  constructor(
    readonly error: Error,
    readonly runId?: string,
    /** HTTP status, when the failure was an HTTP answer. */
    readonly status?: number,
  ) {
    super(TaskErrorEvent.eventName, init());
    this.message = error.message;
    const detail = (error as { detail?: unknown }).detail;
    this.detail = typeof detail === 'string' && detail ? detail : undefined;
  }
}

/** What a `task-auth` event reports. */
export type TaskAuthState = 'signed-in' | 'signed-out' | 'error';

/**
 * Any element with `auth-mode="oauth"` (one per page and sign-in, a `<task-form>` when there is
 * one): the user signed in with Parallel, signed out, or a sign-in failed. `message` is a sentence
 * for people; it never contains the key.
 */
export class TaskAuthEvent extends Event {
  static readonly eventName = 'task-auth' as const;
  constructor(
    readonly state: TaskAuthState,
    readonly message: string,
    /** Set for `error`: why (its `reason` is machine-readable, e.g. `access-denied`, `state-mismatch`). */
    readonly error?: Error,
  ) {
    super(TaskAuthEvent.eventName, init());
  }
}

declare global {
  interface HTMLElementEventMap {
    'task-submit': TaskSubmitEvent;
    'task-created': TaskCreatedEvent;
    'task-select': TaskSelectEvent;
    'task-rerun': TaskRerunEvent;
    'task-state': TaskStateEvent;
    'task-progress': TaskProgressEvent;
    'task-complete': TaskCompleteEvent;
    'task-connection': TaskConnectionEvent;
    'task-error': TaskErrorEvent;
    'task-auth': TaskAuthEvent;
  }
}
