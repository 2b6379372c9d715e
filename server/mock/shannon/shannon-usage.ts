/**
 * The mock's `token_usage` table for one task: one row per call the orchestrator records
 * (`RecordTokenUsageActivity`, activities/budget.go), and the figures the status API derives from
 * those rows (server/service.go: `usage` and `model_breakdown` are sums over them,
 * `metadata.agent_usages` the sums grouped by agent and model, ordered by total tokens).
 *
 * Which calls have a row is the real server's choice: every agent call and the synthesis (each
 * also streamed), the task's decomposition (agent `decompose`, orchestrator_router.go; never
 * streamed: the LLM service's `/agent/decompose` has no workflow id to emit to), but not the session
 * title (activities/session_title.go records nothing, though its completion is streamed).
 */
import type { CallUsage } from './shannon-content.js';

/** Per-model totals for `metadata.model_breakdown`. */
export interface ModelTotals {
  provider: string;
  executions: number;
  tokens: number;
  cost: number;
}

export interface UsageTotals {
  input: number;
  output: number;
  total: number;
  cost: number;
}

interface Row {
  agent: string;
  usage: CallUsage;
}

export class UsageBook {
  readonly #rows: Row[] = [];

  /** Records one call of `agent`. */
  record(agent: string, usage: CallUsage): void {
    this.#rows.push({ agent, usage });
  }

  /** SUM over every row. */
  get totals(): UsageTotals {
    const totals = { input: 0, output: 0, total: 0, cost: 0 };
    for (const { usage } of this.#rows) {
      totals.input += usage.input_tokens;
      totals.output += usage.output_tokens;
      totals.total += usage.tokens_used;
      totals.cost += usage.cost_usd;
    }
    return totals;
  }

  /** Rows grouped by model. */
  get models(): Map<string, ModelTotals> {
    const models = new Map<string, ModelTotals>();
    for (const { usage } of this.#rows) {
      const m = models.get(usage.model_used) ?? { provider: usage.provider, executions: 0, tokens: 0, cost: 0 };
      m.executions++;
      m.tokens += usage.tokens_used;
      m.cost += usage.cost_usd;
      models.set(usage.model_used, m);
    }
    return models;
  }

  /** `metadata.agent_usages`: rows grouped by agent and model, most tokens first. */
  agentUsages(round: (n: number) => number): Array<Record<string, unknown>> {
    const groups = new Map<string, { agent_id: string; model: string; input_tokens: number; output_tokens: number; total_tokens: number; cost_usd: number }>();
    for (const { agent, usage } of this.#rows) {
      const key = `${agent}\n${usage.model_used}`;
      const g = groups.get(key) ?? { agent_id: agent, model: usage.model_used, input_tokens: 0, output_tokens: 0, total_tokens: 0, cost_usd: 0 };
      g.input_tokens += usage.input_tokens;
      g.output_tokens += usage.output_tokens;
      g.total_tokens += usage.tokens_used;
      g.cost_usd += usage.cost_usd;
      groups.set(key, g);
    }
    return [...groups.values()]
      .sort((a, b) => b.total_tokens - a.total_tokens)
      .map((g) => ({ ...g, cache_aware_total_tokens: g.total_tokens, cost_usd: round(g.cost_usd) }));
  }
}
