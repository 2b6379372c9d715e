/**
 * Loads recorded `.sse` fixtures over HTTP from the test server and runs them through the SSE
 * decoder and a provider's event decoder, as the live connection does.
 */
import type { TaskProvider } from '../../src/core/providers/provider.js';
import type { TaskEvent, TaskRunPatch } from '../../src/core/providers/task-event.js';
import { createSseDecoder } from '../../src/core/sse/sse-decoder.js';

export async function loadFixture(path: string): Promise<Uint8Array> {
  const response = await fetch(`/test/fixtures/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Normalized events (and the run patches the messages gave) of one connection's bytes, fed in the given pieces. */
export function decodeStream(provider: TaskProvider<unknown>, pieces: Uint8Array[]): { events: TaskEvent[]; ended: boolean; patches: TaskRunPatch[] } {
  const decoder = provider.createDecoder();
  decoder.beginConnection();
  const events: TaskEvent[] = [];
  const patches: TaskRunPatch[] = [];
  let ended = false;
  const sse = createSseDecoder({
    onMessage(message) {
      const decoded = decoder.decode(message);
      events.push(...decoded.events);
      if (decoded.patch && Object.keys(decoded.patch).length) patches.push(decoded.patch);
      ended ||= !!decoded.end;
    },
  });
  for (const piece of pieces) sse.push(piece);
  sse.end();
  return { events, ended, patches };
}
