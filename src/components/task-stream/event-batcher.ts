/**
 * Batches a run's events for the view: applied once per animation frame (a timer in a hidden tab,
 * which gets no frames), so a steady stream is on screen in the frame after its bytes arrive, while
 * a flood (a replay, a token stream) costs the page a bounded share of its time: the next batch
 * waits until the last render's cost, divided by {@link RENDER_SHARE}, has passed (at most
 * {@link MAX_RENDER_INTERVAL_MS}). A cheap render (a live text growing by a few characters) is not
 * held back; a costly one (hundreds of new rows) is paid for less often (issue 15 §3).
 */
import type { TaskEvent } from '../../core/providers/task-event.js';

/** Longest time between two flushes while events arrive, in ms. */
export const MAX_RENDER_INTERVAL_MS = 120;
/** Share of the main thread a flood's renders may take (render cost ÷ interval). */
export const RENDER_SHARE = 0.25;

export class EventBatcher {
  #pending: TaskEvent[] = [];
  #handle: number | undefined;
  #last = 0;
  /** Ms to wait after a flush before the next one: from the last render's cost. */
  #interval = 0;

  /**
   * `onFlush` receives each batch, in order, never empty; it may return a promise that settles when
   * the batch is rendered (Lit's `updateComplete`): the time until then is the render's cost.
   */
  constructor(private readonly onFlush: (batch: TaskEvent[]) => unknown) {}

  /** Ms the next flush waits after the last one (for tests and benches). */
  get interval(): number {
    return this.#interval;
  }

  /** Events received and not yet delivered. */
  get pending(): number {
    return this.#pending.length;
  }

  push(events: readonly TaskEvent[]): void {
    for (const event of events) this.#pending.push(event);
    this.#schedule();
  }

  /** Drops what is pending (another run is shown). */
  reset(): void {
    this.cancel();
    this.#pending = [];
    this.#interval = 0;
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
    const wait = this.#last + this.#interval - performance.now();
    if (wait > 0 && !now) {
      this.#handle = setTimeout(() => {
        this.#handle = undefined;
        this.#schedule();
      }, wait) as unknown as number;
      return;
    }
    const started = (this.#last = performance.now());
    const batch = this.#pending;
    this.#pending = [];
    if (!batch.length) return;
    const rendered = this.onFlush(batch);
    const measure = () => {
      const cost = performance.now() - started;
      this.#interval = Math.min(MAX_RENDER_INTERVAL_MS, cost / RENDER_SHARE);
    };
    if (rendered instanceof Promise) rendered.then(measure, measure);
    else measure();
  }
}
