/**
 * Loads recorded `.sse` fixtures over HTTP from the test server and runs them through the SSE
 * decoder and a provider's event decoder, as the live connection does.
 */
import type { TaskProvider } from '../../src/core/providers/provider.js';
import type { TaskEvent } from '../../src/core/providers/task-event.js';
import { createSseDecoder } from '../../src/core/sse/sse-decoder.js';

export async function loadFixture(path: string): Promise<Uint8Array> {
  const response = await fetch(`/test/fixtures/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Normalized events of one connection's bytes, fed in the given pieces. */
export function decodeStream(provider: TaskProvider<unknown>, pieces: Uint8Array[]): { events: TaskEvent[]; ended: boolean } {
  const decoder = provider.createDecoder();
  decoder.beginConnection();
  const events: TaskEvent[] = [];
  let ended = false;
  const sse = createSseDecoder({
    onMessage(message) {
      const decoded = decoder.decode(message);
      events.push(...decoded.events);
      ended ||= !!decoded.end;
    },
  });
  for (const piece of pieces) sse.push(piece);
  sse.end();
  return { events, ended };
}
