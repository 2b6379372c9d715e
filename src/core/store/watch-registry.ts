/**
 * Reference-counted run sessions: however many views watch a run, it has one session; it starts
 * with the first watcher and ends when the last one leaves. `stop()` is remembered per run, not per
 * session, and kept with the run in the store (`watchStopped`, persisted): a run stopped by the user
 * stays stopped when its views are removed and added again (a framework re-render) and over a
 * reload, until `reconnect()`. Requests use the endpoint of the most recent watcher still watching.
 */
import type { EndpointConfig } from '../client/api-request.js';
import type { ProviderName } from '../providers/task-event.js';
import type { WatchedSession } from './lazy-session.js';
import type { EndpointSource, TaskStore } from './store-types.js';

interface Watch {
  refs: number;
  sources: EndpointSource[];
  session?: WatchedSession;
}

export interface WatchRegistry {
  watch(runId: string, source: EndpointSource): () => void;
  reconnect(runId: string): void;
  stop(runId: string): void;
  /** Configuration changed: every session retries what failed because of it. */
  configChanged(): void;
  /** The run's status was learned outside its session: `here` by this tab (a status refresh), else from another tab. */
  statusLearned(runId: string, here?: boolean): void;
  /** Ends and forgets one run's session (the run was removed). */
  drop(runId: string): void;
  /** Ends and forgets every session. */
  dropAll(): void;
}

/** Where a run's "stopped by the user" is kept beyond a session (the store's run record). */
export interface StoppedRecord {
  isStopped(runId: string): boolean;
  setStopped(runId: string, stopped: boolean): void;
}

/** A stop kept with the run in `store` (`TaskRun.watchStopped`, persisted with it). */
export function storedStop(store: () => Pick<TaskStore, 'getRun' | 'updateRun'>): StoppedRecord {
  return {
    isStopped: (runId) => store().getRun(runId)?.watchStopped === true,
    setStopped: (runId, stopped) => store().updateRun(runId, { watchStopped: stopped }),
  };
}

/**
 * `open` starts a session for a run, or returns undefined when none may be started (disposed store);
 * `record` keeps a stop with the run (a run the store does not know is remembered here only).
 */
export function createWatchRegistry(
  open: (runId: string, endpoint: (provider?: ProviderName) => EndpointConfig) => WatchedSession | undefined,
  record?: StoppedRecord,
): WatchRegistry {
  const watches = new Map<string, Watch>();
  const stopped = new Set<string>();
  const isStopped = (runId: string) => stopped.has(runId) || !!record?.isStopped(runId);

  function ensure(runId: string, watch: Watch): void {
    if (watch.session) return;
    watch.session = open(runId, (provider) => watch.sources[watch.sources.length - 1]!(provider));
    if (isStopped(runId)) watch.session?.stop();
    else watch.session?.start();
  }

  return {
    watch(runId, source) {
      let watch = watches.get(runId);
      if (!watch) watches.set(runId, (watch = { refs: 0, sources: [] }));
      const current = watch;
      current.refs++;
      current.sources.push(source);
      ensure(runId, current);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        current.refs--;
        current.sources.splice(current.sources.indexOf(source), 1);
        if (current.refs === 0) {
          current.session?.dispose();
          if (watches.get(runId) === current) watches.delete(runId);
        }
      };
    },
    reconnect(runId) {
      stopped.delete(runId);
      if (record?.isStopped(runId)) record.setStopped(runId, false);
      watches.get(runId)?.session?.reconnect();
    },
    stop(runId) {
      stopped.add(runId);
      record?.setStopped(runId, true);
      watches.get(runId)?.session?.stop();
    },
    configChanged() {
      for (const watch of watches.values()) watch.session?.configChanged();
    },
    statusLearned(runId, here) {
      watches.get(runId)?.session?.statusLearned(here);
    },
    drop(runId) {
      watches.get(runId)?.session?.dispose();
      watches.delete(runId);
      stopped.delete(runId);
    },
    dropAll() {
      for (const watch of watches.values()) watch.session?.dispose();
      watches.clear();
      stopped.clear();
    },
  };
}
