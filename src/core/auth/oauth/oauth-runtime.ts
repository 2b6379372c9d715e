/**
 * One page's OAuth world: its sessions (one per issuer and storage kind, shared by every element),
 * the once-per-load look at the provider's answer, and the lazily loaded flow (oauth4webapi is
 * fetched only when a sign-in starts or returns). Elements use {@link OAuthRuntime.session}.
 */
import { globalFetch, type FetchLike } from '../../util/environment.js';
import type { OAuthConfig, OAuthStorageKind } from './oauth-config.js';
import { takeReturn, type ReturnOutcome } from './oauth-return.js';
import { OAuthSession } from './oauth-session.js';
import type { PendingSignIn } from './pending-sign-in.js';
import { captureReturn, type CapturedReturn, type OAuthNavigator } from './return-capture.js';
import { browserStorageAreas, type StorageAreas } from './token-vault.js';

/** Longest wait for one provider request (discovery, registration, token), in ms. */
export const PROVIDER_TIMEOUT_MS = 30_000;

type FlowModule = typeof import('./oauth-flow.js');

/** Options of {@link createOAuthRuntime}: how the page navigates to the issuer, and (tests) storage areas, `fetch`, clock and the flow module loader. */
export interface OAuthRuntimeOptions {
  navigator: OAuthNavigator;
  /** @default sessionStorage / localStorage of the global scope */
  areas?: StorageAreas;
  /** @default global fetch, looked up at call time */
  fetch?: FetchLike;
  /** Clock in epoch ms. @default Date.now */
  now?: () => number;
  /** Loads the flow module. @default a dynamic import */
  loadFlow?: () => Promise<FlowModule>;
  /**
   * The provider's answer of this page load, already wiped from the address bar (called once, at
   * the first session's look). Pages pass what the elements captured as early as they could
   * (sign-in-return.ts). @default {@link captureReturn} on `navigator`, at that first look
   */
  capture?: () => CapturedReturn | undefined;
}

/** What sessions use from their runtime (internal to core/auth/oauth). */
export interface OAuthRuntimeContext {
  readonly navigator: OAuthNavigator;
  readonly areas: StorageAreas;
  /**
   * The provider's answer in this page load (looked at, and wiped from the URL, on the first call).
   * An answer for a pending sign-in goes to the first session of its issuer that asks, once; an
   * answer nobody asked for goes to every session.
   */
  takeReturn(issuer: string): ReturnOutcome | undefined;
  /** Prepares a sign-in; resolves with the authorization URL. */
  prepare(config: OAuthConfig, signal: AbortSignal): Promise<string>;
  /** Exchanges the answer of a pending sign-in for the key. */
  exchange(pending: PendingSignIn, params: URLSearchParams): Promise<string>;
  sessionsOf(issuer: string): OAuthSession[];
}

/** Gives the {@link OAuthSession} of an issuer and key storage (one per pair, shared by the elements using it). */
export interface OAuthRuntime {
  /** The session of `issuer` with keys kept in `storage` (created on first use). */
  session(issuer: string, storage: OAuthStorageKind): OAuthSession;
}

function withTimeout(signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/** Creates a runtime; a page normally has one (see the elements' `oauth-runtime` binding). */
export function createOAuthRuntime(options: OAuthRuntimeOptions): OAuthRuntime {
  const areas = options.areas ?? browserStorageAreas;
  const fetch = options.fetch ?? globalFetch;
  const now = options.now ?? Date.now;
  const loadFlow = options.loadFlow ?? (() => import('./oauth-flow.js'));
  const capture = options.capture ?? (() => captureReturn(options.navigator, () => areas.session(), true, now()));
  const sessions = new Map<string, OAuthSession>();
  let outcome: { value: ReturnOutcome | undefined } | undefined;

  const context: OAuthRuntimeContext = {
    navigator: options.navigator,
    areas,
    takeReturn(issuer) {
      outcome ??= { value: takeReturn(capture(), areas, now()) };
      const value = outcome.value;
      if (value?.kind !== 'pending') return value;
      if (value.pending.issuer !== issuer) return undefined;
      outcome.value = undefined; // claimed: exchanged by one session only
      return value;
    },
    async prepare(config, signal) {
      const flow = await loadFlow();
      return flow.prepareSignIn(config, { fetch, areas, signal: withTimeout(signal), now: now() });
    },
    async exchange(pending, params) {
      const flow = await loadFlow();
      return flow.finishSignIn(params, pending, { fetch, areas, signal: withTimeout() });
    },
    sessionsOf: (issuer) => [...sessions.values()].filter((session) => session.issuer === issuer),
  };

  return {
    session(issuer, storage) {
      const key = `${storage} ${issuer}`;
      let session = sessions.get(key);
      if (!session) {
        session = new OAuthSession(issuer, storage, context);
        sessions.set(key, session);
      }
      return session;
    },
  };
}
