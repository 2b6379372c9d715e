/**
 * The first step of a return from the provider, small enough to load with every element: recognise
 * the provider's answer in the page URL and wipe `code`/`state`/`error`/`iss` from the address bar
 * (`history.replaceState` through {@link OAuthNavigator}), keeping what was there in memory for the
 * sign-in code that loads later (oauth-return.ts). Nothing here exchanges anything.
 *
 * A page counts as a return only when it carries `code` or `error` and either is the redirect target
 * of this tab's pending sign-in or — when the caller allows it (an element in `auth-mode="oauth"` is
 * there) — carries `state`: a page that uses `?code=` for its own purposes and has no sign-in of ours
 * in flight is left alone (parallel-task-api.md §15 flaw 2: the reference app took any `?code=`).
 */
import { KEY_PREFIX, type StorageLike } from '../../store/persistence.js';

/** The browser-only parts of a sign-in, injected so the core stays DOM-free. */
export interface OAuthNavigator {
  /** The page's current URL (`location.href`). */
  currentUrl(): string;
  /** Replaces the address-bar URL without navigating or adding a history entry (`history.replaceState`). */
  replaceUrl(url: string): void;
  /** Leaves the page for the provider (`location.assign`). */
  navigate(url: string): void;
}

/** sessionStorage slot of this tab's pending sign-in (pending-sign-in.ts reads and writes it). */
export const PENDING_SLOT = `${KEY_PREFIX}:oauth:pending`;

/** Parameters the provider adds to the redirect URI (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207). */
export const RETURN_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'] as const;

/** The provider's answer as it was in the URL, before it was wiped. */
export interface CapturedReturn {
  /** Every query parameter of the page URL at the return (the answer and any of the page's own). */
  readonly params: URLSearchParams;
}

/** A pending sign-in older than this is void (RFC 6749 §4.1.2 recommends codes live at most 10 minutes). */
export const PENDING_MAX_AGE_MS = 10 * 60_000;

/** Where this tab's pending sign-in returns to, and whether it is still fresh. */
function pendingTarget(session: () => StorageLike | null | undefined, now: number): { uri: string; fresh: boolean } | undefined {
  try {
    const raw = session()?.getItem(PENDING_SLOT);
    const pending = raw ? (JSON.parse(raw) as { redirectUri?: unknown; createdAt?: unknown }) : undefined;
    if (typeof pending?.redirectUri !== 'string') return undefined;
    const age = typeof pending.createdAt === 'number' ? now - pending.createdAt : NaN;
    return { uri: pending.redirectUri, fresh: age >= 0 && age <= PENDING_MAX_AGE_MS };
  } catch {
    return undefined;
  }
}

function samePage(a: string, b: URL): boolean {
  try {
    const url = new URL(a);
    return url.origin === b.origin && url.pathname === b.pathname;
  } catch {
    return false;
  }
}

/**
 * Looks at the current URL. When it is a return, the OAuth parameters are removed from the address
 * bar before this function returns, and what they were is returned.
 * @param session - this tab's sessionStorage (may throw or be missing: blocked storage).
 * @param withState - an element in `auth-mode="oauth"` is on the page: also count a page with
 *   `state` when no sign-in is pending, and one for an expired sign-in (both reported as errors by
 *   the sign-in code). Without it only a fresh pending sign-in (≤ 10 minutes) of this page counts,
 *   so another OAuth client of the page that returns to the same path keeps its answer.
 * @param now - epoch ms.
 * @returns undefined when the page is not a return (the URL is untouched).
 */
export function captureReturn(
  navigator: Pick<OAuthNavigator, 'currentUrl' | 'replaceUrl'>,
  session: () => StorageLike | null | undefined,
  withState: boolean,
  now: number,
): CapturedReturn | undefined {
  let url: URL;
  try {
    url = new URL(navigator.currentUrl());
  } catch {
    return undefined;
  }
  const params = url.searchParams;
  if (!params.has('code') && !params.has('error')) return undefined;
  const target = pendingTarget(session, now);
  const ours = target ? samePage(target.uri, url) && (target.fresh || withState) : withState && params.has('state');
  if (!ours) return undefined;
  const captured = { params: new URLSearchParams(params) };
  for (const name of RETURN_PARAMS) params.delete(name);
  navigator.replaceUrl(url.href);
  return captured;
}
