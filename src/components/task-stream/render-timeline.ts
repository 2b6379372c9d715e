/**
 * The run's timeline (`part="timeline"`, issue 15 §1), drawn as SVG from Lit templates: time on the
 * x axis from the run's start; Parallel's sources considered and read as two rising lines, then one
 * lane per phase with a mark per message; Shannon's agents as lanes with their active spans and a
 * mark per tool call, usage report or error; a line at the current moment while the run is active.
 *
 * The drawing stretches to the element's width (`preserveAspectRatio="none"`, strokes unscaled);
 * text (lane names, axis labels) is HTML beside it, so it stays crisp. Marks are one roving tab
 * stop: Left/Right move along a lane, Up/Down to the nearest mark of the next lane, Home/End to a
 * lane's ends; Enter, Space or a click shows the mark's event in the log. The summary
 * (`part="timeline-summary"`) says in words what the picture shows, for screen readers. Its styles
 * are the run view's (task-stream.styles.ts).
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { AgentUsage } from '../../core/providers/task-event.js';
import { count, duration, formatCost, formatUsage, humanize } from '../shared/format.js';
import { agentName } from './agent-names.js';
import { t } from './strings.js';
import type { RunSpan, SourceFacts } from './run-facts.js';
import type { TimelineLane, TimelineMark, TimelineModel } from './timeline-model.js';

/** What the picture needs besides the model. */
export interface TimelineView {
  /**
   * The run's span (run-facts.ts `runSpan`, server ms): the axis runs from its start to its end (now
   * while it is live), and the summary says its length — the header's elapsed time, to the second.
   * Undefined when no end is known: the axis reaches the last event.
   */
  span: RunSpan | undefined;
  /** The active mark (the tab stop), as `lane:index`; undefined: the newest mark. */
  active: string | undefined;
  /** A mark was chosen (click, Enter, Space): show its event. */
  onChoose(eventId: string): void;
  /** Focus moved to another mark (keyboard). */
  onMove(key: string): void;
  /** The run's usage by agent (usage-report.ts): the lanes' tokens and cost. */
  usage?: readonly AgentUsage[] | undefined;
  /**
   * The source counts the progress line says (run-facts.ts `sourceFacts`), for the summary: not the
   * last counts among the events, which a gap in the stream leaves at "0 considered, 0 read".
   */
  sources?: SourceFacts | undefined;
}

const LANE_H = 18;
const SOURCES_H = 40;

const PHASES = {
  plan: 'stream.timeline.phase.plan', search: 'stream.timeline.phase.search', tool_call: 'stream.timeline.phase.toolCall',
  result: 'stream.timeline.phase.result', exec_status: 'stream.timeline.phase.progress',
} as const;

/** A lane's name: the phase (Parallel; a newer phase by its API name) or the agent (Shannon). */
export function laneName(model: TimelineModel, lane: TimelineLane): string {
  if (model.provider === 'parallel') {
    const key = PHASES[lane.key as keyof typeof PHASES];
    return key ? t(key) : humanize(lane.key);
  }
  return agentName(lane.key);
}

/** A span's total active time, in ms. */
const activeMs = (lane: TimelineLane, end: number) => lane.spans.reduce((t, s) => t + ((s.open ? Math.max(s.end, end) : s.end) - s.start), 0);

/** Where the axis starts and ends (server ms): the run's span, else the first and last event. */
function axisOf(model: TimelineModel, span: RunSpan | undefined): { start: number; end: number; live: boolean } {
  if (span) return span;
  const start = model.start ?? 0;
  return { start, end: Math.max(start, model.last ?? start), live: false };
}

/**
 * The picture in words (the text alternative). `usage`: the run's usage by agent (usage-report.ts),
 * each lane's tokens and cost, and agents without a lane (a call the server counted that sent no
 * event, like Shannon's `decompose`) after the lanes, so the figures add up to the run's total.
 */
