/**
 * The one clock every visible element reads its times from (issue 13 §2):
 *
 * - **One timer for all elements.** A single interval, aligned to whole seconds, runs only while an
 *   element subscribes and the page is visible; two elements reading it at the same tick show the
 *   same age for the same run. Hidden pages get no ticks and one catch-up tick when shown again.
 * - **Server times corrected for skew, both ways.** Times in runs and events come from the API's
 *   clock, which may run ahead of this one ("created in 18 seconds") or behind it (a run "created 2
 *   minutes ago" a second after submit, "ran for 0:00"). The clock keeps, per provider, the range
 *   the skew (server minus page, ms) must lie in, narrowed by what it sees:
 *   - a server time of something that already happened (an event as it arrives, a run's creation)
 *     is a *lower* bound: `time − receivedAt`;
 *   - a time the API stamped while answering our own request (Parallel's `created_at` of a create,
 *     core/util/server-time.ts) bounds it both ways: `[time − receivedAt, time − sentAt]`;
 *   - an event of a run this page created, whose `createdAt` is the page's time of the submit
 *     (Shannon: its create answer has no time), happened after that submit: an *upper* bound
 *     `time − createdAt` — the first event's timestamp corrects a clock behind ours at once.
 *   The skew used is the value of that range nearest to zero (latency alone is no skew); with no
 *   upper bound it is never negative (old replayed events alone cannot tell a clock behind). We
 *   do not use the HTTP `Date` header: it is unreadable cross-origin (not CORS-safelisted), a proxy
 *   may stamp its own, and it has whole seconds only.
 * - **Past times never say "in"**: {@link SharedClock.age} clamps anything not in the past to "just now".
 */
import { PROVIDER_INFO } from '../../core/providers/provider-info.js';
import type { TaskRun } from '../../core/providers/task-event.js';
import { onServerTime } from '../../core/util/server-time.js';
import { relativeTime } from './format.js';

/** Called on every tick with the local time in ms since the epoch. */
export type TickListener = (now: number) => void;

/** Largest skew believed, in ms: a bigger difference is a wrong timestamp, not a clock. */
const MAX_SKEW_MS = 24 * 3600_000;

/** What is known of one server's skew (ms, server minus page): it lies in `[low, high]`. */
interface SkewRange {
  low: number;
  high: number;
}

const usable = (value: number) => Number.isFinite(value) && Math.abs(value) < MAX_SKEW_MS;

export class SharedClock {
  #listeners = new Set<TickListener>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #skew = new Map<string, SkewRange>();
  #watchingVisibility = false;

  /** Local time now, in ms since the epoch. */
  now(): number {
    return Date.now();
  }

  /**
   * How far (ms) the clock of `source` (a provider name) is believed to run ahead of this one;
   * negative when it runs behind. The value nearest zero that what was seen allows.
   */
  skew(source: string): number {
    const range = this.#skew.get(source);
    if (!range) return 0;
    return Math.min(range.high, Math.max(range.low, 0));
  }

