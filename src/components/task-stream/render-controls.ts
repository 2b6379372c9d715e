/**
 * The run's controls (`part="controls"`: stop, reconnect, cancel with the reason when the API
 * cannot) and the copy / download actions of the result.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import { isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import { providerFor } from '../../core/store/providers.js';

export interface ControlHandlers {
  onStop(): void;
  onReconnect(): void;
  onCancel(): void;
}

export function renderControls(run: TaskRun, connection: RunConnectionSnapshot | undefined, handlers: ControlHandlers): TemplateResult {
  const active = !isTerminalStatus(run.status);
  const live = !!connection && connection.state !== 'closed' && connection.state !== 'failed';
  const cancelReason = providerFor(run.provider).cancelUnsupportedReason;
  return html`<div part="controls" class="controls">
    <button type="button" @click=${handlers.onStop} ?disabled=${!live}>Stop</button>
    <button type="button" @click=${handlers.onReconnect} ?disabled=${!active || connection?.state === 'open'}>Reconnect</button>
    <button type="button" aria-describedby=${cancelReason ? 'cancel-reason' : nothing}
      @click=${handlers.onCancel} ?disabled=${!active || !!cancelReason}>Cancel run</button>
    ${cancelReason && active ? html`<span id="cancel-reason" class="hint">${cancelReason}</span>` : nothing}
  </div>`;
}

/** Copies text to the clipboard; false when the browser refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
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
