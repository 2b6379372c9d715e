/**
 * Wipes the provider's answer (`code`, `state`, `error`, `iss`) from the address bar as early as this
 * library runs, and keeps it in memory for the sign-in code that loads later (page-oauth.ts). It is
 * always loaded (sign-in-gate.ts imports it), so the answer does not wait for a chunk download:
 *
 * - when this module is evaluated, if this tab has a pending sign-in (under 10 minutes old) that
 *   returns to this page;
 * - when an element in `auth-mode="oauth"` connects, also for an answer with `state` and no pending
 *   sign-in (a replayed or foreign answer, shown as an error).
 *
 * Scripts of the page that run before this library can still read the URL; the code is useless
 * without this tab's PKCE verifier (RFC 7636 §1).
 */
import { captureReturn, type CapturedReturn, type OAuthNavigator } from '../../core/auth/oauth/return-capture.js';

/** `location` and `history` of this window. */
export const browserNavigator: OAuthNavigator = {
  currentUrl: () => location.href,
  replaceUrl: (url) => history.replaceState(history.state, '', url),
  navigate: (url) => location.assign(url),
};

function sessionArea(): Storage | undefined {
  return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
}

/** The answer of this page load, until the sign-in code takes it. */
let captured: CapturedReturn | undefined;
/** True once the answer was taken: a page load has one answer. */
let taken = false;

/**
 * Looks at the URL (when nothing was captured or taken yet) and wipes a provider's answer from it.
 * @param withState - also take an answer with `state` when no sign-in is pending (an element in
 *   `auth-mode="oauth"` is on the page).
 */
export function captureSignInReturn(withState: boolean): void {
  if (captured || taken || typeof location === 'undefined') return;
  captured = captureReturn(browserNavigator, sessionArea, withState, Date.now());
}

/** Hands the captured answer to the sign-in code, once per page load (after a last look at the URL). */
export function takeSignInReturn(): CapturedReturn | undefined {
  captureSignInReturn(true);
  const answer = captured;
  captured = undefined;
  taken = true;
  return answer;
}

captureSignInReturn(false);
