/**
 * Errors in words (issue 13 §6). One sentence says what happened and what to do; the API's own
 * words, when they differ, are details on demand — never glued to our sentence ("…Check the key.
 * Invalid API key. Check the x-api-key header."). A run that did not succeed says so and offers the
 * way forward: "Try again" submits the same request (`part="retry"`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { apiErrorMessage } from '../../core/client/http-failure.js';
import { isHttpStatusError } from '../../core/errors.js';
import { errorText, httpStatusText } from '../shared/error-text.js';
import type { RunError, TaskRun } from '../../core/providers/task-event.js';
import { truncate } from '../shared/format.js';
import { t } from './strings.js';

/** Characters of the API's words shown in an error's details. */
const DETAIL_CHARS = 600;

/** An error as one plain sentence plus the source's own words, when they add something. */
export function explainError(error: { message: string } | undefined): { text: string; detail?: string } {
  if (!error) return { text: '' };
  if (isHttpStatusError(error as Error)) {
    const http = error as Error & { status: number; body: unknown; retryAfterMs?: number };
    const text = httpStatusText(http.status, http.retryAfterMs);
    const detail = apiErrorMessage(http.body);
    return detail && !text.includes(detail) ? { text, detail } : { text };
  }
  const detail = (error as { detail?: unknown }).detail;
  return typeof detail === 'string' && detail ? { text: errorText(error), detail } : { text: errorText(error) };
}

/**
 * Text written for machines, not people: a workflow engine's error (Temporal's "activity error
 * (type: ExecuteAgent, scheduledEventID: 17, startedEventID: 18): …", as Shannon reports a failed
 * step), a stack trace, or JSON. Such text goes behind Details, never as the main sentence.
 */
export function isMachineText(text: string): boolean {
  return /\b(activity|workflow|child workflow|activity task|workflow task) (execution )?error\b/i.test(text)
    || /\b[a-z]+(Event|Run|Workflow|Activity)?ID\s*[:=]/.test(text)
    || /\b(Traceback|Exception|goroutine \d+)\b|^\s*[[{]|\n\s+at \S+/.test(text);
}

/** An error box (`part="error"`): the sentence, then "Details" with the source's words and ref. */
export function renderError(error: { message: string; refId?: string; detail?: string } | undefined, role: 'alert' | 'status' = 'alert'): TemplateResult | typeof nothing {
  if (!error) return nothing;
  const { text, detail } = explainError(error);
  const ref = error.refId;
  return html`<div part="error" class="error" role=${role}>
    <p class="error-text">${text}</p>
    ${detail || ref
      ? html`<details class="error-detail"><summary>${t('stream.details')}</summary>
          ${detail ? html`<p>${t('stream.serverSaid', { detail: truncate(detail, DETAIL_CHARS) })}</p>` : nothing}
          ${ref ? html`<p class="ref">${t('stream.reference', { ref })}</p>` : nothing}</details>`
      : nothing}
  </div>`;
}

type EndingKey = 'failed' | 'timeout' | 'cancelled';
type Advice = 'stream.ending.timeoutAdvice' | 'stream.ending.cancelledAdvice' | `stream.ending.failedAdvice.${TaskRun['provider']}`;
/** Words of each ending; the advice names only what the run's provider has (Shannon has no processor). */
const ENDING: Partial<Record<TaskRun['status'], { title: `stream.ending.${EndingKey}`; advice: Record<TaskRun['provider'], Advice>; retry: 'stream.tryAgain' | 'stream.runAgain' }>> = {
  failed: { title: 'stream.ending.failed', advice: { parallel: 'stream.ending.failedAdvice.parallel', shannon: 'stream.ending.failedAdvice.shannon' }, retry: 'stream.tryAgain' },
  timeout: { title: 'stream.ending.timeout', advice: { parallel: 'stream.ending.timeoutAdvice', shannon: 'stream.ending.timeoutAdvice' }, retry: 'stream.tryAgain' },
  cancelled: { title: 'stream.ending.cancelled', advice: { parallel: 'stream.ending.cancelledAdvice', shannon: 'stream.ending.cancelledAdvice' }, retry: 'stream.runAgain' },
};

export interface EndingContext {
  /** Whether the run can be submitted again (it kept its request). */
  canRetry: boolean;
  onRetry(): void;
  /** The notice of the retry button, if any. */
  retryNotice: TemplateResult | typeof nothing;
  /** "Edit & run again" (render-rerun.ts), beside "Try again" (fresh2: it sat under the partial text, away from it). */
  edit: TemplateResult | typeof nothing;
}

/** How a run that did not succeed ended (`part="ending"`), its error, and the ways forward, together. */
export function renderEnding(run: TaskRun, ctx: EndingContext): TemplateResult | typeof nothing {
  const ending = ENDING[run.status];
  if (!ending) return run.error ? renderRunError(run.error) : nothing;
  return html`<section part="ending" class="ending" data-status=${run.status} aria-label=${t('stream.endingLabel')}>
    <p class="ending-title">${t(ending.title)}</p>
    ${run.error ? renderRunError(run.error) : nothing}
    <p class="muted">${t(ending.advice[run.provider])}</p>
    ${ctx.canRetry || ctx.edit !== nothing
      ? html`<div part="rerun" class="actions">${ctx.canRetry
          ? html`<button type="button" part="retry" class="primary" @click=${ctx.onRetry}>${t(ending.retry)}</button>` : nothing}${ctx.edit}${ctx.retryNotice}</div>`
      : nothing}
  </section>`;
}

/** The API's error about the run (a `RunError`: its message is already the API's words). */
function renderRunError(error: RunError): TemplateResult | typeof nothing {
  const ref = error.refId ? { refId: error.refId } : {};
  const shown = isMachineText(error.message)
    ? { message: t('stream.stepFailed'), detail: truncate(error.message, DETAIL_CHARS), ...ref }
    : { message: truncate(error.message, DETAIL_CHARS), ...ref };
  return renderError(shown, 'status');
}
