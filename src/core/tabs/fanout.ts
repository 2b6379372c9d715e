/**
 * What the owner of a run tells the other tabs (issue 14 §1), and the owner's side of it: the
 * session's store and callbacks wrapped so that every change the session makes to its run is
 * also posted, in the order it was applied. Messages carry normalized events (each with its id),
 * so a follower applies them exactly once however often they arrive (dedupe.ts).
 */
import { TaskElementsError } from '../errors.js';
import { isTerminalStatus, type TaskEvent, type TaskRunPatch } from '../providers/task-event.js';
import type { RunConnectionSnapshot, RunSessionDeps } from '../store/run-session-types.js';
import type { TaskStore } from '../store/store-types.js';
import type { TabCoordinator } from './tab-coordinator.js';

/** A connection snapshot as it travels: the error as its message (errors do not clone alike in every engine). */
export type WireSnapshot = Omit<RunConnectionSnapshot, 'error'> & { errorMessage?: string };

/**
 * Messages on a run's channel; `from` is the sending session's id. The owner numbers its `apply`
 * and `connection` messages (`seq`: 1, 2, 3 …) and repeats the latest number in its beats and its
 * `state`, so a follower notices what it missed (follower-sync.ts).
 */
export type FanoutMessage =
  /** The owner applied these fields and events (already in its store, written to the shared log by it). */
  | { type: 'apply'; from: string; seq?: number; patch: TaskRunPatch; events: TaskEvent[] }
  /** The owner's connection changed. */
  | { type: 'connection'; from: string; seq?: number; snapshot: WireSnapshot }
  /** The owner is alive (every `beatMs`); `seq`: the number of its latest message. */
  | { type: 'beat'; from: string; seq?: number }
  /** A tab joined (its latest events are asked for), or a follower missed messages (`all`: every event). */
  | { type: 'hello'; from: string; all?: boolean }
  /** The owner's answer to `hello`: its connection, cursor and events, as of its message `seq`. */
  | { type: 'state'; from: string; seq: number; snapshot?: WireSnapshot; patch: TaskRunPatch; events: TaskEvent[] }
  /** A follower's user pressed Reconnect: the owner reconnects. */
  | { type: 'reconnect'; from: string }
  /**
   * A tab learned the run's final status itself (a status refresh): its final status event and
   * output, for every other tab — the owner, followers, stopped tabs — to apply once.
   */
  | { type: 'learned'; from: string; events: TaskEvent[] };

/** Events the owner sends a tab that joins (the rest are in the shared log). */
export const HELLO_TAIL = 200;

export function isFanoutMessage(value: unknown): value is FanoutMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && typeof (value as { from?: unknown }).from === 'string';
}

export function toWire(snapshot: RunConnectionSnapshot): WireSnapshot {
  const { error, ...rest } = snapshot;
  return error ? { ...rest, errorMessage: error.message } : rest;
}

export function fromWire(wire: WireSnapshot): RunConnectionSnapshot {
  const { errorMessage, ...rest } = wire;
  return errorMessage === undefined ? rest : { ...rest, error: new TaskElementsError(errorMessage) };
}

/**
 * The owner's answer to `hello` as of its message `seq`: its connection, the resume cursor, and the
 * latest events (a tab that joined) or every event (`all`: a follower that missed messages).
 */
export function greeting(from: string, seq: number, connection: RunConnectionSnapshot | undefined, events: readonly TaskEvent[], cursor: string, all: boolean): FanoutMessage {
  const state: FanoutMessage = { type: 'state', from, seq, patch: cursor ? { lastEventId: cursor } : {}, events: all ? [...events] : events.slice(-HELLO_TAIL) };
  return connection ? { ...state, snapshot: toWire(connection) } : state;
}

/** The events that say a run is over: its final status events and its output. */
export function finalEvents(events: readonly TaskEvent[]): TaskEvent[] {
  return events.filter((event) => (event.kind === 'status' && isTerminalStatus(event.status)) || event.kind === 'output');
}

/** A patch without what travels as events (status) or is never patched (output). */
export function fieldsOf(patch: TaskRunPatch): TaskRunPatch {
  const { status: _status, apiStatus: _apiStatus, output: _output, ...fields } = patch;
  return fields;
}

