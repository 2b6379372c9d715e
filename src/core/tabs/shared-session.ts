/**
 * One tab's session for one run when tabs share connections (issue 14 §1). The tabs of an origin
 * elect one owner per run with an exclusive lock (`tab-coordinator.ts`; Web Locks in browsers):
 * the owner runs the real {@link RunSession} and posts every change it applies on the run's
 * channel (fanout.ts); the others are followers: they apply those changes (already written to the
 * shared log by the owner, so not written again), show the owner's connection, and wait in the
 * lock's queue. When the owner's tab closes the browser gives the lock to the next tab at once;
 * when the owner stops beating for `takeoverMs` (a frozen or hung tab), a follower steals it.
 * A new owner resumes where the run is: Shannon from the `lastEventId` the owner fanned out,
 * Parallel from its replay (deduped by event id). Without a coordinator the session is `solo`:
 * the real session, as before. election.ts holds the roles and the rule between them.
 */
import { RunSession } from '../store/run-session.js';
import type { RunConnectionSnapshot, RunSessionDeps } from '../store/run-session-types.js';
import { isTerminalStatus, type TaskEvent, type TaskRunPatch } from '../providers/task-event.js';
import { elect, type ElectionInput, type ElectionRole } from './election.js';
import { finalEvents, fromWire, greeting, keyOf, ownerDeps, RecentEvents, toWire, type FanoutMessage, type SharedSessionDeps, type WireSnapshot } from './fanout.js';
import { FollowerSync } from './follower-sync.js';
import { RunChannel } from './run-channel.js';
import { RunLock } from './run-lock.js';
import type { TabCoordinator, TabLease } from './tab-coordinator.js';
import { webLocksCoordinator } from './web-locks.js';
import { streamWithinBudget, untilSilent } from './budgeted-stream.js';
import { DEFAULT_MAX_STREAMS } from './stream-slots.js';
import { sleep } from '../util/environment.js';

export type { SharedSessionDeps, TabSharing } from './fanout.js';

/** Phases in which the owner's session holds no connection. */
const SETTLED = new Set(['finished', 'failed', 'needs-action', 'stopped']);

/** How long fanned-out events are kept for a takeover (the owner writes them within about 250 ms). */
const KEEP_RECEIVED_MS = 10_000;

/** How often a follower that missed messages asks the owner for the whole state again, unanswered. */
const ASK_EVERY_MS = 1000;

export class SharedRunSession {
  readonly runId: string;
  readonly #deps: SharedSessionDeps;
  readonly #id = Math.random().toString(36).slice(2);
  readonly #coordinator: TabCoordinator | undefined;
  #role: ElectionRole = 'idle';
  #inner: RunSession | undefined;
  /** The connection-budget slot the owner's stream holds (stream-slots.ts). */
  #slot: TabLease | undefined;
  /** The run's owner lock: the queue (kept from `electing` through `follower`) and the lease. */
  readonly #lock: RunLock | undefined;
  /** Aborts the current role's watchdog, steal and beats. */
  #job = new AbortController();
  readonly #channel: RunChannel;
  #heardAt = 0;
  #ownerSnapshot: RunConnectionSnapshot | undefined;
  #lastOwn: RunConnectionSnapshot | undefined;
  readonly #received = new RecentEvents(KEEP_RECEIVED_MS);
  /** The number of this tab's latest `apply`/`connection` as owner (fanout.ts), and a follower's check of the owner's. */
  #seq = 0;
  readonly #sync = new FollowerSync(ASK_EVERY_MS);

  constructor(runId: string, deps: SharedSessionDeps) {
    this.runId = runId;
    this.#deps = deps;
    const given = deps.sharing?.coordinator;
    this.#coordinator = given === 'auto' ? webLocksCoordinator() : given;
    this.#lock = this.#coordinator && new RunLock(this.#coordinator, deps.sharing!.name, () => this.#send({ type: 'granted' }), () => this.#send({ type: 'lost' }));
    this.#channel = new RunChannel(this.#coordinator, `${deps.sharing?.name}:live`, this.#id, (message) => this.#onMessage(message));
  }

  /** This tab's role for the run (election.ts). */
  get role(): ElectionRole {
    return this.#role;
  }

  start(): void {
    // A finished run needs no connection: nothing to share (the session only says so).
    this.#send({ type: 'start', coordinated: !!this.#coordinator && !!this.#deps.store.getRun(this.runId) && !this.#final() });
  }

  stop(): void {
    // A run that is over has nothing to watch: it is confirmed and its missing output fetched instead.
    this.#send({ type: 'stop', final: this.#final() });
  }

