/**
 * Turns a failed HTTP response into an {@link HttpStatusError} whose message a person can act on,
 * quoting the API's own explanation (Parallel `{error:{message}}`, Shannon `{error}`, proxy
 * `{error:{rule,message}}`) when there is one.
 */
import { HttpStatusError } from '../errors.js';
import { parseRetryAfter } from './backoff.js';

const MAX_ERROR_BODY = 64 * 1024;

/** Reads at most 64 KiB of an error body; JSON when it parses, else the text. Never throws. */
export async function readErrorBody(response: Response): Promise<unknown> {
  try {
    const text = (await response.text()).slice(0, MAX_ERROR_BODY);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  } catch {
    return undefined;
  }
}

/** The API's own explanation inside an error body, if any. */
export function apiErrorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 300) || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown; message?: unknown; detail?: unknown }).error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  const detail = (body as { detail?: unknown }).detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const first = detail[0] as { msg?: unknown; loc?: unknown } | undefined;
    if (first && typeof first.msg === 'string') {
      const where = Array.isArray(first.loc) ? ` (${first.loc.join('.')})` : '';
      return `${first.msg}${where}`;
    }
  }
  return undefined;
}

/** A sentence saying what a status means for the user and what to do about it. */
export function describeStatus(status: number, retryAfterMs?: number): string {
  switch (status) {
    case 400:
      return 'The request was rejected as invalid (400).';
    case 401:
      return 'The API key was missing or rejected (401). Check the key, or the key the proxy adds.';
    case 402:
      return 'The account has no credit left for this request (402). Add credit, then try again.';
    case 403:
      return 'Access was denied (403). The key may not allow this, or the proxy refused the request.';
    case 404:
      return 'Not found (404). The run may not exist for this key, or proxy-url points to the wrong place.';
    case 408:
      return 'The server timed out waiting (408); the run is still active.';
    case 413:
      return 'The request is too large (413). Shorten the input or the schema.';
    case 422:
      return 'The API could not accept the request (422). Fix the highlighted input and submit again.';
    case 429:
      return `Too many requests (429). ${retryAfterMs !== undefined ? `Try again in ${Math.ceil(retryAfterMs / 1000)} s.` : 'Wait a moment, then try again.'}`;
    default:
      if (status >= 500) return `The server had a problem (${status}). It is usually temporary.`;
      return `The request failed (${status}).`;
  }
}

/** Hides the value of an `api_key`/`token` query parameter so a URL can be shown or logged. */
export function maskUrl(url: string): string {
  return url.replace(/([?&](?:api_key|token)=)[^&#]*/gi, '$1***');
}

/**
 * Builds the error for a response that failed with `response.status`, reading its body. Its
 * `message` is our one sentence for people; the API's own words are `detail`, never glued to it.
 */
export async function httpFailure(response: Response, request: { url: string; method?: string }): Promise<HttpStatusError> {
  const body = await readErrorBody(response);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const sentence = describeStatus(response.status, retryAfterMs);
  const said = apiErrorMessage(body);
  return new HttpStatusError(sentence, {
    status: response.status,
    url: maskUrl(request.url),
    method: request.method ?? 'GET',
    body,
    retryAfterMs,
    detail: said && !sentence.includes(said) ? said : undefined,
  });
}
