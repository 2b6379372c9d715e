/**
 * English words every element uses (providers, statuses, times, usage, "Sign in with Parallel"),
 * the fallback for a key that a language's catalog or an override leaves out. Each element's
 * own English is a module of its element (`task-form/strings.ts`, …), so a page downloads the words
 * of the elements it shows; `TaskStrings` (components/shared/i18n/catalog.ts) is the whole catalog.
 * Placeholders are `{name}`; plural messages list CLDR forms (`one`, `other`, …) chosen by `{count}`.
 */
export const commonStrings = {

  // Words shared by the elements.
  'provider.parallel': 'Parallel',
  'provider.shannon': 'Shannon',
  'status.queued': 'queued',
  'status.running': 'running',
  'status.action_required': 'action required',
  'status.paused': 'paused',
  'status.cancelling': 'cancelling',
  'status.completed': 'completed',
  'status.failed': 'failed',
  'status.cancelled': 'cancelled',
  'status.timeout': 'timed out',
  'status.unknown': 'unknown',
  /** A time in the past less than 5 s ago (or a server time ahead of this clock). */
  'time.justNow': 'just now',
  'usage.tokens': { one: '{count} token', other: '{count} tokens' },
  /** Tokens read and written, inside the parentheses after the total. */
  'usage.split': '{input} in, {output} out',

  /** The tooltip of a link that is not opened (not http or https). */
  'link.unsafe': 'Link not opened: only http and https links are allowed',

  // Failed requests, in words (what happened and what to do; `{status}` is the HTTP status).
  'error.http.400': 'The request was rejected as invalid (400).',
  'error.http.401': 'The API key was missing or rejected (401). Check the key, or the key the proxy adds.',
  'error.http.402': 'The account has no credit left for this request (402). Add credit, then try again.',
  'error.http.403': 'Access was denied (403). The key may not allow this, or the proxy refused the request.',
  'error.http.404': 'Not found (404). The run may not exist for this key, or proxy-url points to the wrong place.',
  'error.http.408': 'The server timed out waiting (408); the run is still active.',
  'error.http.413': 'The request is too large (413). Shorten the input or the schema.',
  'error.http.422': 'The API could not accept the request (422). Fix the highlighted input and submit again.',
  'error.http.429': 'Too many requests (429). Wait a moment, then try again.',
  'error.http.429retry': 'Too many requests (429). Try again in {seconds} s.',
  'error.http.5xx': 'The server had a problem ({status}). It is usually temporary.',
  'error.http.other': 'The request failed ({status}).',
  /** `{mode}` is the auth-mode attribute's value. */
  'error.config.apiKey': 'auth-mode="{mode}" needs an API key: set the apiKey property, or use auth-mode="none" behind the proxy.',
  'error.config.signIn': 'auth-mode="oauth" needs a sign-in: use "Sign in with Parallel" first.',
  /** Following a run stopped; followed by `error.lastProblem` or `error.nothingNew`, then `error.pressReconnect`. */
  'error.gaveUp': 'Gave up after {attempts} attempts to follow the run.',
  'error.lastProblem': 'The last problem: {problem}',
  'error.nothingNew': 'Each connection ended without anything new.',
  'error.pressReconnect': 'Press Reconnect to try again.',
  /** A failed request's sentence followed by the API's own words. */
  'error.withDetail': '{text} “{detail}”',
  'error.network': 'Could not reach {url}. Check the network connection and the proxy-url setting.',
  /** `{page}` is the page's origin. */
  'error.networkCrossOrigin': 'Could not reach {url}. It is on another origin than this page ({page}), so the browser may have blocked it (CORS). Serve the API through the bundled proxy (task-elements/proxy) on this site and point proxy-url at it, or allow {page} on that server.',

  // "Sign in with Parallel" (auth-mode="oauth").
  'signIn.checking': 'Checking the sign-in…',
  'signIn.loadFailed': 'The sign-in could not be loaded, perhaps because the network is down. Check the connection and try again.',
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

