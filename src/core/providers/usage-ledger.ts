/**
 * The model calls a run's events report, each counted once, per agent and in total: the one place
 * that adds usage up (the run view's totals, the timeline's lanes and the result read it through
 * usage-report.ts). Incremental: each event is looked at once, so a 50,000-event run costs O(1) per
 * event.
 *
 * What is a call, from Kocoro-lab/Shannon v0.5.1 (shannon-streaming-api.md §9):
 * - The LLM service reports every completion it makes for a workflow as `LLM_OUTPUT` with nested
 *   `usage {…}` (`llm_service/providers/__init__.py` `_emit_events`, text cut at 4,000 characters);
 *   the Go activity that asked for it reports the same call again, flat (`activities/agent.go`,
 *   text cut at 10,000, tool tokens and costs added). Same agent, same text: one call, each figure
 *   the larger of the two reports.
 * - `final_output`'s completion carries the run's `tokens_used` so far, not a call: the mapper
 *   makes it an `output` without usage (map-shannon-event.ts).
 * - The session title (`title_generator`) is a call the orchestrator never records
 *   (`activities/session_title.go` has no `RecordTokenUsage`), so the status API's total leaves it
 *   out: it is left out here too, or the total seen would shrink when the server's arrives.
 */
import { callKey } from './call-identity.js';
import type { AgentUsage, TaskEvent, Usage } from './task-event.js';
import { addUsage, USAGE_COUNTS } from './usage.js';

/** One call as counted: its agent and figures. */
interface Call {
  agent: string;
  usage: Usage;
}

/** The agent a `usage` event without one is counted under. */
export const UNNAMED_AGENT = 'assistant';

/** The usage an event reports for one model call the run's total includes, if any. */
export function callUsage(event: TaskEvent): Usage | undefined {
  if (event.kind === 'usage' || event.kind === 'text') return event.usage;
  return undefined;
}

export class UsageLedger {
  readonly #calls = new Map<string, Call>();
  readonly #agents = new Map<string, AgentUsage>();
  #total: Usage | undefined;
  #unkeyed = 0;
  #models = new Set<string>();
  #providers = new Set<string>();

  /** Takes in events (each once, in any order). */
  add(events: Iterable<TaskEvent>): void {
    for (const event of events) this.#add(event);
  }

  #add(event: TaskEvent): void {
    const usage = callUsage(event);
    if (!usage) return;
    const agent = ('agent' in event && event.agent) || UNNAMED_AGENT;
    const key = callKey(event) ?? `#${this.#unkeyed++}`;
    const seen = this.#calls.get(key);
    // A second report of a call adds only what it says beyond the first (the larger figure wins).
    const delta: Usage = {};
    for (const field of USAGE_COUNTS) {
      const value = usage[field];
      if (value === undefined) continue;
      const before = seen?.usage[field];
      if (before === undefined || value > before) delta[field] = value - (before ?? 0);
    }
    if (seen) addUsage(seen.usage, delta);
    else this.#calls.set(key, { agent, usage: { ...usage } });
    const lane = this.#agents.get(agent) ?? { agent };
    this.#agents.set(agent, addUsage(lane, delta));
    this.#total = addUsage(this.#total ?? {}, delta);
    if (usage.model) this.#models.add(usage.model);
    if (usage.provider) this.#providers.add(usage.provider);
  }

  /** Calls counted (a call reported twice is one). */
  get calls(): number {
    return this.#calls.size;
  }

  /**
   * The sum of every call; `model` and `provider` only when every call named the same one.
   * Undefined when no event reported usage.
   */
  get total(): Usage | undefined {
    if (!this.#total) return undefined;
    const total: Usage = { ...this.#total };
    if (this.#models.size === 1) total.model = [...this.#models][0]!;
    if (this.#providers.size === 1) total.provider = [...this.#providers][0]!;
    return total;
  }

  /** Each agent's calls summed, in the order the agents first reported usage (copies). */
  get agents(): AgentUsage[] {
    return [...this.#agents.values()].map((a) => ({ ...a }));
  }
}