export function timelineSummary(model: TimelineModel, runSpan: RunSpan | undefined, usage: readonly AgentUsage[] = [], facts?: SourceFacts): string {
  const { start, end, live } = axisOf(model, runSpan);
  const head = t(live ? 'stream.timeline.soFar' : 'stream.timeline.of', { duration: duration(end - start) });
  if (model.provider === 'parallel') {
    const phases = model.lanes.map((lane) => t('stream.timeline.phaseMessages', { phase: laneName(model, lane), count: lane.events })).join('; ');
    const sources = !facts ? '' : ` ${facts.kind === 'counts'
      ? t('stream.timeline.sourcesSummary', { considered: count(facts.considered), read: count(facts.read) })
      : `${t('stream.sourcesCited', { count: facts.cited })}.`}`;
    return `${head} ${phases ? `${phases}.` : t('stream.timeline.noMessages')}${sources}`;
  }
  if (!model.lanes.length) return `${head} ${t('stream.timeline.noAgents')}`;
  const byAgent = new Map(usage.map((a) => [a.agent, a]));
  const agents = model.lanes.map((lane) => {
    const parts = [t('stream.timeline.active', { duration: duration(activeMs(lane, end)) })];
    if (lane.tools) parts.push(t('stream.timeline.toolCalls', { count: lane.tools }));
    const used = byAgent.get(lane.key);
    byAgent.delete(lane.key);
    if (used?.totalTokens) parts.push(t('usage.tokens', { count: used.totalTokens }));
    if (used?.costUsd) parts.push(formatCost(used.costUsd));
    return `${laneName(model, lane)}: ${parts.join(', ')}`;
  });
  const others = [...byAgent.values()].map((a) => `${agentName(a.agent)}: ${formatUsage(a, false)}`).join('; ');
  const rest = others ? ` ${t('stream.timeline.noLane', { agents: others })}` : '';
  return `${head} ${t('stream.timeline.agents', { count: model.lanes.length })} ${agents.join('; ')}.${rest}`;
}

/** What a mark is, in words, for its label. */
function markLabel(model: TimelineModel, lane: TimelineLane, mark: TimelineMark, start: number): string {
  const time = duration(Math.max(0, mark.time - start));
  const name = laneName(model, lane);
  const what = mark.kind === 'tool' ? t('stream.timeline.markTool', { name, tool: mark.label, time })
    : mark.kind === 'usage' ? t('stream.timeline.markUsage', { name, tokens: t('usage.tokens', { count: Number(mark.label) }), time })
    : mark.kind === 'error' ? t('stream.timeline.markError', { name, time })
    : t('stream.timeline.mark', { name, time });
  return mark.count > 1 ? `${what} ${t('stream.timeline.merged', { count: mark.count })}` : what;
}

/** Axis ticks: a round step giving at most 5 labels. */
function ticks(span: number): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400].map((s) => s * 1000);
  const step = steps.find((s) => span / s <= 5) ?? span / 5;
  const out: number[] = [];
  // None in the last tenth: a label there would stick out of the element.
  for (let t = step; t <= span * 0.9; t += step) out.push(t);
  return out;
}

/** The key of the mark that is the tab stop: the given one if it exists, else the newest. */
function activeKey(model: TimelineModel, wanted: string | undefined): string | undefined {
  if (wanted) {
    const [lane, index] = wanted.split(':').map(Number);
    if (model.lanes[lane!]?.marks[index!]) return wanted;
  }
  let best: { key: string; time: number } | undefined;
  model.lanes.forEach((lane, l) => {
    const last = lane.marks.length - 1;
    if (last >= 0 && (!best || lane.marks[last]!.time >= best.time)) best = { key: `${l}:${last}`, time: lane.marks[last]!.time };
  });
  return best?.key;
}

/** The mark a key moves to from `key` (`lane:index`), or undefined at an edge. */
export function moveKey(model: TimelineModel, key: string, keyName: string): string | undefined {
  const [l, i] = key.split(':').map(Number) as [number, number];
  const lane = model.lanes[l];
  if (!lane) return undefined;
  switch (keyName) {
    case 'ArrowLeft': return i > 0 ? `${l}:${i - 1}` : undefined;
    case 'ArrowRight': return i < lane.marks.length - 1 ? `${l}:${i + 1}` : undefined;
    case 'Home': return `${l}:0`;
    case 'End': return `${l}:${lane.marks.length - 1}`;
    case 'ArrowUp':
    case 'ArrowDown': {
      const time = lane.marks[i]!.time;
      const step = keyName === 'ArrowUp' ? -1 : 1;
      for (let next = l + step; next >= 0 && next < model.lanes.length; next += step) {
        const marks = model.lanes[next]!.marks;
        if (!marks.length) continue;
        let nearest = 0;
        marks.forEach((m, j) => { if (Math.abs(m.time - time) < Math.abs(marks[nearest]!.time - time)) nearest = j; });
        return `${next}:${nearest}`;
      }
      return undefined;
    }
    default: return undefined;
  }
}

