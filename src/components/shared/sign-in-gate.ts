/**
 * The part of "Sign in with Parallel" that every element carries. The sign-in itself (the binding in
 * oauth-controller.ts and the OAuth core behind it) is loaded with a dynamic import the first time an
 * element is in `auth-mode="oauth"`, once per page: pages that never use `auth-mode="oauth"` never
 * download it, and in the script-tag bundle it is a chunk of its own.
 *
 * Until the binding is there, the gate answers for it: no key and no snapshot (the sign-in state is
 * not known yet), so requests wait for configuration (the run lifecycle's `waiting-for-config`) and
 * the elements say they are checking the sign-in. A binding that fails to load (offline) is an
 * `error` snapshot; going online, the next connection or `signIn()` tries again.
 */
import { html, type ReactiveController } from 'lit';
import type { OAuthError } from '../../core/auth/oauth/oauth-errors.js';
import type { OAuthSnapshot } from '../../core/auth/oauth/oauth-session.js';
import type { OAuthController, OAuthHost } from './oauth-controller.js';
import type { SignInPanelOptions } from './oauth-views.js';
import { captureSignInReturn } from './sign-in-return.js';
import { t } from '../../core/i18n/scope.js';

type BindingModule = typeof import('./oauth-binding.js');

/** One download per page, shared by every element; forgotten when it failed, so it can be retried. */
let binding: Promise<BindingModule> | undefined;

function loadBinding(): Promise<BindingModule> {
  binding ??= import('./oauth-binding.js').catch((error: unknown) => {
    binding = undefined;
    throw error;
  });
  return binding;
}

const LOAD_FAILED: OAuthSnapshot = {
  status: 'error',
  message: 'The sign-in could not be loaded, perhaps because the network is down. Check the connection and try again.',
};

export class SignInGate implements ReactiveController {
  readonly #host: OAuthHost;
  readonly #rank: () => number;
  #controller: OAuthController | undefined;
  #module: BindingModule | undefined;
  #loading: Promise<OAuthController | undefined> | undefined;
  #loadFailed = false;

  /** @param rank - which element of a sign-in fires `task-auth`: the lowest (`<task-form>` 0, others 1). */
  constructor(host: OAuthHost, rank: () => number) {
    this.#host = host;
    this.#rank = rank;
    host.addController(this);
  }

  /** True when the element is in `auth-mode="oauth"`. */
  get active(): boolean {
    return this.#host.authMode === 'oauth';
  }

  /** What to show; undefined in other auth modes and while the sign-in code loads (state not known yet). */
  get snapshot(): OAuthSnapshot | undefined {
    if (!this.active) return undefined;
    return this.#controller?.snapshot ?? (this.#loadFailed ? LOAD_FAILED : undefined);
  }

  /** The key for `x-api-key` while signed in; read at each request. */
  get token(): string | undefined {
    return this.active ? this.#controller?.token : undefined;
  }

  /**
   * True when the element must wait for a sign-in: `auth-mode="oauth"` and no key held (yet, also
   * while the sign-in code loads), or `oauth-*` settings that cannot work (`provider="shannon"`
   * included: a configuration error shown in the element, never a silent fallback to no key).
   * Its requests then wait for configuration.
   */
  get awaiting(): boolean {
    return this.active && (this.configError !== undefined || this.snapshot?.status !== 'signed-in');
  }

  /** Why the `oauth-*` attributes cannot work, if they cannot. */
  get configError(): OAuthError | undefined {
    return this.active ? this.#controller?.configError : undefined;
  }

  /** Starts a sign-in (leaves the page), loading the sign-in code first if needed; nothing in other auth modes. */
  async signIn(): Promise<void> {
    if (!this.active) return;
    const controller = await this.#load();
    await controller?.signIn();
  }

  /** Forgets the key everywhere it is kept (loading the sign-in code first if needed: a kept key may exist). */
  async signOut(): Promise<void> {
    if (!this.active) return;
    const controller = await this.#load();
    controller?.signOut();
  }

  /** The API refused the key (401/403): it is forgotten, and a new sign-in is asked for. */
  keyRejected(): void {
    if (this.token) this.#controller?.session?.keyRejected();
  }

  /** `<task-form>`'s sign-in block (`part="auth"`); "Checking the sign-in…" until the state is known. */
  renderPanel(options: Omit<SignInPanelOptions, 'snapshot'>) {
    const snapshot = this.snapshot;
    return snapshot && this.#module
      ? this.#module.renderSignInPanel({ ...options, snapshot })
      : html`<div class="auth" part="auth"><p class="hint" role="status">${t(snapshot ? 'signIn.loadFailed' : 'signIn.checking')}</p></div>`;
  }

  /** What `<task-stream>` and `<task-history>` show without a key: "Sign in to see runs". */
  renderRequired() {
    const snapshot = this.snapshot;
    return snapshot && this.#module
      ? this.#module.renderSignInRequired(snapshot)
      : html`<div part="empty" class="empty" data-reason="sign-in"><p>${t(snapshot ? 'signIn.loadFailed' : 'signIn.checking')}</p></div>`;
  }

  hostConnected(): void {
    if (!this.active) return;
    captureSignInReturn(true); // the provider's answer leaves the address bar now, not after the download
    void this.#load();
  }

  hostUpdate(): void {
    // After a failed load only `online`, a reconnection or signIn() try again: no loop while offline.
    if (!this.active) return;
    captureSignInReturn(true); // switched to auth-mode="oauth" after connecting
    if (!this.#loadFailed) void this.#load();
  }

  hostDisconnected(): void {
    removeEventListener('online', this.#retry);
  }

  #retry = (): void => {
    if (this.#host.isConnected && this.active) void this.#load();
  };

  #load(): Promise<OAuthController | undefined> {
    if (this.#controller) return Promise.resolve(this.#controller);
    this.#loading ??= loadBinding().then(
      (module) => {
        this.#loadFailed = false;
        this.#module = module;
        // Added to the host now: Lit connects it at once when the host is connected, which binds it
        // to the session and tells the host what it found (a kept key, a sign-in to finish).
        this.#controller ??= new module.OAuthController(this.#host, this.#rank);
        this.#host.requestUpdate();
        return this.#controller;
      },
      () => {
        this.#loading = undefined;
        this.#loadFailed = true;
        addEventListener('online', this.#retry, { once: true });
        this.#host.requestUpdate();
        return undefined;
      },
    );
    return this.#loading;
  }
}
