/**
 * What each engine's fetch() reports when the server drops a chunked response mid-body (an
 * incomplete message, RFC 9112 §7.1). Chromium and Firefox fail the body read; WebKitGTK 2.50
 * (libsoup 3) ends the body as if it were complete. This is why the SSE decoder's end() tells a body
 * that ended inside an event ('cut') from one that ended between events ('clean'), and why the
 * stream client reconnects after a cut (test/core/client/stream-client.test.ts); the cases here
 * pin the engine behaviour the client is built for, so a change in an engine shows up here first.
 */
import { expect } from '@open-wc/testing';
import { createSseDecoder } from '../../../src/core/sse/sse-decoder.js';
import { scriptStream } from '../../support/scripted-stream.js';
import { engine, perEngine } from '../../support/engine.js';

/** Reads a response body to its end; 'error' when a read rejects (a network error), else 'done'. */
async function readToEnd(body: ReadableStream<Uint8Array>, onChunk: (chunk: Uint8Array) => void): Promise<'done' | 'error'> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'done';
      onChunk(value);
    }
  } catch {
    return 'error';
  }
}

describe('fetch() of a chunked body the server cut off, in this engine', () => {
  it(`Chromium and Firefox fail the read; WebKitGTK ends it like a complete body, and the decoder still calls it a cut: ${engine}`, async () => {
    const script = await scriptStream([{ chunks: ['id: 1\ndata: whole\n\nid: 2\ndata: cut-', 'off\n\n'], delayMs: 50, destroyAfterBytes: 35 }]);
    const response = await fetch(script.url);
    expect(response.headers.get('content-length'), 'a chunked body').to.equal(null);
    const messages: string[] = [];
    const decoder = createSseDecoder({ onMessage: (m) => messages.push(m.data) });
    const outcome = await readToEnd(response.body!, (chunk) => decoder.push(chunk));
    expect(outcome).to.equal(perEngine({ chromium: 'error', firefox: 'error', webkit: 'done' }));
    expect(messages, 'the whole event before the cut').to.deep.equal(['whole']);
    expect(decoder.end(), 'the body ended inside an event').to.equal('cut');
  });
});
