/**
 * The words of `<task-stream>`'s live status (the visually hidden `role="status"` text): what the
 * badge shows, so a screen reader hears what a sighted person sees — the run's status ("Status:
 * running"), or, for a run this page cannot reach, what it learned ("Status: key rejected"; freshF
 * §2: the live text said "Status: queued" under a "key rejected" badge). Reach: shared/reach.ts.
 * Call inside the element's language (`inLanguage`).
 */
import type { TaskRun } from '../../core/providers/task-event.js';
import type { TaskStore } from '../../core/store/task-store.js';
import { statusLabel } from '../shared/format.js';
import { reachLabel, runReach } from '../shared/reach.js';
import { t } from './shell-strings.js';

/** "Status: …" for `run` as `store` knows it now; '' when no run is shown. */
export function liveStatus(run: TaskRun | undefined, store: TaskStore): string {
  if (!run) return '';
  const reach = runReach(run, store.getConnection(run.id));
  return t('stream.statusAnnouncement', { status: reach ? reachLabel(reach) : statusLabel(run.status) });
}
