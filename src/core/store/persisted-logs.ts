/**
 * The store's side of its event logs (issue 10 §1): which runs' logs are read into memory, the
 * events waiting to be appended, the write queue, and the cross-tab channel. It decides nothing
 * about runs: it reports to the store through {@link LogHooks}, and the store updates and notifies.
 *
 * Per run the log is `unread` → `reading` → `read`. A run's events are read on first use (the
 * selected run at once); events that arrive while it is being read wait and are applied after the
 * stored ones, so the seen-set (exactly-once) always starts from the stored log. A long log is read
 * newest first: its latest events are previewed (shown) while the older ones are read in slices.
 * Runs created in this page start `read`.
 *
 * Writes: new events are queued per run and appended in one batch per run on `write()`; one write
 * runs at a time, in order. After each write, other tabs of the same origin hear of it on a
 * BroadcastChannel (`task-elements:<store>`) with the events themselves, so they apply them without
 * reading storage again.
 */
import type { TaskEvent, TaskRun } from '../providers/task-event.js';
import type { AppendReport, Persistence } from './persistence.js';
import type { RunChange } from './run-records.js';

/** What another tab of the same store posted. */
export interface LogMessage {
  /** Its run index changed: read it again (Web Storage index). */
  index: boolean;
  /** The runs it wrote to its run index (IndexedDB index): applied as they are, without a read. */
  runs?: RunChange;
  /** Events it appended, per run. */
  events: [runId: string, events: TaskEvent[]][];
}

/** What the logs need from the store. */
export interface LogHooks {
  runs(): readonly TaskRun[];
  /** The latest stored events of a long log, read before the rest (the run may be shown with them). */
  preview(runId: string, tail: TaskEvent[]): void;
  /**
   * A run's stored events were read; `waiting` arrived meanwhile (`persist`: they are new here);
   * `shown` are the events {@link preview} gave (empty when the log was read in one go).
   */
  loaded(runId: string, stored: TaskEvent[], waiting: { events: readonly TaskEvent[]; persist: boolean }[], shown: readonly TaskEvent[]): void;
  /** The report of a write: logs removed to make room. */
  written(report: AppendReport): void;
  /** Another tab wrote. */
  remote(message: LogMessage): void;
}

/**
 * A run's log as read (`stored`), followed by the events of `current` (in memory) it lacks; and
 * the read events not yet shown (`shown`: the tail previewed while a long log was read).
 */
export function mergeRead(stored: TaskEvent[], current: readonly TaskEvent[], shown: readonly TaskEvent[]): { list: TaskEvent[]; older: TaskEvent[] } {
  const ids = new Set(stored.map((e) => e.id));
  const shownIds = new Set(shown.map((e) => e.id));
  return { list: [...stored, ...current.filter((e) => !ids.has(e.id))], older: shown.length ? stored.filter((e) => !shownIds.has(e.id)) : stored };
}

type Waiting = { events: readonly TaskEvent[]; persist: boolean }[];

export class PersistedLogs {
  readonly #persistence: Persistence;
  readonly #hooks: LogHooks;
  readonly #read = new Set<string>();
  readonly #reading = new Map<string, { waiting: Waiting; done: Promise<void> }>();
  #pending = new Map<string, TaskEvent[]>();
  #writing: Promise<void> = Promise.resolve();
  readonly #channel: BroadcastChannel | undefined;
  #closed = false;

  constructor(persistence: Persistence, hooks: LogHooks, channelName?: string) {
    this.#persistence = persistence;
    this.#hooks = hooks;
    this.#channel = channelName && typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
    if (this.#channel) this.#channel.onmessage = (event: MessageEvent<LogMessage>) => this.#closed || hooks.remote(event.data);
  }

  /** True once the run's stored events are in memory. */
  isRead(runId: string): boolean {
    return this.#read.has(runId);
  }

  /**
   * True once the run's stored events are in memory or being read: what another tab writes for it
   * then must be applied (held until the read ends when it is under way: the read may predate it).
   */
  inUse(runId: string): boolean {
    return this.#read.has(runId) || this.#reading.has(runId);
  }

  /** A run created here: nothing stored to read. */
  markRead(runId: string): void {
    this.#read.add(runId);
  }

  /** Starts reading the run's stored events unless done or under way; resolves when read. */
  ensure(runId: string): Promise<void> {
    if (this.#read.has(runId)) return Promise.resolve();
    const reading = this.#reading.get(runId);
    if (reading) return reading.done;
    const waiting: Waiting = [];
    let shown: readonly TaskEvent[] = [];
    const current = () => !this.#closed && this.#reading.get(runId)?.done === done;
    const done: Promise<void> = this.#persistence.loadEvents(runId, (tail) => {
      if (!current()) return;
      shown = tail;
      this.#hooks.preview(runId, tail);
    }).then((stored) => {
      if (!current()) return;
      this.#reading.delete(runId);
      this.#read.add(runId);
      this.#hooks.loaded(runId, stored, waiting, shown);
    });
    this.#reading.set(runId, { waiting, done });
    return done;
  }

  /** While the run's log is being read, keeps `events` for after it; returns false when it is read. */
  hold(runId: string, events: readonly TaskEvent[], persist: boolean): boolean {
    if (this.#read.has(runId)) return false;
    void this.ensure(runId);
    this.#reading.get(runId)?.waiting.push({ events, persist });
    return true;
  }

  /** Queues new events of a run for the next write. */
  add(runId: string, events: readonly TaskEvent[]): void {
    const list = this.#pending.get(runId);
    if (list) list.push(...events);
    else this.#pending.set(runId, [...events]);
  }

  /** Writes the queued events (after any write under way); tells other tabs. */
  write(indexChanged: boolean): Promise<void> {
    const batches = this.#pending;
    this.#pending = new Map();
    if (!batches.size) {
      if (indexChanged) this.#post({ index: true, events: [] });
      return this.#writing;
    }
    this.#writing = this.#writing.then(async () => {
      const report = await this.#persistence.append(batches, this.#hooks.runs());
      if (!report.written) {
        // Kept for the next write; they are in memory meanwhile.
        for (const [runId, events] of batches) this.#pending.set(runId, [...events, ...(this.#pending.get(runId) ?? [])]);
      }
      if (!this.#closed) this.#hooks.written(report);
      this.#post({ index: indexChanged || report.evicted.length > 0, events: report.written ? [...batches] : [] });
    });
    return this.#writing;
  }

  /** Resolves when every write queued so far is done. */
  settled(): Promise<void> {
    return this.#writing;
  }

  /** Forgets a run: its waiting and queued events are dropped. */
  forget(runId: string): void {
    this.#read.delete(runId);
    this.#reading.delete(runId);
    this.#pending.delete(runId);
  }

  /** Forgets every run. */
  reset(): void {
    this.#read.clear();
    this.#reading.clear();
    this.#pending.clear();
  }

  /** Tells other tabs of the store (nothing is sent when nothing changed). */
  post(message: LogMessage): void {
    this.#post(message);
  }

  #post(message: LogMessage): void {
    if (this.#closed || (!message.index && !message.events.length && !message.runs)) return;
    try {
      this.#channel?.postMessage(message);
    } catch {
      // a message that cannot be cloned: other tabs re-read storage on the `storage` event
    }
  }

  close(): void {
    this.#closed = true;
    this.#channel?.close();
  }
}
