/**
 * Plans a Shannon workflow up front (deterministic for a seed): `WORKFLOW_STARTED`, progress,
 * station-name agents that think, call tools and report (each ending with a child
 * `WORKFLOW_COMPLETED` "<agent> is done" — mid-run, as the real orchestrator does), the final
 * answer streamed token by token from `final_output`, its `thread.message.completed`, the
 * top-level `WORKFLOW_COMPLETED` "All done", then `STREAM_END`. `mode` sets duration and detail;
 * scenarios reshape the plan. Offsets are simulated ms.
 */
import type { Rng } from '../rng.js';
import { topicOf } from '../content/prose.js';
import { makeSources } from '../content/sources.js';
import { HUGE_EVENT_CHARS, MANY_EVENTS_COUNT, SLOW_FACTOR, type ScenarioName } from '../scenarios.js';
import { hostileMarkdownBlock, hostileText, hostileUrl, poisonStrings } from '../xss-payloads.js';
import { agentNotes, callUsage, finalAnswer, modelFor, pickAgents, sessionTitle, tokenize, type CallUsage, type Model } from './shannon-content.js';
import type { Source } from '../content/sources.js';

/** One planned internal event. */
export interface PlannedShannonEvent {
  at: number;
  type: string;
  agent_id?: string;
  message?: string;
  payload?: Record<string, unknown>;
  /** A deliberately broken event (`malformed`): sent with this name and data verbatim, still with an id. */
  raw?: { name: string; data: string };
  /** Usage of an agent's LLM call, added to the task totals when emitted. */
  usage?: CallUsage;
  /** Status change when emitted. */
  effect?: { status: 'RUNNING' } | { status: 'COMPLETED' } | { status: 'FAILED'; error: string };
}

export interface ShannonPlan {
  events: PlannedShannonEvent[];
  answer: string;
  sources: Source[];
  /** Credibility score of each source, for the status endpoint's citations. */
  credibility: number[];
  model: Model;
  durationMs: number;
}

export interface ShannonPlanOptions {
  rng: Rng;
  query: string;
  context: Record<string, unknown>;
  mode: string | undefined;
  modelTier: string | undefined;
  modelOverride: string | undefined;
  scenario: ScenarioName;
}

const MODES: Record<string, { duration: number; agents: number; fetch: boolean; detail: number }> = {
  simple: { duration: 4_000, agents: 1, fetch: false, detail: 1 },
  standard: { duration: 10_000, agents: 2, fetch: true, detail: 2 },
  complex: { duration: 20_000, agents: 3, fetch: true, detail: 3 },
  supervisor: { duration: 30_000, agents: 4, fetch: true, detail: 3 },
};
/** `slow`: silence after the first child completion, longer than the 30 s post-completion close. */
export const SLOW_CHILD_PAUSE_MS = 45_000;
const KEEP = new Set(['type', 'agent_id']);

