/**
 * The provider's endpoints and this page's client: discovered from
 * `{issuer}/.well-known/oauth-authorization-server` (RFC 8414) when the provider answers there, else
 * Parallel's documented paths `{issuer}/getKeys/{authorize,token,register}` (parallel-task-api.md
 * §12); with `oauth-register`, a client registered once per issuer and redirect URI (RFC 7591) and
 * remembered, instead of re-registering at every sign-in as the reference app does (§15 flaw 4).
 */
import {
  allowInsecureRequests, customFetch, discoveryRequest, dynamicClientRegistrationRequest,
  processDiscoveryResponse, processDynamicClientRegistrationResponse, ResponseBodyError,
} from 'oauth4webapi';
import { isAbortError } from '../../errors.js';
import { KEY_PREFIX } from '../../store/persistence.js';
import type { FetchLike } from '../../util/environment.js';
import type { OAuthConfig } from './oauth-config.js';
import { OAuthError, providerText, serverErrorWords } from './oauth-errors.js';
import type { ServerEndpoints } from './pending-sign-in.js';
import type { StorageAreas } from './token-vault.js';

/** Network options of the provider requests. */
export interface ProviderRequestOptions {
  fetch: FetchLike;
  signal?: AbortSignal;
  areas: StorageAreas;
}

/**
 * The oauth4webapi options of one request: https only unless the issuer is a loopback mock, and
 * redirects never followed. oauth4webapi 3.x asks for `redirect: 'manual'` itself (build/index.js:
 * every request it sends); it is pinned here as well, so that neither a later version nor the
 * `fetch` the page passes can follow one: a followed 307/308 re-sends the POST body (the code and
 * the PKCE verifier, or the registration) to wherever `Location` points.
 */
export function requestOptions(allowInsecure: boolean, options: ProviderRequestOptions) {
  return {
    [allowInsecureRequests]: allowInsecure,
    [customFetch]: (url: string, init: RequestInit) => options.fetch(url, { ...init, redirect: 'manual' }),
    signal: options.signal,
  };
}

/** True for an answer that is a redirect (not followed: a browser gives an opaque one with status 0). */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
}

/** Why a redirect from the provider is refused, in words. */
export function redirectRefused(config: { issuer: string }, what: string): OAuthError {
  return new OAuthError('provider-unreachable', `The sign-in provider at ${config.issuer} answered ${what} with a redirect. This page never follows one there (it could carry your sign-in elsewhere), so nothing more was sent. Check the oauth-issuer setting, or try again later.`);
}

/** Parallel's documented endpoints, used when the issuer publishes no metadata. */
export function defaultEndpoints(issuer: string): ServerEndpoints {
  return {
    issuer,
    authorization_endpoint: `${issuer}/getKeys/authorize`,
    token_endpoint: `${issuer}/getKeys/token`,
    registration_endpoint: `${issuer}/getKeys/register`,
  };
}

function unreachable(config: OAuthConfig, detail: string): OAuthError {
  return new OAuthError('provider-unreachable', `The sign-in provider at ${config.issuer} ${detail} Try again later, or check the oauth-issuer setting.`);
}

/**
 * The endpoints of `config.issuer`. A provider that cannot be reached or has no metadata document
 * gets the documented defaults; a metadata document that names another issuer, lacks an endpoint or
 * does not offer S256 is refused (it is not the provider the page was configured for).
 * @throws {OAuthError} reason `provider-unreachable` for invalid metadata; AbortError when aborted.
 */
