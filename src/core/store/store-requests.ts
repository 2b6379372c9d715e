/**
 * The store's requests to the providers' APIs (create, cancel, pause, resume, a status check) and how
 * a status snapshot is applied. The API code is a chunk loaded with the first request
 * (api-actions.ts, lazy-session.ts): a page that only shows stored runs does not download it.
 */
import type { TaskEvent, TaskRun, TaskRunPatch } from '../providers/task-event.js';
import { statusEventId } from './dedupe.js';
import type { TaskStore } from './store-types.js';

const apiActions = () => import('./api-actions.js');

/** What the requests need from the store. */
export interface RequestHost {
  /** The store (called when a request is made: the store is created after its requests). */
  store(): TaskStore;
  now(): number;
  /** A run was changed in place (its resume cursor): saved at the next write, without a change notice. */
  changedQuietly(runId: string): void;
  /** Reconnects a watched run (after resume). */
  reconnect(runId: string): void;
  /** A final status was learned outside the run's session: a session waiting or failed may end now. */
  statusLearned(runId: string): void;
  /** Applies events in order, each once; `persist` false for events already in the shared log (another tab's). */
  ingest(runId: string, events: readonly TaskEvent[], persist: boolean): TaskEvent[];
}

export function createStoreRequests(host: RequestHost) {
  /**
   * Applies a status snapshot: fields as a patch, the status as a (logged) transition. Returns the
   * new events. `persist` false: another tab fanned it out and wrote it (issue 14 §1).
   */
  function applySnapshot(runId: string, patch: TaskRunPatch, extra: readonly TaskEvent[], source: string, persist = true): TaskEvent[] {
    const store = host.store();
    const run = store.getRun(runId);
    if (!run) return [];
    const { status, apiStatus, output: _output, lastEventId, ...fields } = patch;
    if (lastEventId !== undefined && run.lastEventId !== lastEventId) {
      // The resume cursor moves with every Shannon event and nothing renders it: kept without a change notice.
      run.lastEventId = lastEventId;
      host.changedQuietly(runId);
    }
    // The API said when a run known only by its id was created: that time is the run's now.
    if (run.createdAtUnknown && fields.createdAt !== undefined) fields.createdAtUnknown = undefined;
    if (Object.entries(fields).some(([key, value]) => JSON.stringify(run[key as keyof TaskRun]) !== JSON.stringify(value))) store.updateRun(runId, fields);
    const timestamp = patch.updatedAt ?? new Date(host.now()).toISOString(); // a learned status is stamped when learned
    const statusEvents: TaskEvent[] = status ? [{ kind: 'status', id: statusEventId(status), status, apiStatus: apiStatus ?? status, source, timestamp }] : [];
    return host.ingest(runId, [...statusEvents, ...extra], persist);
  }

  const requests: Pick<TaskStore, 'submit' | 'cancel' | 'pause' | 'resume' | 'refreshStatus'> = {
    async submit(params, endpoint, signal) {
      const store = host.store();
      const { createRun } = await apiActions();
      const run = await createRun(params, endpoint, new Date(host.now()).toISOString(), signal);
      store.addRun(run, [{ kind: 'status', id: statusEventId(run.status), status: run.status, apiStatus: run.apiStatus ?? run.status, source: 'create' }]);
      store.select(run.id);
      return store.getRun(run.id)!;
    },
    async cancel(runId, endpoint) {
      const store = host.store();
      await (await apiActions()).requestCancel(runId, endpoint);
      if (store.getRun(runId)?.status !== 'cancelled') {
        store.applyEvents(runId, [{ kind: 'status', id: statusEventId('cancelling', 'requested'), status: 'cancelling', apiStatus: 'cancel requested', source: 'cancel' }]);
      }
    },
    pause: async (runId, endpoint) => (await apiActions()).requestControl(runId, endpoint, 'pause'),
    async resume(runId, endpoint) {
      await (await apiActions()).requestControl(runId, endpoint, 'resume');
      host.reconnect(runId);
    },
    async refreshStatus(runId, endpoint, signal) {
      const snapshot = await (await apiActions()).fetchStatus(runId, endpoint, signal);
      if (signal?.aborted) return; // the caller no longer wants it
      applySnapshot(runId, snapshot.patch, snapshot.events, 'status');
      // Applied only once the run's stored log is read (persisted-logs.ts `hold`): the session hears of it then.
      await host.store().loadEvents(runId);
      if (!signal?.aborted) host.statusLearned(runId); // a session waiting, failed or stopped may end now
    },
  };
  return { applySnapshot, requests };
}
