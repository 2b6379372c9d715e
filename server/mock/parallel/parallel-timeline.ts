/**
 * Plans a Parallel run up front (so the same seed gives the same run): when it leaves `queued`,
 * which progress messages and stats it emits and when, its output, and how it ends. Offsets are
 * simulated milliseconds from create; {@link ParallelRun} plays the plan. Scenarios reshape it:
 * `slow` stretches it, `fails` ends it early with an error, `malformed` adds broken frames,
 * `huge-event` one ~2 MB message, `many-events` a burst of 10,000 messages, `xss` hostile strings.
 */
import type { Rng } from '../rng.js';
import { aspect, factor, topicOf } from '../content/prose.js';
import { makeSources, type Source } from '../content/sources.js';
import { HUGE_EVENT_CHARS, MANY_EVENTS_COUNT, SLOW_FACTOR, type ScenarioName } from '../scenarios.js';
import { hostileMarkdownBlock, hostileText, hostileUrl, poisonStrings } from '../xss-payloads.js';
import { generateOutput, type McpToolCall, type ParallelOutput } from './parallel-content.js';
import type { ProcessorProfile } from './parallel-processors.js';
import type { CreateRequest } from './parallel-validate.js';

/** Source statistics as sent in `task_run.progress_stats`. */
export interface StatsSnapshot {
  num_sources_considered: number;
  num_sources_read: number;
  sources_read_sample: string[];
  progress_meter: number;
}

export type PlannedEvent =
  | { at: number; kind: 'running' }
  | { at: number; kind: 'message'; type: string; message: string }
  /** A deliberately broken event block, written verbatim (`malformed`). */
  | { at: number; kind: 'raw'; block: string }
  | { at: number; kind: 'stats'; stats: StatsSnapshot }
  | { at: number; kind: 'complete' }
  | { at: number; kind: 'fail'; refId: string; message: string }
  /** A transition to another status (`action_required`, `cancelling`, `cancelled`). */
  | { at: number; kind: 'status'; status: 'action_required' | 'cancelling' | 'cancelled' }
  /** An `error` event on the open streams (`parallel-error-event`). */
  | { at: number; kind: 'error-event'; refId: string; message: string; detail: Record<string, unknown> | null };

export interface ParallelPlan {
  events: PlannedEvent[];
  output: ParallelOutput;
  /** Simulated ms from create to the terminal event. */
  durationMs: number;
}

export interface PlanOptions {
  rng: Rng;
  request: CreateRequest;
  profile: ProcessorProfile;
  scenario: ScenarioName;
  fieldBasisBeta: boolean;
}

const KEEP = new Set(['type', 'field', 'confidence', 'output_schema']);

/** Plans a run. */
export function planParallelRun(options: PlanOptions): ParallelPlan {
  const { rng, request, profile, scenario } = options;
  const xss = scenario === 'xss';
  const topic = topicOf(request.input);
  const policy = request.sourcePolicy;
  let sources = makeSources(rng.fork('sources'), topic, Math.min(40, Math.max(6, Math.round(profile.sources / 4))), {
    includeDomains: policy.includeDomains, excludeDomains: policy.excludeDomains, afterDate: policy.afterDate,
  });
  if (xss) sources = sources.map((s, i) => ({ ...s, url: i % 2 === 0 ? hostileUrl(rng) : s.url, title: hostileText(rng, s.title) }));
  let output = generateOutput(request.output, { rng: rng.fork('output'), topic, sources, profile, fieldBasisBeta: options.fieldBasisBeta });
  const mcpCalls = mcpToolCalls(rng.fork('mcp'), request, topic);
  if (mcpCalls.length > 0) output.mcp_tool_calls = mcpCalls;
  if (xss) output = poisonOutput(output, rng);

  const duration = profile.durationMs * (scenario === 'slow' ? SLOW_FACTOR : 1);
  const runningAt = Math.max(200, Math.round(duration * 0.08));
  const events: PlannedEvent[] = [{ at: runningAt, kind: 'running' }];
  const messages = request.enableEvents ? messageTexts(rng.fork('messages'), topic, sources, profile.messages) : [];
  // Each MCP call shows as a tool_call message, in the order they were made.
  mcpCalls.forEach((call, i) => messages.splice(Math.min(messages.length, 2 + i), 0, { kind: 'tool_call', text: `Calling ${call.tool_name} on MCP server ${call.server_name}` }));
  const span = duration * 0.9 - runningAt;
  const stats = statsCurve(profile, sources);
  events.push({ at: runningAt, kind: 'stats', stats: stats(0) });
  messages.forEach((m, i) => {
    const at = Math.round(runningAt + (span * (i + 1)) / (messages.length + 1) + rng.float(-0.2, 0.2) * (span / (messages.length + 1)));
    events.push({ at, kind: 'message', type: `task_run.progress_msg.${m.kind}`, message: xss ? hostileText(rng, m.text) : m.text });
    if (i % 2 === 1) events.push({ at: at + 1, kind: 'stats', stats: stats((i + 1) / (messages.length + 1)) });
  });
  if (messages.length === 0) events.push({ at: Math.round(duration / 2), kind: 'stats', stats: stats(0.5) });
  events.push({ at: duration - 1, kind: 'stats', stats: stats(1) });
  events.push({ at: duration, kind: 'complete' });
  applyScenario(events, scenario, { rng, duration, runningAt, topic });
  if (xss) for (const e of events) if (e.kind === 'stats') e.stats.sources_read_sample = e.stats.sources_read_sample.map((u, i) => (i % 2 ? u : hostileUrl(rng)));
  events.sort((a, b) => a.at - b.at);
  const last = events[events.length - 1] as PlannedEvent;
  return { events, output, durationMs: last.at };
}

