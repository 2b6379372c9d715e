/**
 * What the elements show for "Sign in with Parallel" (`auth-mode="oauth"`), loaded with the sign-in
 * binding (sign-in-gate.ts), so pages without OAuth never download it:
 * - `<task-form>`'s block: a sign-in button (`part="sign-in"`) while no key is held, the signed-in
 *   state with "Sign out" (`part="sign-out"`) once one is, and what happened last (a refused sign-in,
 *   a sign-out) in words;
 * - `<task-stream>` and `<task-history>`: a short "Sign in to see runs" state instead of a failure
 *   (their requests wait for a key), with the last word of the sign-in (e.g. why it failed).
 */
import { html, nothing } from 'lit';
import type { OAuthSnapshot } from '../../core/auth/oauth/oauth-session.js';
import type { OAuthErrorReason } from '../../core/auth/oauth/oauth-errors.js';
import { l10n } from '../../core/i18n/scope.js';
import { t } from './oauth-strings.js';

const ERROR_KEYS = {
  config: 'signIn.error.config', 'state-mismatch': 'signIn.error.stateMismatch', 'no-pending-sign-in': 'signIn.error.noPendingSignIn',
  'access-denied': 'signIn.error.accessDenied', 'authorization-error': 'signIn.error.authorizationError', 'token-error': 'signIn.error.tokenError',
  'provider-unreachable': 'signIn.error.providerUnreachable', 'registration-error': 'signIn.error.registrationError', 'key-rejected': 'signIn.error.keyRejected',
} as const satisfies Record<OAuthErrorReason, `signIn.${string}`>;

/**
 * What the sign-in says last, in the render's language: on English pages the session's own sentence
 * (it names the provider and quotes its words); in a language whose catalog has the situation's
 * words, those. An error without a reason is the sign-in code failing to load.
 */
export function signInMessage(snapshot: OAuthSnapshot): string {
  const { status, error } = snapshot;
  const key = status === 'error' ? (error ? ERROR_KEYS[error.reason] : 'signIn.loadFailed')
    : status === 'completing' ? 'signIn.finishing'
      : status === 'redirecting' ? 'signIn.redirecting'
        : status === 'signed-out' && snapshot.message ? 'signIn.signedOut' : undefined;
  return key && l10n().translates(key) ? t(key) : snapshot.message;
}

export interface SignInPanelOptions {
  snapshot: OAuthSnapshot;
  /** Set when a submit was refused because nobody is signed in. */
  required: boolean;
  onSignIn(): void;
  onSignOut(): void;
}

export function renderSignInPanel({ snapshot, required, onSignIn, onSignOut }: SignInPanelOptions) {
  const { status, error } = snapshot;
  const message = signInMessage(snapshot);
  if (status === 'signed-in') {
    return html`<div class="auth signed-in" part="auth">
      <span class="auth-state" role="status"><span aria-hidden="true">✓</span> ${t('signIn.signedIn')}</span>
      <button part="sign-out" type="button" @click=${onSignOut}>${t('signIn.signOut')}</button>
    </div>`;
  }
  const cannotWork = error?.reason === 'config';
  const busy = status === 'redirecting' || status === 'completing';
  return html`<div class="auth" part="auth">
    <p class="hint">${t('signIn.hint')}</p>
    ${status === 'error' ? html`<p part="error" class="request-error" role="alert">${message}</p>` : nothing}
    ${status === 'signed-out' && message ? html`<p class="hint" role="status">${message}</p>` : nothing}
    ${busy ? html`<p class="hint" role="status">${message}</p>` : nothing}
    ${required && !busy && status !== 'error' ? html`<p part="error" class="request-error" role="alert">${t('signIn.required')}</p>` : nothing}
    ${cannotWork ? nothing : html`<button part="sign-in" type="button" class="primary sign-in" ?disabled=${busy} @click=${onSignIn}>
      ${t(status === 'completing' ? 'signIn.signingIn' : status === 'redirecting' ? 'signIn.opening' : 'signIn.button')}
    </button>`}
  </div>`;
}

/** `<task-stream>` and `<task-history>` before a sign-in (the element renders it instead of its content). */
export function renderSignInRequired(snapshot: OAuthSnapshot) {
  const status = snapshot.status;
  const busy = status === 'redirecting' || status === 'completing';
  // Settings that cannot work (provider="shannon", an http issuer…): signing in would not help.
  const cannotWork = snapshot.error?.reason === 'config';
  return html`<div part="empty" class="empty" data-reason="sign-in">
    <p>${t(busy ? 'signIn.signingIn' : cannotWork ? 'signIn.cannotWork' : 'signIn.toSeeRuns')}</p>
    ${status === 'error'
      ? html`<p class="muted" role="alert">${signInMessage(snapshot)}</p>`
      : busy ? nothing : html`<p class="muted">${t('signIn.toSeeRunsHint')}</p>`}
  </div>`;
}
