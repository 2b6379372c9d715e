/**
 * Batches a run's events for the view: applied once per animation frame (a timer in a hidden tab,
 * which gets no frames), and the list's layout paid for at most every {@link MIN_RENDER_INTERVAL_MS}
 * while events flood in (a replay, a token stream).
 */
import type { TaskEvent } from '../../core/providers/task-event.js';

/** Shortest time between two flushes, in ms. */
export const MIN_RENDER_INTERVAL_MS = 120;

export class EventBatcher {
  #pending: TaskEvent[] = [];
  #handle: number | undefined;
  #last = 0;

  /** `onFlush` receives each batch, in order, never empty. */
  constructor(private readonly onFlush: (batch: TaskEvent[]) => void) {}

  push(events: readonly TaskEvent[]): void {
    this.#pending.push(...events);
    this.#schedule();
  }

  /** Drops what is pending (another run is shown). */
  reset(): void {
    this.cancel();
    this.#pending = [];
  }

  cancel(): void {
    if (this.#handle === undefined) return;
    cancelAnimationFrame(this.#handle);
    clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  /** Delivers what is pending now, ignoring the interval (the run just ended). */
  flushNow(): void {
    this.cancel();
    this.#flush(true);
  }

  #schedule(): void {
    if (this.#handle !== undefined) return;
    const visible = typeof document === 'undefined' || document.visibilityState !== 'hidden';
    this.#handle = visible
      ? requestAnimationFrame(() => this.#flush(false))
      : (setTimeout(() => this.#flush(false), 250) as unknown as number);
  }

  #flush(now: boolean): void {
    this.#handle = undefined;
    const wait = this.#last + MIN_RENDER_INTERVAL_MS - performance.now();
    if (wait > 0 && !now) {
      this.#handle = setTimeout(() => {
        this.#handle = undefined;
        this.#schedule();
      }, wait) as unknown as number;
      return;
    }
    this.#last = performance.now();
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length) this.onFlush(batch);
  }
}
