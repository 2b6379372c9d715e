/**
 * Times the API stamped while answering one of this page's requests (Parallel's `created_at` in the
 * answer to a create, parallel-task-api.md §3): such a time lies between the moment the request was
 * sent and the moment the answer arrived, in the API's clock, which bounds how far that clock is
 * from this page's — ahead or behind (the elements' shared clock listens: components/shared/clock.ts).
 */
import type { ProviderName } from '../providers/task-event.js';

/** One stamped time and the page's times around it (ms since the epoch, `Date.now()`). */
export interface ServerTimeSample {
  readonly provider: ProviderName;
  /** ISO 8601 time the API stamped while answering. */
  readonly serverTime: string;
  /** Page time just before the request was sent. */
  readonly sentAt: number;
  /** Page time just after the answer arrived. */
  readonly receivedAt: number;
}

/** Called with each {@link ServerTimeSample}. */
export type ServerTimeListener = (sample: ServerTimeSample) => void;

const listeners = new Set<ServerTimeListener>();

/** Tells every listener of a stamped time (a faulty listener does not stop the others). */
export function reportServerTime(sample: ServerTimeSample): void {
  for (const listener of [...listeners]) {
    try {
      listener(sample);
    } catch {
      // one listener's fault is its own
    }
  }
}

/** Listens for stamped times; returns the function that stops listening. */
export function onServerTime(listener: ServerTimeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
