/**
 * Turns the bytes of one `text/event-stream` response into messages, following WHATWG HTML §9.2.5–6
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html). Line parsing and field rules come
 * from eventsource-parser; this module adds what a client needs around it:
 * - UTF-8 decoding that strips exactly one leading BOM per stream ([spec] "decoded with UTF-8 decode");
 * - the *last event ID string*, committed only when an event is dispatched (an id in an event cut
 *   off by the end of the stream is never committed) and kept across events until the server changes it;
 * - a size limit for one event: a larger event is reported and skipped, the stream goes on;
 * - whether the body ended inside an event ({@link SseDecoder.end} returns `'cut'`): servers end
 *   streams between events, so an end in the middle of a line or of an event block means the
 *   connection was cut. WebKitGTK 2.50 reports a chunked response cut off by the server as a
 *   normal end of the body instead of a network error (Chromium and Firefox error), so this is the
 *   only way to tell a cut from a clean end there.
 */
import { createParser, type EventSourceParser } from 'eventsource-parser';
import { EventTooLargeError } from '../errors.js';
import { ownString, sharedString } from '../util/own-string.js';

/** One dispatched server-sent event. */
export interface SseMessage {
  /** Event type; `message` when the server sent no `event:` field ([spec] step 5). */
  event: string;
  /** Data lines joined with LF, without the final LF. */
  data: string;
  /** The source's last event ID string at dispatch: persists across events until a new `id:` arrives. */
  lastEventId: string;
  /** The `id:` field of this event's own block, when it had one (used to key events without ids apart). */
  id?: string;
}

/** Callbacks of {@link createSseDecoder}. */
export interface SseDecoderCallbacks {
  onMessage(message: SseMessage): void;
  /** A valid `retry:` field (digits only) was read: the new reconnection time in ms. */
  onRetry?(ms: number): void;
  /** A comment line (heartbeats such as `: ping`). */
  onComment?(text: string): void;
  /** A non-fatal problem (an event over the size limit). The stream goes on. */
  onProblem?(error: EventTooLargeError): void;
}

/** Options of {@link createSseDecoder}. */
export interface SseDecoderOptions extends SseDecoderCallbacks {
  /**
   * Largest event, in characters, that is buffered across network chunks. A larger one is skipped.
   * @default 8_388_608 (8 Mi characters)
   */
  maxEventSize?: number;
  /** Last event ID string to start from (kept when the stream sends no `id:`). @default '' */
  lastEventId?: string;
}

/** Decoder for one response body. Create a new one for every connection. */
export interface SseDecoder {
  /** Feeds raw bytes from the network. */
  push(bytes: Uint8Array): void;
  /**
   * The body ended: flushes the UTF-8 decoder. An unterminated final event is discarded ([spec]).
   * @returns `'cut'` when the body ended inside a line or inside an event block (a field line that no
   *   blank line closed): the connection was cut. `'clean'` when it ended between events (only
   *   comment lines may follow the last blank line).
   */
  end(): 'clean' | 'cut';
  /** Current last event ID string. */
  readonly lastEventId: string;
}

/** Largest SSE event accepted by default, in bytes (8 MiB); a larger one is an {@link EventTooLargeError}. */
export const DEFAULT_MAX_EVENT_SIZE = 8 * 1024 * 1024;

