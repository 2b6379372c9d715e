/**
 * Test helpers for the mock backend: a mock server per test file, JSON requests, and a raw SSE
 * reader that keeps the exact bytes (to check framing) and how the stream ended (clean EOF,
 * network error, or aborted by the test).
 */
import { after, before } from 'node:test';
import { startMockServer, type MockServer, type MockServerOptions } from '../../../server/mock/mock-server.js';

export const KEY = 'test-key';

/** Starts a mock server before the tests of the calling file and stops it after them. */
export function useMockServer(options: MockServerOptions = {}): { readonly url: string; readonly server: MockServer } {
  const holder: { server?: MockServer } = {};
  before(async () => {
    holder.server = await startMockServer({ seed: 42, ...options });
  });
  after(async () => {
    await holder.server?.close();
  });
  return {
    get url() {
      return (holder.server as MockServer).url;
    },
    get server() {
      return holder.server as MockServer;
    },
  };
}

export interface JsonReply {
  status: number;
  headers: Headers;
  body: any;
}

/** Sends a request and parses the JSON reply (body is the raw text if it is not JSON). */
export async function requestJson(url: string, init: RequestInit & { json?: unknown } = {}): Promise<JsonReply> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(url, { ...rest, headers, body: json === undefined ? rest.body : JSON.stringify(json) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

/** One parsed SSE block. */
export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comments: string[];
  /** The block's exact text without the terminating blank line. */
  raw: string;
}

export interface SseResult {
  status: number;
  headers: Headers;
  /** Everything received, exactly. */
  text: string;
  /** Complete blocks (each followed by a blank line), in order; comment-only blocks included. */
  frames: Frame[];
  /** Event blocks only. */
  events: Frame[];
  /** How the body ended: server EOF, a network error, or our own abort (`until` matched or timeout). */
  ended: 'eof' | 'error' | 'aborted';
  /** Milliseconds from request to end. */
  elapsedMs: number;
}

/** Parses complete blocks of an LF-framed SSE text. */
export function parseFrames(text: string): Frame[] {
  const blocks = text.split('\n\n');
  blocks.pop(); // incomplete tail (or '')
  return blocks.map((raw) => {
    const frame: Frame = { comments: [], raw };
    for (const line of raw.split('\n')) {
      if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) frame.id = line.slice(4);
      else if (line.startsWith('event: ')) frame.event = line.slice(7);
      else if (line.startsWith('data: ')) frame.data = frame.data === undefined ? line.slice(6) : `${frame.data}\n${line.slice(6)}`;
    }
    return frame;
  });
}

/**
 * Reads an SSE response until the server ends it, it fails, `until(frames)` is true, or
 * `timeoutMs` passes. Non-2xx responses are returned with their body text and no frames.
 */
export async function readSse(
  url: string,
  init: RequestInit = {},
  options: { until?: (events: Frame[]) => boolean; timeoutMs?: number } = {},
): Promise<SseResult> {
  const { until, timeoutMs = 10_000 } = options;
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const res = await fetch(url, { ...init, signal: controller.signal });
  let text = '';
  let ended: SseResult['ended'] = 'eof';
  const decoder = new TextDecoder();
  try {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (until && until(parseFrames(text).filter((f) => f.event !== undefined))) {
        ended = 'aborted';
        controller.abort();
        break;
      }
    }
  } catch {
    ended = controller.signal.aborted ? 'aborted' : 'error';
  } finally {
    clearTimeout(timer);
  }
  const frames = parseFrames(text);
  return { status: res.status, headers: res.headers, text, frames, events: frames.filter((f) => f.event !== undefined), ended, elapsedMs: performance.now() - started };
}

/** JSON of a frame's data. */
export function dataOf(frame: Frame | undefined): any {
  if (!frame?.data) throw new Error(`frame has no data: ${frame?.raw}`);
  return JSON.parse(frame.data);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` returns a truthy value. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 5000, intervalMs = 10): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error('waitFor timed out');
    await sleep(intervalMs);
  }
}

/** Creates a Parallel run and returns the 202 body. */
export async function createParallelRun(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
  const reply = await requestJson(`${url}/v1/tasks/runs`, { method: 'POST', headers: { 'x-api-key': KEY, ...headers }, json: body });
  if (reply.status !== 202) throw new Error(`create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Submits a Shannon task through `/api/v1/tasks/stream` and returns the 201 body. */
export async function submitShannonTask(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
  const reply = await requestJson(`${url}/api/v1/tasks/stream`, { method: 'POST', headers: { 'X-API-Key': KEY, ...headers }, json: body });
  if (reply.status !== 201) throw new Error(`submit failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}