interface ScenarioContext {
  rng: Rng;
  duration: number;
  runningAt: number;
  topic: string;
}

function applyScenario(events: PlannedEvent[], scenario: ScenarioName, ctx: ScenarioContext): void {
  const { rng, duration, runningAt } = ctx;
  if (scenario === 'fails') {
    const failAt = Math.round(duration * 0.6);
    const kept = events.filter((e) => e.at < failAt && e.kind !== 'complete');
    events.splice(0, events.length, ...kept, {
      at: failAt,
      kind: 'fail',
      refId: rng.uuid(),
      message: rng.pick([
        'Task execution failed: the processor could not gather enough reliable sources.',
        'Task execution failed after an internal error. Retry the run; contact support with the ref_id if it persists.',
      ]),
    });
  } else if (scenario === 'parallel-action-required') {
    // The run stops to wait for the user and stays there; nothing after it happens.
    const at = Math.round(duration * 0.4);
    const kept = events.filter((e) => e.at < at && e.kind !== 'complete');
    events.splice(0, events.length, ...kept, { at, kind: 'status', status: 'action_required' });
  } else if (scenario === 'parallel-cancelled') {
    const at = Math.round(duration * 0.4);
    const kept = events.filter((e) => e.at < at && e.kind !== 'complete');
    events.splice(0, events.length, ...kept, { at, kind: 'status', status: 'cancelling' }, { at: Math.round(duration * 0.55), kind: 'status', status: 'cancelled' });
  } else if (scenario === 'parallel-error-event') {
    events.push({ at: Math.round(duration * 0.3), kind: 'error-event', refId: rng.uuid(), message: 'Internal error while streaming events. Reconnect to continue.', detail: { reason: 'stream_interrupted' } });
  } else if (scenario === 'malformed') {
    const at = Math.round(duration * 0.45);
    events.push(
      { at, kind: 'raw', block: 'event: task_run.progress_msg.search\ndata: {"type":"task_run.progress_msg.search","message":"Searching for pri\n\n' },
      { at: at + 1, kind: 'raw', block: 'event: task_run.progress_msg.plan\ndata: <html><body>502 Bad Gateway</body></html>\n\n' },
      { at: at + 2, kind: 'raw', block: 'event: task_run.progress_msg.result\ndata: {"type":"task_run.progress_msg.result","message":{"text":["not","a","string"]},"timestamp":42}\n\n' },
    );
  } else if (scenario === 'huge-event') {
    const chunk = `Extracted page text about ${ctx.topic}: ${'lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)}`;
    const message = chunk.repeat(Math.ceil(HUGE_EVENT_CHARS / chunk.length)).slice(0, HUGE_EVENT_CHARS);
    events.push({ at: Math.round(duration * 0.5), kind: 'message', type: 'task_run.progress_msg.result', message });
  } else if (scenario === 'many-events') {
    const at = runningAt + 1;
    const kinds = ['search', 'result', 'tool_call', 'exec_status'];
    for (let i = 0; i < MANY_EVENTS_COUNT; i++) {
      events.push({ at, kind: 'message', type: `task_run.progress_msg.${kinds[i % kinds.length]}`, message: `Burst message ${i + 1} of ${MANY_EVENTS_COUNT}` });
    }
  }
}

