/**
 * Shannon's event model on the wire (shannon-streaming-api.md §5): the internal event (Go struct
 * `streaming.Event`), Redis-stream-like ids (`<ms>-<n>`, strictly increasing per workflow), and
 * `mapEvent` — which SSE `event:` name and which `data:` each internal type gets (deltas and
 * completions renamed with alphabetically sorted keys, `ERROR_OCCURRED` as `error`, `STREAM_END`
 * as `done` with the literal `[DONE]`, `workflow.*` control events, everything else as full JSON).
 */

/** An internal event as published by the orchestrator. */
export interface ShannonEvent {
  workflow_id: string;
  type: string;
  agent_id?: string;
  message?: string;
  payload?: Record<string, unknown>;
  timestamp: string;
  seq: number;
  stream_id: string;
}

/** An event as stored in the replay ring: already mapped to its SSE name and data. */
export interface StoredEvent {
  /** The stream id, sent as `id:`. */
  id: string;
  ms: number;
  n: number;
  seq: number;
  /** Internal type, for the `types` filter and end-of-stream rules. */
  type: string;
  /** SSE `event:` name. */
  name: string;
  /** SSE `data:` (one line). */
  data: string;
}

/** A parsed stream id. */
export interface StreamId {
  ms: number;
  n: number;
}

/** Parses `<ms>-<n>`; undefined for anything else. */
export function parseStreamId(text: string): StreamId | undefined {
  const match = /^(\d+)-(\d+)$/.exec(text);
  return match ? { ms: Number(match[1]), n: Number(match[2]) } : undefined;
}

/** True if event `a` comes strictly after stream id `b`. */
export function isAfter(a: StreamId, b: StreamId): boolean {
  return a.ms > b.ms || (a.ms === b.ms && a.n > b.n);
}

/** Issues strictly increasing stream ids, like Redis XADD with `*`. */
export class StreamIdIssuer {
  #lastMs = 0;
  #lastN = -1;

  next(now = Date.now()): StreamId & { id: string } {
    if (now > this.#lastMs) {
      this.#lastMs = now;
      this.#lastN = 0;
    } else {
      this.#lastN++;
    }
    return { ms: this.#lastMs, n: this.#lastN, id: `${this.#lastMs}-${this.#lastN}` };
  }
}

/** Keys of an object sorted alphabetically (Go marshals maps that way). */
function sorted(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A `map[string]interface{}` as Go marshals it: keys sorted at every level. */
export function goMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(goMap);
  if (value === null || typeof value !== 'object') return value;
  return sorted(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, goMap(v)])));
}

/** The full event JSON in Go struct order, empty optional fields omitted. */
export function fullEventJson(event: ShannonEvent): string {
  const out: Record<string, unknown> = { workflow_id: event.workflow_id, type: event.type };
  if (event.agent_id) out.agent_id = event.agent_id;
  if (event.message) out.message = event.message;
  if (event.payload && Object.keys(event.payload).length > 0) out.payload = goMap(event.payload);
  out.timestamp = event.timestamp;
  out.seq = event.seq;
  if (event.stream_id) out.stream_id = event.stream_id;
  return JSON.stringify(out);
}

const CONTROL_NAMES: Record<string, string> = {
  WORKFLOW_PAUSING: 'workflow.pausing',
  WORKFLOW_PAUSED: 'workflow.paused',
  WORKFLOW_RESUMED: 'workflow.resumed',
  WORKFLOW_CANCELLING: 'workflow.cancelling',
  WORKFLOW_CANCELLED: 'workflow.cancelled',
};

/** The SSE name and data of an internal event (`mapEvent` in the real server). */
export function mapEvent(event: ShannonEvent): { name: string; data: string } {
  const base = { agent_id: event.agent_id ?? '', workflow_id: event.workflow_id };
  switch (event.type) {
    case 'LLM_PARTIAL':
      return { name: 'thread.message.delta', data: JSON.stringify(sorted({ ...base, delta: event.message ?? '', seq: event.seq, stream_id: event.stream_id })) };
    case 'LLM_OUTPUT': {
      const data: Record<string, unknown> = { ...base, response: event.message ?? '', seq: event.seq, stream_id: event.stream_id };
      if (event.payload && Object.keys(event.payload).length > 0) data.metadata = goMap(event.payload);
      return { name: 'thread.message.completed', data: JSON.stringify(sorted(data)) };
    }
    case 'ERROR_OCCURRED':
      return { name: 'error', data: fullEventJson(event) };
    case 'STREAM_END':
      return { name: 'done', data: '[DONE]' };
    default: {
      const control = CONTROL_NAMES[event.type];
      if (!control) return { name: event.type, data: fullEventJson(event) };
      const data: Record<string, unknown> = { ...base, message: event.message ?? '' };
      if (event.type === 'WORKFLOW_PAUSED' || event.type === 'WORKFLOW_CANCELLED') data.checkpoint = event.payload?.checkpoint ?? '';
      if (event.type === 'WORKFLOW_CANCELLED') data.was_paused = event.payload?.was_paused ?? false;
      return { name: control, data: JSON.stringify(sorted(data)) };
    }
  }
}