/** Creates a decoder for one event-stream response body. */
export function createSseDecoder(options: SseDecoderOptions): SseDecoder {
  const { onMessage, onRetry, onComment, onProblem, maxEventSize = DEFAULT_MAX_EVENT_SIZE } = options;
  let lastEventId = options.lastEventId ?? '';
  // ignoreBOM true: the parser removes exactly one U+FEFF at the start of this stream ([spec]); if the
  // UTF-8 decoder removed one too, a stream starting with two BOMs would lose both.
  const text = new TextDecoder('utf-8', { ignoreBOM: true });
  let overflowed = false;
  const skipper = createEventSkipper();

  const parser: EventSourceParser = createParser({
    maxBufferSize: maxEventSize,
    // [spec] Dispatch step 1: the last event ID string becomes the id buffer, also for a block
    // without data. eventsource-parser calls onId at the end of every block that had an `id:` (before
    // onEvent), so an id is committed only at dispatch and an absent id keeps the previous one.
    onId(id) {
      lastEventId = ownString(id);
    },
    onEvent(event) {
      // The parser cuts fields out of the decoded chunk: what events keep (their name, their id) is
      // copied, or every kept event would hold its whole chunk in memory (own-string.ts).
      const id = event.id === undefined ? undefined : event.id === lastEventId ? lastEventId : ownString(event.id);
      onMessage({ event: event.event === undefined ? 'message' : sharedString(event.event), data: event.data, lastEventId, id });
    },
    onRetry,
    onComment,
    onError(error) {
      if (error.type === 'max-buffer-size-exceeded') overflowed = true;
      // 'unknown-field' and 'invalid-retry' are ignored, as the spec says.
    },
  });

  const boundary = createBoundaryTracker();

  function feedText(chunk: string): void {
    boundary.feed(chunk);
    if (skipper.active) {
      const rest = skipper.skip(chunk);
      if (rest === undefined) return;
      parser.reset();
      chunk = rest;
    }
    parser.feed(chunk);
    if (overflowed) {
      // The parser has dispatched every complete event of this chunk and dropped the oversized
      // partial one; discard input up to the blank line that ends it.
      overflowed = false;
      skipper.start(chunk);
      onProblem?.(new EventTooLargeError(maxEventSize));
    }
  }

  return {
    push(bytes) {
      const chunk = text.decode(bytes, { stream: true });
      if (chunk) feedText(chunk);
    },
    end() {
      const tail = text.decode();
      if (tail) feedText(tail);
      // Nothing to resolve: eventsource-parser ≥ 4 treats a CR at the end of a chunk as a complete
      // line terminator at once (and swallows an LF that may follow in the next chunk).
      return boundary.insideEvent ? 'cut' : 'clean';
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}

/**
 * Tracks whether the text read so far ends inside an event: after the last blank line there is a
 * field line (complete or partial). Comment lines (`: ping`) carry no event data and do not count.
 * Lines end in CR, LF or CRLF; a CRLF split across chunks counts once. One pass per chunk.
 * @internal
 */
function createBoundaryTracker() {
  let insideEvent = false;
  let atLineStart = true;
  let afterCR = false;
  let atStreamStart = true;
  return {
    get insideEvent() {
      return insideEvent;
    },
    feed(chunk: string) {
      if (chunk.length === 0) return;
      // One U+FEFF at the start of the stream is a byte order mark, not a field ([spec] §9.2.5).
      const from = atStreamStart && chunk.charCodeAt(0) === 0xfeff ? 1 : 0;
      atStreamStart = false;
      for (let i = from; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 10 && afterCR) {
          afterCR = false; // second half of a CRLF
          continue;
        }
        if (c === 10 || c === 13) {
          if (atLineStart) insideEvent = false; // a blank line ends the event block
          atLineStart = true;
          afterCR = c === 13;
          continue;
        }
        afterCR = false;
        if (atLineStart) {
          atLineStart = false;
          if (c !== 58 /* ':' starts a comment */) insideEvent = true;
        }
      }
    },
  };
}

/**
 * Finds the end of an event that is being skipped: the first empty line, where a line ends in CR,
 * LF or CRLF (a CRLF split across chunks counts once). Only used while skipping an oversized event.
 * @internal
 */
function createEventSkipper() {
  let active = false;
  let atLineStart = false;
  let afterCR = false;
  return {
    get active() {
      return active;
    },
    /** Starts skipping after `chunk`, whose last characters tell whether a line just ended. */
    start(chunk: string) {
      active = true;
      const last = chunk.charCodeAt(chunk.length - 1);
      atLineStart = last === 10 || last === 13;
      afterCR = last === 13;
    },
    /** Returns the input after the empty line that ends the skipped event, or undefined to keep skipping. */
    skip(chunk: string): string | undefined {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === 10 && afterCR) {
          afterCR = false; // second half of a CRLF
          continue;
        }
        if (c === 10 || c === 13) {
          if (atLineStart) {
            active = false;
            return chunk.slice(i + 1);
          }
          atLineStart = true;
          afterCR = c === 13;
        } else {
          atLineStart = false;
          afterCR = false;
        }
      }
      return undefined;
    },
  };
}
