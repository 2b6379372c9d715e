/**
 * Reference-counted live connections: however many views watch a run, it has one connection; it
 * opens with the first watcher and closes when the last one leaves. `stop()` keeps a run closed
 * until `reconnect()`. Requests use the endpoint of the most recent watcher still watching.
 */
import type { EndpointConfig } from '../client/api-request.js';
import type { ProviderName } from '../providers/task-event.js';
import type { RunConnection } from './run-connection.js';
import type { EndpointSource } from './store-types.js';

interface Watch {
  refs: number;
  sources: EndpointSource[];
  connection?: RunConnection;
  stopped: boolean;
}

export interface WatchRegistry {
  watch(runId: string, source: EndpointSource): () => void;
  reconnect(runId: string): void;
  stop(runId: string): void;
  /** Closes and forgets one run's connection (the run was removed). */
  drop(runId: string): void;
  /** Closes and forgets every connection. */
  dropAll(): void;
}

/** `open` starts a connection for a run, or returns undefined when none may be opened (disposed store). */
export function createWatchRegistry(
  open: (runId: string, endpoint: (provider?: ProviderName) => EndpointConfig) => RunConnection | undefined,
): WatchRegistry {
  const watches = new Map<string, Watch>();

  function ensure(runId: string, watch: Watch): void {
    if (watch.connection || watch.stopped) return;
    watch.connection = open(runId, (provider) => watch.sources[watch.sources.length - 1]!(provider));
  }

  return {
    watch(runId, source) {
      let watch = watches.get(runId);
      if (!watch) watches.set(runId, (watch = { refs: 0, sources: [], stopped: false }));
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
          current.connection?.stop();
          if (watches.get(runId) === current) watches.delete(runId);
        }
      };
    },
    reconnect(runId) {
      const watch = watches.get(runId);
      if (!watch) return;
      watch.stopped = false;
      if (watch.connection?.isLive) return watch.connection.reconnectNow();
      watch.connection?.stop();
      watch.connection = undefined;
      ensure(runId, watch);
    },
    stop(runId) {
      const watch = watches.get(runId);
      if (!watch) return;
      watch.stopped = true;
      watch.connection?.stop();
    },
    drop(runId) {
      watches.get(runId)?.connection?.stop();
      watches.delete(runId);
    },
    dropAll() {
      for (const watch of watches.values()) watch.connection?.stop();
      watches.clear();
    },
  };
}
