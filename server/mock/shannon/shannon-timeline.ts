/**
 * Plans a Shannon workflow up front (deterministic for a seed), in the order the v0.5.1
 * orchestrator publishes it (test/fixtures/real/README.md lists the source files):
 *
 * - the router's `WORKFLOW_STARTED` (orchestrator, `payload.task_context`) and the async session
 *   title from the LLM service: `LLM_PROMPT` + one delta + a completion with nested
 *   `metadata.usage`, all from `title_generator`;
 * - `simple` mode: the station agent's "Thinking about: …" / "Working on it", `LLM_PROMPT` from
 *   `simple-agent`, the answer as one-character deltas from `simple-agent`, then its own completion
 *   with flat usage;
 * - other modes (research): the decomposition's usage, recorded but never streamed; station agents working in parallel with tools, their notes streamed
 *   by the LLM service in 512-character chunks that interleave between agents, each call completed
 *   twice (nested usage from the LLM service, then flat usage from the Go activity — one call),
 *   a child `WORKFLOW_COMPLETED` "<agent> is done" each, then `synthesis` streaming the answer in
 *   512-character chunks and completing it;
 * - `final_output`'s completion with the same text, "All done", then `STREAM_END` (`done`), sent
 *   from inside the workflow: the status stays RUNNING for {@link STATUS_LAG_MS} more.
 *
 * Offsets are simulated ms. Scenarios reshape the plan (shannon-plan-scenarios.ts).
 */
import type { Rng } from '../rng.js';
import { sentence, topicOf } from '../content/prose.js';
import { makeSources, type Source } from '../content/sources.js';
import type { ScenarioName } from '../scenarios.js';
import { hostileMarkdownBlock, hostileText, hostileUrl } from '../xss-payloads.js';
import {
  agentNotes, callUsage, characters, chunkText, finalAnswer, flatUsage, modelFor, nestedUsage, pickAgents, sessionTitle, titlePrompt,
  type CallUsage, type Model,
} from './shannon-content.js';
import { applyShannonScenario } from './shannon-plan-scenarios.js';

/** One planned internal event. */
export interface PlannedShannonEvent {
  at: number;
  type: string;
  agent_id?: string;
  message?: string;
  payload?: Record<string, unknown>;
  /** A deliberately broken event (`malformed`): sent with this name and data verbatim, still with an id. */
  raw?: { name: string; data: string };
  /**
   * Usage of one LLM call, recorded in the task's `token_usage` when due (once per call, streamed
   * or not: shannon-usage.ts says which calls have a row).
   */
  usage?: CallUsage;
  /** Status change when emitted. */
  effect?: StatusEffect;
  /** Not published: only the status effect happens (the workflow returning after `done`). */
  silent?: boolean;
}

export type StatusEffect =
  | { status: 'COMPLETED' }
  | { status: 'FAILED'; error: string }
  | { status: 'TIMEOUT'; error: string };

export interface ShannonPlan {
  events: PlannedShannonEvent[];
  answer: string;
  sources: Source[];
  /** Credibility score of each source, for the status endpoint's citations. */
  credibility: number[];
  model: Model;
  /** Simulated ms from submit to `STREAM_END` (or the last published event). */
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
  /** Simulated ms the status stays RUNNING after `done`. @default STATUS_LAG_MS */
  statusLagMs?: number;
  /** The session has no title yet, so the router generates one. @default true */
  newSession?: boolean;
}

const MODES: Record<string, { duration: number; agents: number; fetch: boolean; detail: number }> = {
  simple: { duration: 4_000, agents: 1, fetch: false, detail: 1 },
  standard: { duration: 10_000, agents: 2, fetch: true, detail: 2 },
  complex: { duration: 20_000, agents: 3, fetch: true, detail: 3 },
  supervisor: { duration: 30_000, agents: 4, fetch: true, detail: 3 },
};
/** How long the status API keeps saying RUNNING after `done` (the workflow has not returned yet). */
export const STATUS_LAG_MS = 2_500;
const WORDS_50 = 50;

