/**
 * The one clock every visible element reads its times from (issue 13 §2):
 *
 * - **One timer for all elements.** A single interval, aligned to whole seconds, runs only while an
 *   element subscribes and the page is visible; two elements reading it at the same tick show the
 *   same age for the same run. Hidden pages get no ticks and one catch-up tick when shown again.
 * - **Server times corrected for skew.** Times in runs and events come from the API's clock, which
 *   may run ahead of this one ("created in 18 seconds"). Every server time seen for something that
 *   has already happened (an event as it arrives, a run's creation) is a lower bound of how far the
 *   server's clock is ahead; the clock keeps the largest bound per provider and reads "now" in
 *   that server's time. A server clock that runs *behind* cannot be told from replayed old events,
 *   so it is taken as zero.
 * - **Past times never say "in"**: {@link SharedClock.age} clamps anything not in the past to "just now".
 */
import { relativeTime } from './format.js';

/** Called on every tick with the local time in ms since the epoch. */
export type TickListener = (now: number) => void;

/** Largest skew believed, in ms: a bigger difference is a wrong timestamp, not a clock. */
const MAX_SKEW_MS = 24 * 3600_000;

export class SharedClock {
  #listeners = new Set<TickListener>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #skew = new Map<string, number>();
  #watchingVisibility = false;

  /** Local time now, in ms since the epoch. */
  now(): number {
    return Date.now();
  }

  /** How far (ms, ≥ 0) the clock of `source` (a provider name) is believed to run ahead of this one. */
  skew(source: string): number {
    return this.#skew.get(source) ?? 0;
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
    const time = iso ? Date.parse(iso) : NaN;
    if (!Number.isFinite(time)) return;
    const ahead = time - receivedAt;
    if (ahead > this.skew(source) && ahead < MAX_SKEW_MS) this.#skew.set(source, ahead);
  }

  /** "3 minutes ago" / "just now" for a server time of `source`; never "in …". '' when unreadable. */
  age(iso: string | undefined, source: string): string {
    return relativeTime(iso, this.serverNow(source));
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
