import { expect } from '@open-wc/testing';
import { createSseDecoder, type SseMessage } from '../../../src/core/sse/sse-decoder.js';
import { EventTooLargeError } from '../../../src/core/errors.js';
import { chunkings, utf8 } from '../../support/chunking.js';
import { PARSER_VECTORS } from './wpt-vectors.js';

function decodeAll(pieces: Uint8Array[], options: { maxEventSize?: number } = {}) {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const problems: EventTooLargeError[] = [];
  const decoder = createSseDecoder({
    ...options,
    onMessage: (m) => messages.push(m),
    onRetry: (ms) => retries.push(ms),
    onProblem: (p) => problems.push(p),
  });
  for (const piece of pieces) decoder.push(piece);
  decoder.end();
  return { messages, retries, problems, lastEventId: decoder.lastEventId };
}

describe('SSE decoder (WHATWG §9.2.5–6 conformance vectors)', () => {
  for (const vector of PARSER_VECTORS) {
    it(`vector ${vector.id}: ${vector.name}, whole and in every split`, () => {
      for (const { label, pieces } of chunkings(utf8(vector.stream))) {
        const { messages, retries } = decodeAll(pieces);
        const got = messages.map((m) => ({ event: m.event, data: m.data, lastEventId: m.lastEventId }));
        const want = vector.expected.map((e) => ({ event: e.event, data: e.data, lastEventId: e.lastEventId ?? '' }));
        expect(got, label).to.deep.equal(want);
        if (vector.retries) expect(retries, label).to.deep.equal(vector.retries);
      }
    });
  }

  it('vector 6: decodes UTF-8 whatever charset the server claims (the decoder never sees the header)', () => {
    const { messages } = decodeAll([utf8('data: Grüße\n\n')]);
    expect(messages[0]!.data).to.equal('Grüße');
  });

  it('turns invalid UTF-8 into U+FFFD instead of failing', () => {
    const { messages } = decodeAll([new Uint8Array([0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a, 0x0a])]);
    expect(messages[0]!.data).to.equal('\uFFFD');
  });

  it('strips a BOM split across network chunks exactly once', () => {
    const bytes = utf8('\uFEFFdata:1\n\n');
    const { messages } = decodeAll([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)]);
    expect(messages.map((m) => m.data)).to.deep.equal(['1']);
  });

  it('starts from a given last event id and keeps it when the stream sends none', () => {
    const messages: SseMessage[] = [];
    const decoder = createSseDecoder({ lastEventId: '41', onMessage: (m) => messages.push(m) });
    decoder.push(utf8('data: a\n\nid: 42\ndata: b\n\n'));
    expect(messages.map((m) => m.lastEventId)).to.deep.equal(['41', '42']);
    expect(messages.map((m) => m.id)).to.deep.equal([undefined, '42']);
  });

  it('skips an event over the size limit, reports it, and keeps the events around it', () => {
    const huge = 'x'.repeat(5000);
    const stream = `data: before\n\nid: 7\ndata: ${huge}\ndata: ${huge}\n\ndata: after\n\n`;
    for (const { label, pieces } of chunkings(utf8(stream)).filter((c) => c.label !== 'whole')) {
      const { messages, problems, lastEventId } = decodeAll(pieces, { maxEventSize: 1000 });
      expect(messages.map((m) => m.data), label).to.deep.equal(['before', 'after']);
      expect(problems, label).to.have.length(1);
      expect(problems[0]).to.be.instanceOf(EventTooLargeError);
      expect(lastEventId, 'the skipped event never commits its id').to.equal('');
    }
  });

  it('finds the end of a skipped event across CRLF pairs split between chunks', () => {
    const stream = `data: ${'y'.repeat(3000)}\r\n\r\ndata: next\r\n\r\n`;
    const bytes = utf8(stream);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 1024) pieces.push(bytes.subarray(i, i + 1024));
    const cut = bytes.indexOf(13, 3000);
    const { messages, problems } = decodeAll([bytes.subarray(0, 1200), bytes.subarray(1200, cut + 1), bytes.subarray(cut + 1)], { maxEventSize: 1000 });
    expect(messages.map((m) => m.data)).to.deep.equal(['next']);
    expect(problems).to.have.length(1);
  });

  it('handles events far larger than a chunk when under the limit (2 MB, 64 KiB pieces)', () => {
    const big = 'z'.repeat(2 * 1024 * 1024);
    const bytes = utf8(`data: ${big}\n\ndata: tail\n\n`);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 65536) pieces.push(bytes.subarray(i, i + 65536));
    const { messages, problems } = decodeAll(pieces);
    expect(messages.map((m) => m.data.length)).to.deep.equal([big.length, 4]);
    expect(problems).to.have.length(0);
  });

  it('dispatches a CR-only event as soon as its last CR arrives at the end of a chunk (no wait for more bytes)', () => {
    const messages: SseMessage[] = [];
    const decoder = createSseDecoder({ onMessage: (m) => messages.push(m) });
    decoder.push(utf8('id: 1\rdata: first\r\r'));
    expect(messages.map((m) => m.data), 'dispatched before any further byte').to.deep.equal(['first']);
    decoder.push(utf8('\ndata: second\r\r'));
    expect(messages.map((m) => m.data), 'a following LF is one CRLF terminator, not a blank line').to.deep.equal(['first', 'second']);
    decoder.end();
    expect(messages).to.have.length(2);
  });

  it('commits the id of an id-only block at its end (no event fires), as the spec’s dispatch step 1 says', () => {
    const messages: SseMessage[] = [];
    const decoder = createSseDecoder({ onMessage: (m) => messages.push(m) });
    decoder.push(utf8('data: a\n\nid: 9\n\n'));
    expect(messages).to.have.length(1);
    expect(decoder.lastEventId).to.equal('9');
    decoder.push(utf8('id: 10\ndata: cut off'));
    decoder.end();
    expect(decoder.lastEventId, 'an unfinished block never commits its id').to.equal('9');
  });

  it('strips exactly one BOM when a stream starts with two (the second makes an unknown field)', () => {
    const { messages } = decodeAll([utf8('\uFEFF\uFEFFdata: 1\n\ndata: 2\n\n')]);
    expect(messages.map((m) => m.data)).to.deep.equal(['2']);
  });

  it('eventsource-parser 4.1.3: after a max-buffer overflow the parser stays terminated until reset, so the decoder skips to the next blank line itself', () => {
    // Pins the parser behaviour the skipper relies on: if an upgrade resumes on its own, this changes.
    const stream = `data: ${'q'.repeat(1500)}\n\ndata: next\n\n`;
    const bytes = utf8(stream);
    const { messages, problems } = decodeAll([bytes.subarray(0, 600), bytes.subarray(600, 1200), bytes.subarray(1200)], { maxEventSize: 1000 });
    expect(messages.map((m) => m.data)).to.deep.equal(['next']);
    expect(problems).to.have.length(1);
  });

  describe('end(): whether the body ended between events or was cut inside one', () => {
    const endOf = (stream: string) =>
      chunkings(utf8(stream)).map(({ label, pieces }) => {
        const decoder = createSseDecoder({ onMessage: () => {} });
        for (const piece of pieces) decoder.push(piece);
        return { label, end: decoder.end() };
      });

    for (const [name, stream] of [
      ['after a complete event (LF)', 'id: 1\ndata: a\n\n'],
      ['after a complete event (CRLF)', 'id: 1\r\ndata: a\r\n\r\n'],
      ['after a complete event (CR)', 'data: a\r\r'],
      ['after trailing heartbeat comments', 'data: a\n\n: ping\n: ping\n'],
      ['inside a heartbeat comment (no event data lost)', 'data: a\n\n: pi'],
      ['with an empty body', ''],
      ['after a byte order mark and a complete event', '\uFEFFdata: a\n\n'],
    ] as const) {
      it(`is 'clean' ${name}, in every split`, () => {
        for (const { label, end } of endOf(stream)) expect(end, label).to.equal('clean');
      });
    }

    for (const [name, stream] of [
      ['in the middle of a field line', 'data: a\n\ndata: par'],
      ['after a data line no blank line closed', 'data: a\n\ndata: partial\n'],
      ['after an id line no blank line closed', 'data: a\r\n\r\nid: 2\r\n'],
      ['after a comment and a partial event', ': ping\ndata: b'],
    ] as const) {
      it(`is 'cut' ${name}, in every split, and the partial event is not dispatched`, () => {
        for (const { label, end } of endOf(stream)) expect(end, label).to.equal('cut');
        const { messages } = decodeAll([utf8(stream)]);
        expect(messages.map((m) => m.data)).to.deep.equal(stream.startsWith(':') ? [] : ['a']);
      });
    }
  });
});
