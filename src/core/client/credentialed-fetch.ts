/**
 * The one way a request that carries credentials is sent: redirects are never followed
 * (`redirect: 'manual'`), so a key, token or cookie-bearing request cannot be bounced to wherever a
 * 3xx points. Browsers answer such a redirect with an opaque response, Node with the plain 3xx;
 * both are refused with {@link RedirectRefusedError}. Used by JSON requests (api-request.ts), the
 * reload of evicted logs (store/restore-events.ts) and, for the check, the stream (stream-attempt.ts).
 */
import { NetworkError, RedirectRefusedError } from '../errors.js';
import { globalFetch, type FetchLike } from '../util/environment.js';
import { maskUrl } from './http-failure.js';

/** A redirect answered to `redirect: 'manual'`: opaque in browsers, a plain 3xx in Node. */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/**
 * Sends `init` to `url` with `redirect: 'manual'` through `fetch` (default: the global fetch).
 * Resolves with the response for any non-redirect status (the caller reads `ok`).
 * @throws the abort reason when `init.signal` aborted; {@link NetworkError} (URL masked) when the
 *   request could not be sent; {@link RedirectRefusedError} for a redirect (its body is discarded).
 */
export async function fetchWithoutRedirects(url: string, init: RequestInit, fetch: FetchLike = globalFetch): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'manual' });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new NetworkError(maskUrl(url), { cause });
  }
  if (isRedirect(response)) {
    void response.body?.cancel().catch(() => {});
    throw new RedirectRefusedError(maskUrl(url));
  }
  return response;
}
