/**
 * What a run used, in words: the total (`part="usage-total"`, once: in the progress line under the
 * header, with the run's other facts) and its split by agent (`part="usage-agents"`). Both read the run's one usage report
 * (core/providers/usage-report.ts), as the timeline's lanes do, so they cannot disagree; where the
 * total is the server's and the split comes from the events this page received, the split says so
 * and names what the events did not account for.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import { usageReport, type UsageReport } from '../../core/providers/usage-report.js';
import { formatUsage } from '../shared/format.js';
import { agentName } from './agent-names.js';
import { t } from './strings.js';

/** "used 12,345 tokens (…) · $0.052 · model" — the server's total, or what the calls seen so far add up to. */
export function renderUsageTotal(run: TaskRun, events: readonly TaskEvent[]): TemplateResult | typeof nothing {
  const report = usageReport(run, events);
  if (!report) return nothing;
  const over = report.final || isTerminalStatus(run.status);
  return html`<span part="usage-total" class="usage-total" data-from=${report.totalFrom}
    >${t(over ? 'stream.used' : 'stream.usedSoFar', { usage: formatUsage(report.total) })}</span>`;
}

/** One line of the split: "Ryogoku: 5,176 tokens · $0.0022". */
function line(name: string, usage: UsageReport['total'], agent?: string): TemplateResult {
  return html`<li part="usage-agent" data-agent=${agent ?? nothing}>${t('stream.usageAgent', { agent: name, usage: formatUsage(usage, false) })}</li>`;
}

/**
 * The split by agent, folded ("by agent: 3"): each agent's calls, what no agent accounts for, and
 * where the figures come from when the total and the split have different sources. Nothing for a
 * run with fewer than two agents and nothing unaccounted (the total says it all).
 */
export function renderUsageByAgent(run: TaskRun, events: readonly TaskEvent[]): TemplateResult | typeof nothing {
  const report = usageReport(run, events);
  if (!report || (report.agents.length < 2 && !report.unattributed)) return nothing;
  const mixed = report.totalFrom !== report.agentsFrom;
  return html`<details part="usage-agents" class="usage-agents" data-from=${report.agentsFrom}>
    <summary>${t('stream.usageByAgent', { count: report.agents.length })}</summary>
    <ul>
      ${report.agents.map((a) => line(agentName(a.agent), a, a.agent))}
      ${report.unattributed ? line(t(mixed ? 'stream.usageNotSeen' : 'stream.usageOther'), report.unattributed) : nothing}
    </ul>
    ${mixed ? html`<p class="muted">${t('stream.usageMixed')}</p>` : nothing}
  </details>`;
}
