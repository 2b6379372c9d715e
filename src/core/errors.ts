/**
 * Error classes of task-elements. Every thrown or reported error extends {@link TaskElementsError}
 * and carries machine-readable context (status, url, kind) next to a sentence a person can act on.
 * Guards check `name` as well as `instanceof`, so errors from another bundled copy are recognised.
 */

/** Base class: every error this library throws or reports. */
export class TaskElementsError extends Error {
  override name: string = 'TaskElementsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Options shared by the errors that describe one HTTP exchange. */
export interface HttpErrorContext {
  /** HTTP status of the response. */
  status: number;
  /** Request URL, with any `api_key` query value masked. */
  url: string;
  /** Request method. */
  method?: string;
  /** Parsed error body, when the server sent one. */
  body?: unknown;
  /** Milliseconds the server asked us to wait (`Retry-After`), when it said so. */
  retryAfterMs?: number;
  /** The server's own explanation, when it gave one that our message does not already say. */
  detail?: string;
  cause?: unknown;
}

/** The server answered with a status we do not accept. */
export class HttpStatusError extends TaskElementsError {
  override name = 'HttpStatusError' as const;
  readonly status: number;
  readonly url: string;
  readonly method: string;
  readonly body: unknown;
  readonly retryAfterMs: number | undefined;
  /** The server's own words (shown as details, never glued to `message`). */
  readonly detail: string | undefined;
  constructor(message: string, context: HttpErrorContext) {
    super(message, { cause: context.cause });
    this.status = context.status;
    this.url = context.url;
    this.method = context.method ?? 'GET';
    this.body = context.body;
    this.retryAfterMs = context.retryAfterMs;
    this.detail = context.detail;
  }
}

/**
 * The request never produced a response (offline, DNS, connection reset, CORS refusal). Browsers
 * report a CORS refusal exactly like a network failure, so when `url` is on another origin than the
 * page the message says CORS may be the cause and points to the bundled proxy.
 */
export class NetworkError extends TaskElementsError {
  override name = 'NetworkError' as const;
  readonly url: string;
  /** The request went to another origin than the page's (so CORS may have refused it). */
  readonly crossOrigin: boolean;
  constructor(url: string, options?: { cause?: unknown }) {
    const origins = crossOrigins(url);
    super(
      origins
        ? `Could not reach ${url}. It is on another origin than this page (${origins.page}), so the browser may have blocked it (CORS). ` +
            `Serve the API through the bundled proxy (task-elements/proxy) on this site and point proxy-url at it, or allow ${origins.page} on that server.`
        : `Could not reach ${url}. Check the network connection and the proxy-url setting.`,
      options,
    );
    this.url = url;
    this.crossOrigin = origins !== undefined;
  }
}

/** The page's and the target's origins when they differ (browsers only; undefined in Node or same-origin). */
function crossOrigins(url: string): { page: string; target: string } | undefined {
  const page = (globalThis as { location?: { origin?: string } }).location?.origin;
  if (!page || page === 'null') return undefined;
  try {
    const target = new URL(url, page).origin;
    return target === page ? undefined : { page, target };
  } catch {
    return undefined;
  }
}

/** The server answered, but not with what the protocol requires (e.g. a 2xx that is not an event stream). */
export class StreamProtocolError extends TaskElementsError {
  override name = 'StreamProtocolError' as const;
  readonly url: string;
  readonly status: number;
  constructor(message: string, context: { url: string; status: number }) {
    super(message);
    this.url = context.url;
    this.status = context.status;
  }
}

/** No bytes arrived for longer than the stall timeout; the connection is treated as dead. */
export class StreamStalledError extends TaskElementsError {
  override name = 'StreamStalledError' as const;
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super(`No data for ${Math.round(timeoutMs / 1000)} s; reconnecting.`);
    this.timeoutMs = timeoutMs;
  }
}