export function renderTimeline(model: TimelineModel, view: TimelineView): TemplateResult | typeof nothing {
  const sources = model.sources;
  if (!model.lanes.length && !sources.length) return nothing;
  const axis = axisOf(model, view.span);
  const { start, live } = axis;
  const end = Math.max(axis.end, start + 1000);
  const span = end - start;
  // x in seconds from the start: only the viewBox's width follows the clock, so a frame re-renders
  // a few attributes (the viewBox, open spans, the now line), not every mark. A time outside the
  // run's span (an event without a timestamp, dated when it arrived after a gap) is drawn at its edge.
  const x = (t: number) => ((Math.min(end, Math.max(start, t)) - start) / 1000).toFixed(3);
  const width = x(end);
  const top = sources.length ? SOURCES_H : 0;
  const height = top + model.lanes.length * LANE_H;
  const active = activeKey(model, view.active);
  const max = Math.max(1, ...sources.map((p) => p.considered), ...sources.map((p) => p.read));
  const y = (n: number) => (SOURCES_H - 2 - (n / max) * (SOURCES_H - 6)).toFixed(1);
  const line = (pick: (p: (typeof sources)[number]) => number) =>
    sources.map((p) => `${x(p.time)},${y(pick(p))}`).join(' ') + (live && sources.length ? ` ${x(end)},${y(pick(sources[sources.length - 1]!))}` : '');
  const onKey = (event: KeyboardEvent, key: string, eventId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      view.onChoose(eventId);
      return;
    }
    const next = moveKey(model, key, event.key);
    if (next === undefined) return;
    event.preventDefault();
    view.onMove(next);
  };
  const lanes = model.lanes.map((lane, l) => {
    const laneTop = top + l * LANE_H;
    const spans = lane.spans.map((s) => {
      const right = s.open && live ? end : Math.min(end, s.end);
      return svg`<rect class="span" x=${x(s.start)} y=${laneTop + 4} width=${Math.max(span / 500, right - s.start) / 1000} height=${LANE_H - 8}></rect>`;
    });
    const marks = lane.marks.map((mark, i) => {
      const key = `${l}:${i}`;
      return svg`<line class="mark" part="timeline-mark" data-kind=${mark.kind} data-key=${key} data-event-id=${mark.eventId}
        x1=${x(mark.time)} x2=${x(mark.time)} y1=${laneTop + 3} y2=${laneTop + LANE_H - 3}
        role="button" tabindex=${key === active ? 0 : -1} aria-label=${markLabel(model, lane, mark, start)}
        @click=${() => view.onChoose(mark.eventId)} @keydown=${(e: KeyboardEvent) => onKey(e, key, mark.eventId)}
        @focus=${() => key !== view.active && view.onMove(key)}></line>`;
    });
    return svg`<line class="lane-line" x1="0" x2=${width} y1=${laneTop + LANE_H / 2} y2=${laneTop + LANE_H / 2}></line>${spans}${marks}`;
  });
  const tickTimes = ticks(span);
  return html`<figure part="timeline" class="timeline" aria-label=${t('stream.timeline.label')}>
    <p part="timeline-summary" class="visually-hidden">${timelineSummary(model, view.span, view.usage, view.sources)}</p>
    <div class="tl-body">
      <div class="tl-labels" aria-hidden="true">
        ${sources.length ? html`<span class="tl-sources"><span>${t('stream.timeline.sources')}</span>${view.sources?.kind === 'counts' && view.sources.read !== undefined ? html`<span>${t('stream.timeline.read', { count: view.sources.read })}</span>` : nothing}</span>` : nothing}
        ${model.lanes.map((lane) => html`<span title=${laneName(model, lane)}>${laneName(model, lane)}</span>`)}
      </div>
      <div class="tl-plot">
        <svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" height=${height} role="group" aria-label=${t('stream.timeline.plot')}>
          ${tickTimes.map((t) => svg`<line class="grid" x1=${x(start + t)} x2=${x(start + t)} y1="0" y2=${height}></line>`)}
          ${sources.length ? svg`<polyline class="considered" points=${line((p) => p.considered)}></polyline>
            <polyline class="read" points=${line((p) => p.read)}></polyline>` : nothing}
          ${lanes}
          ${live ? svg`<line class="now" part="timeline-now" x1=${x(end)} x2=${x(end)} y1="0" y2=${height}></line>` : nothing}
        </svg>
        <div class="tl-axis" aria-hidden="true">
          <span style="left: 0">${duration(0)}</span>
          ${tickTimes.map((t) => html`<span style="left: ${((t / span) * 100).toFixed(2)}%">${duration(t)}</span>`)}
        </div>
      </div>
    </div>
  </figure>`;
}
