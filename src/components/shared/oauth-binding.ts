/**
 * Everything of "Sign in with Parallel" that an element loads on first use (sign-in-gate.ts imports
 * this module dynamically): the binding to the page's sign-in session and what the elements show for
 * it. In the script-tag bundle it is one chunk, with the OAuth flow (oauth4webapi) a further chunk
 * that loads only when a sign-in starts or returns.
 */
export { OAuthController } from './oauth-controller.js';
export { renderSignInPanel, renderSignInRequired } from './oauth-views.js';
