/**
 * "Run again" and "Edit & run again" under a completed run (issue 13 item 12; `part="rerun"`). Both
 * send a `task-rerun` event that the `<task-form>` of the store answers (events.ts): `run` submits the
 * same request (secrets excepted), `edit` fills the form, scrolls it into view and focuses it. A form
 * that takes the event cancels it; when none did, "Run again" submits from here (the stream's own
 * retry) and "Edit & run again" says there is no form to edit it in. Failed, timed-out and cancelled
 * runs offer their own "Try again"/"Run again" (render-failure.ts) with "Edit & run again" beside it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TaskRun } from '../../core/providers/task-event.js';
import { TaskRerunEvent, type RerunAction } from '../shared/events.js';
import type { TaskElement } from '../shared/task-element.js';
import type { RunActions } from './run-actions.js';
import { t } from './strings.js';

const FINISHED = new Set(['completed', 'failed', 'timeout', 'cancelled']);

/** Asks the form of the store to run `run` again or to edit it; true when a form took it. */
export function askForm(host: TaskElement, run: TaskRun, action: RerunAction): boolean {
  return !host.dispatchEvent(new TaskRerunEvent(run, run.provider, host.taskStore.name, action));
}

const canRerun = (run: TaskRun) => FINISHED.has(run.status) && (run.request !== undefined || run.input !== undefined);

/** "Edit & run again" and its notice, for a finished run that kept what was asked. */
export function renderEditButton(run: TaskRun, host: TaskElement, actions: RunActions): TemplateResult | typeof nothing {
  if (!canRerun(run)) return nothing;
  const noForm = t('stream.noForm'); // in the render's language (a click handler runs outside it)
  const edit = () => {
    if (!askForm(host, run, 'edit')) actions.notify(run.id, 'rerun', noForm);
  };
  return html`<button type="button" part="edit-rerun" @click=${edit}>${t('stream.editRunAgain')}</button>${actions.notices.render(run.id, 'rerun')}`;
}

/** The buttons under a completed run's result (other endings show them in `part="ending"`). */
export function renderRerun(run: TaskRun, host: TaskElement, actions: RunActions, retry: () => void): TemplateResult | typeof nothing {
  if (run.status !== 'completed' || !canRerun(run)) return nothing;
  const again = () => {
    if (!askForm(host, run, 'run')) retry();
  };
  return html`<div part="rerun" class="actions rerun">
    <button type="button" part="run-again" @click=${again}>${t('stream.runAgain')}</button>
    ${renderEditButton(run, host, actions)}
    ${actions.notices.render(run.id, 'retry') /* the stream's own submit, without a form */}
  </div>`;
}
