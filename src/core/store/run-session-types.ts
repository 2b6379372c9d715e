/**
 * Types of a run's session: its tuning, what it needs from the store, and the connection snapshot
 * it publishes.
 */
import type { EndpointConfig } from '../client/api-request.js';
import type { RetryOptions } from '../client/backoff.js';
import type { ConnectionState } from '../client/stream-client.js';
import type { ConnectionSnapshot } from '../client/stream-types.js';
import type { ProviderName, TaskEvent, TaskRunPatch } from '../providers/task-event.js';
import type { OnlineEventTarget, Timers } from '../util/environment.js';
import type { RetryTrigger, RunPhaseName } from './run-lifecycle-types.js';
import type { TaskStore } from './store-types.js';

/** Reconnect and polling settings (defaults come from the provider and the backoff policy). */
export interface ConnectionTuning {
  retry?: RetryOptions;
  /** Overrides the provider's stall timeout. */
  stallTimeoutMs?: number;
  /** Overrides the provider's status poll interval while queued. */
  statusPollMs?: number;
  /**
   * Milliseconds the final status is confirmed for after the stream said "over" (checks with growing
   * waits, the last at the end of this window) before the run fails as unconfirmed. @default 60_000
   */
  confirmWithinMs?: number;
  /**
   * Milliseconds an open stream may carry no event (pings do not count) before the status API is
   * asked whether the run is still going; each further check waits twice as long, up to 10×.
   * @default the provider's `quietCheckMs` (Parallel 30 s, Shannon 10 s)
   */
  quietCheckMs?: number;
  maxEventSize?: number;
  random?: () => number;
  /** Source of `online` events. @default the global scope; null: none */
  onlineTarget?: OnlineEventTarget | null;
  /** Whether the network is up now. @default `navigator.onLine !== false` */
  isOnline?: () => boolean;
}

/** The stream client's connection state each lifecycle phase shows as (for views that predate phases). */
export const STATE_OF: Record<RunPhaseName, ConnectionState> = {
  idle: 'closed', 'waiting-for-config': 'closed', connecting: 'connecting', open: 'open',
  'checking-status': 'reconnecting', 'backing-off': 'reconnecting', offline: 'reconnecting',
  'confirming-final-status': 'closed', 'needs-action': 'closed', finished: 'closed', stopped: 'closed', failed: 'failed',
};

/**
 * Phases after which nothing happens until someone acts (or configuration changes): no request is
 * under way or planned, so nothing more arrives for the run. Here, not in the lifecycle's chunk,
 * so that views can tell without loading it.
 */
export const SETTLED_PHASES: ReadonlySet<RunPhaseName> = new Set<RunPhaseName>(['finished', 'stopped', 'failed', 'needs-action', 'waiting-for-config', 'idle']);

/** A run's connection as views see it: the stream client's fields plus the lifecycle phase. */
export interface RunConnectionSnapshot extends ConnectionSnapshot {
  /** Where the run's lifecycle is (run-lifecycle.ts). */
  phase: RunPhaseName;
  /**
   * Where tabs share connections (issue 14 §1): `owner` when this tab streams the run for every
   * tab, `follower` when another tab does and this one shows what it fans out. Absent when this
   * tab streams on its own.
   */
  role?: 'owner' | 'follower';
  /**
   * True while the run waits for a free connection (the store's `maxStreams` budget, issue 14
   * §1): no stream is open; its status is polled meanwhile.
   */
  queued?: boolean;
  /**
   * While `queued`: the budget it waits for (`streams`, the most open at once across the tabs,
   * all taken by other runs) and how often its status is checked meanwhile (`pollMs`, ms).
   */
  waiting?: { streams: number; pollMs: number };
  /**
   * A failed run: what lets it try again by itself. `config`: the same key, proxy URL or auth mode
   * would be refused again (401/403/404, no key, a refused redirect), so nothing made with them — a
   * status request, pause, cancel — can work until they change.
   */
  retryOn?: RetryTrigger;
}

/** What a session needs from its store. */
export interface RunSessionDeps {
  store: TaskStore;
  endpoint(provider: ProviderName): EndpointConfig;
  /** Applies fields and events of a status answer or a stream message; returns the events that were new. */
  applySnapshot(runId: string, patch: TaskRunPatch, events: readonly TaskEvent[], source: string): TaskEvent[];
  setConnection(snapshot: RunConnectionSnapshot): void;
  timers: Timers;
  now(): number;
  tuning?: ConnectionTuning;
}
