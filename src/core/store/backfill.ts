/**
 * Recovers events a stream skipped (a `seq` gap, providers/shannon/seq-gaps.ts) from the events
 * the API persisted: Shannon `GET /api/v1/tasks/{id}/events?limit=&offset=` (handlers/task.go
 * `GetTaskEvents`: oldest first by time, at most 200 a page, no deltas and no prompts). The events
 * come back keyed like the live stream's, so the store drops any it already has; what the API no
 * longer has stays missing, and the gap's row says how many.
 *
 * Gaps that arrive while a backfill runs are merged into the next one; each connection makes at
 * most {@link MAX_PAGES} page requests in all, so a flapping connection cannot flood the API.
 */
import { callApi, type EndpointConfig } from '../client/api-request.js';
import type { EventsPage } from '../providers/provider.js';
import type { TaskEvent, TaskRunPatch } from '../providers/task-event.js';
import { providerFor } from './providers.js';

/** The largest page the events endpoint serves. */
const PAGE_SIZE = 200;
/** Page requests one connection may make for backfills, in all. */
const MAX_PAGES = 20;

export interface GapRange {
  afterSeq: number;
  beforeSeq: number;
}

export interface GapRecoveryOptions {
  runId: string;
  /** Read at each request (configuration may change). */
  endpoint(): EndpointConfig;
  /** Aborts the requests (the connection stopped). */
  signal: AbortSignal;
  /** Applies what was recovered: run fields (a title) and events, in seq order. */
  apply(patch: TaskRunPatch, events: TaskEvent[]): void;
}

/** A recorder of gaps that backfills them one request at a time. Returns the function to report a gap. */
export function createGapRecovery(options: GapRecoveryOptions): (gap: GapRange) => void {
  let pending: GapRange | undefined;
  let running = false;
  let pagesLeft = MAX_PAGES;

  async function fetchRange(range: GapRange): Promise<TaskEvent[]> {
    const endpoint = options.endpoint();
    const provider = providerFor(endpoint.provider);
    if (!provider.backfillRequest || !provider.parseBackfill) return [];
    const found: TaskEvent[] = [];
    for (let offset = 0; pagesLeft > 0 && !options.signal.aborted; offset += PAGE_SIZE) {
      pagesLeft--;
      const body = await callApi(endpoint, provider.backfillRequest(options.runId, offset, PAGE_SIZE), options.signal);
      const page: EventsPage = provider.parseBackfill(body);
      found.push(...page.events.filter((e) => e.seq !== undefined && e.seq > range.afterSeq && e.seq < range.beforeSeq));
      // Pages run oldest first: once one reaches past the gap, later pages are later still.
      if (page.count < PAGE_SIZE || page.maxSeq >= range.beforeSeq) break;
    }
    return found.sort((a, b) => a.seq! - b.seq!);
  }

  async function drain(): Promise<void> {
    running = true;
    try {
      while (pending && !options.signal.aborted) {
        const range = pending;
        pending = undefined;
        const events = await fetchRange(range).catch(() => [] as TaskEvent[]);
        if (options.signal.aborted || !events.length) continue;
        const title = events.find((e) => e.kind === 'title' && !e.partial);
        options.apply(title?.kind === 'title' && title.text ? { title: title.text } : {}, events);
      }
    } finally {
      running = false;
    }
  }

  return (gap) => {
    pending = pending
      ? { afterSeq: Math.min(pending.afterSeq, gap.afterSeq), beforeSeq: Math.max(pending.beforeSeq, gap.beforeSeq) }
      : { afterSeq: gap.afterSeq, beforeSeq: gap.beforeSeq };
    if (!running) void drain();
  };
}
