/**
 * The `oauth-*` attributes (design.md, "OAuth") resolved against the page they run on, with the
 * defaults of Parallel's OAuth provider (parallel-task-api.md §12): issuer
 * `https://platform.parallel.ai`, the page's host name as `client_id`, the page URL without query
 * and fragment as `redirect_uri`, the key kept in sessionStorage.
 */
import type { ProviderName } from '../../providers/task-event.js';
import { parseOAuthStorage, type OAuthStorageKind } from '../auth.js';
import { OAuthError } from './oauth-errors.js';

// `oauth-storage` is parsed beside the other auth attributes (auth.ts, which every element loads).
export { OAUTH_STORAGE_KINDS, parseOAuthStorage, type OAuthStorageKind } from '../auth.js';

/** Parallel's OAuth provider (parallel-task-api.md §12). */
export const DEFAULT_OAUTH_ISSUER = 'https://platform.parallel.ai';

/** The scope Parallel's docs request: "read a key" (parallel-task-api.md §12). */
export const PARALLEL_OAUTH_SCOPE = 'key:read';

/** The attributes as an element holds them; empty strings count as absent. */
export interface OAuthAttributes {
  provider: ProviderName;
  /** `oauth-issuer` */
  issuer?: string | null;
  /** `oauth-client-id` */
  clientId?: string | null;
  /** `oauth-register` */
  register?: boolean;
  /** `oauth-redirect-uri` */
  redirectUri?: string | null;
  /** `oauth-storage` */
  storage?: string | null;
}

/** A checked, complete OAuth configuration. */
export interface OAuthConfig {
  /** Issuer identifier without a trailing slash, e.g. `https://platform.parallel.ai`. */
  issuer: string;
  /** `client_id` for authorize and token (replaced by the registered one when `register` is set). */
  clientId: string;
  /** Use dynamic client registration (RFC 7591) at the provider's registration endpoint. */
  register: boolean;
  /** Absolute `redirect_uri` on the page's origin, without fragment. */
  redirectUri: string;
  storage: OAuthStorageKind;
  /** `true` only for an `http:` issuer on a loopback address (a local mock); everything else must be https. */
  allowInsecure: boolean;
}

/** `true` for `localhost`, `*.localhost`, 127.0.0.0/8 and `[::1]` (RFC 8252 §7.3, RFC 6761). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

function configError(message: string): OAuthError {
  return new OAuthError('config', message);
}

function parseUrl(value: string, attribute: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(`${attribute} must be an absolute URL such as https://platform.parallel.ai.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw configError(`${attribute} must be an http or https URL.`);
  if (url.username || url.password) throw configError(`${attribute} must not contain a user name or password.`);
  return url;
}

/**
 * Resolves the attributes of an element against the page URL.
 *
 * @param pageUrl - `location.href` of the page (the default redirect URI and client id come from it).
 * @throws {OAuthError} reason `config` for Shannon, an unusable issuer or redirect URI, or an empty client id.
 */
export function resolveOAuthConfig(attributes: OAuthAttributes, pageUrl: string): OAuthConfig {
  if (attributes.provider !== 'parallel') {
    throw configError('auth-mode="oauth" works with provider="parallel" only: Shannon has no "Sign in with Parallel". Use auth-mode="api-key" or "none" (behind the proxy) for Shannon.');
  }
  const page = new URL(pageUrl);

  const issuerUrl = parseUrl(attributes.issuer?.trim() || DEFAULT_OAUTH_ISSUER, 'oauth-issuer');
  if (issuerUrl.search || issuerUrl.hash) throw configError('oauth-issuer must not have a query or a fragment (RFC 8414 §2).');
  const allowInsecure = issuerUrl.protocol === 'http:';
  if (allowInsecure && !isLoopbackHost(issuerUrl.hostname)) {
    throw configError('oauth-issuer must use https: the key would otherwise cross the network in clear text (http is accepted for localhost only).');
  }
  const issuer = issuerUrl.href.replace(/\/+$/, '');

  const redirect = parseUrl(attributes.redirectUri?.trim() || `${page.origin}${page.pathname}`, 'oauth-redirect-uri');
  if (redirect.hash) throw configError('oauth-redirect-uri must not have a fragment (RFC 6749 §3.1.2).');
  if (redirect.origin !== page.origin) {
    throw configError(`oauth-redirect-uri must be on this page's origin (${page.origin}): the page it returns to finishes the sign-in with what this tab stored.`);
  }

  const clientId = attributes.clientId?.trim() || page.hostname;
  if (!clientId) throw configError('oauth-client-id is empty and the page has no host name to use instead.');

  return {
    issuer,
    clientId,
    register: attributes.register === true,
    redirectUri: redirect.href,
    storage: parseOAuthStorage(attributes.storage),
    allowInsecure,
  };
}