  reconnect(): void {
    if (this.#role === 'owner' || this.#role === 'solo') return this.#inner?.reconnect();
    if (this.#role === 'stopped' || this.#role === 'idle') return this.#send(this.#final() ? { type: 'final' } : { type: 'reconnect', coordinated: !!this.#coordinator });
    this.#channel.post({ type: 'reconnect', from: this.#id });
  }

  configChanged(): void {
    if (this.#role === 'owner' || this.#role === 'solo') return this.#inner?.configChanged();
    // The owner cannot connect with its configuration, and this tab's changed: this tab tries.
    const phase = this.#ownerSnapshot?.phase;
    if (phase === 'waiting-for-config' || phase === 'failed') this.#send({ type: 'config-here' });
  }

  /**
   * The run's status was learned outside its session: `here`, this tab asked the API (a status
   * refresh), so a final one is told to every other tab (once: each applies it once, by event id);
   * else another tab told. A final status ends the owner's waits, and a stopped tab finishes.
   */
  statusLearned(here = true): void {
    const final = this.#final();
    if (here && final) this.#tellEnd();
    if (this.#role === 'owner' || this.#role === 'solo') return this.#inner?.statusLearned();
    if (final) this.#send({ type: 'final' });
  }

  #tellEnd(): void {
    this.#channel.post({ type: 'learned', from: this.#id, events: finalEvents(this.#deps.store.getEvents(this.runId)) });
  }

  #final(): boolean {
    return isTerminalStatus(this.#deps.store.getRun(this.runId)?.status ?? 'unknown');
  }

  dispose(): void {
    this.#send({ type: 'leave' });
  }

  #send(input: ElectionInput): void {
    const previous = this.#role;
    const next = elect(previous, input);
    if (next === previous) return;
    this.#role = next;
    this.#job.abort();
    this.#job = new AbortController();
    this.#enter(next, previous, this.#job.signal);
  }

  #enter(role: ElectionRole, previous: ElectionRole, signal: AbortSignal): void {
    if (previous === 'owner' || role === 'stopped' || role === 'left') this.#endInner(role);
    if (role !== 'owner') this.#lock?.release();
    if (role !== 'electing' && role !== 'follower') this.#lock?.leave();
    switch (role) {
      case 'solo':
        return this.#startInner(this.#deps);
      case 'electing':
        this.#channel.listen();
        this.#ownerSnapshot = undefined; // the owner answers `hello` with its connection
        this.#channel.post({ type: 'hello', from: this.#id });
        this.#heardAt = this.#deps.now();
        this.#sync.asked(this.#heardAt); // what the owner posts before its answer is in the answer
        this.#lock!.join();
        return void this.#watch(signal);
      case 'follower':
        return void this.#watch(signal); // still in the lock's queue
      case 'taking-over':
        return void this.#lock!.request(signal, true);
      case 'owner':
        return this.#becomeOwner(signal);
      case 'stopped':
        this.#channel.listen(); // for the run's end only (a tab that learned it)
        return this.#publish({ state: 'closed', phase: 'stopped', attempt: 0, lastEventId: this.#cursor() });
      case 'left':
        return this.#channel.close();
      default:
        return;
    }
  }

  /** While following: an owner that stays silent for `takeoverMs` is taken over (untilSilent). */
  async #watch(signal: AbortSignal): Promise<void> {
    const { beatMs = 500, takeoverMs = 2000 } = this.#deps.sharing!;
    const woke = () => this.#sync.woke(this.#deps.now()) && this.#channel.post({ type: 'hello', from: this.#id, all: true });
    const silent = await untilSilent({ beatMs, takeoverMs, deps: this.#deps, heardAt: () => this.#heardAt, woke }, signal);
    if (silent) this.#send({ type: 'owner-silent' });
  }

  #becomeOwner(signal: AbortSignal): void {
    this.#channel.listen();
    // What the old owner fanned out lately may not be written yet: written again (deduped on read).
    const recent = this.#received.take(this.#deps.now());
    if (recent.length) this.#deps.sharing!.persist(this.runId, recent);
    const deps = ownerDeps(
      this.runId,
      this.#deps,
      (patch, events) => this.#role === 'owner' && this.#channel.post({ type: 'apply', from: this.#id, seq: ++this.#seq, patch, events }),
      (snapshot) => {
        const changed = !this.#lastOwn || keyOf(this.#lastOwn) !== keyOf(snapshot);
        // A run that settled holds no connection: its slot goes to the next run.
        if (SETTLED.has(snapshot.phase)) this.#releaseSlot();
        this.#lastOwn = snapshot;
        this.#publish({ ...snapshot, role: 'owner' });
        // The cursor moves with every event and travels with the events: only real changes are posted.
        if (changed && this.#role === 'owner') this.#channel.post({ type: 'connection', from: this.#id, seq: ++this.#seq, snapshot: toWire(snapshot) });
        if (changed && snapshot.phase === 'finished') this.#tellEnd(); // also to tabs that stopped watching
      },
    );
    void this.#beat(signal);
    // Streamed only once the run's stored log is read: events that came while it was read would be
    // applied after it by the store alone, and never fanned out (a follower would lack them).
    void this.#deps.store.loadEvents(this.runId).catch(() => undefined).then(() => signal.aborted || this.#stream(deps, signal));
  }

  #stream(deps: RunSessionDeps, signal: AbortSignal): void {
    const sharing = this.#deps.sharing!;
    void streamWithinBudget({
      runId: this.runId,
      deps,
      coordinator: this.#coordinator!,
      maxStreams: sharing.maxStreams ?? DEFAULT_MAX_STREAMS,
      pollMs: sharing.queuedPollMs,
      shown: () => this.#deps.store.selectedId === this.runId,
      start: (slot) => {
        this.#slot = slot;
        this.#startInner(deps);
      },
      halt: () => {
        this.#slot = undefined;
        this.#inner?.dispose();
        this.#inner = undefined;
      },
    }, signal);
  }

  async #beat(signal: AbortSignal): Promise<void> {
    const beatMs = this.#deps.sharing!.beatMs ?? 500;
    while (!signal.aborted) {
      this.#channel.post({ type: 'beat', from: this.#id, seq: this.#seq });
      await sleep(beatMs, signal, this.#deps.timers).catch(() => {});
    }
  }

  #startInner(deps: RunSessionDeps): void {
    this.#inner = new RunSession(this.runId, deps);
    this.#inner.start();
  }