/** Plans a workflow. */
export function planShannonWorkflow(options: ShannonPlanOptions): ShannonPlan {
  const { rng, scenario } = options;
  const xss = scenario === 'xss';
  const profile = MODES[options.mode ?? 'standard'] ?? (MODES.standard as (typeof MODES)['standard']);
  const topic = xss ? hostileText(rng, topicOf(options.query)) : topicOf(options.query);
  let sources = makeSources(rng.fork('sources'), topic, 2 + profile.detail);
  if (xss) sources = sources.map((s, i) => ({ ...s, url: i % 2 === 0 ? hostileUrl(rng) : s.url }));
  const model = modelFor(options.modelTier, options.modelOverride);
  const agents = pickAgents(rng, profile.agents).map((a) => (xss ? hostileText(rng, a) : a));
  const d = profile.duration;
  const events: PlannedShannonEvent[] = [
    { at: 0, type: 'WORKFLOW_STARTED', agent_id: 'orchestrator', message: 'Starting up', payload: { task_context: options.context }, effect: { status: 'RUNNING' } },
    { at: d * 0.03, type: 'PROGRESS', agent_id: 'planner', message: 'Understanding your request' },
  ];
  if (profile.agents > 1) events.push({ at: d * 0.05, type: 'DELEGATION', agent_id: 'orchestrator', message: 'Running team plan' });
  if (options.mode === 'supervisor') {
    const payload = { role: 'researcher', tools: ['web_search', 'web_fetch'], tool_count: 2 };
    agents.forEach((agent, i) => events.push({ at: d * 0.06 + i, type: 'ROLE_ASSIGNED', agent_id: agent, message: `${agent} assigned as researcher`, payload }));
  }
  const titleUsage = callUsage(rng, modelFor('small', undefined), 12);
  events.push({ at: d * 0.08, type: 'LLM_OUTPUT', agent_id: 'title_generator', message: sessionTitle(topic), payload: { ...titleUsage }, usage: titleUsage });

  const slot = (d * 0.6) / agents.length;
  agents.forEach((agent, i) => {
    const t = (f: number): number => d * 0.1 + slot * (i + f);
    const source = sources[i % sources.length] as Source;
    const query = `${topic} ${['overview', 'latest figures', 'criticism', 'history'][i % 4]}`;
    events.push(
      { at: t(0), type: 'AGENT_STARTED', agent_id: agent, message: `${agent} started` },
      { at: t(0.1), type: 'AGENT_THINKING', agent_id: agent, message: profile.detail > 2 ? `Looking for primary sources on ${topic} before reading secondary coverage.` : 'Thinking' },
      { at: t(0.2), type: 'TOOL_INVOKED', agent_id: agent, message: `Searching the web for "${query}"`, payload: { tool: 'web_search', params: { query } } },
      { at: t(0.35), type: 'TOOL_OBSERVATION', agent_id: agent, message: `Found ${rng.int(4, 12)} results`, payload: { tool: 'web_search', success: true, duration_ms: rng.int(300, 2500) } },
    );
    if (profile.fetch) {
      events.push(
        { at: t(0.45), type: 'TOOL_INVOKED', agent_id: agent, message: `Reading ${source.domain}`, payload: { tool: 'web_fetch', params: { url: source.url } } },
        { at: t(0.6), type: 'TOOL_OBSERVATION', agent_id: agent, message: `Fetched "${source.title}"`, payload: { tool: 'web_fetch', success: true, duration_ms: rng.int(200, 1800) } },
      );
    }
    const usage = callUsage(rng, model, rng.int(120, 600));
    const childDone = { agent_id: agent, tool_name: 'web_search', execution_time: Math.round(slot * 0.95), cost_usd: usage.cost_usd };
    events.push(
      { at: t(0.8), type: 'LLM_OUTPUT', agent_id: agent, message: agentNotes(rng, topic, sources), payload: { ...usage }, usage },
      { at: t(0.9), type: 'AGENT_COMPLETED', agent_id: agent, message: `${agent} finished` },
      { at: t(0.95), type: 'WORKFLOW_COMPLETED', agent_id: agent, message: `${agent} is done`, payload: childDone },
    );
  });
  events.push({ at: d * 0.72, type: 'PROGRESS', agent_id: 'orchestrator', message: 'Combining results' });

  let answer = finalAnswer(rng.fork('answer'), topic, sources, profile.detail);
  if (xss) answer += `\n\n${hostileMarkdownBlock()}`;
  let tokens = tokenize(answer);
  if (scenario === 'many-events') {
    while (tokens.length < MANY_EVENTS_COUNT) tokens = tokens.concat(tokenize(`\n\n${answer}`));
    tokens = tokens.slice(0, MANY_EVENTS_COUNT);
    answer = tokens.join('');
  }
  tokens.forEach((token, i) => {
    const at = scenario === 'many-events' ? d * 0.75 : d * 0.75 + (d * 0.2 * i) / tokens.length;
    events.push({ at, type: 'LLM_PARTIAL', agent_id: 'final_output', message: token });
  });
  const totalTokens = events.reduce((sum, e) => sum + (e.usage?.tokens_used ?? 0), 0) + tokens.length;
  events.push(
    { at: d * 0.96, type: 'LLM_OUTPUT', agent_id: 'final_output', message: answer, payload: { tokens_used: totalTokens, model_used: model.model } },
    { at: d * 0.98, type: 'WORKFLOW_COMPLETED', agent_id: 'orchestrator', message: 'All done', effect: { status: 'COMPLETED' } },
    { at: d, type: 'STREAM_END', agent_id: 'orchestrator', message: 'Done' },
  );
  const shaped = applyScenario(events, scenario, rng, topic);
  if (xss) {
    for (const e of shaped) {
      // The answer is already hostile; the end markers stay exact so completion logic is unaffected.
      if (e.type === 'LLM_PARTIAL' || e.type === 'STREAM_END' || e.message === 'All done' || (e.type === 'LLM_OUTPUT' && e.agent_id === 'final_output')) continue;
      if (e.message) e.message = hostileText(rng, e.message);
      if (e.payload && e.type !== 'WORKFLOW_STARTED') e.payload = poisonStrings(e.payload, rng, KEEP);
    }
  }
  shaped.sort((a, b) => a.at - b.at);
  const credibility = sources.map(() => Math.round(rng.float(0.55, 0.98) * 100) / 100);
  return { events: shaped, answer, sources, credibility, model, durationMs: (shaped[shaped.length - 1] as PlannedShannonEvent).at };
}

