/**
 * One open `text/event-stream` response. Both API halves write through it, so the fault
 * scenarios behave the same everywhere: a {@link DropPlan} cuts the connection at a chosen byte
 * inside a chosen event (the partial bytes are flushed first, then the socket is destroyed with no
 * terminating chunk, which a client sees as a network error), and {@link SseConnection.end} is the
 * clean close a client sees as EOF.
 */
import type { ServerResponse } from 'node:http';
import type { HeaderMap } from './http-util.js';

/** Where to cut a connection: inside the `frameIndex`-th event (0-based), after `fraction` of its bytes. */
export interface DropPlan {
  frameIndex: number;
  /** In (0, 1); the cut always falls strictly inside the event. */
  fraction: number;
}

/** Open streams of one mock app, so `close()` can end them all. */
export type ConnectionRegistry = Set<SseConnection>;

/** Formats one event block. `data` must be a single line (both APIs send one-line data). */
export function formatEvent(event: string, data: string, id?: string): string {
  if (data.includes('\n') || data.includes('\r')) throw new TypeError('SSE data passed to formatEvent must be one line');
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;
}

/** An open event stream over a Node response. */
export class SseConnection {
  readonly #res: ServerResponse;
  readonly #registry: ConnectionRegistry;
  readonly #drop: DropPlan | undefined;
  readonly #closeListeners: Array<() => void> = [];
  #frames = 0;
  #closed = false;

  constructor(res: ServerResponse, registry: ConnectionRegistry, drop?: DropPlan) {
    this.#res = res;
    this.#registry = registry;
    this.#drop = drop;
    registry.add(this);
    res.on('close', () => this.#markClosed());
  }

  /** Sends the 200 status line and headers; call once before writing. */
  open(headers: HeaderMap): void {
    this.#res.writeHead(200, headers);
    this.#res.flushHeaders();
  }

  /** Writes a `: comment` line plus a blank line (heartbeats, Shannon's preamble). */
  comment(text: string): void {
    this.#write(`: ${text}\n\n`);
  }

  /** Writes a `retry: <ms>` field in a block of its own (the reconnection time a client should use). */
  retry(ms: number): void {
    this.#write(`retry: ${ms}\n\n`);
  }

  /**
   * Writes one complete event block (see {@link formatEvent}); counts towards the drop plan.
   * Returns false if the connection is (or just got) closed.
   */
  event(block: string): boolean {
    if (this.#closed) return false;
    const index = this.#frames++;
    if (this.#drop && index === this.#drop.frameIndex) {
      this.#cut(block, this.#drop.fraction);
      return false;
    }
    this.#write(block);
    return !this.#closed;
  }

  /**
   * Writes many event blocks (a replay) with as few socket writes as possible, still honouring
   * the drop plan. Returns false if the connection is closed afterwards.
   */
  events(blocks: readonly string[]): boolean {
    const batch: string[] = [];
    for (const block of blocks) {
      if (this.#closed) break;
      if (this.#drop && this.#frames === this.#drop.frameIndex) {
        this.#write(batch.join(''));
        batch.length = 0;
        this.event(block);
        continue;
      }
      this.#frames++;
      batch.push(block);
      if (batch.length >= 500) {
        this.#write(batch.join(''));
        batch.length = 0;
      }
    }
    if (batch.length > 0) this.#write(batch.join(''));
    return !this.#closed;
  }

  /** Ends the response cleanly (the client reads EOF). */
  end(): void {
    if (this.#closed) return;
    this.#res.end();
    this.#markClosed();
  }

  /** Destroys the socket without ending the body (the client sees a network error). */
  destroy(): void {
    if (this.#closed) return;
    this.#res.destroy();
    this.#markClosed();
  }

  /** Registers a listener for the close, whichever side closed. Runs at once if already closed. */
  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else this.#closeListeners.push(listener);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Events written (or attempted) so far on this connection. */
  get frameCount(): number {
    return this.#frames;
  }

  #write(text: string): void {
    if (this.#closed) return;
    this.#res.write(text);
  }

  #cut(block: string, fraction: number): void {
    const bytes = Buffer.from(block, 'utf8');
    const cut = Math.min(bytes.length - 1, Math.max(1, Math.floor(bytes.length * fraction)));
    const socket = this.#res.socket;
    this.#res.write(bytes.subarray(0, cut), () => socket?.destroy());
    this.#markClosed();
  }

  #markClosed(): void {
    if (this.#closed && this.#closeListeners.length === 0) return;
    this.#closed = true;
    this.#registry.delete(this);
    const listeners = this.#closeListeners.splice(0);
    for (const listener of listeners) listener();
  }
}
