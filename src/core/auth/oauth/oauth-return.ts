/**
 * The return from the provider, second step: taking the pending sign-in for the answer that
 * return-capture.ts wiped from the address bar — once per page load, whichever element looks first.
 * Nothing is ever exchanged without a pending sign-in of this tab.
 */
import { OAuthError } from './oauth-errors.js';
import { takePendingSignIn, type PendingSignIn } from './pending-sign-in.js';
import type { CapturedReturn } from './return-capture.js';
import type { StorageAreas } from './token-vault.js';

export type { OAuthNavigator } from './return-capture.js';

/** What a return brought. */
export type ReturnOutcome =
  /** A return for this tab's pending sign-in: the session of `pending.issuer` exchanges it. */
  | { kind: 'pending'; pending: PendingSignIn; params: URLSearchParams }
  /** A return that cannot be completed (no, or an expired, pending sign-in): nothing is exchanged. */
  | { kind: 'orphan'; error: OAuthError };

/**
 * Takes the pending sign-in for a captured answer (it is removed whatever it holds, so a code is
 * exchanged once at most).
 * @returns undefined when nothing was captured (the page is not a return).
 */
export function takeReturn(captured: CapturedReturn | undefined, areas: StorageAreas, now: number): ReturnOutcome | undefined {
  if (!captured) return undefined;
  const lookup = takePendingSignIn(areas, now);
  if (lookup.kind === 'found') return { kind: 'pending', pending: lookup.pending, params: captured.params };
  return {
    kind: 'orphan',
    error: lookup.kind === 'expired'
      ? new OAuthError('no-pending-sign-in', 'The sign-in took longer than 10 minutes, so it was not finished and no key was requested. Sign in again.')
      : new OAuthError('no-pending-sign-in', 'This page was opened with a sign-in answer that this tab did not ask for, or that was already used, so nothing was exchanged. Sign in again if you meant to.'),
  };
}