export async function resolveEndpoints(config: OAuthConfig, options: ProviderRequestOptions): Promise<ServerEndpoints> {
  const issuerUrl = new URL(config.issuer);
  let response: Response;
  try {
    response = await discoveryRequest(issuerUrl, { algorithm: 'oauth2', ...requestOptions(config.allowInsecure, options) });
  } catch (error) {
    if (isAbortError(error)) throw error;
    return defaultEndpoints(config.issuer); // no metadata reachable from this page (offline, CORS): use the documented paths
  }
  if (response.status !== 200) return defaultEndpoints(config.issuer);
  let metadata: Awaited<ReturnType<typeof processDiscoveryResponse>>;
  try {
    metadata = await processDiscoveryResponse(issuerUrl, response);
  } catch {
    throw unreachable(config, 'published metadata that does not belong to it (RFC 8414 §3.3), so nothing was sent to it.');
  }
  const methods = metadata.code_challenge_methods_supported;
  if (!metadata.authorization_endpoint || !metadata.token_endpoint || (methods && !methods.includes('S256'))) {
    throw unreachable(config, 'does not offer the authorization-code flow with PKCE S256 that this page requires.');
  }
  return {
    issuer: metadata.issuer,
    authorization_endpoint: metadata.authorization_endpoint,
    token_endpoint: metadata.token_endpoint,
    ...(metadata.registration_endpoint ? { registration_endpoint: metadata.registration_endpoint } : {}),
    ...(metadata.authorization_response_iss_parameter_supported ? { authorization_response_iss_parameter_supported: true } : {}),
  };
}

function clientSlot(issuer: string, redirectUri: string): string {
  return `${KEY_PREFIX}:oauth:client:${issuer} ${redirectUri}`;
}

function rememberedClient(slot: string, areas: StorageAreas): string | undefined {
  try {
    return areas.local()?.getItem(slot) || undefined;
  } catch {
    return undefined;
  }
}

/** Forgets a registered client id (the provider no longer knows it: `invalid_client`). */
export function forgetRegisteredClient(issuer: string, redirectUri: string, areas: StorageAreas): void {
  try {
    areas.local()?.removeItem(clientSlot(issuer, redirectUri));
  } catch {
    // nothing kept
  }
}

/**
 * The `client_id` to use: `config.clientId`, or with `register` a public client registered for
 * `config.redirectUri` (token endpoint auth `none`, code grant only) and remembered in localStorage
 * (a client id is public; nothing secret is kept).
 * @throws {OAuthError} reason `registration-error` or `provider-unreachable`; AbortError when aborted.
 */
export async function resolveClientId(config: OAuthConfig, server: ServerEndpoints, options: ProviderRequestOptions): Promise<string> {
  if (!config.register) return config.clientId;
  const slot = clientSlot(server.issuer, config.redirectUri);
  const known = rememberedClient(slot, options.areas);
  if (known) return known;
  if (!server.registration_endpoint) {
    throw new OAuthError('registration-error', `oauth-register is set, but the sign-in provider at ${config.issuer} offers no client registration. Remove oauth-register to use the page's host name as the client id.`);
  }
  let response: Response;
  try {
    response = await dynamicClientRegistrationRequest(server, {
      redirect_uris: [config.redirectUri],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      client_name: new URL(config.redirectUri).hostname,
    }, requestOptions(config.allowInsecure, options));
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw unreachable(config, 'could not be reached to register this page.');
  }
  let clientId: string;
  const serverSaid = serverErrorWords(response); // before the library reads the body
  try {
    clientId = (await processDynamicClientRegistrationResponse(response)).client_id;
  } catch (error) {
    if (error instanceof ResponseBodyError) {
      const said = providerText(error.error_description) ?? error.error;
      throw new OAuthError('registration-error', `The sign-in provider refused to register this page: ${said}. Check oauth-redirect-uri, or remove oauth-register.`, { oauthError: error.error, status: error.status });
    }
    if (isRedirect(response)) throw redirectRefused(config, 'the registration');
    const said = await serverSaid;
    throw unreachable(config, said
      ? `could not register this page (HTTP ${response.status}; it said: "${said}").`
      : `answered the registration with something that is not OAuth (HTTP ${response.status}).`);
  }
  try {
    options.areas.local()?.setItem(slot, clientId);
  } catch {
    // not remembered: the next sign-in registers again
  }
  return clientId;
}
