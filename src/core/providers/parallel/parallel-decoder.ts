/**
 * Keys Parallel events so each shows once although every connection replays the whole trace
 * (parallel-task-api.md §7.4: no ids, full replay, latest stats only).
 *
 * A progress message's key is its type, timestamp and text plus its occurrence number within the
 * current connection; the replay repeats messages in their original order, so the n-th identical
 * message of a new connection is the n-th one already shown. Status, stats and output are keyed by
 * their content: a repeated snapshot is not a new event.
 */
import type { SseMessage } from '../../sse/sse-decoder.js';
import { hashText } from '../../util/hash.js';
import { asObject, parseJson } from '../../util/read.js';
import type { DecodedMessage, EventDecoder } from '../provider.js';
import { isTerminalStatus, needsUser, statusEventId, type TaskEvent, type TaskStatus } from '../task-event.js';
import { mapParallelEvent, type UnkeyedEvent } from './map-parallel-event.js';

/** Whether a state event says nothing more will stream: `run.is_active` when given, else the status. */
function isOver(status: TaskStatus, data: Record<string, unknown>): boolean {
  const active = asObject(data.run)?.is_active;
  if (typeof active === 'boolean') return !active;
  return isTerminalStatus(status) || needsUser(status);
}

export function createParallelDecoder(): EventDecoder {
  let occurrences = new Map<string, number>();
  let firstState = true;

  function keyOf(event: UnkeyedEvent, rawData: string): string {
    switch (event.kind) {
      case 'status':
        return statusEventId(event.status);
      case 'output':
        return 'output';
      case 'stats':
        return `stats:${event.stats.considered ?? ''}|${event.stats.read ?? ''}|${event.stats.progress ?? ''}|${event.stats.sample.length}`;
      case 'error':
        return `error:${event.error.refId ?? hashText(event.error.message)}`;
      case 'message':
        return `msg:${event.category}|${event.timestamp ?? ''}|${hashText(event.text)}:${event.text.length}`;
      default:
        return `${event.kind}:${event.source}|${hashText(rawData)}`;
    }
  }

  function withId(event: UnkeyedEvent, rawData: string): TaskEvent {
    const base = keyOf(event, rawData);
    // Messages and unknown events may legitimately repeat: number each occurrence per connection.
    if (event.kind === 'message' || event.kind === 'unknown' || event.kind === 'invalid') {
      const n = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, n);
      return { ...event, id: `${base}#${n}` } as TaskEvent;
    }
    return { ...event, id: base } as TaskEvent;
  }

  return {
    beginConnection() {
      occurrences = new Map();
      firstState = true;
    },
    decode(message: SseMessage): DecodedMessage {
      const parsed = parseJson(message.data);
      const data = parsed.ok ? asObject(parsed.value) : undefined;
      if (!data) {
        const reason = parsed.ok ? 'the data is not a JSON object' : parsed.reason;
        const invalid: UnkeyedEvent = { kind: 'invalid', reason, sample: message.data.slice(0, 200), source: message.event };
        return { events: [withId(invalid, message.data)] };
      }
      const { events, patch } = mapParallelEvent(data, message.event);
      const isState = events[0]?.kind === 'status';
      if (isState && firstState) {
        firstState = false;
        // The first state of a connection is a snapshot, not a transition. For a finished run it
        // says "completed" before the replayed trace and the final state with the output (§7.4):
        // applying it now would end the stream early and put the status before the messages.
        const status = events[0]!.kind === 'status' ? events[0].status : 'unknown';
        // Under the current SSE guide a finished run's stream is this one state, carrying the
        // output (or the error): it is the final state, not a snapshot before a replay.
        const final = events.some((e) => e.kind === 'output' || e.kind === 'error');
        if (isTerminalStatus(status) && !final) {
          const rest = { ...patch };
          delete rest.status;
          delete rest.apiStatus;
          // An output or error it already carries is kept; the status waits for the final state.
          const kept = events.filter((e) => e.kind !== 'status');
          return { events: kept.map((e) => withId(e, message.data)), patch: rest };
        }
      }
      // A state that is not active (is_active: false, or a terminal / waiting status) closes the stream.
      const end = events.some((e) => e.kind === 'status' && isOver(e.status, data));
      return { events: events.map((e) => withId(e, message.data)), patch, end };
    },
  };
}
