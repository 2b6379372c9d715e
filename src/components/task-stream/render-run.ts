/**
 * The run view in reading order (issue 13 §3): the header (what the run is), its progress, the
 * controls while it goes on, how it ended when it did not succeed, the answer (being written, then
 * the result), and last the progress log (one line once the run is over).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isTerminalStatus, type TaskEvent, type TaskRun } from '../../core/providers/task-event.js';
import type { RunConnectionSnapshot } from '../../core/store/run-session.js';
import { clock } from '../shared/clock.js';
import { runReach } from '../shared/reach.js';
import type { TaskElement } from '../shared/task-element.js';
import type { EventRows } from './event-rows.js';
import { downloadRun, renderControls } from './render-controls.js';
import { renderEvicted } from './render-evicted.js';
import { renderEnding } from './render-failure.js';
import { renderHeader } from './render-header.js';
import type { LogView } from './render-log.js';
import { outputText, renderLiveTexts, renderOutput } from './render-output.js';
import { renderProgress } from './render-progress.js';
import { renderEditButton, renderRerun } from './render-rerun.js';
import type { RunActions } from './run-actions.js';
import { runSpan } from './run-facts.js';
import { t } from './strings.js';
import type { TimelineSlot } from './timeline-slot.js';

/** What the view needs besides the run: its parts' state and the actions of the element. */
export interface RunViewContext {
  host: TaskElement;
  connection: RunConnectionSnapshot | undefined;
  events: readonly TaskEvent[];
  rows: EventRows;
  log: LogView;
  actions: RunActions;
  /** The run's timeline (drawn once its chunk is loaded). */
  timeline: TimelineSlot;
  /** Shows an event's row in the log (a timeline mark was chosen). */
  revealEvent(eventId: string): void;
  /** Pause and resume are offered. */
  canPause: boolean;
  reconnect(): void;
  stop(): void;
  cancel(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  retry(): void;
}

export function renderRun(run: TaskRun, ctx: RunViewContext): TemplateResult {
  const { actions, events } = ctx;
  const notices = actions.notices;
  const output = run.output;
  // One span for the elapsed time and the timeline (fresh2: "ran for 0:09" beside "Timeline of 0:14").
  const span = runSpan(run, events, clock.serverNow(run.provider), clock.runStart(run), ctx.connection?.phase !== 'stopped');
  // A run this page cannot follow shows what it learned, not a status that reads as waiting to start.
  const reach = runReach(run, ctx.connection);
  const outputActions = output
    ? html`<button type="button" @click=${() => actions.copy(run.id, 'copy-output', outputText(output), 'output')}>${t('stream.copyOutput')}</button>
        <button type="button" @click=${() => downloadRun(run, events)}>${t('stream.download')}</button>${notices.render(run.id, 'copy-output')}`
    : html``;
  return html`${renderHeader(run, {
      connection: ctx.connection, events,
      onCopyId: () => actions.copy(run.id, 'copy-id', run.id, 'runId'),
      onReconnect: ctx.reconnect,
      idNotice: notices.render(run.id, 'copy-id'), reach,
    })}
    ${renderProgress(run, events, span, !!output, !!reach)}
    ${ctx.timeline.render(run, span, ctx.revealEvent, events)}
    ${renderControls(run, events, {
      connection: ctx.connection, confirmingCancel: actions.confirmingCancel, busy: actions.busy ?? actions.requested, canPause: ctx.canPause,
      onStop: ctx.stop,
      onCancel: () => actions.setConfirmingCancel(true),
      onConfirmCancel: (yes) => {
        actions.setConfirmingCancel(false);
        if (yes) void actions.control('cancel', ctx.cancel);
      },
      onPause: () => void actions.control('pause', ctx.pause),
      onResume: () => void actions.control('resume', ctx.resume),
    })}
    ${renderEnding(run, { canRetry: run.request !== undefined, onRetry: ctx.retry, retryNotice: notices.render(run.id, 'retry'), edit: renderEditButton(run, ctx.host, actions) })}
    ${renderLiveTexts(ctx.rows.live.shown, isTerminalStatus(run.status))}
    ${output ? renderOutput(output, outputActions) : nothing}
    ${renderRerun(run, ctx.host, actions, ctx.retry)}
    ${renderEvicted(run, events.length, ctx.host, () => ctx.log.show())}
    ${ctx.log.render(run, ctx.rows, output ? outputText(output) : undefined)}`;
}
