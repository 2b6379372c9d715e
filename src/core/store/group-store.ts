/**
 * Task groups (batches) a page submitted, kept beside the run store: one record per group with
 * the start of each input, the group's status counts and the resume cursor of its event stream,
 * persisted to localStorage under `task-elements-groups:<store name>` so a reload resumes from the
 * last `event_id` (parallel-task-api.md §10). One live events connection per group, however many
 * views watch it; it closes by itself once no run of the group is active. Stores are shared by
 * name, like task stores ({@link getGroupStore}).
 */
import type { EndpointConfig } from '../client/api-request.js';
import type { ConnectionSnapshot, StreamConnection } from '../client/stream-client.js';
import { getGroup, submitBatch, type BatchRequest, type SubmitOptions } from '../providers/parallel/group-client.js';
import { fetchGroupRuns, watchGroup } from '../providers/parallel/group-stream.js';
import { createRunsRefresh, type RunsRefresh } from '../providers/parallel/group-runs-refresh.js';
import { GroupTracker, type SavedGroupState } from '../providers/parallel/group-tracker.js';
import type { GroupTransition } from '../providers/parallel/group-types.js';
import { browserLocalStorage } from './memory-storage.js';
import type { StorageLike } from './run-index.js';

/** Characters of each input kept to list a group's runs. */
export const INPUT_PREVIEW_CHARS = 80;

/** One submitted batch. */
export interface GroupRecord {
  groupId: string;
  createdAt: string;
  processor: string;
  /** Run ids in input order. */
  runIds: string[];
  /** The start of each input, by run id. */
  previews: Record<string, string>;
  /** Tracker state as last saved: resume cursor, status counts and each run's status. */
  state: SavedGroupState;
}

/** A change {@link GroupStore} subscribers are told about. */
export type GroupStoreChange =
  | { type: 'groups' }
  | { type: 'selection'; groupId: string | undefined }
  | { type: 'group'; groupId: string; transitions: GroupTransition[] }
  | { type: 'connection'; groupId: string; connection: ConnectionSnapshot };

/** Task Groups (Parallel batches) of one store: their records, live status and changes. */
export interface GroupStore {
  readonly name: string;
  /** Newest first. */
  readonly groups: readonly GroupRecord[];
  get(groupId: string): GroupRecord | undefined;
  /** The live state of a group (status counts, each run's status, resume cursor). */
  tracker(groupId: string): GroupTracker | undefined;
  readonly selectedId: string | undefined;
  select(groupId: string | undefined): void;
  getConnection(groupId: string): ConnectionSnapshot | undefined;
  /**
   * Creates a group, adds every input (calls of ≤1,000), records it and selects it. Rejects like
   * {@link submitBatch}; a part-way failure still records the runs that were accepted.
   */
  submit(batch: BatchRequest, endpoint: EndpointConfig, options?: SubmitOptions): Promise<GroupRecord>;
  /**
   * Adds a group this browser did not submit (e.g. `<task-stream run-id="tgrp_…">` on another
   * device): reads its status and its runs with their inputs. Rejects like callApi.
   */
  open(groupId: string, endpoint: EndpointConfig, signal?: AbortSignal): Promise<GroupRecord>;
  /** Follows a group's events until no run is active; returns the release function. */
  watch(groupId: string, endpoint: () => EndpointConfig): () => void;
  remove(groupId: string): void;
  subscribe(listener: (change: GroupStoreChange) => void): () => void;
}

/** The text of an input as listed: objects as `field: value` pairs; cut at {@link INPUT_PREVIEW_CHARS}. */
export function inputPreview(input: unknown): string {
  const text = typeof input === 'string'
    ? input
    : Object.entries((input ?? {}) as Record<string, unknown>).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(', ');
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > INPUT_PREVIEW_CHARS ? `${flat.slice(0, INPUT_PREVIEW_CHARS - 1)}…` : flat;
}

function readRecords(storage: StorageLike | undefined, key: string): { groups: GroupRecord[]; selectedId?: string } {
  try {
    const parsed = JSON.parse(storage?.getItem(key) ?? 'null') as { groups?: unknown; selectedId?: unknown } | null;
    const groups = (Array.isArray(parsed?.groups) ? parsed.groups : []).filter(
      (g: Partial<GroupRecord>): g is GroupRecord => typeof g?.groupId === 'string' && Array.isArray(g.runIds) && typeof g.state === 'object' && g.state !== null,
    );
    const selectedId = typeof parsed?.selectedId === 'string' && groups.some((g) => g.groupId === parsed.selectedId) ? parsed.selectedId : undefined;
    return { groups, selectedId };
  } catch {
    return { groups: [] }; // unreadable: start empty rather than break the page
  }
}

