/**
 * Conformance vectors of sse-and-reconnect.md §2 (from WPT `eventsource/format-*`), as byte-exact
 * streams with the events a conforming parser dispatches. Stream-level vectors (statuses, MIME
 * types, reconnect) are exercised through the client in stream-client.test.ts.
 */

export interface ExpectedEvent {
  event: string;
  data: string;
  lastEventId?: string;
}

export interface ParserVector {
  id: string;
  name: string;
  stream: string;
  expected: ExpectedEvent[];
  /** Valid `retry:` values the parser must report, in order. */
  retries?: number[];
}

const twoKb = 'x'.repeat(2048);

export const PARSER_VECTORS: ParserVector[] = [
  { id: '1', name: 'format-bom: only the first BOM is stripped', stream: '\uFEFFdata:1\n\n\uFEFFdata:2\n\ndata:3\n\n', expected: [{ event: 'message', data: '1' }, { event: 'message', data: '3' }] },
  {
    id: '2', name: 'format-comments: CR, LF and CRLF mixed, NUL and 2 KB comments',
    stream: `data:1\r:\0\n:\r\ndata:2\n:${twoKb}\rdata:3\n:data:fail\r:${twoKb}\ndata:4\n\n`,
    expected: [{ event: 'message', data: '1\n2\n3\n4' }],
  },
  { id: '3', name: 'format-field-data: empty data, bare data lines', stream: 'data:\n\ndata\ndata\n\ndata:test\n\n', expected: [{ event: 'message', data: '' }, { event: 'message', data: '\n' }, { event: 'message', data: 'test' }] },
  { id: '4', name: 'format-null-character: NUL in data', stream: 'data:\0\n\n', expected: [{ event: 'message', data: '\u0000' }] },
  { id: '5', name: 'format-field-event-empty: empty event name means message', stream: 'event:\ndata:data\n\n', expected: [{ event: 'message', data: 'data' }] },
  { id: '7', name: 'a leading empty data line is kept', stream: 'data:\ndata:x\n\n', expected: [{ event: 'message', data: '\nx' }] },
  { id: '8', name: 'an empty data line in the middle is kept', stream: 'data:a\ndata:\ndata:b\n\n', expected: [{ event: 'message', data: 'a\n\nb' }] },
  { id: '9', name: 'only one space after the colon is removed', stream: 'data:  x\n\n', expected: [{ event: 'message', data: ' x' }] },
  { id: '10', name: 'a comment-only block dispatches nothing', stream: ': hi\n\n', expected: [] },
  {
    id: '11', name: 'format-field-id-null: ids containing NUL are ignored',
    stream: 'id:1\ndata:a\n\nid:\0\0\ndata:b\n\nid:x\0\ndata:c\n\nid:\0x\ndata:d\n\nid:x\0x\ndata:e\n\nid: \0\ndata:f\n\nid:a\0b\ndata:g\n\n',
    expected: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((data) => ({ event: 'message', data, lastEventId: '1' })),
  },
  {
    id: '12', name: 'format-field-id-3: an empty id resets the last event id',
    stream: 'id: 1\ndata: a\n\nid:\ndata: b\n\ndata: c\n\n',
    expected: [{ event: 'message', data: 'a', lastEventId: '1' }, { event: 'message', data: 'b', lastEventId: '' }, { event: 'message', data: 'c', lastEventId: '' }],
  },
  { id: '13', name: 'the id persists across events', stream: 'id: 1\ndata: a\n\ndata: b\n\n', expected: [{ event: 'message', data: 'a', lastEventId: '1' }, { event: 'message', data: 'b', lastEventId: '1' }] },
  { id: '14', name: 'format-field-retry-bogus: 1000x is ignored', stream: 'retry:2000\nretry:1000x\ndata:x\n\n', expected: [{ event: 'message', data: 'x' }], retries: [2000] },
  { id: '15', name: 'retry values with letters, signs or two spaces are ignored', stream: 'retry: 10abc\nretry:-5\nretry:  10\ndata:x\n\n', expected: [{ event: 'message', data: 'x' }], retries: [] },
  { id: '16', name: 'a CRLF is one line terminator', stream: 'data:a\r\ndata:b\r\n\r\n', expected: [{ event: 'message', data: 'a\nb' }] },
  {
    id: '17', name: 'format-data-before-final-empty-line: the unterminated final event and its id are dropped',
    stream: 'retry:1000\ndata:test1\n\nid:test\ndata:test2', expected: [{ event: 'message', data: 'test1', lastEventId: '' }], retries: [1000],
  },
  { id: '18', name: 'a final event without a blank line is not dispatched', stream: 'data:1\n\ndata:2\n', expected: [{ event: 'message', data: '1' }] },
  { id: '19', name: 'field names are case- and space-sensitive', stream: 'Data:x\ndata :y\ndata:z\n\n', expected: [{ event: 'message', data: 'z' }] },
  { id: '20', name: 'a line without a colon is a field with an empty value', stream: 'data\n\n', expected: [{ event: 'message', data: '' }] },
  { id: '21', name: 'the event type does not persist', stream: 'event: foo\ndata:1\n\ndata:2\n\n', expected: [{ event: 'foo', data: '1' }, { event: 'message', data: '2' }] },
  { id: 'multibyte', name: 'multibyte characters survive any split', stream: 'data: Zürich 東京 🏙️ é\n\nevent: ünïcode\ndata: ✓\n\n', expected: [{ event: 'message', data: 'Zürich 東京 🏙️ é' }, { event: 'ünïcode', data: '✓' }] },
  { id: 'cr-only', name: 'CR-only line endings', stream: 'event: a\rdata: 1\r\rdata: 2\r\r', expected: [{ event: 'a', data: '1' }, { event: 'message', data: '2' }] },
];
