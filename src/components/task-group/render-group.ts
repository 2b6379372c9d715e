/**
 * Templates of the group view (group-view.ts). Every string from the API or the inputs goes
 * through Lit text bindings only. Both sections carry the class `batch-view`, which no run view
 * style uses: the group view's styles are scoped under it, and the run view's (same shadow root)
 * cannot reach its layout by a shared class name.
 *
 * Parts: `group`, `group-counts`, `group-count` (with `data-status`), `progress`, `group-runs`,
 * `group-run` (with `data-status`), `group-run-open` (with the run view's `header` and its parts:
 * `title`, `run-id`, `processor`, `price`, `status`), `output`, `error`, and on each run's status the
 * run view's badge: `status status-<status>` with `data-status`, the catalog's words in sentence case
 * (freshG: batch rows said "QUEUED", "RUNNING" while a single run's badge said "Queued").
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ConnectionSnapshot } from '../../core/client/stream-client.js';
import type { GroupTracker } from '../../core/providers/parallel/group-tracker.js';
import { isTerminalStatus, type RunError, type TaskOutput, type TaskRun, type TaskStatus } from '../../core/providers/task-event.js';
import type { GroupRecord } from '../../core/store/group-store.js';
import { l10n } from '../../core/i18n/scope.js';
import { statusLabel } from '../shared/format.js';
import { t } from './strings.js';

/** `renderOutput` of `<task-stream>` (task-stream/render-output.ts). */
export type RenderOutput = (output: TaskOutput, actions: TemplateResult) => TemplateResult;

/** The single run's header (task-stream/render-header.ts) without a connection row; undefined while the run view's code loads. */
export type RenderHeader = (run: TaskRun, onCopyId: () => void, idNotice: TemplateResult | typeof nothing) => TemplateResult | undefined;

/** A run opened in the group view. */
export interface OpenRun {
  runId: string;
  preview: string;
  status: TaskStatus;
  error?: RunError;
  loading: boolean;
  output?: TaskOutput;
  /** The result could not be loaded. */
  problem?: boolean;
}

export interface GroupViewHandlers {
  /** Runs listed now. */
  shown: number;
  notice: string;
  busy: boolean;
  onOpen(runId: string): void;
  onMore(): void;
  onDownload(format: 'csv' | 'json'): void;
}

const ORDER: TaskStatus[] = ['queued', 'running', 'action_required', 'cancelling', 'completed', 'failed', 'cancelled', 'timeout', 'unknown'];

const CONNECTION_STATES = ['open', 'connecting', 'reconnecting', 'failed'] as const;

function connectionLabel(connection: ConnectionSnapshot | undefined, active: boolean): string {
  if (!active) return t('batch.connection.finished');
  const state = CONNECTION_STATES.find((name) => name === connection?.state);
  return t(state ? `batch.connection.${state}` : 'batch.connection.waiting');
}

const number = (n: number) => l10n().number(n);

/** A run's status badge, the same as the run view's (render-header.ts renderStatus): parts, class, words. */
const badge = (status: TaskStatus) =>
  html`<span part=${`status status-${status}`} class="badge status" data-status=${status}>${statusLabel(status)}</span>`;