/** Cumulative stats as a function of progress in [0, 1]. */
function statsCurve(profile: ProcessorProfile, sources: readonly Source[]): (progress: number) => StatsSnapshot {
  return (progress) => {
    const read = Math.round(Math.max(0, Math.min(1, progress)) * Math.max(sources.length, profile.sources * 0.15));
    const sample = sources.slice(0, Math.min(read, sources.length)).slice(-5).map((s) => s.url);
    return {
      num_sources_considered: Math.round(progress * profile.sources),
      num_sources_read: read,
      sources_read_sample: sample,
      progress_meter: progress >= 1 ? 100 : Math.round(progress * 950) / 10,
    };
  };
}

interface MessageText {
  kind: string;
  text: string;
}

/** Texts of the normal progress messages: start, plan, search/result/read cycles, compile. */
function messageTexts(rng: Rng, topic: string, sources: readonly Source[], count: number): MessageText[] {
  if (count <= 0) return [];
  const out: MessageText[] = [{ kind: 'exec_status', text: 'Starting research' }];
  if (count > 1) out.push({ kind: 'plan', text: `Planning: identify authoritative sources on ${topic}, then cross-check ${aspect(rng)} and ${aspect(rng)}` });
  let i = 0;
  while (out.length < count - 1) {
    const source = sources[i % sources.length] as Source;
    const step = i % 4;
    if (step === 0) out.push({ kind: 'search', text: `Searching for "${topic} ${aspect(rng)}"` });
    else if (step === 1) out.push({ kind: 'result', text: `Found ${rng.int(4, 40)} relevant results, including ${source.domain}` });
    else if (step === 2) out.push({ kind: 'tool_call', text: `Reading ${source.url}` });
    else out.push({ kind: 'exec_status', text: `Cross-checking figures; sources differ on ${factor(rng)}` });
    i++;
  }
  if (count > 1) out.push({ kind: 'exec_status', text: 'Compiling the final output' });
  if (count >= 6) out.splice(Math.floor(count / 2), 1, { kind: 'tool', text: `Opened ${rng.int(2, 6)} pages in parallel` });
  return out;
}

const MCP_TOOLS = ['search_documents', 'get_company_profile', 'lookup_filing', 'fetch_page'];

/** The MCP tool calls a run made: one or two per server, from its allowed tools when listed. */
function mcpToolCalls(rng: Rng, request: CreateRequest, topic: string): McpToolCall[] {
  return request.mcpServers.flatMap((server, s) => {
    const tools = server.allowedTools && server.allowedTools.length > 0 ? server.allowedTools : MCP_TOOLS;
    return Array.from({ length: rng.int(1, 2) }, (_, i) => {
      const failed = s === 0 && i === 1;
      return {
        tool_call_id: `call_${rng.hex(24)}`,
        server_name: server.name,
        tool_name: rng.pick(tools),
        arguments: JSON.stringify({ query: topic, limit: rng.int(3, 10) }),
        content: failed ? null : `Found ${rng.int(2, 9)} records about ${topic}.`,
        error: failed ? 'Tool call timed out after 30 s' : null,
      };
    });
  });
}

function poisonOutput(output: ParallelOutput, rng: Rng): ParallelOutput {
  for (const basis of output.basis) {
    // Hostile text everywhere a string can be: fill what the API may leave null.
    for (const citation of basis.citations) {
      citation.title ??= 'Untitled';
      citation.excerpts ??= ['No excerpt'];
    }
  }
  const poisoned = poisonStrings(output, rng, KEEP);
  if (poisoned.type === 'text') poisoned.content += `\n${hostileMarkdownBlock()}`;
  return poisoned;
}
