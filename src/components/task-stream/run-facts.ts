/**
 * What the run view says about a run, derived from the run and its events: what it is called, what
 * was asked, how long it ran, what it costs. Pure functions; times are server times (clock.ts).
 */
import { isActiveStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import { PARALLEL_PROCESSORS } from '../../core/providers/parallel/processors.js';
import { truncate } from '../shared/format.js';
import { t } from './strings.js';

/** Characters of the input used as a heading when the API gave the run no title. */
const HEADING_CHARS = 90;

/** The question as text: a string input as it is, an object input as `key: value` lines. */
export function inputText(run: TaskRun): string {
  const input = run.input ?? (run.request as { input?: unknown; query?: unknown } | undefined)?.input
    ?? (run.request as { query?: unknown } | undefined)?.query;
  if (input === undefined || input === null) return '';
  if (typeof input === 'string') return input.trim();
  if (typeof input === 'object' && !Array.isArray(input)) {
    return Object.entries(input as Record<string, unknown>)
      .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join('\n');
  }
  return JSON.stringify(input);
}

/**
 * The run's heading: the title the API gave it (Shannon `title_generator`, also while it is being
 * written), else the start of the input on one line, else a generic name.
 */
export function runHeading(run: TaskRun, events: readonly TaskEvent[]): { text: string; fromInput: boolean } {
  if (run.title) return { text: run.title, fromInput: false };
  let streamed = '';
  for (const event of events) if (event.kind === 'title') streamed = event.partial ? streamed + event.text : event.text;
  if (streamed.trim()) return { text: streamed.trim(), fromInput: false };
  const input = inputText(run).replace(/\s+/g, ' ');
  if (input) return { text: truncate(input, HEADING_CHARS), fromInput: true };
  return { text: t(run.provider === 'parallel' ? 'stream.task.parallel' : 'stream.task.shannon'), fromInput: false };
}

/** The latest server time the run is known to have changed at: its `updatedAt` or its last event. */
function lastKnownTime(run: TaskRun, events: readonly TaskEvent[]): number {
  let last = run.updatedAt ? Date.parse(run.updatedAt) : NaN;
  for (let i = events.length - 1; i >= 0 && i >= events.length - 50; i--) {
    const t = events[i]!.timestamp ? Date.parse(events[i]!.timestamp!) : NaN;
    if (Number.isFinite(t) && !(t <= last)) last = t;
  }
  return last;
}

/** A run's time span in its server's clock (ms since the epoch). */
export interface RunSpan {
  start: number;
  end: number;
  /** The API still works on the run: `end` is now and moves on. */
  live: boolean;
  /**
   * The run is active but nobody here follows it (the user stopped watching): `end` is the last
   * time something was known of it, and the span stands still there ("elapsed 0:07 as of 15:09").
   */
  asOf?: number;
}

/**
 * The one answer to "how long did this run take" (the header's elapsed time and the timeline's
 * axis and summary both read it, so they cannot disagree): from its creation to `serverNow` while
 * the API works on it; for a run that is over or waits for a person, to the last time the server
 * says it changed (its `updatedAt` or its last event's timestamp, whichever is later: a cancel's
 * answer may carry no new `updatedAt`). When an event arrived is no end: events replayed after a
 * gap, or without a timestamp, arrive late (fresh2: "ran for 0:09" beside "Timeline of 0:14").
 * Undefined when no end is known. `watched` false (the user stopped watching an active run): the
 * span ends at the last time anything was known of it and does not move ({@link RunSpan.asOf}).
 * @param start - when the run was created, in the server's clock (clock.ts `runStart`: Shannon's
 *   `createdAt` is the page's time, corrected here for skew).
 */
export function runSpan(run: TaskRun, events: readonly TaskEvent[], serverNow: number, start: number, watched = true): RunSpan | undefined {
  if (!Number.isFinite(start)) return undefined;
  const live = isActiveStatus(run.status);
  if (live && !watched) {
    // Not followed: what is known stops at the last news, and so does the clock.
    const last = lastKnownTime(run, events);
    return Number.isFinite(last) ? { start, end: Math.max(start, last), live: false, asOf: last } : undefined;
  }
  const end = live ? serverNow : lastKnownTime(run, events);
  return Number.isFinite(end) ? { start, end: Math.max(start, end), live } : undefined;
}

/** How long the run has run, in ms ({@link runSpan}); undefined when no end is known. */
export function elapsedMs(run: TaskRun, events: readonly TaskEvent[], serverNow: number, start: number): number | undefined {
  const span = runSpan(run, events, serverNow, start);
  return span && span.end - span.start;
}

/** What the view may say about a run's sources: the API's counts, or the sources its result cites. */
export type SourceFacts = { kind: 'counts'; considered: number | undefined; read: number | undefined } | { kind: 'cited'; cited: number };

/** Distinct URLs the result's basis cites (Parallel `basis[].citations[]`). */
export function citedSources(run: TaskRun): number {
  const urls = new Set<string>();
  for (const basis of run.output?.basis ?? []) for (const citation of basis.citations ?? []) if (citation.url) urls.add(citation.url);
  return urls.size;
}

/**
 * The source counts worth saying (fresh2: "sources: 0 considered, 0 read" beside a result citing
 * sources, after the progress events were missed in a 204 or offline gap). The API's counts while
 * they say something (not all zero) and do not fall short of what the result cites; else the
 * number of sources the result cites; else nothing — a count not known is not 0.
 */
export function sourceFacts(run: TaskRun): SourceFacts | undefined {
  const stats = run.stats;
  const cited = citedSources(run);
  const said = !!stats && ((stats.considered ?? 0) > 0 || (stats.read ?? 0) > 0);
  if (stats && said && (stats.read === undefined || stats.read >= cited)) return { kind: 'counts', considered: stats.considered, read: stats.read };
  return cited > 0 ? { kind: 'cited', cited } : undefined;
}

/** The price of one run of a Parallel processor in USD (parallel-task-api.md §8), if it is known. */
export function processorPrice(run: TaskRun): number | undefined {
  if (run.provider !== 'parallel' || !run.processor) return undefined;
  const info = PARALLEL_PROCESSORS.find((p) => p.id === run.processor);
  return info ? info.pricePer1k / 1000 : undefined;
}

/** Shannon's model tier (`small`, `medium`, `large`) from the create request, if one was asked for. */
export function modelTier(run: TaskRun): string | undefined {
  if (run.provider !== 'shannon') return undefined;
  const tier = (run.request as { model_tier?: unknown } | undefined)?.model_tier;
  return typeof tier === 'string' && tier ? tier : undefined;
}
