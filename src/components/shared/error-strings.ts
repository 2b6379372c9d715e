/**
 * The English words of failed requests (error-text.ts): what happened and what to do. They load with
 * what shows a failure (the run view, the form's request error), not with every element; the
 * reference for translators and the fallback. Placeholders are `{name}`.
 */
import { translator } from '../../core/i18n/scope.js';

export const errorStrings = {
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
  /** A completed run whose output could not be fetched (the button is `stream.loadResult`). */
  'error.resultUnavailable': 'The run finished, but its result could not be loaded. Press “Load the result” to try again.',
  /** A batch sent part of the way (GroupSubmitError): `error.batch.partial` or `.none`, then `.rest`, then `.why` with the failed call's sentence. */
  'error.batch.partial': { one: '{count} run of the batch was submitted and is running.', other: '{count} runs of the batch were submitted and are running.' },
  'error.batch.rest': {
    one: '{count} input was not sent: submit again to add it to the same batch.',
    other: '{count} inputs were not sent: submit again to add them to the same batch.',
  },
  'error.batch.none': 'The batch could not be submitted; no run was started.',
  'error.batch.why': 'The reason: {problem}',
  /** A failed request's sentence followed by the API's own words. */
  'error.withDetail': '{text} “{detail}”',
  'error.network': 'Could not reach {url}. Check the network connection and the proxy-url setting.',
  /** `{page}` is the page's origin. */
  'error.networkCrossOrigin': 'Could not reach {url}. It is on another origin than this page ({page}), so the browser may have blocked it (CORS). Serve the API through the bundled proxy (task-elements/proxy) on this site and point proxy-url at it, or allow {page} on that server.',
} as const;

export const t = translator(errorStrings);
