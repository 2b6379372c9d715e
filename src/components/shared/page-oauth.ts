/**
 * The page's one OAuth runtime, with the browser-only parts the core leaves out: reading
 * `location`, wiping the provider's answer with `history.replaceState`, and leaving for the
 * provider with `location.assign`.
 */
import type { OAuthNavigator } from '../../core/auth/oauth/oauth-return.js';
import { createOAuthRuntime, type OAuthRuntime } from '../../core/auth/oauth/oauth-runtime.js';

/** `location` and `history` of this window. */
export const browserNavigator: OAuthNavigator = {
  currentUrl: () => location.href,
  replaceUrl: (url) => history.replaceState(history.state, '', url),
  navigate: (url) => location.assign(url),
};

let runtime: OAuthRuntime | undefined;

/** The runtime every element of this page shares (created on first use). */
export function pageOAuthRuntime(): OAuthRuntime {
  runtime ??= createOAuthRuntime({ navigator: browserNavigator });
  return runtime;
}
