/**
 * Token and cost usage: reading one model call's usage from the wire, and adding up a run's calls
 * without counting one call twice.
 *
 * Shannon reports a call's usage in two shapes (shannon-streaming-api.md §9, checked against
 * Kocoro-lab/Shannon v0.5.1):
 * - flat, from the Go agents (`activities/agent.go`): `{tokens_used, model_used, provider,
 *   input_tokens, output_tokens, cost_usd, …}`;
 * - nested, from the LLM service (`llm_service/providers/__init__.py` `_emit_events`):
 *   `{provider, model, usage: {input_tokens, output_tokens, total_tokens, cost_usd, …}}`.
 * One payload may carry both, and one call may be reported by both emitters (the LLM service and
 * the agent that called it). A run's total from the status API (`usage {total_tokens, input_tokens,
 * output_tokens, estimated_cost}`) is authoritative once it exists.
 */
import { hashText } from '../util/hash.js';
import { asNumber, asObject, asString } from '../util/read.js';
import type { TaskEvent, TaskRun, Usage } from './task-event.js';

const COUNTS = ['totalTokens', 'inputTokens', 'outputTokens', 'costUsd'] as const;

/**
 * Usage of one model call from a payload in either shape, or both at once (the nested values win,
 * the flat ones only fill what is missing: one call is never added to itself). Undefined when the
 * payload names no tokens, cost or model.
 */
export function readUsage(payload: unknown): Usage | undefined {
  const flat = asObject(payload);
  if (!flat) return undefined;
  const nested = asObject(flat.usage) ?? {};
  const usage: Usage = {};
  const pick = <K extends keyof Usage>(key: K, ...values: Array<Usage[K] | undefined>) => {
    const value = values.find((v) => v !== undefined);
    if (value !== undefined) usage[key] = value;
  };
  pick('inputTokens', asNumber(nested.input_tokens), asNumber(nested.prompt_tokens), asNumber(flat.input_tokens), asNumber(flat.prompt_tokens));
  pick('outputTokens', asNumber(nested.output_tokens), asNumber(nested.completion_tokens), asNumber(flat.output_tokens), asNumber(flat.completion_tokens));
  pick('totalTokens', asNumber(nested.total_tokens), asNumber(nested.tokens_used), asNumber(flat.total_tokens), asNumber(flat.tokens_used));
  if (usage.totalTokens === undefined && usage.inputTokens !== undefined && usage.outputTokens !== undefined) {
    usage.totalTokens = usage.inputTokens + usage.outputTokens;
  }
  pick('costUsd', asNumber(nested.cost_usd), asNumber(nested.estimated_cost), asNumber(flat.cost_usd), asNumber(flat.estimated_cost));
  pick('model', asString(nested.model) || undefined, asString(flat.model_used) || undefined, asString(flat.model) || undefined);
  pick('provider', asString(nested.provider) || undefined, asString(flat.provider) || undefined);
  return Object.keys(usage).length ? usage : undefined;
}

/** The usage an event reports for one call, if any. */
export function callUsage(event: TaskEvent): Usage | undefined {
  if (event.kind === 'usage') return event.usage;
  if (event.kind === 'text') return event.usage;
  if (event.kind === 'title' && !event.partial) return event.usage;
  return undefined;
}

/**
 * Identity of a call for de-duplication: the same agent and the same text (the LLM service cuts its
 * copy at 4,000 characters, the agent at 10,000, so the start is compared). The two reports of one
 * call need not agree on the figures: the agent adds tool tokens and costs, and a second report may
 * carry only `tokens_used`. Undefined for reports without text: those are always counted.
 */
function callKey(event: TaskEvent): string | undefined {
  if (event.kind !== 'text' && event.kind !== 'title') return undefined;
  const text = event.text.trim().slice(0, 500);
  if (!text) return undefined;
  return `${event.kind === 'text' ? event.agent : 'title'}|${text.length}|${hashText(text)}`;
}

/**
 * Sum of the calls the events report. A call reported twice (nested by the LLM service, then flat or
 * as a bare `tokens_used` by the activity) counts once, with the larger of each figure (the agent
 * adds tool costs). An agent that writes the very same text in two calls is counted once too. `model` and
 * `provider` are kept only when every call used the same one. Undefined when no event reports usage.
 */
export function totalUsage(events: readonly TaskEvent[]): Usage | undefined {
  const calls = new Map<string, Usage>();
  let n = 0;
  for (const event of events) {
    const usage = callUsage(event);
    if (!usage) continue;
    const key = callKey(event) ?? `#${n++}`;
    const seen = calls.get(key);
    if (!seen) {
      calls.set(key, { ...usage });
      continue;
    }
    for (const field of COUNTS) {
      const value = usage[field];
      if (value !== undefined) seen[field] = Math.max(seen[field] ?? 0, value);
    }
  }
  if (!calls.size) return undefined;
  const total: Usage = {};
  const models = new Set<string>();
  const providers = new Set<string>();
  for (const call of calls.values()) {
    for (const field of COUNTS) {
      const value = call[field];
      if (value !== undefined) total[field] = (total[field] ?? 0) + value;
    }
    if (call.model) models.add(call.model);
    if (call.provider) providers.add(call.provider);
  }
  if (models.size === 1) total.model = [...models][0]!;
  if (providers.size === 1) total.provider = [...providers][0]!;
  return total;
}

/**
 * The usage to show for a run: the API's own total when it gave one (it includes calls the stream
 * never reported), else the sum of the calls seen so far.
 */
export function runUsage(run: TaskRun, events: readonly TaskEvent[]): { usage: Usage; final: boolean } | undefined {
  if (run.usage && (run.usage.totalTokens !== undefined || run.usage.costUsd !== undefined)) return { usage: run.usage, final: true };
  const sum = totalUsage(events);
  return sum ? { usage: sum, final: false } : undefined;
}
