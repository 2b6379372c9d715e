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
 * the agent that called it): usage-ledger.ts counts each call once. A run's total from the status
 * API (`usage {total_tokens, input_tokens, output_tokens, estimated_cost}`) and its per-agent
 * figures (`metadata.agent_usages`) are authoritative once they exist: usage-report.ts.
 */
import { asNumber, asObject, asString } from '../util/read.js';
import { USAGE_COUNTS, type AgentUsage, type Usage } from './task-event.js';

export { USAGE_COUNTS };

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

/**
 * The per-agent figures of the status API (`GET /api/v1/tasks/{id}` `metadata.agent_usages`:
 * `[{agent_id, model, input_tokens, output_tokens, total_tokens, cost_usd}]`, one entry per agent
 * and model, summed from the `token_usage` rows the orchestrator recorded: server/service.go), one
 * entry per agent, in the order the API listed them. Empty when there are none.
 */
export function readAgentUsages(metadata: unknown): AgentUsage[] {
  const list = asObject(metadata)?.agent_usages;
  if (!Array.isArray(list)) return [];
  const byAgent = new Map<string, AgentUsage>();
  for (const entry of list) {
    const row = asObject(entry);
    const usage = row && readUsage({ usage: row });
    if (!row || !usage) continue;
    const agent = asString(row.agent_id) || 'unknown';
    const seen = byAgent.get(agent);
    if (!seen) byAgent.set(agent, { agent, ...usage });
    else {
      addUsage(seen, usage);
      if (seen.model !== usage.model) delete seen.model;
    }
  }
  return [...byAgent.values()];
}

/** Adds `add`'s figures to `into` (in place; a figure only one of them has is kept as is). */
export function addUsage<T extends Usage>(into: T, add: Usage): T {
  for (const field of USAGE_COUNTS) {
    const value = add[field];
    if (value !== undefined) into[field] = (into[field] ?? 0) + value;
  }
  return into;
}
