/**
 * Where credentials go, per auth mode (design.md, `auth-mode`). The key is only ever put in a
 * header, except in `query` mode on Shannon stream requests (EventSource-style `api_key`), which the
 * gateway accepts on `/api/v1/stream/*` only.
 */
import { ConfigError } from '../errors.js';
import { acceptedValue } from '../attribute-value.js';
import type { ProviderName } from '../providers/task-event.js';

/**
 * Where credentials go (design.md): `none` (the proxy adds them), `api-key` (`x-api-key` /
 * `X-API-Key`), `bearer` (`Authorization: Bearer`), `query` (`api_key` on Shannon stream URLs only),
 * `oauth` (a key from signing in with Parallel, sent as `x-api-key`).
 */
export type AuthMode = 'none' | 'api-key' | 'bearer' | 'query' | 'oauth';

/** Every {@link AuthMode}, in the order the docs list them. */
export const AUTH_MODES: readonly AuthMode[] = ['none', 'api-key', 'bearer', 'query', 'oauth'];

/** Credentials as configured on an element or a store. */
export interface AuthConfig {
  mode: AuthMode;
  /** API key (or OAuth-issued key). Never logged, never reflected to an attribute. */
  apiKey?: string;
}

/** Which kind of request the credentials are for. */
export type RequestKind = 'rest' | 'stream';

/** The auth mode `value` names (any case, spaces around it ignored), else `none` (an unknown value sends no key). */
export function parseAuthMode(value: string | null | undefined): AuthMode {
  return acceptedValue(value, AUTH_MODES) ?? 'none';
}

/** Where the key from a sign-in is kept (`oauth-storage`). */
export type OAuthStorageKind = 'session' | 'local' | 'memory';

/** Every {@link OAuthStorageKind}: where a signed-in key is kept (`session` by default). */
export const OAUTH_STORAGE_KINDS: readonly OAuthStorageKind[] = ['session', 'local', 'memory'];

/** The `oauth-storage` kind `value` names (any case, spaces around it ignored), else `session`. */
export function parseOAuthStorage(value: string | null | undefined): OAuthStorageKind {
  return acceptedValue(value, OAUTH_STORAGE_KINDS) ?? 'session';
}

function requireKey(auth: AuthConfig): string {
  const key = auth.apiKey?.trim();
  if (!key && auth.mode === 'oauth') {
    throw new ConfigError('auth-mode="oauth" needs a sign-in: use "Sign in with Parallel" first.', { need: 'sign-in', authMode: 'oauth' });
  }
  if (!key) {
    throw new ConfigError(`auth-mode="${auth.mode}" needs an API key: set the apiKey property, or use auth-mode="none" behind the proxy.`, { need: 'api-key', authMode: auth.mode });
  }
  return key;
}

/** Headers that carry the credentials of one request. */
export function authHeaders(provider: ProviderName, auth: AuthConfig, kind: RequestKind): Record<string, string> {
  switch (auth.mode) {
    case 'none':
      return {};
    case 'bearer':
      return { authorization: `Bearer ${requireKey(auth)}` };
    case 'query':
      // Parallel has no query-key form; Shannon REST paths ignore query keys: both use the header.
      if (provider === 'shannon' && kind === 'stream') return {};
      return { 'x-api-key': requireKey(auth) };
    case 'api-key':
    case 'oauth':
      return { 'x-api-key': requireKey(auth) };
  }
}

/** Query parameters that carry the credentials (only `query` mode, Shannon stream requests). */
export function authQuery(provider: ProviderName, auth: AuthConfig, kind: RequestKind): Record<string, string> {
  if (auth.mode === 'query' && provider === 'shannon' && kind === 'stream') return { api_key: requireKey(auth) };
  return {};
}
