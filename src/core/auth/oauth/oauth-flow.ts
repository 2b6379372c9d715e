/**
 * The two network halves of "Sign in with Parallel" (authorization code + PKCE, RFC 6749 §4.1 and
 * RFC 7636), built on oauth4webapi. This module (and oauth4webapi with it) is loaded only when a
 * sign-in starts or returns, never for a page that merely holds a key.
 *
 * 1. {@link prepareSignIn}: endpoints, client, PKCE pair and `state`; the pending record is saved;
 *    returns the authorization URL to navigate to.
 * 2. {@link finishSignIn}: checks the provider's answer against the pending record (`state`, `iss`,
 *    `error`) before anything is sent, then exchanges the code once and returns the key.
 */
import {
  authorizationCodeGrantRequest, AuthorizationResponseError, None, processAuthorizationCodeResponse,
  ResponseBodyError, validateAuthResponse,
} from 'oauth4webapi';
import { isAbortError } from '../../errors.js';
import { PARALLEL_OAUTH_SCOPE, type OAuthConfig } from './oauth-config.js';
import { OAuthError, providerText, serverErrorWords } from './oauth-errors.js';
import { savePendingSignIn, type PendingSignIn } from './pending-sign-in.js';
import { createPkcePair, createState } from './pkce.js';
import {
  forgetRegisteredClient, isRedirect, redirectRefused, requestOptions, resolveClientId, resolveEndpoints, type ProviderRequestOptions,
} from './provider-metadata.js';

export type { ProviderRequestOptions } from './provider-metadata.js';

/**
 * Starts a sign-in: resolves the endpoints and client, creates the PKCE pair and `state`, saves the
 * pending record (replacing any earlier one of this tab) and returns the authorization URL.
 * @throws {OAuthError} for unusable metadata, a refused registration or blocked sessionStorage.
 */
export async function prepareSignIn(config: OAuthConfig, options: ProviderRequestOptions & { now: number }): Promise<string> {
  const server = await resolveEndpoints(config, options);
  const clientId = await resolveClientId(config, server, options);
  const pkce = await createPkcePair();
  const state = createState();
  const pending: PendingSignIn = {
    version: 1, issuer: config.issuer, state, codeVerifier: pkce.verifier, clientId, redirectUri: config.redirectUri,
    storage: config.storage, allowInsecure: config.allowInsecure, server, createdAt: options.now,
  };
  savePendingSignIn(pending, options.areas);
  const url = new URL(server.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', config.redirectUri);
  url.searchParams.set('scope', PARALLEL_OAUTH_SCOPE);
  url.searchParams.set('code_challenge', pkce.challenge);
  url.searchParams.set('code_challenge_method', pkce.method);
  url.searchParams.set('state', state);
  return url.href;
}

function authorizationError(error: AuthorizationResponseError): OAuthError {
  const said = providerText(error.error_description);
  if (error.error === 'access_denied') {
    return new OAuthError('access-denied', `You did not allow this page to use your Parallel account, so you are not signed in${said ? ` (Parallel said: "${said}")` : ''}. Sign in again whenever you want to.`, { oauthError: error.error });
  }
  return new OAuthError('authorization-error', `Parallel could not sign you in: ${said ?? error.error}. Try signing in again; if it keeps failing, check the oauth-client-id and oauth-redirect-uri settings.`, { oauthError: error.error });
}

function tokenError(error: ResponseBodyError): OAuthError {
  const said = providerText(error.error_description) ?? error.error;
  const hint = error.error === 'invalid_grant'
    ? 'The sign-in code was already used or has expired; sign in again.'
    : error.error === 'invalid_client' ? 'The provider does not know this client; check oauth-client-id, then sign in again.' : 'Sign in again.';
  return new OAuthError('token-error', `Parallel refused to hand out the key: ${said}. ${hint}`, { oauthError: error.error, status: error.status });
}

/**
 * Finishes a sign-in from the redirect parameters. Nothing is sent unless `state` (and `iss`, where
 * the provider announces it) match the pending record; the code is exchanged once, with the
 * verifier, client id and redirect URI the sign-in started with.
 * @returns the access token, which is the user's Parallel API key.
 * @throws {OAuthError} reasons `state-mismatch`, `access-denied`, `authorization-error`, `token-error`, `provider-unreachable`.
 */
export async function finishSignIn(params: URLSearchParams, pending: PendingSignIn, options: ProviderRequestOptions): Promise<string> {
  const server = pending.server;
  const client = { client_id: pending.clientId };
  let callback: URLSearchParams;
  try {
    callback = validateAuthResponse(server, client, params, pending.state);
  } catch (error) {
    if (error instanceof AuthorizationResponseError) throw authorizationError(error);
    throw new OAuthError('state-mismatch', 'The sign-in answer did not belong to the sign-in this tab started, so it was ignored and no key was requested. Sign in again.');
  }
  let response: Response;
  try {
    response = await authorizationCodeGrantRequest(server, client, None(), callback, pending.redirectUri, pending.codeVerifier, requestOptions(pending.allowInsecure, options));
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new OAuthError('provider-unreachable', `The sign-in provider at ${server.issuer} could not be reached to finish the sign-in. Check the network connection and sign in again.`);
  }
  const serverSaid = serverErrorWords(response); // before the library reads the body
  try {
    const tokens = await processAuthorizationCodeResponse(server, client, response);
    return tokens.access_token;
  } catch (error) {
    if (error instanceof ResponseBodyError) {
      if (error.error === 'invalid_client') forgetRegisteredClient(server.issuer, pending.redirectUri, options.areas);
      throw tokenError(error);
    }
    // Never keep the library error: its cause can hold the token response body.
    if (isRedirect(response)) throw redirectRefused(server, 'the key request');
    const said = await serverSaid;
    if (said) throw new OAuthError('provider-unreachable', `The sign-in provider could not hand out the key (HTTP ${response.status}; it said: "${said}"), so no key was kept. Sign in again later.`, { status: response.status });
    throw new OAuthError('provider-unreachable', `The sign-in provider answered the key request with something that is not a valid OAuth answer (HTTP ${response.status}), so no key was kept. Sign in again later.`, { status: response.status });
  }
}
