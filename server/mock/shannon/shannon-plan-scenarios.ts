/**
 * How each named scenario reshapes a planned Shannon workflow (see scenario-catalog.ts): timing
 * (`slow`), an early end (`fails`, `shannon-timeout`), broken or oversized events (`malformed`,
 * `huge-event`), a burst of deltas (`many-events`) and hostile strings (`xss`). Scenarios about
 * connections rather than content (drops, 503, 204, expiry…) live in the stream and routes.
 */
import type { Rng } from '../rng.js';
import { HUGE_EVENT_CHARS, MANY_EVENTS_COUNT, SLOW_FACTOR, type ScenarioName } from '../scenarios.js';
import { hostileText, poisonStrings } from '../xss-payloads.js';
import type { PlannedShannonEvent } from './shannon-timeline.js';

export interface ScenarioInput {
  scenario: ScenarioName;
  rng: Rng;
  topic: string;
  /** The answer as planned (deltas and completions carry it). */
  answer: string;
  /** Simulated ms between `done` and the workflow returning (status RUNNING meanwhile). */
  statusLagMs: number;
}

/** `slow`: silence after the first `WORKFLOW_COMPLETED`, longer than the 30 s post-completion close. */
export const SLOW_CHILD_PAUSE_MS = 45_000;
/** The gateway's failure text (stream_messages.go `MsgTaskFailed`): reason cut at 100, then "...". */
export function hitAnIssue(reason: string): string {
  return `Hit an issue: ${reason.length > 100 ? `${reason.slice(0, 100)}...` : reason}`;
}
const FIXED_AGENTS = new Set(['orchestrator', 'planner', 'title_generator', 'simple-agent', 'synthesis', 'final_output']);
const KEEP = new Set(['type', 'agent_id']);
const ANSWER_AGENTS = new Set(['simple-agent', 'synthesis', 'final_output']);

/**
 * Applies `input.scenario`; returns the events (unsorted) and the answer. A run that ends early keeps
 * the calls it made before (their usage rows stay, streamed or not).
 */
export function applyShannonScenario(events: PlannedShannonEvent[], input: ScenarioInput): { events: PlannedShannonEvent[]; answer: string } {
  const { scenario, rng } = input;
  const published = events.filter((e) => !e.silent);
  const end = published.find((e) => e.type === 'STREAM_END')?.at ?? 0;
  const firstCompletion = published.filter((e) => e.type === 'WORKFLOW_COMPLETED').sort((a, b) => a.at - b.at)[0];
  const middle = firstCompletion && firstCompletion.at < end * 0.9 ? firstCompletion.at : end * 0.5;
  switch (scenario) {
    case 'slow': {
      for (const e of events) e.at *= SLOW_FACTOR;
      const pauseAfter = firstCompletion ? firstCompletion.at : 0;
      for (const e of events) if (e.at > pauseAfter) e.at += SLOW_CHILD_PAUSE_MS;
      return { events, answer: input.answer };
    }
    case 'fails': {
      const reason = rng.pick([
        'activity error (type: ExecuteAgent, scheduledEventID: 11, startedEventID: 12): upstream LLM provider returned 529 (overloaded) after 3 retries',
        'activity error (type: ExecuteAgent, scheduledEventID: 17, startedEventID: 18): tool web_fetch timed out after 30s for every source',
      ]);
      const kept = events.filter((e) => e.at <= middle && (!e.silent || !!e.usage) && e.type !== 'STREAM_END');
      return {
        answer: input.answer,
        events: [
          ...kept,
          { at: middle + 200, type: 'ERROR_OCCURRED', agent_id: 'orchestrator', message: hitAnIssue(reason) },
          { at: middle + 300, type: 'STREAM_END', agent_id: 'orchestrator', message: 'Done' },
          { at: middle + 300 + input.statusLagMs, type: 'WORKFLOW_RETURNED', silent: true, effect: { status: 'FAILED', error: reason } },
        ],
      };
    }
    case 'shannon-timeout': {
      // Temporal ends the workflow: no error event, no STREAM_END; the stream only pings from now on.
      const kept = events.filter((e) => e.at <= middle && (!e.silent || !!e.usage) && e.type !== 'STREAM_END');
      return { answer: input.answer, events: [...kept, { at: middle + 100, type: 'WORKFLOW_TIMED_OUT', silent: true, effect: { status: 'TIMEOUT', error: 'Workflow execution timed out' } }] };
    }
    case 'malformed': {
      const at = middle - 1;
      events.push(
        { at, type: 'PROGRESS', raw: { name: 'PROGRESS', data: '{"workflow_id":"x","type":"PROGRESS","agent_id":"planner","message":"Half a mess' } },
        { at: at + 0.5, type: 'AGENT_THINKING', raw: { name: 'AGENT_THINKING', data: '["not","an","event","object"]' } },
      );
      return { events, answer: input.answer };
    }
    case 'huge-event':
      return { events: withHugeObservation(events, input.topic), answer: input.answer };
    case 'many-events':
      return manyDeltas(events, input.answer);
    case 'xss':
      return { events: poison(events, rng, input.answer), answer: input.answer };
    default:
      return { events, answer: input.answer };
  }
}

