/**
 * Header (`part="header"`: run id, provider, processor or mode, created time, `part="status"`,
 * `part="connection"`) and progress (`part="progress"`, sources, elapsed time) of a run.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import type { RunPhaseName } from '../../core/store/run-lifecycle.js';
import { isActiveStatus, isTerminalStatus, needsUser, type TaskEvent, type TaskRun, type TaskStatus } from '../../core/providers/task-event.js';
import { runUsage } from '../../core/providers/usage.js';
import { count, duration, formatUsage, humanize, relativeTime, statusLabel } from '../shared/format.js';
import { renderLink } from '../shared/link.js';
import { runProgress } from './progress.js';

/** What each lifecycle phase is called in the header (run-lifecycle.ts). */
const PHASE_LABEL: Record<RunPhaseName, string> = {
  idle: 'Not connected',
  'waiting-for-config': 'Waiting for settings',
  connecting: 'Connecting…',
  open: 'Live',
  'checking-status': 'Checking the status',
  'backing-off': 'Reconnecting',
  offline: 'Offline: waiting for the network',
  'confirming-final-status': 'Confirming the final status',
  'needs-action': 'Waiting for your action',
  finished: 'Finished',
  stopped: 'Stopped',
  failed: 'Connection failed',
};

function renderConnection(connection: RunConnectionSnapshot | undefined, now: number, finished: boolean, onReconnect: () => void): TemplateResult {
  const state = connection?.state ?? 'closed';
  const phase = connection?.phase ?? 'idle';
  const label = phase === 'idle' && finished ? 'Finished' : PHASE_LABEL[phase];
  let detail: TemplateResult | string = '';
  if (connection?.nextRetryAt !== undefined) {
    const wait = Math.max(0, Math.ceil((connection.nextRetryAt - now) / 1000));
    detail = phase === 'backing-off' ? `attempt ${Math.max(1, connection.attempt)}, next try in ${wait} s` : `next check in ${wait} s`;
  }
  const offerReconnect = phase === 'failed' || phase === 'backing-off' || phase === 'offline' || phase === 'stopped' || phase === 'needs-action';
  // A wait for settings or a failure says what happened and what to do; a reconnect in progress says why.
  const message = phase === 'failed' || phase === 'waiting-for-config' ? connection?.error?.message : undefined;
  return html`<span part=${`connection connection-${state}`} class="connection" data-state=${state} data-phase=${phase}>
    <span class="dot" aria-hidden="true"></span>${label}${detail ? html` <span class="muted">(${detail})</span>` : nothing}
    ${offerReconnect ? html`<button type="button" class="link-button" @click=${onReconnect}>Reconnect now</button>` : nothing}
  </span>
  ${message ? html`<div part="error" class="error" role=${phase === 'failed' ? 'alert' : 'status'}>${message}</div>` : nothing}`;
}

/** What a person needs to know about a run that waits for them. */
const WAITING_NOTICE: Partial<Record<TaskStatus, Record<'parallel' | 'shannon', string>>> = {
  action_required: {
    parallel: 'Parallel is waiting for someone to act on this run before it continues. Check the run in the Parallel platform, then press Reconnect to follow it again.',
    shannon: 'Shannon is waiting for someone to act on this run before it continues.',
  },
  paused: {
    parallel: 'This run is paused. It continues when it is resumed.',
    shannon: 'This run is paused. It continues when it is resumed in Shannon; press Reconnect to follow it again.',
  },
};

function renderWaiting(run: TaskRun): TemplateResult | typeof nothing {
  if (!needsUser(run.status)) return nothing;
  const text = WAITING_NOTICE[run.status]?.[run.provider] ?? 'This run is waiting for someone to act on it.';
  return html`<p part="notice" class="waiting" role="status">${text}</p>`;
}

function renderWarnings(run: TaskRun): TemplateResult | typeof nothing {
  if (!run.warnings?.length) return nothing;
  return html`<ul part="warnings" class="warnings" aria-label="Warnings">${run.warnings.map((w) => html`<li class="warning" data-type=${w.type}>
    <span class="warning-type">${humanize(w.type)}:</span> ${w.message}</li>`)}</ul>`;
}

export function renderHeader(
  run: TaskRun,
  connection: RunConnectionSnapshot | undefined,
  now: number,
  actions: { onCopyId: () => void; onReconnect: () => void },
): TemplateResult {
  const kind = run.processor ?? run.mode;
  return html`<header part="header" class="header">
    ${run.title ? html`<p part="title" class="run-title">${run.title}</p>` : nothing}
    <div class="title-row">
      <h2 class="run-id"><span class="visually-hidden">Run </span><code>${run.id}</code></h2>
      <button type="button" class="link-button" @click=${actions.onCopyId}>Copy run id</button>
      <span part=${`status status-${run.status}`} class="badge status" data-status=${run.status}>${statusLabel(run.status)}</span>
    </div>
    <div class="meta">
      <span>${run.provider === 'parallel' ? 'Parallel' : 'Shannon'}</span>
      ${kind ? html`<span>${kind}</span>` : nothing}
      <time datetime=${run.createdAt} title=${new Date(run.createdAt).toLocaleString()}>created ${relativeTime(run.createdAt, now)}</time>
    </div>
    <div class="connection-row">${renderConnection(connection, now, isTerminalStatus(run.status), actions.onReconnect)}</div>
    ${renderWaiting(run)}
    ${renderWarnings(run)}
  </header>`;
}

export function renderProgress(run: TaskRun, events: readonly TaskEvent[], now: number): TemplateResult {
  const fraction = runProgress(run, events);
  const percent = fraction === undefined ? undefined : Math.round(fraction * 100);
  // The clock runs only while the API works on the run: not once it finished or waits for a person.
  const stopped = !isActiveStatus(run.status);
  const end = stopped ? (run.updatedAt ? Date.parse(run.updatedAt) : NaN) : now;
  const elapsed = end - Date.parse(run.createdAt);
  const stats = run.stats;
  const usage = runUsage(run, events);
  return html`<div class="progress-block">
    <div part="progress" class="progress" role="progressbar" aria-label="Progress"
      aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent ?? nothing}
      aria-valuetext=${percent === undefined ? `${statusLabel(run.status)}` : `${percent}%`}
      data-indeterminate=${percent === undefined && !stopped ? 'true' : nothing}>
      <span class="bar" style="width: ${percent ?? (isTerminalStatus(run.status) ? 100 : stopped ? 0 : 30)}%"></span>
    </div>
    <div class="progress-meta">
      ${percent !== undefined ? html`<span>${percent}%</span>` : nothing}
      ${Number.isFinite(elapsed) ? html`<span>elapsed ${duration(elapsed)}</span>` : nothing}
      ${stats ? html`<span>sources: ${count(stats.considered)} considered, ${count(stats.read)} read</span>` : nothing}
      ${usage ? html`<span part="usage-total" class="usage-total">${usage.final ? 'used' : 'used so far'} ${formatUsage(usage.usage)}</span>` : nothing}
    </div>
    ${stats?.sample.length
      ? html`<ul class="sources" aria-label="Sample of sources read">${stats.sample.slice(0, 5).map((url) => html`<li>${renderLink(url)}</li>`)}</ul>`
      : nothing}
  </div>`;
}
