/**
 * Schemas of everything the store reads back from storage (issue 10 §2), written with valibot:
 * each stored run and each stored event is checked field by field before the store sees it, so a
 * record another tab, an older version or a hostile script wrote cannot reach a view with a wrong
 * type (`"output":"x"`, `"status":42`, `"provider":"evil"`, an event `null`, a numeric
 * `createdAt`). A record that fails is quarantined on its own (persistence.ts); the rest load.
 *
 * The shapes are those of `TaskRun` and `TaskEvent` (providers/task-event.ts). Unknown extra
 * fields are kept (`looseObject`), so a field a newer minor version adds survives a round trip.
 */
import * as v from 'valibot';
import type { TaskEvent, TaskRun } from '../providers/task-event.js';

const str = v.string();
const optStr = v.optional(v.string());
const optNum = v.optional(v.number());

const STATUSES = ['queued', 'running', 'action_required', 'paused', 'cancelling', 'completed', 'failed', 'cancelled', 'timeout', 'unknown'] as const;
const status = v.picklist(STATUSES);

const citation = v.looseObject({ url: str, title: optStr, excerpts: v.array(str) });
const basis = v.looseObject({
  field: str, reasoning: optStr, confidence: v.optional(v.picklist(['low', 'medium', 'high'])), citations: v.array(citation),
});
const output = v.variant('type', [
  v.looseObject({ type: v.literal('json'), content: v.unknown(), basis: v.array(basis), schema: v.optional(v.unknown()) }),
  v.looseObject({ type: v.literal('text'), content: str, basis: v.array(basis) }),
]);
const stats = v.looseObject({ considered: optNum, read: optNum, sample: v.array(str), progress: optNum });
const usage = v.looseObject({
  totalTokens: optNum, inputTokens: optNum, outputTokens: optNum, costUsd: optNum, model: optStr, provider: optStr,
});
const runError = v.looseObject({ message: str, refId: optStr, detail: v.optional(v.unknown()) });

/** One stored run (`TaskRun`). */
export const StoredRunSchema = v.looseObject({
  id: v.pipe(str, v.minLength(1)),
  provider: v.picklist(['parallel', 'shannon']),
  status,
  apiStatus: optStr,
  createdAt: str,
  updatedAt: optStr,
  processor: optStr,
  mode: optStr,
  input: v.optional(v.unknown()),
  sessionId: optStr,
  stats: v.optional(stats),
  output: v.optional(output),
  error: v.optional(runError),
  usage: v.optional(usage),
  lastEventId: optStr,
  interactionId: optStr,
  eventsEvicted: v.optional(v.boolean()),
  request: v.optional(v.unknown()),
});

const base = { id: v.pipe(str, v.minLength(1)), timestamp: optStr, source: str };
const agentText = { text: str, agent: optStr };

/** One stored event (`TaskEvent`), by `kind`. */
export const StoredEventSchema = v.variant('kind', [
  v.looseObject({ ...base, kind: v.literal('status'), status, apiStatus: str, message: optStr }),
  v.looseObject({ ...base, kind: v.literal('message'), category: str, ...agentText }),
  v.looseObject({ ...base, kind: v.literal('stats'), stats }),
  v.looseObject({ ...base, kind: v.literal('thinking'), ...agentText }),
  v.looseObject({ ...base, kind: v.literal('tool'), phase: v.picklist(['call', 'result']), tool: str, ...agentText, success: v.optional(v.boolean()) }),
  v.looseObject({ ...base, kind: v.literal('text-delta'), text: str, agent: str }),
  v.looseObject({ ...base, kind: v.literal('text'), text: str, agent: str }),
  v.looseObject({ ...base, kind: v.literal('output'), output }),
  v.looseObject({ ...base, kind: v.literal('usage'), usage, agent: optStr }),
  v.looseObject({ ...base, kind: v.literal('budget'), text: str, usagePercent: optNum }),
  v.looseObject({ ...base, kind: v.literal('approval'), phase: v.picklist(['requested', 'decided']), text: str }),
  v.looseObject({ ...base, kind: v.literal('control'), action: v.picklist(['pausing', 'paused', 'resumed', 'cancelling', 'cancelled']), text: str }),
  v.looseObject({ ...base, kind: v.literal('error'), error: runError, terminal: v.boolean() }),
  v.looseObject({ ...base, kind: v.literal('invalid'), reason: str, sample: str }),
  v.looseObject({ ...base, kind: v.literal('unknown'), data: v.unknown() }),
]);

/** A checked record, or why it failed in plain words (field path and what was expected). */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = v.getDotPath(issue);
  return `${path ? `${path}: ` : ''}${issue.message}`;
}

/** Checks one stored run. */
export function checkRun(value: unknown): Checked<TaskRun> {
  const result = v.safeParse(StoredRunSchema, value);
  return result.success ? { ok: true, value: result.output as TaskRun } : { ok: false, reason: describe(result.issues) };
}

/** Checks one stored event. */
export function checkEvent(value: unknown): Checked<TaskEvent> {
  const result = v.safeParse(StoredEventSchema, value);
  return result.success ? { ok: true, value: result.output as TaskEvent } : { ok: false, reason: describe(result.issues) };
}