/** Plans a workflow. */
export function planShannonWorkflow(options: ShannonPlanOptions): ShannonPlan {
  const { rng, scenario } = options;
  const lag = options.statusLagMs ?? STATUS_LAG_MS;
  const xss = scenario === 'xss';
  const profile = MODES[options.mode ?? 'standard'] ?? (MODES.standard as (typeof MODES)['standard']);
  const topic = xss ? hostileText(rng, topicOf(options.query)) : topicOf(options.query);
  let sources = makeSources(rng.fork('sources'), topic, 2 + profile.detail);
  if (xss) sources = sources.map((s, i) => ({ ...s, url: i % 2 === 0 ? hostileUrl(rng) : s.url }));
  const model = modelFor(options.modelTier, options.modelOverride);
  const small = modelFor('small', undefined);
  const d = profile.duration;
  const simple = options.mode === 'simple';
  const events: PlannedShannonEvent[] = [
    { at: 0, type: 'WORKFLOW_STARTED', agent_id: 'orchestrator', message: 'Starting up', payload: { task_context: options.context } },
  ];

  // Session title: the LLM service emits the prompt, one chunk (a title is < 512 chars) and the completion.
  const title = sessionTitle(topic);
  const titleUsage = callUsage(rng, small, 6);
  if (options.newSession !== false) events.push(
    { at: d * 0.02, type: 'LLM_PROMPT', agent_id: 'title_generator', message: titlePrompt(options.query).slice(0, 500), payload: { model: small.model, provider: small.provider } },
    { at: d * 0.04, type: 'LLM_PARTIAL', agent_id: 'title_generator', message: title },
    // Streamed with its usage, but never recorded (session_title.go): not in the status totals.
    { at: d * 0.045, type: 'LLM_OUTPUT', agent_id: 'title_generator', message: title, payload: nestedUsage(titleUsage) },
  );

  // Asked for JSON, the model answers with a JSON object: the status API then parses it into `response`.
  let answer = /\bjson\b/i.test(options.query) ? jsonAnswer(rng.fork('answer'), topic, sources) : finalAnswer(rng.fork('answer'), topic, sources, profile.detail);
  if (xss) answer += `\n\n${hostileMarkdownBlock()}`;
  const station = pickAgents(rng, 1)[0] as string;
  let answerUsage: CallUsage;
  if (simple) {
    answerUsage = callUsage(rng, model, Math.ceil(answer.length / 4));
    events.push(
      { at: d * 0.01, type: 'DELEGATION', agent_id: 'orchestrator', message: 'Processing' },
      { at: d * 0.03, type: 'WORKFLOW_STARTED', agent_id: station, message: 'Starting up' },
      { at: d * 0.035, type: 'AGENT_THINKING', agent_id: station, message: `Thinking about: ${truncate(options.query, WORDS_50)}` },
      { at: d * 0.05, type: 'AGENT_STARTED', agent_id: station, message: 'Working on it' },
      { at: d * 0.08, type: 'LLM_PROMPT', agent_id: 'simple-agent', message: options.query, payload: { role: 'generalist' } },
    );
    streamDeltas(events, 'simple-agent', characters(answer), d * 0.1, d * 0.9);
    events.push({ at: d * 0.91, type: 'LLM_OUTPUT', agent_id: 'simple-agent', message: answer, payload: flatUsage(answerUsage, 'generalist'), usage: answerUsage });
  } else {
    // The router's decomposition call: recorded as agent `decompose`, never streamed (orchestrator_router.go).
    events.push({ at: d * 0.04, type: 'TOKEN_USAGE_RECORDED', agent_id: 'decompose', silent: true, usage: callUsage(rng.fork('decompose'), small, 180) });
    planResearch(events, { rng, topic, sources, model, d, fetch: profile.fetch, agents: profile.agents, supervisor: options.mode === 'supervisor' });
    answerUsage = callUsage(rng, model, Math.ceil(answer.length / 4));
    events.push({ at: d * 0.72, type: 'PROGRESS', agent_id: 'orchestrator', message: 'Combining results' });
    streamDeltas(events, 'synthesis', chunkText(answer), d * 0.75, d * 0.9);
    events.push(
      { at: d * 0.91, type: 'LLM_OUTPUT', agent_id: 'synthesis', message: answer, payload: nestedUsage(answerUsage), usage: answerUsage },
      { at: d * 0.92, type: 'DATA_PROCESSING', agent_id: 'synthesis', message: 'Wrapping up' },
      { at: d * 0.93, type: 'DATA_PROCESSING', agent_id: 'synthesis', message: 'Answer ready' },
    );
  }
  const totalTokens = events.reduce((sum, e) => sum + (e.usage?.tokens_used ?? 0), 0);
  events.push(
    { at: d * 0.95, type: 'LLM_OUTPUT', agent_id: 'final_output', message: answer, payload: { tokens_used: totalTokens, model_used: model.model } },
    { at: d * 0.96, type: 'AGENT_COMPLETED', agent_id: simple ? station : 'orchestrator', message: 'Done' },
    { at: d * 0.98, type: 'WORKFLOW_COMPLETED', agent_id: simple ? station : 'orchestrator', message: 'All done' },
    { at: d, type: 'STREAM_END', agent_id: 'orchestrator', message: 'Done' },
    { at: d + lag, type: 'WORKFLOW_RETURNED', silent: true, effect: { status: 'COMPLETED' } },
  );
  const shaped = applyShannonScenario(events, { scenario, rng, topic, answer, statusLagMs: lag });
  answer = shaped.answer;
  shaped.events.sort((a, b) => a.at - b.at);
  const credibility = sources.map(() => Math.round(rng.float(0.55, 0.98) * 100) / 100);
  const published = shaped.events.filter((e) => !e.silent);
  return { events: shaped.events, answer, sources, credibility, model, durationMs: (published[published.length - 1] as PlannedShannonEvent).at };
}

interface ResearchOptions {
  rng: Rng;
  topic: string;
  sources: Source[];
  model: Model;
  d: number;
  fetch: boolean;
  agents: number;
  supervisor: boolean;
}

