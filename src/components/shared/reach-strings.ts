/**
 * The English words of a run this page cannot follow (reach.ts), shared by `<task-stream>` and
 * `<task-history>`: the reference for translators and the fallback. Other languages translate these
 * keys in their catalog (`TaskStrings`, components/shared/i18n/catalog.ts).
 */
import { translator } from '../../core/i18n/scope.js';

export const reachStrings = {
  // The badge of a run this page cannot follow: what its requests learned, not a run status.
  'reach.keyRejected': 'key rejected',
  'reach.accessDenied': 'access denied',
  'reach.notFound': 'not found',
  'reach.needsSettings': 'not set up',
  'reach.noConnection': 'couldn’t connect',
  // The badge's title: what happened and what to do.
  'reach.advice.keyRejected': 'The API key was refused: check it, or the one the proxy adds.',
  'reach.advice.accessDenied': 'The key may not allow this, or the proxy refused it.',
  'reach.advice.notFound': 'The server does not know this run: another key, or proxy-url points elsewhere?',
  'reach.advice.needsSettings': 'Set an API key or sign in.',
  'reach.advice.noConnection': 'Open the run and press Reconnect.',
} as const;

export const t = translator(reachStrings);
