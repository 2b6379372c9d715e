/**
 * Failed requests in words, in the language of the render in progress: what happened and what to
 * do, from the error's kind and HTTP status (core/client/http-failure.ts `describeStatus` says the
 * same in English for logs and `task-error`). An error without a known kind keeps its own message.
 */
import { apiErrorMessage } from '../../core/client/http-failure.js';
import { isHttpStatusError } from '../../core/errors.js';
import { t } from './error-strings.js';

/** Statuses with a sentence of their own (`error.http.<status>`). */
const KNOWN = [400, 401, 402, 403, 404, 408, 413, 422] as const;

/** What an HTTP status means for the person, and what to do. */
export function httpStatusText(status: number, retryAfterMs?: number): string {
  if ((KNOWN as readonly number[]).includes(status)) return t(`error.http.${status as (typeof KNOWN)[number]}`);
  if (status === 429) return retryAfterMs !== undefined ? t('error.http.429retry', { seconds: Math.ceil(retryAfterMs / 1000) }) : t('error.http.429');
  return t(status >= 500 ? 'error.http.5xx' : 'error.http.other', { status: String(status) });
}

/** An error's sentence for people: by kind where the catalog has one, else its own message. */
export function errorText(error: { name?: string; message: string; cause?: unknown }): string {
  if (error.name === 'ConfigError') {
    const config = error as { need?: string; authMode?: string };
    if (config.need === 'sign-in') return t('error.config.signIn');
    if (config.need === 'api-key') return t('error.config.apiKey', { mode: config.authMode ?? '' });
  }
  if (error.name === 'GaveUpError') {
    const cause = error.cause as { name?: string; message?: string } | undefined;
    const last = cause && typeof cause.message === 'string'
      ? t('error.lastProblem', { problem: errorText(cause as { name?: string; message: string }) }) : t('error.nothingNew');
    return `${t('error.gaveUp', { attempts: (error as { attempts?: number }).attempts ?? 0 })} ${last} ${t('error.pressReconnect')}`;
  }
  if (error.name === 'GroupSubmitError') {
    const batch = error as { submittedRunIds?: readonly string[]; remaining?: number; cause?: unknown };
    const sent = batch.submittedRunIds?.length ?? 0;
    const cause = error.cause as { name?: string; message?: unknown } | undefined;
    return [
      sent > 0 ? t('error.batch.partial', { count: sent }) : t('error.batch.none'),
      ...(sent > 0 && batch.remaining ? [t('error.batch.rest', { count: batch.remaining })] : []),
      ...(cause && typeof cause.message === 'string' ? [t('error.batch.why', { problem: errorText(cause as { name?: string; message: string }) })] : []),
    ].join(' ');
  }
  if (error.name === 'ResultUnavailableError') return t('error.resultUnavailable');
  if (isHttpStatusError(error as Error)) {
    const http = error as Error & { status: number; retryAfterMs?: number };
    return httpStatusText(http.status, http.retryAfterMs);
  }
  if (error.name === 'NetworkError') {
    const network = error as { url?: string; crossOrigin?: boolean; message: string };
    if (typeof network.url !== 'string') return error.message;
    return network.crossOrigin && typeof location !== 'undefined'
      ? t('error.networkCrossOrigin', { url: network.url, page: location.origin })
      : t('error.network', { url: network.url });
  }
  return error.message;
}

/**
 * A failed request on one line: the sentence, then the API's own words when they add something
 * (Parallel's `{error:{message}}`, Shannon's `{error}`), which stay as the API wrote them.
 */
export function requestErrorText(error: Error): string {
  const text = errorText(error);
  const detail = isHttpStatusError(error) ? apiErrorMessage((error as Error & { body: unknown }).body) : undefined;
  return detail && !text.includes(detail) ? t('error.withDetail', { text, detail }) : text;
}
