/**
 * Agent ids as names people read (issue 13 §6). Shannon names its agents by role (`orchestrator`,
 * `title_generator`, `final_output`, …: Kocoro-lab/Shannon `go/orchestrator`) or, for the agents of
 * a team, by place names (`Ryogoku`, `Kanda`), which read well already. Roles get a name; any other
 * id is turned into words (`budget-manager` → "Budget manager").
 */
import { humanize } from '../shared/format.js';

const ROLE_NAMES: Record<string, string> = {
  orchestrator: 'Coordinator',
  router: 'Coordinator',
  title_generator: 'Title writer',
  final_output: 'Final answer',
  synthesis: 'Synthesis',
  synthesizer: 'Synthesis',
  planner: 'Planner',
  'simple-agent': 'Assistant',
  assistant: 'Assistant',
  'budget-manager': 'Budget manager',
  reflection: 'Reviewer',
};

/** The agents that speak for the whole run: their "done" is the run's. */
const RUN_AGENTS = new Set(['orchestrator', 'router']);

/** The name shown for an agent id. */
export function agentName(id: string): string {
  return ROLE_NAMES[id] ?? ROLE_NAMES[id.toLowerCase()] ?? (/[_-]/.test(id) || id === id.toLowerCase() ? humanize(id) : id);
}

/** Whether an agent's events are about the whole run (not one agent's part of it). */
export function speaksForRun(id: string | undefined): boolean {
  return id === undefined || RUN_AGENTS.has(id.toLowerCase());
}
