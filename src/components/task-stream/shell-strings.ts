/**
 * The English words of `<task-stream>`'s shell, the part every page with the element loads: no run
 * shown, the status announcement, and a run view that could not be loaded. The run view's own words
 * are in strings.ts, loaded with it. The reference for translators and the fallback (`TaskStrings`).
 */
import { translator } from '../../core/i18n/scope.js';

export const streamShellStrings = {
  'stream.empty': 'No run selected.',
  'stream.emptyHint': 'Submit a task or pick one from the history to watch it here.',
  /** Said to screen readers when the shown run's status changes; `{status}` is its label. */
  'stream.statusAnnouncement': 'Status: {status}',
  'stream.viewFailed': 'The part of task-elements that shows runs could not be loaded. Check the network connection, then press Try again.',
  'stream.viewRetry': 'Try again',
  /** A batch (Parallel task group) whose view is on its way. */
  'stream.loadingBatch': 'Loading the batch…',
  /** A run of a batch whose result view is on its way. */
  'stream.loadingResult': 'Loading the result…',
} as const;

/** A word of the shell in the language of the render in progress. */
export const t = translator(streamShellStrings);
