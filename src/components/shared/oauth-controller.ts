/**
 * Binds an element with `auth-mode="oauth"` to the page's sign-in session of its `oauth-issuer`
 * and `oauth-storage`: finishes a sign-in the page returns from (when it connects), tells the host
 * what it found and every change after (`onAuthChange`), follows sign-in and sign-out in other tabs
 * (`oauth-storage="local"`), and fires `task-auth` — once per change for the page, from one element
 * of the session (a `<task-form>` when there is one).
 *
 * Loaded lazily by sign-in-gate.ts (with the OAuth core), only on pages that use `auth-mode="oauth"`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveOAuthConfig, type OAuthAttributes, type OAuthConfig } from '../../core/auth/oauth/oauth-config.js';
import { isOAuthError, OAuthError } from '../../core/auth/oauth/oauth-errors.js';
import type { OAuthSession, OAuthSnapshot } from '../../core/auth/oauth/oauth-session.js';
import { tokenSlot } from '../../core/auth/oauth/token-vault.js';
import { TaskAuthEvent, type TaskAuthState } from './events.js';
import { pageOAuthRuntime } from './page-oauth.js';

export interface OAuthHost extends ReactiveControllerHost, EventTarget {
  readonly isConnected: boolean;
  readonly authMode: string;
  /** The `oauth-*` attributes and the provider. */
  oauthAttributes(): OAuthAttributes;
  /**
   * Called when the sign-in state this element knows of changes: when it binds to a session (what
   * was kept, against "signed out"), and after every change of the session (also another element's).
   */
  onAuthChange?(next: OAuthSnapshot, previous: OAuthSnapshot): void;
}

/** What an element knows before it is bound to a session. */
const UNKNOWN: OAuthSnapshot = { status: 'signed-out', message: '' };

/** Which element of a session tells the page: forms first, then the first connected. */
const announcers = new Map<OAuthSession, Array<{ host: OAuthHost; rank: number }>>();
/** What each session last told the page, so that a change is announced once however many elements see it. */
const announced = new WeakMap<OAuthSession, OAuthSnapshot>();

function eventState(next: OAuthSnapshot, previous: OAuthSnapshot): TaskAuthState | undefined {
  if (next.status === 'signed-in' && previous.status !== 'signed-in') return 'signed-in';
  if (next.status === 'signed-out' && previous.status !== 'signed-out') return 'signed-out';
  if (next.status === 'error' && (previous.status !== 'error' || previous.message !== next.message)) return 'error';
  return undefined;
}

export class OAuthController implements ReactiveController {
  readonly #host: OAuthHost;
  readonly #rank: () => number;
  #session: OAuthSession | undefined;
  #unsubscribe: (() => void) | undefined;
  #configError: OAuthError | undefined;
  /** The last state the host was told of. */
  #told: OAuthSnapshot = UNKNOWN;

  /** @param rank - lower ranks announce first (`<task-form>` 0, the others 1); read when binding. */
  constructor(host: OAuthHost, rank: () => number = () => 1) {
    this.#host = host;
    this.#rank = rank;
    host.addController(this);
  }

  /** True when the element is in `auth-mode="oauth"`. */
  get active(): boolean {
    return this.#host.authMode === 'oauth';
  }

  /** The session, while active and configured. */
  get session(): OAuthSession | undefined {
    return this.active ? this.#session : undefined;
  }

  /** Why the `oauth-*` attributes cannot work, if they cannot. */
  get configError(): OAuthError | undefined {
    return this.active ? this.#configError : undefined;
  }

  /** What to show: the session's snapshot, or the configuration error as an error snapshot. */
  get snapshot(): OAuthSnapshot | undefined {
    if (!this.active) return undefined;
    if (this.#configError) return { status: 'error', message: this.#configError.message, error: this.#configError };
    return this.#session?.snapshot;
  }

  /** The key for `x-api-key` while signed in. */
  get token(): string | undefined {
    return this.session?.token;
  }

  /** The resolved configuration; throws {@link OAuthError} (reason `config`). */
  config(): OAuthConfig {
    return resolveOAuthConfig(this.#host.oauthAttributes(), location.href);
  }

  /** Starts "Sign in with Parallel" (leaves the page). */
  async signIn(): Promise<void> {
    this.#bind();
    if (this.#configError || !this.#session) return;
    await this.#session.signIn(this.config());
  }

  signOut(): void {
    this.#bind();
    this.#session?.signOut();
  }

  hostConnected(): void {
    this.#bind();
    addEventListener('storage', this.#onStorage);
  }

  hostUpdate(): void {
    this.#bind();
  }

  hostDisconnected(): void {
    removeEventListener('storage', this.#onStorage);
    this.#release();
  }

  /** (Re)binds to the session the current attributes name. */
  #bind(): void {
    if (!this.#host.isConnected || !this.active) {
      this.#release();
      this.#configError = undefined;
      return;
    }
    let next: OAuthSession | undefined;
    const hadError = this.#configError?.message;
    try {
      const config = this.config();
      next = pageOAuthRuntime().session(config.issuer, config.storage);
      this.#configError = undefined;
    } catch (error) {
      this.#configError = isOAuthError(error) ? error : new OAuthError('config', String(error));
    }
    // Settings that cannot work are an error the page hears of too (once per new reason), not only words in the element.
    const configError = this.#configError;
    if (configError && hadError !== configError.message) this.#host.dispatchEvent(new TaskAuthEvent('error', configError.message, configError));
    if (next === this.#session) {
      if (hadError !== this.#configError?.message) this.#host.requestUpdate();
      return;
    }
    this.#release();
    this.#session = next;
    if (!next) {
      this.#host.requestUpdate();
      return;
    }
    this.#unsubscribe = next.subscribe(this.#onChange);
    const list = announcers.get(next) ?? [];
    list.push({ host: this.#host, rank: this.#rank() });
    announcers.set(next, list);
    next.reload(); // in step with the storage (another tab may have signed in or out since it was last used)
    next.resume(); // the first element of the page finishes a sign-in it returns from; the listener hears it
    this.#onChange(next.snapshot); // what was found (a kept key): the host may start what waited for it
    this.#host.requestUpdate();
  }

  #release(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (this.#session) {
      const list = (announcers.get(this.#session) ?? []).filter((entry) => entry.host !== this.#host);
      if (list.length) announcers.set(this.#session, list);
      else announcers.delete(this.#session);
    }
    this.#session = undefined;
    this.#told = UNKNOWN;
  }

  #announces(): boolean {
    const list = this.#session ? announcers.get(this.#session) ?? [] : [];
    const best = list.reduce<{ host: OAuthHost; rank: number } | undefined>((a, b) => (a && a.rank <= b.rank ? a : b), undefined);
    return best?.host === this.#host;
  }

  #onChange = (next: OAuthSnapshot): void => {
    const previous = this.#told;
    if (next === previous) return;
    this.#told = next;
    this.#host.requestUpdate();
    this.#host.onAuthChange?.(next, previous);
    const session = this.#session;
    if (!session || !this.#announces()) return;
    const state = eventState(next, announced.get(session) ?? UNKNOWN);
    announced.set(session, next);
    if (state) this.#host.dispatchEvent(new TaskAuthEvent(state, next.message, next.error));
  };

  #onStorage = (event: StorageEvent): void => {
    if (this.#session && (event.key === null || event.key === tokenSlot(this.#session.issuer))) this.#session.reload();
  };
}
