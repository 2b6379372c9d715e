/**
 * The form's error about its create request (`part="error"`): one sentence for people, in the
 * element's language, and the server's own words behind "Details" — never the two glued ("…Try
 * again in 1 s. Rate limit exceeded. Retry after…", issue 13 §6). Where the server's words say what
 * to change in the input (400, 413, 422), the details are open.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { apiErrorMessage } from '../../core/client/http-failure.js';
import { isHttpStatusError } from '../../core/errors.js';
import { errorText } from '../shared/error-text.js';
import { t } from './strings.js';

/** Statuses whose server words name what to change in the input. */
const INPUT_STATUSES = new Set([400, 413, 422]);

/** The server's own words about a failed request, when they add to our sentence. */
export function serverWords(failure: Error, text: string): string | undefined {
  // A batch sent part of the way: the server's words are those of the call that failed.
  const error = failure.name === 'GroupSubmitError' && failure.cause instanceof Error ? failure.cause : failure;
  const own = (error as { detail?: unknown }).detail;
  const said = typeof own === 'string' && own ? own : isHttpStatusError(error) ? apiErrorMessage((error as Error & { body: unknown }).body) : undefined;
  return said && !text.includes(said) ? said : undefined;
}

export function renderRequestError(error: Error | undefined): TemplateResult | typeof nothing {
  if (!error) return nothing;
  const text = errorText(error);
  const detail = serverWords(error, text);
  const open = isHttpStatusError(error) && INPUT_STATUSES.has((error as Error & { status: number }).status);
  return html`<div part="error" class="request-error" role="alert"><p class="request-error-text">${text}</p>${detail
    ? html`<details class="request-error-detail" ?open=${open}><summary>${t('form.details')}</summary><p>${t('form.serverSaid', { detail })}</p></details>`
    : nothing}</div>`;
}
