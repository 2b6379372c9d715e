/**
 * Fires when a stream has been silent too long. Every chunk (events and comments such as `: ping`)
 * re-arms it; a timeout of 0 disables it.
 */
import type { Timers } from '../util/environment.js';

export class StallWatchdog {
  /** The watchdog fired: the stream was silent for `timeoutMs`. */
  fired = false;
  readonly timeoutMs: number;
  #timers: Timers;
  #onStall: () => void;
  #handle: unknown;

  constructor(timeoutMs: number, timers: Timers, onStall: () => void) {
    this.timeoutMs = timeoutMs;
    this.#timers = timers;
    this.#onStall = onStall;
  }

  /** (Re)starts the countdown. */
  arm(): void {
    if (this.timeoutMs <= 0) return;
    this.clear();
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = undefined;
      this.fired = true;
      this.#onStall();
    }, this.timeoutMs);
  }

  clear(): void {
    if (this.#handle !== undefined) this.#timers.clearTimeout(this.#handle);
    this.#handle = undefined;
  }
}
