/** Builders of Parallel wire events for scripted streams. */
import type { ScriptedEvent } from './scripted-stream.js';

export const parallelRun = (id: string, status = 'running', extra: object = {}) => ({
  run_id: id, interaction_id: id, status, is_active: !['completed', 'failed', 'cancelled'].includes(status),
  processor: 'core', metadata: null, warnings: null, error: null, taskgroup_id: null,
  created_at: '2026-11-01T10:00:00Z', modified_at: '2026-11-01T10:00:05Z', ...extra,
});

export const stateEvent = (run: object, output: unknown = null): ScriptedEvent => ({
  event: 'task_run.state', data: JSON.stringify({ type: 'task_run.state', event_id: null, input: null, run, output }),
});

export const progressMessage = (kind: string, message: string, timestamp = '2026-11-01T10:00:01Z'): ScriptedEvent => ({
  event: `task_run.progress_msg.${kind}`,
  data: JSON.stringify({ type: `task_run.progress_msg.${kind}`, message, timestamp }),
});

export const statsEvent = (considered: number, read: number, meter?: number, sample: string[] = []): ScriptedEvent => ({
  event: 'task_run.progress_stats',
  data: JSON.stringify({ type: 'task_run.progress_stats', source_stats: { num_sources_considered: considered, num_sources_read: read, sources_read_sample: sample }, ...(meter === undefined ? {} : { progress_meter: meter }) }),
});
