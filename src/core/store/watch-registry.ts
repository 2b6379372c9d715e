/**
 * Reference-counted run sessions: however many views watch a run, it has one session; it starts
 * with the first watcher and ends when the last one leaves. `stop()` is remembered per run, not per
 * session: a run stopped by the user stays stopped when its views are removed and added again (a
 * framework re-render) until `reconnect()`. Requests use the endpoint of the most recent watcher
 * still watching.
 */
import type { EndpointConfig } from '../client/api-request.js';
import type { ProviderName } from '../providers/task-event.js';
import type { WatchedSession } from './lazy-session.js';
import type { EndpointSource } from './store-types.js';

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
  /** The run's status was learned outside its session (a status refresh). */
  statusLearned(runId: string): void;
  /** Ends and forgets one run's session (the run was removed). */
  drop(runId: string): void;
  /** Ends and forgets every session. */
  dropAll(): void;
}

/** `open` starts a session for a run, or returns undefined when none may be started (disposed store). */
export function createWatchRegistry(
  open: (runId: string, endpoint: (provider?: ProviderName) => EndpointConfig) => WatchedSession | undefined,
): WatchRegistry {
  const watches = new Map<string, Watch>();
  const stopped = new Set<string>();

  function ensure(runId: string, watch: Watch): void {
    if (watch.session) return;
    watch.session = open(runId, (provider) => watch.sources[watch.sources.length - 1]!(provider));
    if (stopped.has(runId)) watch.session?.stop();
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
      watches.get(runId)?.session?.reconnect();
    },
    stop(runId) {
      stopped.add(runId);
      watches.get(runId)?.session?.stop();
    },
    configChanged() {
      for (const watch of watches.values()) watch.session?.configChanged();
    },
    statusLearned(runId) {
      watches.get(runId)?.session?.statusLearned();
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
