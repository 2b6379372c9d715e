/**
 * What the run's timeline draws (issue 15 §1), built incrementally from its events: every event
 * costs O(1) (amortized), and what is kept is bounded however long the run, so a 50,000-event token
 * stream or a 10,000-message replay draws the same few hundred shapes.
 *
 * - **Lanes.** Parallel: one per phase (`progress_msg.<phase>`: plan, search, tool_call, result,
 *   exec_status, and any newer suffix; parallel-task-api.md §7.2). Shannon: one per agent, with the
 *   spans it was active (any event of the agent; a pause over {@link SPAN_GAP_MS} or its completion
 *   ends a span) and its tool calls (shannon-streaming-api.md §5.4); the tokens and cost of its
 *   model calls are the run's usage report's (core/providers/usage-report.ts). At most {@link MAX_LANES}; later ones share the last lane.
 * - **Marks.** One per phase message (Parallel), tool call, usage report or error (Shannon), each
 *   pointing at its event. Past {@link MAX_LANE_MARKS} in a lane, neighbouring marks merge in pairs
 *   (a merged mark counts its events and points at the first).
 * - **Sources.** Parallel `progress_stats` as points of (time, considered, read), a rising line;
 *   past {@link MAX_POINTS} every other point is dropped (the newest is always kept).
 * - **Time.** Server milliseconds: the event's timestamp, else when it arrived (`receivedAt`, in the
 *   server's clock), else the last time seen (a stored event without a time).
 *
 * No DOM and no Lit: render-timeline.ts draws it.
 */
import type { ProviderName, TaskEvent, TaskRun } from '../../core/providers/task-event.js';
import { callKey } from '../../core/providers/call-identity.js';

/** Marks kept per lane before neighbours merge. */
export const MAX_LANE_MARKS = 60;
/** Source-count points kept before every other one is dropped. */
export const MAX_POINTS = 200;
/** Lanes drawn; the agents or phases after these share the last one. */
export const MAX_LANES = 8;
/** Active spans kept per lane before the closest neighbours merge. */
export const MAX_SPANS = 40;
/** An agent silent for longer than this (ms) ends its active span. */
export const SPAN_GAP_MS = 10_000;

export type MarkKind = 'phase' | 'tool' | 'usage' | 'error';

/** One mark: an event (or, after merging, several neighbouring ones) on a lane. */
export interface TimelineMark {
  /** The id of the (first) event it stands for: the log scrolls to it. */
  eventId: string;
  /** Server time, ms since the epoch. */
  time: number;
  kind: MarkKind;
  /** What it is, in words ("Search", "Tool · web_search", "1,234 tokens"). */
  label: string;
  /** Events it stands for (more than 1 once merged). */
  count: number;
}

export interface TimelineSpan {
  start: number;
  end: number;
  /** Still active (no completion, no pause yet): drawn up to now while the run is active. */
  open: boolean;
}

export interface TimelineLane {
  /** Agent id (Shannon) or phase (Parallel `progress_msg` suffix). */
  key: string;
  marks: TimelineMark[];
  spans: TimelineSpan[];
  /** Events seen on this lane. */
  events: number;
  tools: number;
}

export interface SourcesPoint {
  time: number;
  considered: number;
  read: number;
}

/** Parallel phases in the order their lanes are drawn (others follow as they appear). */
const PHASE_ORDER = ['plan', 'search', 'tool_call', 'result', 'exec_status'];

/**
 * Suffixes that name a phase already in {@link PHASE_ORDER}: the suffix set is open-ended and the
 * docs' own sample sends `progress_msg.tool` beside the OpenAPI's `tool_call` (parallel-task-api.md
 * §7.3), which are one kind of step for a person (fresh2: lanes "Tool calls" and "tool").
 */
const PHASE_ALIASES: Readonly<Record<string, string>> = { tool: 'tool_call', tools: 'tool_call', tool_calls: 'tool_call', results: 'result', plans: 'plan', searches: 'search' };

/** The lane of a Parallel progress message's category: one per kind of step, whatever its spelling. */
export function phaseKey(category: string): string {
  const key = category.trim().toLowerCase().replace(/[\s.-]+/g, '_');
  return PHASE_ALIASES[key] ?? key;
}

const parseTime = (iso: string | undefined): number | undefined => {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(time) ? time : undefined;
};

/** Halves `list` by merging neighbours pairwise with `merge` (bounded, amortized O(1) per item). */
function halve<T>(list: T[], merge: (a: T, b: T) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < list.length; i += 2) out.push(i + 1 < list.length ? merge(list[i]!, list[i + 1]!) : list[i]!);
  return out;
}

const mergeMarks = (a: TimelineMark, b: TimelineMark): TimelineMark => ({
  ...a,
  label: a.kind === b.kind && a.label === b.label ? a.label : a.label,
  count: a.count + b.count,
});

export class TimelineModel {
  readonly provider: ProviderName;
  /** Server time of the run's start (its creation, else its first event). */
  start: number | undefined;
  /** Latest server time seen. */
  last: number | undefined;
  readonly lanes: TimelineLane[] = [];
  points: SourcesPoint[] = [];
  /** The newest source counts (kept apart: downsampling never drops it). */
  latest: SourcesPoint | undefined;
  /** Events taken in. */
  events = 0;
  /** Bumped on every change, for cheap change detection by the view. */
  version = 0;
  #byKey = new Map<string, TimelineLane>();
  /** Model calls marked (usage-ledger.ts `callKey`): the second report of a call gets no mark. */
  #calls = new Set<string>();

