/**
 * What the stream client does with a response, decided from its status and content type alone.
 * WHATWG EventSource fails on any status but 200; like a professional client we also retry the
 * statuses that mean "later" ([NON-SPEC]: 408, 429 and 5xx are retried with backoff).
 */

export type ResponseVerdict =
  /** 200 with `text/event-stream`: read the body. */
  | 'open'
  /** 204: the server says there is nothing more; stop without error. */
  | 'stop'
  /** A temporary failure: reconnect after a delay. */
  | 'retry'
  /** A failure that another attempt will not fix (401, 403, 404, 422, other 4xx, a 2xx that is not a stream). */
  | 'fail';

/** True when a Content-Type header names the event-stream MIME type (parameters such as charset ignored). */
export function isEventStream(contentType: string | null): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'text/event-stream';
}

/** Classifies a response of an event-stream request. */
export function classifyResponse(status: number, contentType: string | null): ResponseVerdict {
  if (status === 204) return 'stop';
  if (status === 200) return isEventStream(contentType) ? 'open' : 'fail';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'fail';
}
