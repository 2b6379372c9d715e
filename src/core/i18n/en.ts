/**
 * English words every element uses (providers, statuses, times, usage, the sign-in's first words),
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

  // "Sign in with Parallel" (auth-mode="oauth"): what every element may show before the sign-in's
  // code is there; the rest of its words load with it (shared/oauth-strings.ts).
  'signIn.checking': 'Checking the sign-in…',
  'signIn.loadFailed': 'The sign-in could not be loaded, perhaps because the network is down. Check the connection and try again.',
} as const;