  #releaseSlot(): void {
    this.#slot?.release();
    this.#slot = undefined;
  }

  #endInner(role: ElectionRole): void {
    this.#releaseSlot();
    const inner = this.#inner;
    this.#inner = undefined;
    if (!inner) return;
    if (role === 'stopped') inner.stop(); // shows "stopped" here; the next owner is another tab's
    inner.dispose();
  }

  #onMessage(message: FanoutMessage): void {
    // Another tab learned the run's final status: applied once here (the store tells the session).
    if (message.type === 'learned') return this.#deps.sharing!.applyRemote(this.runId, {}, message.events);
    if (this.#role === 'owner') {
      if (message.type === 'hello') this.#greet(message.all === true);
      else if (message.type === 'reconnect') this.#inner?.reconnect();
      return;
    }
    // A stopped or solo tab hears only the run's end.
    if (!this.#following() || message.type === 'hello' || message.type === 'reconnect') return;
    const now = (this.#heardAt = this.#deps.now());
    if (this.#role === 'electing') this.#send({ type: 'owner-heard' });
    if (message.type === 'state') {
      this.#sync.state(message.from, message.seq);
      if (message.snapshot) this.#showOwner(message.snapshot);
      return this.#applyOwner(now, message.patch, message.events);
    }
    // A gap in the owner's numbers (this tab was frozen or paused): ask for everything (follower-sync.ts).
    const verdict = message.type === 'beat' ? this.#sync.beat(message.from, message.seq, now) : this.#sync.numbered(message.from, message.seq, now);
    if (verdict === 'ask') this.#channel.post({ type: 'hello', from: this.#id, all: true });
    if (verdict !== 'apply') return;
    if (message.type === 'apply') this.#applyOwner(now, message.patch, message.events);
    else if (message.type === 'connection') this.#showOwner(message.snapshot);
  }

  #applyOwner(now: number, patch: TaskRunPatch, events: TaskEvent[]): void {
    this.#received.add(now, events);
    this.#deps.sharing!.applyRemote(this.runId, patch, events);
  }

  #showOwner(snapshot: WireSnapshot): void {
    this.#ownerSnapshot = fromWire(snapshot);
    this.#publish(this.#ownerSnapshot);
  }

  /** Answers a tab that joined (its latest events) or missed messages (`all`: every event), with the connection and cursor. */
  #greet(all: boolean): void {
    this.#channel.post(greeting(this.#id, this.#seq, this.#lastOwn, this.#deps.store.getEvents(this.runId), this.#cursor(), all));
  }

  #following(): boolean {
    return this.#role === 'electing' || this.#role === 'follower' || this.#role === 'taking-over';
  }

  #publish(snapshot: RunConnectionSnapshot): void {
    this.#deps.setConnection(this.#following() ? { ...snapshot, role: 'follower' } : snapshot);
  }

  #cursor(): string {
    return this.#deps.store.getRun(this.runId)?.lastEventId ?? '';
  }
}
