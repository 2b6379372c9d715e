/**
 * The return from the provider: recognising it, wiping `code`/`state`/`error`/`iss` from the address
 * bar before anything else runs (`history.replaceState` through {@link OAuthNavigator}), and taking
 * the pending sign-in — once per page load, whichever element looks first.
 *
 * A page counts as a return only when it carries `code` or `error` and either is the redirect target
 * of this tab's pending sign-in or carries `state`: a page that uses `?code=` for its own purposes
 * and has no sign-in in flight is left alone, and nothing is ever exchanged without a pending
 * sign-in (the reference app exchanged any `?code=`; parallel-task-api.md §15 flaw 2).
 */
import { OAuthError } from './oauth-errors.js';
import { peekPendingSignIn, takePendingSignIn, type PendingSignIn } from './pending-sign-in.js';
import type { StorageAreas } from './token-vault.js';

/** The browser-only parts of a sign-in, injected so the core stays DOM-free. */
export interface OAuthNavigator {
  /** The page's current URL (`location.href`). */
  currentUrl(): string;
  /** Replaces the address-bar URL without navigating or adding a history entry (`history.replaceState`). */
  replaceUrl(url: string): void;
  /** Leaves the page for the provider (`location.assign`). */
  navigate(url: string): void;
}

/** Parameters the provider adds to the redirect URI (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207). */
export const RETURN_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'] as const;

/** What a return brought. */
export type ReturnOutcome =
  /** A return for this tab's pending sign-in: the session of `pending.issuer` exchanges it. */
  | { kind: 'pending'; pending: PendingSignIn; params: URLSearchParams }
  /** A return that cannot be completed (no, or an expired, pending sign-in): nothing is exchanged. */
  | { kind: 'orphan'; error: OAuthError };

function samePage(a: string, b: URL): boolean {
  try {
    const url = new URL(a);
    return url.origin === b.origin && url.pathname === b.pathname;
  } catch {
    return false;
  }
}

/**
 * Looks at the current URL once. When it is a return, the OAuth parameters are removed from the
 * address bar synchronously, before this function returns, and the pending sign-in is taken.
 * @returns undefined when the page is not a return.
 */
export function takeReturn(navigator: OAuthNavigator, areas: StorageAreas, now: number): ReturnOutcome | undefined {
  let url: URL;
  try {
    url = new URL(navigator.currentUrl());
  } catch {
    return undefined;
  }
  const params = url.searchParams;
  if (!params.has('code') && !params.has('error')) return undefined;
  const pending = peekPendingSignIn(areas);
  const ours = pending ? samePage(pending.redirectUri, url) : params.has('state');
  if (!ours) return undefined;

  const received = new URLSearchParams(params);
  const clean = new URL(url.href);
  for (const name of RETURN_PARAMS) clean.searchParams.delete(name);
  navigator.replaceUrl(clean.href);

  const lookup = takePendingSignIn(areas, now);
  if (lookup.kind === 'found') return { kind: 'pending', pending: lookup.pending, params: received };
  return {
    kind: 'orphan',
    error: lookup.kind === 'expired'
      ? new OAuthError('no-pending-sign-in', 'The sign-in took longer than 10 minutes, so it was not finished and no key was requested. Sign in again.')
      : new OAuthError('no-pending-sign-in', 'This page was opened with a sign-in answer that this tab did not ask for, or that was already used, so nothing was exchanged. Sign in again if you meant to.'),
  };
}
