/**
 * The page's one OAuth runtime, with the browser-only parts the core leaves out: `location` and
 * `history` (sign-in-return.ts, which already wiped the provider's answer from the address bar and
 * hands it over), and leaving for the provider with `location.assign`.
 */
import { createOAuthRuntime, type OAuthRuntime } from '../../core/auth/oauth/oauth-runtime.js';
import { browserNavigator, takeSignInReturn } from './sign-in-return.js';

let runtime: OAuthRuntime | undefined;

/** The runtime every element of this page shares (created on first use). */
export function pageOAuthRuntime(): OAuthRuntime {
  runtime ??= createOAuthRuntime({ navigator: browserNavigator, capture: takeSignInReturn });
  return runtime;
}
