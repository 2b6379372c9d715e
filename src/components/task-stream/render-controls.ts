/**
 * The run's controls (`part="controls"`, issue 13 §7), each named for what it does:
 * - "Stop watching" closes this page's connection; the run goes on at the API (Parallel cannot be
 *   cancelled through its API: the hint says so). The connection indicator offers the way back.
 * - "Cancel run" (Shannon) stops a possibly long, paid run for good, so it asks first
 *   (`part="confirm"`: "Yes, cancel the run" / "Keep it running").
 * - "Pause" / "Resume" (Shannon) with their states: "Pausing…" until the run is paused.
 * - An approval the run asks for shows as needing attention (`part="attention"`). Shannon's
 *   `APPROVAL_REQUESTED` carries no `approval_id`, which `POST /api/v1/approvals/decision` needs
 *   (shannon-streaming-api.md §8), so no Approve/Deny is offered for it: the notice says where to answer.
 * Reconnecting is not here: the connection indicator has the one control for it. A run this page
 * may not touch (its key is missing or refused) has no controls: none of them could work.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import { isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import { PROVIDER_INFO } from '../../core/providers/provider-info.js';
import { t } from './strings.js';

export interface ControlContext {
  connection: RunConnectionSnapshot | undefined;
  /** The cancel button was pressed and waits for a yes or no. */
  confirmingCancel: boolean;
  /** A control request is under way (`cancel`, `pause`, `resume`). */
  busy: string | undefined;
  /** Pause and resume are offered (the provider can). */
  canPause: boolean;
  onStop(): void;
  onCancel(): void;
  onConfirmCancel(yes: boolean): void;
  onPause(): void;
  onResume(): void;
}

/** Whether the run is between "pause asked" and "paused" (Shannon `workflow.pausing`). */
function isPausing(run: TaskRun, events: readonly TaskEvent[]): boolean {
  if (run.status !== 'running') return false;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === 'control') return e.action === 'pausing';
  }
  return false;
}

function renderPause(run: TaskRun, events: readonly TaskEvent[], ctx: ControlContext): TemplateResult | typeof nothing {
  if (!ctx.canPause) return nothing;
  if (run.status === 'paused') {
    return html`<button type="button" part="resume" ?disabled=${ctx.busy === 'resume'} @click=${ctx.onResume}>${t(ctx.busy === 'resume' ? 'stream.resuming' : 'stream.resume')}</button>`;
  }
  const pausing = ctx.busy === 'pause' || isPausing(run, events);
  return html`<button type="button" part="pause" ?disabled=${pausing || run.status === 'cancelling'} @click=${ctx.onPause}>${t(pausing ? 'stream.pausing' : 'stream.pause')}</button>`;
}

/** The approval the run waits for: the last approval event, if it is a request not yet decided. */
function pendingApproval(events: readonly TaskEvent[]): Extract<TaskEvent, { kind: 'approval' }> | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === 'approval') return e.phase === 'requested' ? e : undefined;
  }
  return undefined;
}

export function renderControls(run: TaskRun, events: readonly TaskEvent[], ctx: ControlContext): TemplateResult | typeof nothing {
  if (isTerminalStatus(run.status)) return nothing;
  const connection = ctx.connection;
  // Refused (a key that is missing or rejected): pause and cancel would be refused too.
  if (connection?.phase === 'waiting-for-config' || connection?.retryOn === 'config') return nothing;
  const approval = pendingApproval(events);
  const watching = !!connection && connection.state !== 'closed' && connection.state !== 'failed';
  const cancelReason = PROVIDER_INFO[run.provider]?.cancelUnsupportedReason ? t('stream.cancelUnsupported') : undefined;
  const cancelling = run.status === 'cancelling' || ctx.busy === 'cancel';
  return html`${approval
      ? html`<p part="attention" class="waiting" role="status"><strong>${t('stream.approvalNeeded')}</strong> ${approval.text}
          <span class="muted">${t('stream.approvalHint')}</span></p>`
      : nothing}
    <div part="controls" class="controls">
    ${watching ? html`<button type="button" part="stop" @click=${ctx.onStop}>${t('stream.stopWatching')}</button>` : nothing}
    ${renderPause(run, events, ctx)}
    ${cancelReason
      ? html`<span class="hint">${watching ? `${t('stream.stopHint')} ` : ''}${cancelReason}</span>`
      : ctx.confirmingCancel
        ? html`<span part="confirm" class="confirm" role="group" aria-label=${t('stream.cancelConfirm')}>
            <span>${t('stream.cancelQuestion')}</span>
            <span class="group">
              <button type="button" class="danger" @click=${() => ctx.onConfirmCancel(true)}>${t('stream.cancelYes')}</button>
              <button type="button" @click=${() => ctx.onConfirmCancel(false)}>${t('stream.cancelNo')}</button>
            </span>
          </span>`
        : html`<button type="button" part="cancel" ?disabled=${cancelling} @click=${ctx.onCancel}>${t(cancelling ? 'stream.cancelling' : 'stream.cancel')}</button>`}
  </div>`;
}

/** Saves the run and its events as `<run id>.json`. */
export function downloadRun(run: TaskRun, events: readonly TaskEvent[]): void {
  const blob = new Blob([JSON.stringify({ run, events }, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${run.id}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
