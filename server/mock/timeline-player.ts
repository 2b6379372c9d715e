/**
 * Plays a planned timeline: each step runs when its simulated offset from the start has elapsed
 * on the given {@link Clock}. Steps due at the same moment run back to back, yielding to the event
 * loop every `batchSize` steps, so a burst of 10,000 events ("as fast as possible") neither
 * starves other connections nor needs 10,000 timers.
 */
import type { Cancel, Clock } from './clock.js';

/** One step of a timeline. */
export interface TimelineStep {
  /** Simulated milliseconds after the start at which the step runs. Steps must be sorted by `at`. */
  at: number;
  run: () => void;
}

export interface TimelinePlayerOptions {
  /** Steps run synchronously before yielding to the event loop. @default 200 */
  batchSize?: number;
  /** Called once after the last step ran. */
  onFinish?: () => void;
}

/** Drives a sorted list of steps; {@link stop} abandons the rest. */
export class TimelinePlayer {
  readonly #steps: readonly TimelineStep[];
  readonly #clock: Clock;
  readonly #batchSize: number;
  readonly #onFinish: (() => void) | undefined;
  #index = 0;
  #startedAt = 0;
  #pending: Cancel | undefined;
  #state: 'idle' | 'playing' | 'paused' | 'stopped' | 'finished' = 'idle';
  #pausedAt = 0;

  constructor(steps: readonly TimelineStep[], clock: Clock, options: TimelinePlayerOptions = {}) {
    const { batchSize = 200, onFinish } = options;
    this.#steps = steps;
    this.#clock = clock;
    this.#batchSize = batchSize;
    this.#onFinish = onFinish;
  }

  /** Starts playing; the first steps due at 0 run synchronously. */
  start(): void {
    if (this.#state !== 'idle') return;
    this.#state = 'playing';
    this.#startedAt = performance.now();
    this.#tick();
  }

  /** Abandons the remaining steps (e.g. on cancel). */
  stop(): void {
    if (this.#state === 'playing' || this.#state === 'paused') this.#state = 'stopped';
    this.#pending?.();
    this.#pending = undefined;
  }

  /**
   * Holds the remaining steps (Shannon's pause at a checkpoint): nothing runs until
   * {@link resume}, and the remaining offsets move later by the time spent paused.
   */
  pause(): void {
    if (this.#state !== 'playing') return;
    this.#state = 'paused';
    this.#pausedAt = performance.now();
    this.#pending?.();
    this.#pending = undefined;
  }

  /** Continues after {@link pause}. */
  resume(): void {
    if (this.#state !== 'paused') return;
    this.#startedAt += performance.now() - this.#pausedAt;
    this.#state = 'playing';
    this.#tick();
  }

  get state(): 'idle' | 'playing' | 'paused' | 'stopped' | 'finished' {
    return this.#state;
  }

  #tick(): void {
    this.#pending = undefined;
    let ran = 0;
    while (this.#state === 'playing' && this.#index < this.#steps.length) {
      const step = this.#steps[this.#index] as TimelineStep;
      const waitReal = this.#clock.toReal(step.at) - (performance.now() - this.#startedAt);
      if (waitReal > 1) {
        this.#pending = this.#clock.afterReal(waitReal, () => this.#tick());
        return;
      }
      if (ran >= this.#batchSize) {
        this.#pending = this.#clock.soon(() => this.#tick());
        return;
      }
      this.#index++;
      ran++;
      step.run();
    }
    if (this.#state === 'playing') {
      this.#state = 'finished';
      this.#onFinish?.();
    }
  }
}
