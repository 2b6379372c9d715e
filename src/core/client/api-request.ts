/**
 * One JSON request to a provider through the configured base URL (`proxy-url`), with credentials
 * applied per auth mode. Failures become {@link HttpStatusError} / {@link NetworkError}.
 */
import { authHeaders, authQuery, type AuthConfig, type RequestKind } from '../auth/auth.js';
import { StreamProtocolError } from '../errors.js';
import type { ApiRequest } from '../providers/provider.js';
import type { ProviderName } from '../providers/task-event.js';
import type { FetchLike } from '../util/environment.js';
import { fetchWithoutRedirects } from './credentialed-fetch.js';
import { httpFailure, maskUrl } from './http-failure.js';

/** Where and how to reach one provider. Read at every request. */
export interface EndpointConfig {
  provider: ProviderName;
  /** Base URL the API paths are appended to (absolute, or relative to the page). */
  baseUrl: string;
  auth: AuthConfig;
  fetch?: FetchLike;
}

/** Joins a base URL, a path and query parameters. Relative bases stay relative. */
export function buildUrl(baseUrl: string, path: string, query: Record<string, string> = {}): string {
  const base = baseUrl.replace(/\/+$/, '');
  const params = new URLSearchParams(query).toString();
  return `${base}${path}${params ? `?${params}` : ''}`;
}

/** URL and headers of a request, credentials included. */
export function prepareRequest(endpoint: EndpointConfig, request: ApiRequest, kind: RequestKind): { url: string; headers: Record<string, string> } {
  const query = { ...request.query, ...authQuery(endpoint.provider, endpoint.auth, kind) };
  const headers = { ...request.headers, ...authHeaders(endpoint.provider, endpoint.auth, kind) };
  return { url: buildUrl(endpoint.baseUrl, request.path, query), headers };
}

/**
 * Sends a request and returns its parsed JSON body (undefined for an empty body). Redirects are not
 * followed (`redirect: 'manual'`): the request carries credentials, so a redirect rejects with a
 * {@link RedirectRefusedError} instead of sending the key to wherever it points.
 */
export async function callApi(endpoint: EndpointConfig, request: ApiRequest, signal?: AbortSignal): Promise<unknown> {
  const { url, headers } = prepareRequest(endpoint, request, 'rest');
  const init: RequestInit = { method: request.method, headers: { accept: 'application/json', ...headers }, signal };
  if (request.body !== undefined) {
    init.body = JSON.stringify(request.body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetchWithoutRedirects(url, init, endpoint.fetch);
  if (!response.ok) throw await httpFailure(response, { url, method: request.method });
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new StreamProtocolError(`Expected JSON from ${request.method} ${maskUrl(url)} but could not parse the answer. Check proxy-url.`, {
      url: maskUrl(url),
      status: response.status,
    });
  }
}