/** Station agents researching in parallel; their notes' 512-character chunks interleave. */
function planResearch(events: PlannedShannonEvent[], o: ResearchOptions): void {
  const { rng, topic, sources, d } = o;
  const agents = pickAgents(rng, o.agents);
  const steps = agents.length;
  events.push(
    { at: d * 0.03, type: 'PROGRESS', agent_id: 'planner', message: 'Understanding your request' },
    { at: d * 0.05, type: 'PROGRESS', agent_id: 'planner', message: `Got a plan — ${steps} steps`, payload: { plan: agents.map((_, i) => ({ id: `task-${i + 1}`, description: `${topic}: ${['overview', 'latest figures', 'criticism', 'history'][i % 4]}` })), deps: [] } },
    { at: d * 0.06, type: 'DELEGATION', agent_id: 'orchestrator', message: 'Running team plan' },
  );
  const notes: Array<{ agent: string; chunks: string[] }> = [];
  agents.forEach((agent, i) => {
    const t = (f: number): number => d * (0.08 + 0.01 * i) + d * 0.4 * f;
    const source = sources[i % sources.length] as Source;
    const query = `${topic} ${['overview', 'latest figures', 'criticism', 'history'][i % 4]}`;
    if (o.supervisor) events.push({ at: t(0), type: 'ROLE_ASSIGNED', agent_id: agent, message: `${agent} assigned as researcher`, payload: { role: 'researcher', tools: ['web_search', 'web_fetch'], tool_count: 2 } });
    events.push(
      { at: t(0.01), type: 'AGENT_STARTED', agent_id: agent, message: `${agent} is researching` },
      { at: t(0.1), type: 'AGENT_THINKING', agent_id: agent, message: 'Thinking' },
      { at: t(0.2), type: 'TOOL_INVOKED', agent_id: agent, message: `Searching the web for "${query}"`, payload: { tool: 'web_search', params: { query } } },
      { at: t(0.35), type: 'TOOL_OBSERVATION', agent_id: agent, message: `Web search: ${rng.int(4, 12)} results for ${query}`, payload: { tool: 'web_search', success: true, duration_ms: rng.int(300, 2500) } },
    );
    if (o.fetch) {
      events.push(
        { at: t(0.45), type: 'TOOL_INVOKED', agent_id: agent, message: `Reading ${source.domain}`, payload: { tool: 'web_fetch', params: { url: source.url } } },
        { at: t(0.6), type: 'TOOL_OBSERVATION', agent_id: agent, message: `Web fetch: ${source.title}`, payload: { tool: 'web_fetch', success: true, duration_ms: rng.int(200, 1800) } },
      );
    }
    notes.push({ agent, chunks: chunkText(agentNotes(rng, topic, sources)) });
  });
  // All agents stream at once: chunk k of every agent before chunk k + 1 of any.
  const rounds = Math.max(...notes.map((n) => n.chunks.length));
  const from = d * 0.5;
  const span = d * 0.1;
  for (let k = 0; k < rounds; k++) {
    notes.forEach((n, i) => {
      const chunk = n.chunks[k];
      if (chunk !== undefined) events.push({ at: from + (span * (k * notes.length + i)) / (rounds * notes.length), type: 'LLM_PARTIAL', agent_id: n.agent, message: chunk });
    });
  }
  notes.forEach((n, i) => {
    const at = d * 0.62 + d * 0.02 * i;
    const text = n.chunks.join('');
    const usage = callUsage(rng, o.model, Math.ceil(text.length / 4));
    events.push(
      { at, type: 'LLM_OUTPUT', agent_id: n.agent, message: text, payload: nestedUsage(usage) },
      // The Go activity reports the same call again, flat: count it once.
      { at: at + 1, type: 'LLM_OUTPUT', agent_id: n.agent, message: text, payload: flatUsage(usage, 'researcher'), usage },
      { at: at + 2, type: 'AGENT_COMPLETED', agent_id: n.agent, message: `${n.agent} finished` },
      { at: at + 3, type: 'WORKFLOW_COMPLETED', agent_id: n.agent, message: `${n.agent} is done`, payload: { agent_id: n.agent, tool_name: 'web_search', execution_time: Math.round(d * 0.5), cost_usd: usage.cost_usd } },
    );
  });
}

/** A JSON object answer (what a model writes when the query asks for JSON). */
function jsonAnswer(rng: Rng, topic: string, sources: readonly Source[]): string {
  const cited = sources.slice(0, 3);
  return JSON.stringify({ topic, summary: `${sentence(rng, topic)} ${sentence(rng, topic)}`, sources: cited.map((s) => ({ title: s.title, url: s.url })) }, null, 2);
}

/** Spreads deltas evenly over [from, to). */
function streamDeltas(events: PlannedShannonEvent[], agent: string, parts: readonly string[], from: number, to: number): void {
  parts.forEach((part, i) => events.push({ at: from + ((to - from) * i) / parts.length, type: 'LLM_PARTIAL', agent_id: agent, message: part }));
}

/** Go's `msgTruncate`: at most `max` bytes' worth of characters, then "...". */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}
