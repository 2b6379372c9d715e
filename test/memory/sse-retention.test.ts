/**
 * What a decoded event keeps alive (issue 15 §3): V8 represents a substring of 13 characters or more
 * as a view of its parent, so an event name or id cut from a decoded network chunk kept the whole
 * chunk in memory: a 50,000-delta Shannon stream held its entire text (15 MB of heap measured in the
 * bench). Runs in Node, where a full garbage collection can be asked for (V8, as in Chromium).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createSseDecoder, type SseMessage } from '../../src/core/sse/sse-decoder.js';
import { chunked, shannonFrames } from '../../scripts/bench-sse.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('SSE decoding keeps no network chunk alive', () => {
  it('20,000 kept event names and ids cost about their own size, not the stream’s text', () => {
    const body = chunked(shannonFrames(20_000) as string[]) as Buffer[];
    const text = body.reduce((total, chunk) => total + chunk.length, 0);
    const kept: Pick<SseMessage, 'event' | 'id'>[] = [];
    const decoder = createSseDecoder({ onMessage: (message) => kept.push({ event: message.event, id: `sse:${message.id}` }) });
    const before = heapAfterGc();
    for (const chunk of body) decoder.push(new Uint8Array(chunk));
    decoder.end();
    body.length = 0;
    const grown = heapAfterGc() - before;
    assert.equal(kept.length, 20_000);
    assert.equal(kept[19_999]!.event, 'thread.message.delta');
    // ~110 bytes per kept message (object, id string); the stream is ~160 bytes an event, ~320 as
    // decoded text (two bytes a character: the emoji makes the chunks two-byte strings).
    assert.ok(grown < text, `heap grew by ${(grown / 1048576).toFixed(1)} MB for ${(text / 1048576).toFixed(1)} MB of stream`);
  });
});
