/**
 * What a run used, once, for every part of the view that shows it (the progress line, the result,
 * the per-agent breakdown and the timeline's lanes): they all read {@link usageReport}, so they
 * cannot disagree.
 *
 * Which figures are true (Kocoro-lab/Shannon v0.5.1):
 * - Once the run is over, the status API's `usage` is the run's total and `metadata.agent_usages`
 *   its split by agent. Both are sums of the same `token_usage` rows the orchestrator recorded
 *   (server/service.go, handlers/task.go), which include calls the stream never reports (the
 *   task's decomposition, agent `decompose`) and leave out one it does report (the session title).
 * - Before that (and for providers without such figures) the sum of the calls the events reported,
 *   each counted once (usage-ledger.ts).
 * When the total is the server's but the agents' split comes from the events (the API gave none),
 * `unattributed` is what the events did not account for, so the parts always add up to the whole.
 */
import type { AgentUsage, TaskEvent, TaskRun, Usage } from './task-event.js';
import { addUsage, USAGE_COUNTS } from './usage.js';
import { UsageLedger } from './usage-ledger.js';

/** Where figures come from: the API's own accounting, or the events this page received. */
export type UsageSource = 'server' | 'events';

export interface UsageReport {
  /** The run's total: what the progress line and the result show. */
  total: Usage;
  totalFrom: UsageSource;
  /** Per agent, in the order they were first seen: what the breakdown and the timeline show. */
  agents: AgentUsage[];
  agentsFrom: UsageSource;
  /**
   * `total` minus the sum of `agents` when they differ (the server counted calls the events did not
   * show, or the events showed calls the server did not count: then negative figures).
   */
  unattributed?: Usage;
  /** The total is the API's final figure (no more calls will be added). */
  final: boolean;
}

/** Figures closer than this are the same: float sums of costs the servers round to 1e-9 and below. */
const EPSILON = 1e-8;

interface Memo {
  ledger: UsageLedger;
  counted: number;
}
const memos = new WeakMap<readonly TaskEvent[], Memo>();

/**
 * The ledger of an event list. A list that only grew since the last call (the store appends live
 * events in place) costs only its new events; any other list is counted from the start.
 */
function ledgerOf(events: readonly TaskEvent[]): UsageLedger {
  let memo = memos.get(events);
  if (!memo || memo.counted > events.length) {
    memo = { ledger: new UsageLedger(), counted: 0 };
    memos.set(events, memo);
  }
  if (memo.counted < events.length) {
    memo.ledger.add(events.slice(memo.counted));
    memo.counted = events.length;
  }
  return memo.ledger;
}

function hasFigures(usage: Usage | undefined): usage is Usage {
  return !!usage && USAGE_COUNTS.some((field) => usage[field] !== undefined);
}

/** `total − sum(parts)`, or undefined when every figure agrees. */
function remainder(total: Usage, parts: readonly Usage[]): Usage | undefined {
  const sum = parts.reduce<Usage>((acc, part) => addUsage(acc, part), {});
  const rest: Usage = {};
  for (const field of USAGE_COUNTS) {
    const value = total[field];
    if (value === undefined) continue;
    const diff = value - (sum[field] ?? 0);
    if (Math.abs(diff) > EPSILON) rest[field] = field === 'costUsd' ? diff : Math.round(diff);
  }
  return Object.keys(rest).length ? rest : undefined;
}

/**
 * The usage to show for `run`, from the API's figures when it has them, else from `events` (the
 * run's events, each once). Undefined when nothing reported usage yet.
 */
export function usageReport(run: TaskRun, events: readonly TaskEvent[]): UsageReport | undefined {
  const ledger = ledgerOf(events);
  const seen = ledger.total;
  if (!hasFigures(run.usage)) {
    if (!seen) return undefined;
    return { total: seen, totalFrom: 'events', agents: ledger.agents, agentsFrom: 'events', final: false };
  }
  const total = run.usage;
  const server = run.usageByAgent?.filter(hasFigures) ?? [];
  const agents = server.length ? server.map((a) => ({ ...a })) : ledger.agents;
  const unattributed = remainder(total, agents);
  return {
    total, totalFrom: 'server', agents, agentsFrom: server.length ? 'server' : 'events', final: true,
    ...(unattributed ? { unattributed } : {}),
  };
}