/** A tool observation whose `payload.output` is ~2 MB of page text (added if the plan has none). */
function withHugeObservation(events: PlannedShannonEvent[], topic: string): PlannedShannonEvent[] {
  let observation = events.find((e) => e.type === 'TOOL_OBSERVATION');
  if (!observation) {
    const agent = events.find((e) => e.type === 'AGENT_STARTED')?.agent_id ?? 'simple-agent';
    const at = (events.find((e) => e.type === 'AGENT_STARTED')?.at ?? 0) + 1;
    events.push({ at, type: 'TOOL_INVOKED', agent_id: agent, message: `Reading a page about ${topic}`, payload: { tool: 'web_fetch', params: { url: 'https://en.wikipedia.org/wiki/Special:Random' } } });
    observation = { at: at + 1, type: 'TOOL_OBSERVATION', agent_id: agent, message: 'Web fetch: page read', payload: { tool: 'web_fetch', success: true } };
    events.push(observation);
  }
  const page = `Page text about ${topic}. ${'The quick brown fox jumps over the lazy dog. '.repeat(40)}`;
  observation.payload = { ...observation.payload, output: page.repeat(Math.ceil(HUGE_EVENT_CHARS / page.length)).slice(0, HUGE_EVENT_CHARS) };
  return events;
}

/** 10,000 one-character deltas from the answering agent at one instant; completions follow the longer text. */
function manyDeltas(events: PlannedShannonEvent[], answer: string): { events: PlannedShannonEvent[]; answer: string } {
  const deltas = events.filter((e) => e.type === 'LLM_PARTIAL' && ANSWER_AGENTS.has(e.agent_id ?? ''));
  const agent = deltas[0]?.agent_id ?? 'simple-agent';
  // The burst comes where the answer would have ended, when a client that connected after
  // submitting is listening (an earlier burst would overflow the 256-event ring before it connects).
  const at = deltas.at(-1)?.at ?? 0;
  let text = answer;
  while ([...text].length < MANY_EVENTS_COUNT) text += `\n\n${answer}`;
  const chars = [...text].slice(0, MANY_EVENTS_COUNT);
  const longer = chars.join('');
  const rest = events.filter((e) => !deltas.includes(e));
  for (const e of rest) if (e.type === 'LLM_OUTPUT' && e.message === answer) e.message = longer;
  return { events: [...rest, ...chars.map((c) => ({ at, type: 'LLM_PARTIAL', agent_id: agent, message: c }))], answer: longer };
}

/** Hostile strings everywhere except the end markers and the answer (already hostile). */
function poison(events: PlannedShannonEvent[], rng: Rng, answer: string): PlannedShannonEvent[] {
  const names = new Map<string, string>();
  const rename = (agent: string | undefined): string | undefined => {
    if (agent === undefined || FIXED_AGENTS.has(agent)) return agent;
    if (!names.has(agent)) names.set(agent, hostileText(rng, agent));
    return names.get(agent);
  };
  for (const e of events) {
    e.agent_id = rename(e.agent_id);
    if (e.payload && typeof e.payload.agent_id === 'string') e.payload.agent_id = rename(e.payload.agent_id);
    const answerEvent = e.type === 'LLM_PARTIAL' || (e.type === 'LLM_OUTPUT' && (e.message === answer || e.agent_id === 'title_generator'));
    if (e.silent || answerEvent || e.type === 'STREAM_END' || e.message === 'All done') continue;
    if (e.message) e.message = hostileText(rng, e.message);
    if (e.payload && e.type !== 'WORKFLOW_STARTED') e.payload = poisonStrings(e.payload, rng, KEEP);
  }
  return events;
}
