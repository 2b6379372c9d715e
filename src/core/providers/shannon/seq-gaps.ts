/**
 * Finds events a Shannon stream skipped. Every event the orchestrator publishes takes the next
 * number of a per-workflow counter (`streaming/manager.go` `Publish`: Redis `INCR`, from 1, across
 * every type including deltas and prompts), but the stream keeps only the newest ~256 entries
 * (`XADD MAXLEN ~`), so a resume after a longer drop, or a first connect to a long run, silently
 * starts later (shannon-streaming-api.md §7). A jump in `seq` is such a gap.
 *
 * Two things are not gaps: control events (`workflow.pausing` …) take a number but do not carry it
 * in their data, so each one seen explains one skipped number; events without an SSE id (the
 * first-event watchdog's error) were never published and take none. `seq` 0 means the counter
 * failed and is ignored.
 */

/** Numbers after `afterSeq` and before `beforeSeq` were skipped; `missing` of them were events. */
export interface SeqGap {
  afterSeq: number;
  beforeSeq: number;
  missing: number;
}

export interface SeqGapTracker {
  /**
   * Notes one event: its `seq` (undefined when the data carries none) and whether the SSE message
   * had an id. Returns the gap before it, if there is one.
   */
  see(seq: number | undefined, hasId: boolean): SeqGap | undefined;
  /** The highest seq seen. */
  readonly lastSeq: number;
}

/**
 * A tracker that starts after `lastSeq` (the highest seq already shown, 0 for a new run: the first
 * event of a fresh stream should then be seq 1).
 */
export function createSeqGapTracker(lastSeq = 0): SeqGapTracker {
  let last = lastSeq;
  let unnumbered = 0;
  return {
    get lastSeq() {
      return last;
    },
    see(seq, hasId) {
      if (seq === undefined) {
        if (hasId) unnumbered++;
        return undefined;
      }
      if (!Number.isInteger(seq) || seq <= 0) return undefined;
      // A replayed or repeated event is not news.
      if (seq <= last) return undefined;
      const skipped = seq - last - 1;
      const missing = skipped - Math.min(skipped, unnumbered);
      const gap = missing > 0 ? { afterSeq: last, beforeSeq: seq, missing } : undefined;
      last = seq;
      unnumbered = 0;
      return gap;
    },
  };
}

/** The highest `seq` among events, 0 when none has one. */
export function highestSeq(events: readonly { seq?: number }[]): number {
  let max = 0;
  for (const event of events) if (event.seq !== undefined && event.seq > max) max = event.seq;
  return max;
}