function applyScenario(events: PlannedShannonEvent[], scenario: ScenarioName, rng: Rng, topic: string): PlannedShannonEvent[] {
  const firstChildDone = events.filter((e) => e.type === 'WORKFLOW_COMPLETED' && e.message !== 'All done').sort((a, b) => a.at - b.at)[0];
  if (scenario === 'slow') {
    for (const e of events) e.at *= SLOW_FACTOR;
    const pauseAfter = firstChildDone?.at ?? 0;
    for (const e of events) if (e.at > pauseAfter) e.at += SLOW_CHILD_PAUSE_MS;
  } else if (scenario === 'fails' && firstChildDone) {
    const reason = rng.pick(['upstream LLM provider returned 529 (overloaded) after 3 retries', 'tool web_fetch timed out after 30s for every source']);
    const at = firstChildDone.at;
    const kept = events.filter((e) => e.at <= at && e.type !== 'STREAM_END');
    return [
      ...kept,
      { at: at + 200, type: 'ERROR_OCCURRED', agent_id: 'orchestrator', message: `Hit an issue: ${reason.slice(0, 100)}…`, effect: { status: 'FAILED', error: reason } },
      { at: at + 300, type: 'STREAM_END', agent_id: 'orchestrator', message: 'Done' },
    ];
  } else if (scenario === 'malformed') {
    const at = (firstChildDone?.at ?? 0) - 1;
    events.push(
      { at, type: 'PROGRESS', raw: { name: 'PROGRESS', data: '{"workflow_id":"x","type":"PROGRESS","agent_id":"planner","message":"Half a mess' } },
      { at: at + 0.5, type: 'AGENT_THINKING', raw: { name: 'AGENT_THINKING', data: '["not","an","event","object"]' } },
    );
  } else if (scenario === 'huge-event') {
    const observation = events.find((e) => e.type === 'TOOL_OBSERVATION');
    if (observation?.payload) {
      const page = `Page text about ${topic}. ${'The quick brown fox jumps over the lazy dog. '.repeat(40)}`;
      observation.payload.output = page.repeat(Math.ceil(HUGE_EVENT_CHARS / page.length)).slice(0, HUGE_EVENT_CHARS);
    }
  }
  return events;
}