  #range(source: string): SkewRange {
    let range = this.#skew.get(source);
    if (!range) this.#skew.set(source, (range = { low: -Infinity, high: Infinity }));
    return range;
  }

  /** Narrows the range of `source`; bounds that contradict each other give way to the newest one. */
  #bound(source: string, low: number, high: number): void {
    const range = this.#range(source);
    const next = { low: Math.max(range.low, low), high: Math.min(range.high, high) };
    if (next.low > next.high) {
      // The clocks moved (or a bound was wrong): what was just seen wins.
      if (low > range.high) next.high = high;
      if (high < range.low) next.low = low;
    }
    range.low = next.low;
    range.high = next.high;
  }

  /** Now, in the clock of `source`: compare server times with this. */
  serverNow(source: string): number {
    return this.now() + this.skew(source);
  }

  /**
   * Learns from a server time (ISO 8601) of something that happened before `receivedAt` (local ms):
   * the server's clock is at least `time − receivedAt` ahead. Ignores unreadable and absurd times.
   */
  observe(source: string, iso: string | undefined, receivedAt = this.now()): void {
    const low = (iso ? Date.parse(iso) : NaN) - receivedAt;
    if (usable(low) && low > this.#range(source).low) this.#bound(source, low, Infinity);
  }

  /**
   * Learns from a time the server stamped while answering a request sent at `sentAt` and answered
   * at `receivedAt` (local ms): the skew lies in `[time − receivedAt, time − sentAt]`.
   */
  observeRequest(source: string, iso: string | undefined, sentAt: number, receivedAt: number): void {
    const time = iso ? Date.parse(iso) : NaN;
    if (usable(time - sentAt) && usable(time - receivedAt) && sentAt <= receivedAt) this.#bound(source, time - receivedAt, time - sentAt);
  }

  /**
   * Learns from a server time of something that happened after the local time `since` (an event of
   * a run this page submitted at `since`): the skew is at most `time − since`.
   */
  observeAfter(source: string, iso: string | undefined, since: number): void {
    const high = (iso ? Date.parse(iso) : NaN) - since;
    if (usable(high) && high < this.#range(source).high) this.#bound(source, -Infinity, high);
  }

  /** "3 minutes ago" / "just now" for a server time of `source`; never "in …". '' when unreadable. */
  age(iso: string | undefined, source: string): string {
    return relativeTime(iso, this.serverNow(source));
  }

  /** When `run` was created, in its server's clock (ms; NaN when unreadable). */
  runStart(run: Pick<TaskRun, 'provider' | 'createdAt'>): number {
    const created = Date.parse(run.createdAt);
    return PROVIDER_INFO[run.provider].createdAtClock === 'page' ? created + this.skew(run.provider) : created;
  }

  /** "created …" of a run ("just now", "3 minutes ago"), whichever clock its `createdAt` is in. */
  runAge(run: Pick<TaskRun, 'provider' | 'createdAt'>, now = this.now()): string {
    const local = PROVIDER_INFO[run.provider].createdAtClock === 'page';
    return relativeTime(run.createdAt, local ? now : now + this.skew(run.provider));
  }

  /** Milliseconds from now until a local deadline (never negative). */
  remaining(deadline: number): number {
    return Math.max(0, deadline - this.now());
  }

  /** Calls `listener` on every tick while subscribed. Returns the unsubscribe function. */
  subscribe(listener: TickListener): () => void {
    this.#listeners.add(listener);
    this.#watchVisibility();
    this.#schedule();
    return () => {
      this.#listeners.delete(listener);
      if (!this.#listeners.size) this.#stop();
    };
  }

  /** Forgets what was learnt about skews (tests). @internal */
  resetSkew(): void {
    this.#skew.clear();
  }

  #hidden(): boolean {
    return typeof document !== 'undefined' && document.visibilityState === 'hidden';
  }

  #schedule(): void {
    if (this.#timer !== undefined || !this.#listeners.size || this.#hidden()) return;
    // The next whole second, so every element changes its text at the same moment.
    const wait = 1000 - (this.now() % 1000) + 5;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#tick();
      this.#schedule();
    }, wait);
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #tick(): void {
    const now = this.now();
    for (const listener of [...this.#listeners]) {
      try {
        listener(now);
      } catch {
        // One faulty listener must not stop the clock for the others.
      }
    }
  }

  #watchVisibility(): void {
    if (this.#watchingVisibility || typeof document === 'undefined') return;
    this.#watchingVisibility = true;
    document.addEventListener('visibilitychange', () => {
      if (this.#hidden()) return this.#stop();
      if (this.#listeners.size) this.#tick();
      this.#schedule();
    });
  }
}

/** The clock of this page. */
export const clock = new SharedClock();

// Times the API stamped while answering this page's requests (the answer to a create).
onServerTime((sample) => clock.observeRequest(sample.provider, sample.serverTime, sample.sentAt, sample.receivedAt));