/** Creates a group store; `storage` defaults to localStorage (memory-only where there is none). */
export function createGroupStore(name: string, storage: StorageLike | undefined = browserLocalStorage()): GroupStore {
  const key = `task-elements-groups:${name}`;
  const loaded = readRecords(storage, key);
  let groups = loaded.groups;
  let selectedId = loaded.selectedId;
  const trackers = new Map<string, GroupTracker>();
  const connections = new Map<string, ConnectionSnapshot>();
  const live = new Map<string, { connection: StreamConnection; refresh: RunsRefresh; users: number }>();
  const listeners = new Set<(change: GroupStoreChange) => void>();
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const emit = (change: GroupStoreChange): void => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // one faulty listener must not stop the others
      }
    }
  };
  const save = (): void => {
    saveTimer = undefined;
    for (const group of groups) {
      const tracker = trackers.get(group.groupId);
      if (tracker) group.state = tracker.save();
    }
    try {
      storage?.setItem(key, JSON.stringify({ groups, selectedId }));
    } catch {
      // over quota: the groups stay in memory for this page
    }
  };
  const scheduleSave = (): void => {
    saveTimer ??= setTimeout(save, 250);
  };
  const trackerOf = (group: GroupRecord): GroupTracker => {
    let tracker = trackers.get(group.groupId);
    if (!tracker) {
      tracker = GroupTracker.restore(group.state);
      tracker.addSubmitted(group.runIds);
      trackers.set(group.groupId, tracker);
    }
    return tracker;
  };
  const store: GroupStore = {
    name,
    get groups() {
      return groups;
    },
    get: (groupId) => groups.find((g) => g.groupId === groupId),
    tracker(groupId) {
      const group = groups.find((g) => g.groupId === groupId);
      return group ? trackerOf(group) : undefined;
    },
    get selectedId() {
      return selectedId;
    },
    select(groupId) {
      if (groupId === selectedId) return;
      selectedId = groupId;
      scheduleSave();
      emit({ type: 'selection', groupId });
    },
    getConnection: (groupId) => connections.get(groupId),
    async submit(batch, endpoint, options = {}) {
      const record = (groupId: string, runIds: readonly string[]): GroupRecord => {
        let group = groups.find((g) => g.groupId === groupId);
        if (!group) {
          group = { groupId, createdAt: new Date().toISOString(), processor: batch.processor, runIds: [], previews: {}, state: { runs: [] } };
          groups = [group, ...groups];
        }
        const start = group.runIds.length;
        for (const [i, runId] of runIds.slice(start).entries()) group.previews[runId] = inputPreview(batch.inputs[start + i]);
        group.runIds = [...runIds];
        trackerOf(group).addSubmitted(runIds);
        scheduleSave();
        emit({ type: 'groups' });
        return group;
      };
      const submitted = await submitBatch(endpoint, batch, {
        ...options,
        onProgress: (progress) => {
          record(progress.groupId, progress.runIds);
          options.onProgress?.(progress);
        },
      });
      const group = record(submitted.groupId, submitted.runIds);
      store.select(group.groupId);
      return group;
    },
    async open(groupId, endpoint, signal) {
      const known = groups.find((g) => g.groupId === groupId);
      if (known) return known;
      const snapshot = await getGroup(endpoint, groupId, signal);
      const runs = await fetchGroupRuns(endpoint, groupId, { includeInput: true, signal });
      const again = groups.find((g) => g.groupId === groupId);
      if (again) return again;
      const group: GroupRecord = {
        groupId,
        createdAt: snapshot.createdAt ?? new Date().toISOString(),
        processor: runs[0]?.run.processor ?? '',
        runIds: runs.map((r) => r.run.runId),
        previews: Object.fromEntries(runs.map((r) => [r.run.runId, inputPreview(r.input)])),
        state: { status: snapshot.status, runs: runs.map((r) => r.run) },
      };
      groups = [...groups, group].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      scheduleSave();
      emit({ type: 'groups' });
      return group;
    },
    watch(groupId, endpoint) {
      const group = groups.find((g) => g.groupId === groupId);
      // A group known to be finished needs no connection (it converged).
      if (!group || trackerOf(group).status?.active === false) return () => {};
      let entry = live.get(groupId);
      if (!entry) {
        const tracker = trackerOf(group);
        const changed = (transitions: GroupTransition[]): void => {
          scheduleSave();
          emit({ type: 'group', groupId, transitions });
        };
        // The rows and the counts are both counted from each run's status: when the group's counts
        // are ahead of its runs (no per-run queued → running event exists), the runs list is read.
        const refresh = createRunsRefresh({ tracker, read: (signal) => fetchGroupRuns(endpoint(), groupId, { signal }), onTransitions: changed });
        const connection = watchGroup(endpoint(), groupId, {
          tracker,
          onEvent: (_event, transitions) => {
            if (transitions.length) changed(transitions);
            refresh.check();
          },
          onState: (snapshot) => {
            connections.set(groupId, snapshot);
            emit({ type: 'connection', groupId, connection: snapshot });
          },
        });
        entry = { connection, refresh, users: 0 };
        live.set(groupId, entry);
        refresh.check();
        void connection.finished.then(() => {
          if (live.get(groupId)?.connection === connection) live.delete(groupId);
          save();
        });
      }
      const mine = entry;
      mine.users++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--mine.users > 0) return;
        mine.connection.close();
        mine.refresh.close();
      };
    },
    remove(groupId) {
      live.get(groupId)?.connection.close();
      live.get(groupId)?.refresh.close();
      groups = groups.filter((g) => g.groupId !== groupId);
      trackers.delete(groupId);
      if (selectedId === groupId) store.select(undefined);
      scheduleSave();
      emit({ type: 'groups' });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}

const registry = new Map<string, GroupStore>();

/** Registers a group store under its name (tests, or a store with its own storage) before elements ask for it. */
export function registerGroupStore(store: GroupStore): void {
  registry.set(store.name, store);
}

/** The group store named `name` (the elements' `store` attribute), created on first use. */
export function getGroupStore(name = 'default'): GroupStore {
  let store = registry.get(name);
  if (!store) {
    store = createGroupStore(name);
    registry.set(name, store);
  }
  return store;
}