  constructor(run: TaskRun) {
    this.provider = run.provider;
    this.start = parseTime(run.createdAt);
  }

  /** Takes in events in order; `receivedAt`: when they arrived (server ms), for events without a time. */
  append(events: readonly TaskEvent[], receivedAt?: number): void {
    for (const event of events) this.#add(event, receivedAt);
    if (events.length) this.version++;
  }

  /** The lane of `key`, made when first needed (past {@link MAX_LANES}: the last one). */
  #lane(key: string): TimelineLane {
    let lane = this.#byKey.get(key);
    if (lane) return lane;
    if (this.lanes.length >= MAX_LANES) {
      lane = this.lanes[this.lanes.length - 1]!;
    } else {
      lane = { key, marks: [], spans: [], events: 0, tools: 0 };
      this.lanes.push(lane);
      if (this.provider === 'parallel') {
        const rank = (k: string) => (PHASE_ORDER.includes(k) ? PHASE_ORDER.indexOf(k) : PHASE_ORDER.length);
        this.lanes.sort((a, b) => rank(a.key) - rank(b.key));
      }
    }
    this.#byKey.set(key, lane);
    return lane;
  }

  #mark(lane: TimelineLane, mark: TimelineMark): void {
    lane.marks.push(mark);
    if (lane.marks.length > MAX_LANE_MARKS) lane.marks = halve(lane.marks, mergeMarks);
  }

  #time(event: TaskEvent, receivedAt: number | undefined): number | undefined {
    const time = parseTime(event.timestamp) ?? receivedAt ?? this.last ?? this.start;
    if (time === undefined) return undefined;
    if (this.start === undefined || time < this.start) this.start = time;
    if (this.last === undefined || time > this.last) this.last = time;
    return time;
  }

  #add(event: TaskEvent, receivedAt: number | undefined): void {
    this.events++;
    const time = this.#time(event, receivedAt);
    if (time === undefined) return;
    if (event.kind === 'stats') {
      const { considered, read } = event.stats;
      if (considered === undefined && read === undefined) return;
      const point = { time, considered: considered ?? this.latest?.considered ?? 0, read: read ?? this.latest?.read ?? 0 };
      if (this.latest) this.points.push(this.latest);
      this.latest = point;
      if (this.points.length > MAX_POINTS) this.points = halve(this.points, (a) => a);
      return;
    }
    if (this.provider === 'parallel') {
      if (event.kind !== 'message') return;
      const lane = this.#lane(phaseKey(event.category));
      lane.events++;
      this.#mark(lane, { eventId: event.id, time, kind: 'phase', label: event.category, count: 1 });
      return;
    }
    this.#addAgentEvent(event, time);
  }

  /** A Shannon event: its agent's active span, and a mark for a tool call, usage or error. */
  #addAgentEvent(event: TaskEvent, time: number): void {
    const agent = 'agent' in event && event.agent ? event.agent : undefined;
    if (!agent) return;
    const lane = this.#lane(agent);
    lane.events++;
    const span = lane.spans[lane.spans.length - 1];
    if (span && span.open && time - span.end <= SPAN_GAP_MS) span.end = Math.max(span.end, time);
    else {
      lane.spans.push({ start: time, end: time, open: true });
      if (lane.spans.length > MAX_SPANS) lane.spans = halve(lane.spans, (a, b) => ({ start: a.start, end: Math.max(a.end, b.end), open: b.open }));
    }
    const current = lane.spans[lane.spans.length - 1]!;
    switch (event.kind) {
      case 'tool':
        if (event.phase === 'call') {
          lane.tools++;
          this.#mark(lane, { eventId: event.id, time, kind: 'tool', label: event.tool, count: 1 });
        }
        return;
      case 'text':
      case 'usage': {
        if (event.kind === 'text') current.open = false; // the agent's message is complete
        // The figures are the run's usage report's (usage-report.ts); a call reported twice is one mark.
        const usage = event.usage;
        if (!usage) return;
        const call = callKey(event);
        if (call !== undefined) {
          if (this.#calls.has(call)) return;
          this.#calls.add(call);
        }
        this.#mark(lane, { eventId: event.id, time, kind: 'usage', label: String(usage.totalTokens ?? 0), count: 1 });
        return;
      }
      case 'error':
        this.#mark(lane, { eventId: event.id, time, kind: 'error', label: event.error.message, count: 1 });
        return;
      case 'message':
        if (event.category === 'agent_completed' || event.category === 'workflow_completed') current.open = false;
        return;
      default:
        return;
    }
  }

  /** Every source point to draw, the newest included, in time order. */
  get sources(): SourcesPoint[] {
    return this.latest ? [...this.points, this.latest] : this.points;
  }

  /** Marks kept, over all lanes (each ≤ {@link MAX_LANE_MARKS}). */
  get markCount(): number {
    return this.lanes.reduce((total, lane) => total + lane.marks.length, 0);
  }
}
