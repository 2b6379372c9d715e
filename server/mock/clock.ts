/**
 * Time for the mock backend. Durations in the mock are written in *simulated* milliseconds (what
 * the real API would take); a {@link Clock} divides them by its speed, so `speed: 100` plays a
 * one-minute run in 600 ms. Every timer a clock starts is unref'd (an open HTTP server keeps the
 * process alive, a forgotten timer must not) and cleared by {@link Clock.dispose}.
 */

/** Cancels a timer started by a {@link Clock}; calling it twice is harmless. */
export type Cancel = () => void;

/** Thrown when a speed is not a positive finite number. */
export class InvalidSpeedError extends RangeError {
  override name = 'InvalidSpeedError' as const;
  constructor(speed: unknown) {
    super(`Mock speed must be a positive finite number, got ${String(speed)}`);
  }
}

/** Checks a speed value; returns it as a number. */
export function checkSpeed(speed: number): number {
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0) throw new InvalidSpeedError(speed);
  return speed;
}

/** Speed-scaled, disposable timers. */
export class Clock {
  readonly speed: number;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #immediates = new Set<ReturnType<typeof setImmediate>>();
  #disposed = false;

  constructor(speed = 1) {
    this.speed = checkSpeed(speed);
  }

  /** Real milliseconds that a simulated duration takes at this clock's speed. */
  toReal(simulatedMs: number): number {
    return Math.max(0, simulatedMs / this.speed);
  }

  /** Runs `fn` once after a simulated delay. */
  after(simulatedMs: number, fn: () => void): Cancel {
    return this.afterReal(this.toReal(simulatedMs), fn);
  }

  /** Runs `fn` once after a real (unscaled) delay. */
  afterReal(realMs: number, fn: () => void): Cancel {
    if (this.#disposed) return () => {};
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, realMs);
    timer.unref();
    this.#timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    };
  }

  /** Runs `fn` every simulated `intervalMs` until cancelled or disposed. */
  every(simulatedMs: number, fn: () => void): Cancel {
    if (this.#disposed) return () => {};
    const timer = setInterval(fn, Math.max(1, this.toReal(simulatedMs)));
    timer.unref();
    this.#timers.add(timer);
    return () => {
      clearInterval(timer);
      this.#timers.delete(timer);
    };
  }

  /** Runs `fn` on the next turn of the event loop (used to yield during bursts). */
  soon(fn: () => void): Cancel {
    if (this.#disposed) return () => {};
    const handle = setImmediate(() => {
      this.#immediates.delete(handle);
      fn();
    });
    this.#immediates.add(handle);
    return () => {
      clearImmediate(handle);
      this.#immediates.delete(handle);
    };
  }

  /** True once {@link dispose} ran; later timers are silently not started. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** Clears every pending timer of this clock. */
  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const handle of this.#immediates) clearImmediate(handle);
    this.#timers.clear();
    this.#immediates.clear();
  }
}

/**
 * Current time as an ISO 8601 string with microseconds (`2025-04-23T20:21:48.037943Z`), the
 * format of Parallel's `created_at` / `timestamp` fields. The sub-millisecond digits come from the
 * high-resolution clock so two stamps in the same millisecond still differ.
 */
export function isoMicros(ms = Date.now()): string {
  const micros = Number((process.hrtime.bigint() / 1000n) % 1000n);
  return new Date(ms).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`);
}

/**
 * Current time as Go's RFC 3339 with nanoseconds, trailing zeros trimmed
 * (`2025-10-27T06:07:51.49277Z`), the format of Shannon's event `timestamp`.
 */
export function rfc3339Nano(ms = Date.now()): string {
  const nanos = Number(process.hrtime.bigint() % 1_000_000n);
  const fraction = `${String(ms % 1000).padStart(3, '0')}${String(nanos).padStart(6, '0')}`.replace(/0+$/, '');
  const base = new Date(ms).toISOString().slice(0, 19);
  return fraction ? `${base}.${fraction}Z` : `${base}Z`;
}
