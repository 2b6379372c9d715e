/**
 * "Sign in with Parallel" as one explicit state machine per issuer and storage kind, and the holder
 * of the key it yields. Elements read {@link OAuthSession.token} at each request and render
 * {@link OAuthSession.snapshot}; they never see the code, the verifier or `state`.
 *
 * States and transitions (each named; nothing else changes `status`):
 *
 *     signed-out ──signIn──▶ redirecting ──(page leaves for the provider)
 *         ▲                      │ start failed
 *         │                      ▼
 *         │ signOut          error ◀──────────────┐
 *         │                      ▲                │ refused / mismatch
 *     signed-in ◀──exchanged── completing ◀──(page load with the provider's answer)
 *         │ keyRejected (API said 401/403)         │
 *         └──────────────▶ error                   │
 *
 * `signIn` from `redirecting` or `completing` is ignored: one sign-in at a time. Sign-out forgets
 * the key everywhere it was kept and tells every session of the issuer.
 */
import type { OAuthConfig, OAuthStorageKind } from './oauth-config.js';
import { isOAuthError, OAuthError } from './oauth-errors.js';
import type { OAuthRuntimeContext } from './oauth-runtime.js';
import { clearPendingSignIn } from './pending-sign-in.js';
import { createTokenVault, type TokenVault } from './token-vault.js';

/** Where a sign-in is: `signed-out`, `redirecting` (to the issuer), `completing` (back, exchanging the code), `signed-in`, `error`. */
export type OAuthStatus = 'signed-out' | 'redirecting' | 'completing' | 'signed-in' | 'error';

/** What an element shows. `message` is a sentence for people (never contains the key). */
export interface OAuthSnapshot {
  readonly status: OAuthStatus;
  readonly message: string;
  /** Set in `error`. */
  readonly error?: OAuthError;
}

/** Called with the new and the previous snapshot whenever an {@link OAuthSession} changes. */
export type OAuthListener = (next: OAuthSnapshot, previous: OAuthSnapshot) => void;

/** Said after sign-out: Parallel has no revoke endpoint for these keys (parallel-task-api.md §12). */
export const SIGNED_OUT_MESSAGE = 'Signed out: this page no longer keeps your Parallel key. The key itself stays valid in Parallel\'s platform, which offers no way to revoke it from here; delete it there if you no longer need it.';

const SIGNED_IN_MESSAGE = 'Signed in with Parallel.';
const KEY_REJECTED_MESSAGE = 'Parallel no longer accepts the key from your sign-in (it may have been deleted in Parallel\'s platform), so this page forgot it. Sign in again.';

function unexpected(error: unknown): OAuthError {
  // Only our own errors carry text we wrote; anything else could quote a response body.
  if (isOAuthError(error)) return error;
  return new OAuthError('provider-unreachable', 'The sign-in could not be completed. Check the network connection and sign in again.');
}

/** The signed-in state of one OAuth configuration: its status, the key while signed in, and listeners. */
export class OAuthSession {
  readonly issuer: string;
  readonly storage: OAuthStorageKind;
  readonly #vault: TokenVault;
  readonly #context: OAuthRuntimeContext;
  readonly #listeners = new Set<OAuthListener>();
  #snapshot: OAuthSnapshot;
  #start: AbortController | undefined;
  #resumed = false;

  constructor(issuer: string, storage: OAuthStorageKind, context: OAuthRuntimeContext) {
    this.issuer = issuer;
    this.storage = storage;
    this.#context = context;
    this.#vault = createTokenVault(storage, issuer, context.areas);
    this.#snapshot = this.#vault.read() ? { status: 'signed-in', message: SIGNED_IN_MESSAGE } : { status: 'signed-out', message: '' };
  }

  get snapshot(): OAuthSnapshot {
    return this.#snapshot;
  }

  /** The key for `x-api-key`, only while signed in. Read at each request; never log it. */
  get token(): string | undefined {
    return this.#snapshot.status === 'signed-in' ? this.#vault.read() : undefined;
  }

  subscribe(listener: OAuthListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Finishes a sign-in if this page load is the provider's answer for this session (or reports an
   * answer nobody asked for). Called by every element that connects; only the first call acts.
   */
  resume(): void {
    if (this.#resumed) return;
    this.#resumed = true;
    const outcome = this.#context.takeReturn(this.issuer);
    if (!outcome) return;
    if (outcome.kind === 'orphan') {
      this.#set({ status: 'error', message: outcome.error.message, error: outcome.error });
      return;
    }
    // The key goes where this page keeps keys now (its oauth-storage), whatever it was when the sign-in started.
    this.#set({ status: 'completing', message: 'Finishing the sign-in…' });
    void this.#context.exchange(outcome.pending, outcome.params).then(
      (token) => {
        this.#vault.write(token);
        this.#set({ status: 'signed-in', message: SIGNED_IN_MESSAGE });
      },
      (error: unknown) => {
        const reason = unexpected(error);
        this.#set({ status: 'error', message: reason.message, error: reason });
      },
    );
  }

  /**
   * Leaves the page for the provider's consent page. Ignored while a sign-in is in flight.
   * Resolves when the navigation was requested, or after the failure was recorded in `snapshot`.
   */
  async signIn(config: OAuthConfig): Promise<void> {
    const status = this.#snapshot.status;
    if (status === 'redirecting' || status === 'completing') return;
    const start = new AbortController();
    this.#start = start;
    this.#set({ status: 'redirecting', message: 'Opening Parallel\'s sign-in page…' });
    try {
      const url = await this.#context.prepare(config, start.signal);
      if (start.signal.aborted) return;
      this.#context.navigator.navigate(url);
    } catch (error) {
      if (start.signal.aborted) return;
      clearPendingSignIn(this.#context.areas);
      const reason = unexpected(error);
      this.#set({ status: 'error', message: reason.message, error: reason });
    } finally {
      if (this.#start === start) this.#start = undefined;
    }
  }

  /** Forgets the key in memory, sessionStorage and localStorage, for every session of this issuer. */
  signOut(): void {
    this.#vault.forget();
    clearPendingSignIn(this.#context.areas);
    for (const session of this.#context.sessionsOf(this.issuer)) session.#forgotten();
  }

  /** The API refused the key (401/403): it is forgotten everywhere and the user is asked to sign in again. */
  keyRejected(): void {
    this.#vault.forget();
    const error = new OAuthError('key-rejected', KEY_REJECTED_MESSAGE);
    for (const session of this.#context.sessionsOf(this.issuer)) {
      session.#start?.abort();
      session.#set({ status: 'error', message: error.message, error });
    }
  }

  /** Re-reads the vault (another tab signed in or out with `oauth-storage="local"`). */
  reload(): void {
    const status = this.#snapshot.status;
    if (status === 'redirecting' || status === 'completing') return;
    const held = this.#vault.read() !== undefined;
    if (held && status !== 'signed-in') this.#set({ status: 'signed-in', message: SIGNED_IN_MESSAGE });
    else if (!held && status === 'signed-in') this.#set({ status: 'signed-out', message: SIGNED_OUT_MESSAGE });
  }

  #forgotten(): void {
    this.#start?.abort();
    this.#start = undefined;
    this.#set({ status: 'signed-out', message: this.#snapshot.status === 'signed-in' ? SIGNED_OUT_MESSAGE : '' });
  }

  #set(next: OAuthSnapshot): void {
    const previous = this.#snapshot;
    this.#snapshot = next;
    for (const listener of [...this.#listeners]) {
      try {
        listener(next, previous);
      } catch {
        // a faulty listener must not break the sign-in state
      }
    }
  }
}
