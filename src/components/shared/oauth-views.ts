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

export interface SignInPanelOptions {
  snapshot: OAuthSnapshot;
  /** Set when a submit was refused because nobody is signed in. */
  required: boolean;
  onSignIn(): void;
  onSignOut(): void;
}

export function renderSignInPanel({ snapshot, required, onSignIn, onSignOut }: SignInPanelOptions) {
  const { status, message, error } = snapshot;
  if (status === 'signed-in') {
    return html`<div class="auth signed-in" part="auth">
      <span class="auth-state" role="status"><span aria-hidden="true">✓</span> Signed in with Parallel</span>
      <button part="sign-out" type="button" @click=${onSignOut}>Sign out</button>
    </div>`;
  }
  const cannotWork = error?.reason === 'config';
  const busy = status === 'redirecting' || status === 'completing';
  return html`<div class="auth" part="auth">
    <p class="hint">Sign in with your Parallel account to run tasks: this page then uses an API key of your account, kept only in this browser.</p>
    ${status === 'error' ? html`<p part="error" class="request-error" role="alert">${message}</p>` : nothing}
    ${status === 'signed-out' && message ? html`<p class="hint" role="status">${message}</p>` : nothing}
    ${busy ? html`<p class="hint" role="status">${message}</p>` : nothing}
    ${required && !busy && status !== 'error' ? html`<p part="error" class="request-error" role="alert">Sign in with Parallel first: nothing was sent, and your input is kept.</p>` : nothing}
    ${cannotWork ? nothing : html`<button part="sign-in" type="button" class="primary sign-in" ?disabled=${busy} @click=${onSignIn}>
      ${status === 'completing' ? 'Signing in…' : status === 'redirecting' ? 'Opening Parallel…' : 'Sign in with Parallel'}
    </button>`}
  </div>`;
}

/** `<task-stream>` and `<task-history>` before a sign-in (the element renders it instead of its content). */
export function renderSignInRequired(snapshot: OAuthSnapshot) {
  const status = snapshot.status;
  const busy = status === 'redirecting' || status === 'completing';
  return html`<div part="empty" class="empty" data-reason="sign-in">
    <p>${busy ? 'Signing in…' : 'Sign in to see runs.'}</p>
    ${status === 'error'
      ? html`<p class="muted" role="alert">${snapshot.message}</p>`
      : busy ? nothing : html`<p class="muted">Use “Sign in with Parallel” to let this page use your Parallel account.</p>`}
  </div>`;
}