/** The group: header, counts, progress, actions, and the run list. */
export function renderGroup(group: GroupRecord, tracker: GroupTracker, connection: ConnectionSnapshot | undefined, handlers: GroupViewHandlers): TemplateResult {
  const status = tracker.status;
  // Counts, progress and rows all read each run's own status: they never disagree.
  const total = group.runIds.length;
  const counts = tracker.counts(group.runIds);
  const done = ORDER.filter((name) => isTerminalStatus(name)).reduce((sum, name) => sum + (counts[name] ?? 0), 0);
  const active = status ? status.active : true;
  const percent = total ? Math.round((done / total) * 100) : 0;
  const shown = group.runIds.slice(0, handlers.shown);
  return html`<section part="group" class="batch-view" aria-label=${t('batch.label')}>
    <div class="header">
      <div class="title-row">
        <h2>${t('batch.title', { count: total })}</h2>
        <span part="connection" class="connection" data-state=${active ? (connection?.state ?? 'connecting') : 'closed'}><span class="dot"></span>${connectionLabel(connection, active)}</span>
      </div>
      <div class="meta"><code>${group.groupId}</code><span>${group.processor}</span></div>
    </div>
    <ul part="group-counts" class="group-counts" aria-label=${t('batch.counts')}>
      ${ORDER.filter((name) => counts[name]).map((name) => html`<li part="group-count" data-status=${name}><span class="count">${number(counts[name] ?? 0)}</span> ${statusLabel(name)}</li>`)}
    </ul>
    <div part="progress" class="progress" data-status=${!active && counts.completed === total ? 'completed' : 'running'} role="progressbar" aria-label=${t('batch.progressLabel')} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}>
      <span class="bar" style="width: ${percent}%"></span>
    </div>
    <p class="progress-meta">${t('batch.progress', { done: number(done), total: number(total) })}</p>
    <div class="controls">
      <button type="button" ?disabled=${handlers.busy || !done} aria-describedby=${done ? nothing : 'download-reason'} @click=${() => handlers.onDownload('csv')}>${t('batch.downloadCsv')}</button>
      <button type="button" ?disabled=${handlers.busy || !done} aria-describedby=${done ? nothing : 'download-reason'} @click=${() => handlers.onDownload('json')}>${t('batch.downloadJson')}</button>
    </div>
    ${done ? nothing : html`<p id="download-reason" class="muted">${t('batch.downloadWait')}</p>`}
    ${handlers.notice ? html`<p class="notice" role="status">${handlers.notice}</p>` : nothing}
    <ol part="group-runs" class="group-runs" aria-label=${t('batch.runs')}>
      ${repeat(shown, (runId) => runId, (runId, index) => {
        const state = tracker.run(runId)?.status ?? 'queued';
        return html`<li part="group-run" data-status=${state}>
          <button type="button" class="group-run" @click=${() => handlers.onOpen(runId)}>
            <span class="index">${number(index + 1)}</span>
            ${badge(state)}
            <span class="preview">${group.previews[runId] ?? runId}</span>
          </button>
        </li>`;
      })}
    </ol>
    ${group.runIds.length > shown.length
      ? html`<button type="button" class="page" @click=${handlers.onMore}>${t('batch.more', { count: number(group.runIds.length - shown.length) })}</button>`
      : nothing}
  </section>`;
}

/**
 * One run of the group, opened in the same view: the single run's header (title from the input, the
 * id secondary and copyable, processor and price, status), else, while the run view's code loads,
 * the badge and the input.
 */
export function renderOpenRun(run: OpenRun, group: GroupRecord, handlers: { onBack(): void; renderOutput: RenderOutput; renderHeader: RenderHeader; onCopyId(): void; idNotice: TemplateResult | typeof nothing }): TemplateResult {
  const asRun: TaskRun = { id: run.runId, provider: 'parallel', status: run.status, createdAt: group.createdAt, processor: group.processor, input: run.preview };
  return html`<section part="group-run-open" class="batch-view group-run-open" aria-label=${t('batch.run')}>
    <button type="button" class="link-button back" @click=${handlers.onBack}>${t('batch.back')}</button>
    ${handlers.renderHeader(asRun, handlers.onCopyId, handlers.idNotice)
      ?? html`<div class="header"><div class="title-row">${badge(run.status)}</div><p class="input-preview">${run.preview}</p></div>`}
    ${run.error ? html`<div part="error" class="error" role="alert">${run.error.message}</div>` : nothing}
    ${run.loading ? html`<p class="muted" role="status">${t('batch.loadingResult')}</p>` : nothing}
    ${run.problem ? html`<div part="error" class="error" role="alert">${t('batch.resultFailed')}</div>` : nothing}
    ${run.output ? handlers.renderOutput(run.output, html``) : nothing}
    ${!run.loading && !run.output && !run.error && !run.problem ? html`<p class="muted">${t('batch.noResult', { status: statusLabel(run.status) })}</p>` : nothing}
  </section>`;
}
