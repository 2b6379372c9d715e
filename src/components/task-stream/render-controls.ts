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
 * Reconnecting is not here: the connection indicator has the one control for it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import { isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import { PROVIDER_INFO } from '../../core/providers/provider-info.js';

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
    return html`<button type="button" part="resume" ?disabled=${ctx.busy === 'resume'} @click=${ctx.onResume}>${ctx.busy === 'resume' ? 'Resuming…' : 'Resume'}</button>`;
  }
  const pausing = ctx.busy === 'pause' || isPausing(run, events);
  return html`<button type="button" part="pause" ?disabled=${pausing || run.status === 'cancelling'} @click=${ctx.onPause}>${pausing ? 'Pausing…' : 'Pause'}</button>`;
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
  const approval = pendingApproval(events);
  const connection = ctx.connection;
  const watching = !!connection && connection.state !== 'closed' && connection.state !== 'failed';
  const cancelReason = PROVIDER_INFO[run.provider]?.cancelUnsupportedReason;
  const cancelling = run.status === 'cancelling' || ctx.busy === 'cancel';
  return html`${approval
      ? html`<p part="attention" class="waiting" role="status"><strong>Needs your approval:</strong> ${approval.text}
          <span class="muted">The event does not say which approval it is, so it cannot be answered here: answer it in Shannon.</span></p>`
      : nothing}
    <div part="controls" class="controls">
    ${watching ? html`<button type="button" part="stop" @click=${ctx.onStop}>Stop watching</button>` : nothing}
    ${renderPause(run, events, ctx)}
    ${cancelReason
      ? html`<span class="hint">${watching ? 'Stop watching only closes this view: the run goes on. ' : ''}${cancelReason}</span>`
      : ctx.confirmingCancel
        ? html`<span part="confirm" class="confirm" role="group" aria-label="Cancel this run?">
            <span>Cancel this run? It stops for good and cannot be resumed.</span>
            <button type="button" class="danger" @click=${() => ctx.onConfirmCancel(true)}>Yes, cancel the run</button>
            <button type="button" @click=${() => ctx.onConfirmCancel(false)}>Keep it running</button>
          </span>`
        : html`<button type="button" part="cancel" ?disabled=${cancelling} @click=${ctx.onCancel}>${cancelling ? 'Cancelling…' : 'Cancel run'}</button>`}
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
