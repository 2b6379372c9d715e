/**
 * The ages of `<task-history>`'s rows on the shared clock (clock.ts): subscribed while the host is
 * connected. Ages under a minute change every second, older ones every few seconds at most, so the
 * host renders again (through `setNow`) only as often as what it shows changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TaskRun } from '../../core/providers/task-event.js';
import { clock } from '../shared/clock.js';

export class AgeClock implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  readonly #shown: () => readonly TaskRun[];
  readonly #now: () => number;
  readonly #setNow: (now: number) => void;

  /** `shown`: the runs on show, newest first; `now`/`setNow`: the time the host renders with. */
  constructor(host: ReactiveControllerHost, shown: () => readonly TaskRun[], now: () => number, setNow: (now: number) => void) {
    this.#shown = shown;
    this.#now = now;
    this.#setNow = setNow;
    host.addController(this);
  }

  hostConnected(): void {
    this.#setNow(clock.now());
    this.#unsubscribe ??= clock.subscribe((now) => {
      // Runs are newest first: the youngest is among the first few (a few, for the providers' skews).
      const youngest = this.#shown().slice(0, 8).reduce((min, run) => Math.min(min, now + clock.skew(run.provider) - clock.runStart(run)), Infinity);
      if (youngest < 90_000 || now - this.#now() >= 10_000) this.#setNow(now);
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
