/**
 * The notice of a run whose stored event log was removed to save space (issue 10 §1,
 * `part="evicted"`), with the action that loads the events again from the API
 * (`TaskStore.restoreEvents`: Parallel replays the run's trace, Shannon lists its persisted
 * events). Shown only while the run has no events in memory; a failure is reported as
 * `task-error` and said in the notice.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isHttpStatusError } from '../../core/errors.js';
import type { TaskRun } from '../../core/providers/task-event.js';
import { TaskErrorEvent } from '../shared/events.js';
import type { TaskElement } from '../shared/task-element.js';
import { t } from './strings.js';

/** Per element: the run being loaded again, or the last failure. */
const state = new WeakMap<TaskElement, { runId: string; busy: boolean; failed?: string }>();

async function restore(host: TaskElement, run: TaskRun, onLoaded: () => void): Promise<void> {
  state.set(host, { runId: run.id, busy: true });
  host.requestUpdate();
  try {
    await host.taskStore.restoreEvents(run.id, host.endpoint(run.provider));
    state.delete(host);
    onLoaded();
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    state.set(host, { runId: run.id, busy: false, failed: err.message });
    host.dispatchEvent(new TaskErrorEvent(err, run.id, isHttpStatusError(err) ? err.status : undefined));
  }
  host.requestUpdate();
}

/** The notice with its button; `onLoaded` runs once the events are back (the view shows them). */
export function renderEvicted(run: TaskRun, eventCount: number, host: TaskElement, onLoaded: () => void): TemplateResult | typeof nothing {
  if (!run.eventsEvicted || eventCount > 0) return nothing;
  const mine = state.get(host)?.runId === run.id ? state.get(host) : undefined;
  return html`<div part="evicted" class="notice evicted" role="status">
    <p>${t('stream.evicted')}</p>
    ${mine?.failed ? html`<p>${t('stream.evictedFailed', { error: mine.failed })}</p>` : nothing}
    <button type="button" ?disabled=${!!mine?.busy} @click=${() => void restore(host, run, onLoaded)}>${t(mine?.busy ? 'stream.loadingEvents' : 'stream.loadEvents')}</button>
  </div>`;
}