/** One event was larger than the configured limit; it was skipped and the stream went on. */
export class EventTooLargeError extends TaskElementsError {
  override name = 'EventTooLargeError' as const;
  readonly limit: number;
  constructor(limit: number) {
    super(`Skipped an event larger than ${limit} characters.`);
    this.limit = limit;
  }
}

/** A configuration value cannot work (unknown provider, auth mode without a key, ...). */
export class ConfigError extends TaskElementsError {
  override name = 'ConfigError' as const;
  /** What is missing, when it is a credential: a sign-in (`auth-mode="oauth"`) or an API key. */
  readonly need: 'sign-in' | 'api-key' | undefined;
  /** The auth mode that needs it. */
  readonly authMode: string | undefined;
  constructor(message: string, options?: { cause?: unknown; need?: 'sign-in' | 'api-key'; authMode?: string }) {
    super(message, options);
    this.need = options?.need;
    this.authMode = options?.authMode;
  }
}

/** Following a run stopped after `attempts` connection attempts brought nothing; `cause` is the last problem. */
export class GaveUpError extends TaskElementsError {
  override name = 'GaveUpError' as const;
  readonly attempts: number;
  constructor(message: string, options: { attempts: number; cause?: unknown }) {
    super(message, options);
    this.attempts = options.attempts;
  }
}

/**
 * The server answered with a redirect. Requests carry credentials, so redirects are never followed
 * (`redirect: 'manual'`): a key must not reach another origin (Fetch standard, "redirect mode").
 */
export class RedirectRefusedError extends TaskElementsError {
  override name = 'RedirectRefusedError' as const;
  readonly url: string;
  constructor(url: string) {
    super(`The server at ${url} answered with a redirect, which is not followed because the request carries credentials. Set proxy-url to the final address.`);
    this.url = url;
  }
}

/** Code that consumes the stream (an `onMessage` callback, a listener) threw. Not a network problem. */
export class ConsumerError extends TaskElementsError {
  override name = 'ConsumerError' as const;
  constructor(cause: unknown) {
    super(`A handler of stream events failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * The stream said a run is over, but its status API kept saying otherwise for longer than the
 * confirmation budget: the final status is unknown and is not guessed.
 */
export class UnconfirmedStatusError extends TaskElementsError {
  override name = 'UnconfirmedStatusError' as const;
}

/**
 * A run is over and completed, but its output could not be fetched (Parallel
 * `GET /v1/tasks/runs/{id}/result`, Shannon `GET /api/v1/tasks/{id}`); `cause` is the request's
 * error. The run keeps its final status; fetching the output again may succeed.
 */
export class ResultUnavailableError extends TaskElementsError {
  override name = 'ResultUnavailableError' as const;
  constructor(cause: unknown) {
    super('The run finished, but its result could not be loaded. Press “Load the result” to try again.', { cause });
  }
}

/** `true` when `value` is a {@link TaskElementsError} (also across bundle copies). */
export function isTaskElementsError(value: unknown): value is TaskElementsError {
  return value instanceof TaskElementsError || (value instanceof Error && ERROR_NAMES.has(value.name));
}

/** `true` when `value` is an {@link HttpStatusError} (also across bundle copies). */
export function isHttpStatusError(value: unknown): value is HttpStatusError {
  return value instanceof HttpStatusError || (value instanceof Error && value.name === 'HttpStatusError');
}

/** `true` for the AbortError a fetch or an abortable wait throws when its signal fires. */
export function isAbortError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError';
}

const ERROR_NAMES = new Set([
  'TaskElementsError', 'HttpStatusError', 'NetworkError', 'StreamProtocolError',
  'StreamStalledError', 'EventTooLargeError', 'ConfigError', 'OAuthError', 'RedirectRefusedError', 'ConsumerError',
  'UnconfirmedStatusError', 'ResultUnavailableError', 'BatchInputError', 'GroupSubmitError',
]);
