/**
 * Keys Shannon events by their SSE id (the Redis stream id, strictly increasing per workflow), so a
 * resume that overlaps, or a reconnect without `Last-Event-ID` that replays everything, shows each
 * event once. `done` (data `[DONE]`, not JSON) ends the stream; a child `WORKFLOW_COMPLETED` does not.
 * A jump in `seq` becomes a `gap` event and is reported for backfill (seq-gaps.ts); a complete
 * title from `title_generator` becomes the run's title.
 */
import type { SseMessage } from '../../sse/sse-decoder.js';
import { hashText } from '../../util/hash.js';
import { asObject, parseJson } from '../../util/read.js';
import type { DecodedMessage, EventDecoder } from '../provider.js';
import type { TaskEvent, TaskRunPatch } from '../task-event.js';
import { mapShannonEvent, type UnkeyedShannonEvent } from './map-shannon-event.js';
import { createSeqGapTracker, highestSeq } from './seq-gaps.js';

/** Key of the event the stream id `streamId` carries: the same for live, replayed and backfilled copies. */
export function shannonEventKey(streamId: string): string {
  return `sse:${streamId}`;
}

/** Ids `key`, `key#1`, … for the events one wire event maps to. */
export function keyEvents(events: readonly UnkeyedShannonEvent[], key: string): TaskEvent[] {
  return events.map((event, i) => ({ ...event, id: i === 0 ? key : `${key}#${i}` }) as TaskEvent);
}

/** Run fields events reveal: the title, once complete. */
export function shannonPatch(events: readonly TaskEvent[]): TaskRunPatch | undefined {
  const title = events.find((e) => e.kind === 'title' && !e.partial);
  return title?.kind === 'title' && title.text ? { title: title.text } : undefined;
}

/**
 * @param known events of the run already shown (from the store), so a resume after a reload knows
 *   the last `seq` and does not take the events before it for a gap.
 */
export function createShannonDecoder(known: readonly TaskEvent[] = []): EventDecoder {
  const gaps = createSeqGapTracker(highestSeq(known));
  return {
    beginConnection() {
      // Ids and seqs are global per workflow: nothing to reset.
    },
    decode(message: SseMessage): DecodedMessage {
      if (message.event === 'done' || message.event === 'STREAM_END') return { events: [], end: true };
      // Events without an id line (the first-event watchdog's ERROR_OCCURRED) are keyed by content.
      const key = message.id ? shannonEventKey(message.id) : `noid:${message.event}:${hashText(message.data)}`;
      const parsed = parseJson(message.data);
      const data = parsed.ok ? asObject(parsed.value) : undefined;
      if (!data) {
        const reason = parsed.ok ? 'the data is not a JSON object' : parsed.reason;
        return { events: keyEvents([{ kind: 'invalid', reason, sample: message.data.slice(0, 200), source: message.event }], key) };
      }
      const events = keyEvents(mapShannonEvent(message.event, data), key);
      const gap = gaps.see(events[0]?.seq, !!message.id);
      if (gap) {
        events.unshift({ kind: 'gap', id: `gap:${gap.afterSeq}-${gap.beforeSeq}`, source: 'seq', ...gap });
      }
      const patch = shannonPatch(events);
      return { events, ...(patch ? { patch } : {}), ...(gap ? { gap } : {}) };
    },
  };
}
