/**
 * Whether and how a store's run sessions share one live connection per run across the tabs of the
 * origin (issue 14 §1; the sharing itself is tabs/shared-session.ts, loaded with the connection
 * code). This file only decides the store's side: which coordinator, the run's lock and channel
 * name, and how another tab's fanned-out changes are applied here.
 */
import type { TabSharing } from '../tabs/fanout.js';
import type { TaskStoreOptions } from './store-types.js';

/** What the store lends a shared session. */
export interface SharingHost {
  /** Applies what the owner tab fanned out (it wrote it to the shared log: not written again). */
  applyRemote: TabSharing['applyRemote'];
  /** Queues events for this tab's next log write (a new owner writes what the old one may not have). */
  persist: TabSharing['persist'];
}

/**
 * The sharing of each run's session, or a function returning undefined where tabs do not share
 * (`shareConnections: 'none'`, or by default a store without a shared log: `memory` persistence).
 * `channel`: the store's cross-tab channel name from open-persistence.ts, if any.
 */
export function sharingFor(options: TaskStoreOptions, name: string, channel: string | undefined, host: SharingHost): (runId: string) => TabSharing | undefined {
  const shared = options.shareConnections ?? (channel ? 'auto' : 'none');
  if (shared === 'none') return () => undefined;
  const { tabTuning, maxStreams } = options;
  return (runId) => ({ coordinator: shared, name: `task-elements:${name}:run:${runId}`, ...tabTuning, maxStreams, ...host });
}
