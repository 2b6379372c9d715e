/**
 * Types of the stream client: its options, its observable state and the handle it returns.
 */
import type { EventTooLargeError, TaskElementsError } from '../errors.js';
import type { SseMessage } from '../sse/sse-decoder.js';
import type { FetchLike, OnlineEventTarget, Timers } from '../util/environment.js';
import type { RetryOptions } from './backoff.js';

/**
 * The state of a stream connection: `connecting` (first attempt), `open` (events flow),
 * `reconnecting` (waiting or retrying after a drop), `closed` (ended or stopped), `failed` (will
 * not retry by itself: a fatal status or too many attempts).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'failed';

/** Observable state of a connection. */
export interface ConnectionSnapshot {
  state: ConnectionState;
  /** Consecutive failed attempts since the stream last delivered something new. */
  attempt: number;
  /** Epoch ms of the next attempt while waiting to reconnect. */
  nextRetryAt?: number;
  /** Why the connection failed, or why it is reconnecting. */
  error?: TaskElementsError;
  /** Last event ID string, sent as `Last-Event-ID` on the next attempt when not empty. */
  lastEventId: string;
}

/** URL and headers of one attempt. */
export interface StreamRequest {
  url: string;
  headers?: Record<string, string>;
}

/** Options of {@link openStream}. */
export interface StreamClientOptions {
  /** Called before every attempt; put credentials here so they are read fresh each time. */
  request(): StreamRequest | Promise<StreamRequest>;
  /**
   * Called for every dispatched event. Return `false` when the event was already known (a replay):
   * only new events count as progress that resets the backoff.
   */
  onMessage(message: SseMessage): void | boolean;
  /** Called on every state change. */
  onState?(snapshot: ConnectionSnapshot): void;
  /** Non-fatal problems (an oversized event was skipped). */
  onProblem?(error: EventTooLargeError): void;
  /**
   * Called when a stream body ends cleanly. Resolve `true` to reconnect (the run is still active),
   * `false` to close. @default () => true
   */
  shouldReconnect?(): boolean | Promise<boolean>;
  /** Aborting closes the connection for good. */
  signal?: AbortSignal;
  /** Resume point for the first attempt. @default '' */
  lastEventId?: string;
  /** Reconnect policy. */
  retry?: RetryOptions;
  /** Reconnect when no byte (event or comment) arrives for this long; 0 disables. @default 45_000 */
  stallTimeoutMs?: number;
  /** Largest event in characters; larger ones are skipped and reported. @default 8 Mi */
  maxEventSize?: number;
  fetch?: FetchLike;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  /** Source of `online` events; reconnects at once when the network comes back. @default the global scope */
  onlineTarget?: OnlineEventTarget | null;
}

/** Handle of an open stream. */
export interface StreamConnection {
  readonly snapshot: ConnectionSnapshot;
  /** Resolves when the connection is closed or failed. */
  readonly finished: Promise<ConnectionSnapshot>;
  /** Stops for good: aborts the fetch and every timer. Idempotent. */
  close(): void;
  /** Skips the wait (or revives a failed connection) and connects now, keeping the resume point. */
  reconnectNow(): void;
}