/**
 * The session deps of an owner: like `deps`, but every change to run `runId` is also passed to
 * `post` (applySnapshot, and the store's applyEvents/updateRun the session calls directly), and
 * the connection goes to `connection` instead of the store (the owner publishes it itself).
 */
export function ownerDeps(
  runId: string,
  deps: RunSessionDeps,
  post: (patch: TaskRunPatch, events: TaskEvent[]) => void,
  connection: (snapshot: RunConnectionSnapshot) => void,
): RunSessionDeps {
  const real = deps.store;
  // A stream moves its cursor just before it applies the event with that id (stream-attempt.ts):
  // posted alone, a tab closing between the two posts would leave followers with the cursor and
  // not the event, and the next owner would resume after it. The cursor waits for the next post
  // of the same task (the event), or goes alone after it when the event was a repeat.
  let cursor: string | undefined;
  const send = (patch: TaskRunPatch, events: TaskEvent[]) => {
    const held = cursor;
    cursor = undefined;
    post(held === undefined || patch.lastEventId !== undefined ? patch : { ...patch, lastEventId: held }, events);
  };
  const store: TaskStore = Object.create(real, {
    applyEvents: {
      value(id: string, events: readonly TaskEvent[]): TaskEvent[] {
        const added = real.applyEvents(id, events);
        if (id === runId && added.length) send({}, added);
        return added;
      },
    },
    updateRun: {
      value(id: string, patch: TaskRunPatch): void {
        real.updateRun(id, patch);
        if (id === runId) send(fieldsOf(patch), []);
      },
    },
  }) as TaskStore;
  return {
    ...deps,
    store,
    applySnapshot(id, patch, events, source) {
      const added = deps.applySnapshot(id, patch, events, source);
      const fields = fieldsOf(patch);
      if (id !== runId) return added;
      if (!added.length && Object.keys(fields).length === 1 && fields.lastEventId !== undefined) {
        cursor = fields.lastEventId;
        queueMicrotask(() => cursor !== undefined && send({}, []));
      } else if (added.length || Object.keys(fields).length) send(fields, added);
      return added;
    },
    setConnection: connection,
  };
}

/** How a run's session shares its connection with other tabs (given by the store). */
export interface TabSharing {
  /** The platform's locks and channels; `'auto'`: Web Locks and BroadcastChannel where both exist. */
  coordinator: TabCoordinator | 'auto';
  /** Name of the run's lock and channel (store and run in it). */
  name: string;
  /** Milliseconds between the owner's beats. @default 500 */
  beatMs?: number;
  /** Milliseconds of owner silence after which a follower takes over. @default 2000 */
  takeoverMs?: number;
  /** Run streams open at once across the origin's tabs (stream-slots.ts). @default 4 */
  maxStreams?: number;
  /** Status polling of a run waiting for a free stream, in ms. @default 10_000 */
  queuedPollMs?: number;
  /** Applies what the owner fanned out, exactly once by event id, without writing it again. */
  applyRemote(runId: string, patch: TaskRunPatch, events: readonly TaskEvent[]): void;
  /** Queues events for this tab's next log write (a new owner writes what the old one may not have). */
  persist(runId: string, events: readonly TaskEvent[]): void;
}

/** A run session's deps with, where tabs share connections, how. */
export interface SharedSessionDeps extends RunSessionDeps {
  sharing?: TabSharing;
}

/** What followers show of a connection (not the cursor, which moves with every event). */
export function keyOf(snapshot: RunConnectionSnapshot): string {
  return `${snapshot.state}|${snapshot.phase}|${snapshot.attempt}|${snapshot.error?.message ?? ''}|${snapshot.nextRetryAt ?? ''}|${snapshot.queued ?? ''}`;
}

/** Events received from the owner lately, kept for `keepMs`: a new owner writes them again. */
export class RecentEvents {
  #list: { at: number; events: readonly TaskEvent[] }[] = [];
  constructor(private readonly keepMs: number) {}

  add(at: number, events: readonly TaskEvent[]): void {
    this.#list = this.#list.filter((r) => at - r.at < this.keepMs);
    this.#list.push({ at, events });
  }

  /** The events received within `keepMs` of `now`; forgets them all. */
  take(now: number): TaskEvent[] {
    const recent = this.#list.filter((r) => now - r.at < this.keepMs).flatMap((r) => r.events);
    this.#list = [];
    return recent;
  }
}
