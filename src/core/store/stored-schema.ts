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
const mcpToolCalls = v.optional(v.array(v.looseObject({ id: str, server: str, tool: str, arguments: str, content: optStr, error: optStr })));
const output = v.variant('type', [
  v.looseObject({ type: v.literal('json'), content: v.unknown(), basis: v.array(basis), schema: v.optional(v.unknown()), mcpToolCalls }),
  v.looseObject({ type: v.literal('text'), content: str, basis: v.array(basis), mcpToolCalls }),
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
  createdAtUnknown: v.optional(v.boolean()),
  updatedAt: optStr,
  processor: optStr,
  mode: optStr,
  input: v.optional(v.unknown()),
  sessionId: optStr,
  stats: v.optional(stats),
  output: v.optional(output),
  error: v.optional(runError),
  usage: v.optional(usage),
  usageByAgent: v.optional(v.array(v.looseObject({ ...usage.entries, agent: str }))),
  title: optStr,
  warnings: v.optional(v.array(v.looseObject({ type: str, message: str }))),
  lastEventId: optStr,
  streamEnded: v.optional(v.boolean()),
  watchStopped: v.optional(v.boolean()),
  interactionId: optStr,
  eventsEvicted: v.optional(v.boolean()),
  logIncomplete: v.optional(v.boolean()),
  request: v.optional(v.unknown()),
});

const base = { id: v.pipe(str, v.minLength(1)), timestamp: optStr, source: str, seq: optNum };
const agentText = { text: str, agent: optStr };

/** The schema of each event kind: every kind of the `TaskEvent` union (the compiler checks it). */
const EVENT_KINDS = {
  status: v.looseObject({ ...base, kind: v.literal('status'), status, apiStatus: str, message: optStr }),
  message: v.looseObject({ ...base, kind: v.literal('message'), category: str, ...agentText }),
  stats: v.looseObject({ ...base, kind: v.literal('stats'), stats }),
  thinking: v.looseObject({ ...base, kind: v.literal('thinking'), ...agentText }),
  tool: v.looseObject({ ...base, kind: v.literal('tool'), phase: v.picklist(['call', 'result']), tool: str, ...agentText, success: v.optional(v.boolean()) }),
  'text-delta': v.looseObject({ ...base, kind: v.literal('text-delta'), text: str, agent: str }),
  text: v.looseObject({ ...base, kind: v.literal('text'), text: str, agent: str, usage: v.optional(usage) }),
  output: v.looseObject({ ...base, kind: v.literal('output'), output }),
  usage: v.looseObject({ ...base, kind: v.literal('usage'), usage, agent: optStr }),
  prompt: v.looseObject({ ...base, kind: v.literal('prompt'), text: str, agent: optStr, model: optStr, provider: optStr }),
  title: v.looseObject({ ...base, kind: v.literal('title'), text: str, partial: v.boolean(), usage: v.optional(usage) }),
  gap: v.looseObject({ ...base, kind: v.literal('gap'), afterSeq: v.number(), beforeSeq: v.number(), missing: v.number() }),
  budget: v.looseObject({ ...base, kind: v.literal('budget'), text: str, usagePercent: optNum }),
  approval: v.looseObject({ ...base, kind: v.literal('approval'), phase: v.picklist(['requested', 'decided']), text: str }),
  control: v.looseObject({ ...base, kind: v.literal('control'), action: v.picklist(['pausing', 'paused', 'resumed', 'cancelling', 'cancelled']), text: str }),
  error: v.looseObject({ ...base, kind: v.literal('error'), error: runError, terminal: v.boolean() }),
  invalid: v.looseObject({ ...base, kind: v.literal('invalid'), reason: str, sample: str }),
  unknown: v.looseObject({ ...base, kind: v.literal('unknown'), data: v.unknown() }),
} satisfies Record<TaskEvent['kind'], v.GenericSchema>;

/** One stored event (`TaskEvent`), by `kind`. */
export const StoredEventSchema = v.variant('kind', Object.values(EVENT_KINDS));

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

/**
 * Checks one stored event. The schema of its `kind` is picked first: the same check as
 * {@link StoredEventSchema}, without trying each kind in turn (a reload checks thousands).
 */
export function checkEvent(value: unknown): Checked<TaskEvent> {
  const kind = (value as { kind?: unknown } | null)?.kind;
  const schema = typeof kind === 'string' && Object.hasOwn(EVENT_KINDS, kind) ? EVENT_KINDS[kind as keyof typeof EVENT_KINDS] : StoredEventSchema;
  const result = v.safeParse(schema, value);
  return result.success ? { ok: true, value: result.output as TaskEvent } : { ok: false, reason: describe(result.issues) };
}
