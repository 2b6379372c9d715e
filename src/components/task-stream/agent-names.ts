/**
 * Agent ids as names people read (issue 13 §6). Shannon names its agents by role (`orchestrator`,
 * `title_generator`, `final_output`, …: Kocoro-lab/Shannon `go/orchestrator`) or, for the agents of
 * a team, by place names (`Ryogoku`, `Kanda`), which read well already. Roles get a name; any other
 * id is turned into words (`budget-manager` → "Budget manager").
 */
import { humanize } from '../shared/format.js';
import { t } from './strings.js';

const ROLE_NAMES: Record<string, `stream.agent.${string}`> = {
  orchestrator: 'stream.agent.coordinator',
  router: 'stream.agent.coordinator',
  title_generator: 'stream.agent.titleWriter',
  final_output: 'stream.agent.finalAnswer',
  synthesis: 'stream.agent.synthesis',
  synthesizer: 'stream.agent.synthesis',
  planner: 'stream.agent.planner',
  'simple-agent': 'stream.agent.assistant',
  assistant: 'stream.agent.assistant',
  'budget-manager': 'stream.agent.budgetManager',
  reflection: 'stream.agent.reviewer',
};

/** The agents that speak for the whole run: their "done" is the run's. */
const RUN_AGENTS = new Set(['orchestrator', 'router']);

/** The name shown for an agent id. */
export function agentName(id: string): string {
  const role = ROLE_NAMES[id] ?? ROLE_NAMES[id.toLowerCase()];
  return role ? t(role as 'stream.agent.coordinator') : /[_-]/.test(id) || id === id.toLowerCase() ? humanize(id) : id;
}

/** Whether an agent's events are about the whole run (not one agent's part of it). */
export function speaksForRun(id: string | undefined): boolean {
  return id === undefined || RUN_AGENTS.has(id.toLowerCase());
}
