/**
 * Keys Shannon events by their SSE id (the Redis stream id, strictly increasing per workflow), so a
 * resume that overlaps, or a reconnect without `Last-Event-ID` that replays everything, shows each
 * event once. `done` (data `[DONE]`, not JSON) ends the stream; a child `WORKFLOW_COMPLETED` does not.
 */
import type { SseMessage } from '../../sse/sse-decoder.js';
import { hashText } from '../../util/hash.js';
import { asObject, parseJson } from '../../util/read.js';
import type { DecodedMessage, EventDecoder } from '../provider.js';
import type { TaskEvent } from '../task-event.js';
import { mapShannonEvent, type UnkeyedShannonEvent } from './map-shannon-event.js';

export function createShannonDecoder(): EventDecoder {
  return {
    beginConnection() {
      // Ids are global per workflow: nothing to reset.
    },
    decode(message: SseMessage): DecodedMessage {
      if (message.event === 'done' || message.event === 'STREAM_END') return { events: [], end: true };
      // Events without an id line (the first-event watchdog's ERROR_OCCURRED) are keyed by content.
      const key = message.id ? `sse:${message.id}` : `noid:${message.event}:${hashText(message.data)}`;
      const parsed = parseJson(message.data);
      const data = parsed.ok ? asObject(parsed.value) : undefined;
      let events: UnkeyedShannonEvent[];
      if (!data) {
        const reason = parsed.ok ? 'the data is not a JSON object' : parsed.reason;
        events = [{ kind: 'invalid', reason, sample: message.data.slice(0, 200), source: message.event }];
      } else {
        events = mapShannonEvent(message.event, data);
      }
      return { events: events.map((event, i) => ({ ...event, id: i === 0 ? key : `${key}#${i}` }) as TaskEvent) };
    },
  };
}
