/**
 * The English words of "Sign in with Parallel" (`auth-mode="oauth"`, oauth-views.ts): they load with
 * the sign-in's views, only on pages that use it; the two an element may show before they arrive
 * ("Checking the sign-in…", the sign-in could not be loaded) are common words (core/i18n/en.ts).
 * The reference for translators and the fallback.
 */
import { translator } from '../../core/i18n/scope.js';

export const oauthStrings = {
  'signIn.signedIn': 'Signed in with Parallel',
  'signIn.signOut': 'Sign out',
  'signIn.hint': 'Sign in with your Parallel account to run tasks: this page then uses an API key of your account, kept only in this browser.',
  'signIn.required': 'Sign in with Parallel first: nothing was sent, and your input is kept.',
  'signIn.signingIn': 'Signing in…',
  'signIn.opening': 'Opening Parallel…',
  'signIn.button': 'Sign in with Parallel',
  'signIn.toSeeRuns': 'Sign in to see runs.',
  'signIn.cannotWork': 'Sign-in is not set up correctly on this page.',
  'signIn.toSeeRunsHint': 'Use “Sign in with Parallel” to let this page use your Parallel account.',
  // What the sign-in says last. English pages show the sign-in's own sentence (it names the provider
  // and quotes it); these are the words of every other language, and what a host override replaces.
  'signIn.finishing': 'Finishing the sign-in…',
  'signIn.redirecting': 'Opening Parallel’s sign-in page…',
  'signIn.signedOut': 'Signed out: this page no longer keeps your Parallel key. The key itself stays valid in Parallel’s platform; delete it there if you no longer need it.',
  'signIn.error.config': 'Sign-in cannot work with these settings: check the oauth-* attributes.',
  'signIn.error.stateMismatch': 'The sign-in answer did not belong to the sign-in this tab started, so it was ignored. Sign in again.',
  'signIn.error.noPendingSignIn': 'This sign-in was not started in this tab, or it took too long. Sign in again.',
  'signIn.error.accessDenied': 'You did not allow this page to use your Parallel account, so you are not signed in.',
  'signIn.error.authorizationError': 'Parallel could not sign you in. Try signing in again.',
  'signIn.error.tokenError': 'Parallel refused to hand out the key. Sign in again.',
  'signIn.error.providerUnreachable': 'The sign-in provider could not be reached. Check the network connection and sign in again.',
  'signIn.error.registrationError': 'The sign-in provider refused to register this page. Check oauth-redirect-uri, or set oauth-client-id.',
  'signIn.error.keyRejected': 'Parallel no longer accepts the key from your sign-in, so this page forgot it. Sign in again.',
} as const;

export const t = translator(oauthStrings);
