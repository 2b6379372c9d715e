/**
 * What a strict OAuth server checks, as pure functions: redirect URIs (RFC 6749 §3.1.2, exact match
 * for registered clients, the host-name rule of Parallel's docs for unregistered ones), PKCE
 * (RFC 7636 §4.1–4.6, S256 only) and client metadata (RFC 7591 §2).
 */
import { createHash } from 'node:crypto';

/** RFC 7636 §4.1: 43–128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
export const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
/** BASE64URL(SHA-256(...)) is always 43 characters without padding (RFC 7636 §4.2). */
export const S256_CHALLENGE_PATTERN = /^[A-Za-z0-9\-_]{43}$/;

/** BASE64URL(SHA256(ASCII(code_verifier))) — RFC 7636 §4.2. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** RFC 7636 §4.6: the verifier is well-formed and hashes to the challenge. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  return VERIFIER_PATTERN.test(verifier) && s256(verifier) === challenge;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

/**
 * Why `value` cannot be a redirect URI at all, or undefined: absolute, http(s), no fragment, no
 * user info, https unless loopback (RFC 6749 §3.1.2, §3.1.2.1; RFC 8252 §7.3).
 */
export function redirectUriProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'redirect_uri is missing';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'redirect_uri is not an absolute URI';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'redirect_uri must use https';
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) return 'redirect_uri must use https (http is accepted for loopback hosts only)';
  if (value.includes('#')) return 'redirect_uri must not contain a fragment';
  if (url.username || url.password) return 'redirect_uri must not contain user information';
  return undefined;
}

/** A client the provider knows. Unregistered clients are host names (parallel-task-api.md §12). */
export interface KnownClient {
  clientId: string;
  redirectUris: readonly string[];
}

/**
 * Why `redirectUri` is not allowed for `clientId`, or undefined. A registered client needs an exact
 * string match with a registered URI; a host-name client id needs the redirect URI on that host.
 */
export function redirectMismatch(clientId: string, redirectUri: string, registered: KnownClient | undefined): string | undefined {
  const problem = redirectUriProblem(redirectUri);
  if (problem) return problem;
  if (registered) {
    return registered.redirectUris.includes(redirectUri) ? undefined : 'redirect_uri does not exactly match a URI registered for this client';
  }
  if (!/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/i.test(clientId)) return 'client_id is neither a registered client nor a host name';
  return new URL(redirectUri).hostname.toLowerCase() === clientId.toLowerCase()
    ? undefined
    : `redirect_uri is not on the host ${clientId} that this client_id names`;
}
