/**
 * Small display formatters shared by the elements, in the language of the render in progress
 * (i18n/scope.ts): every date, time, number and cost goes through `Intl` for that language.
 */
import type { TaskStatus } from '../../core/providers/task-event.js';
import { l10n, t } from '../../core/i18n/scope.js';

/**
 * How long ago a time was: "3 minutes ago", "yesterday". Times are past by nature: a time that is
 * not in the past (a server clock ahead of `now`) and anything within 5 s reads "just now", never
 * "in …". Correct server times for skew first (clock.ts `serverNow`).
 */
export function relativeTime(iso: string | undefined, now = Date.now()): string {
  return l10n().relativeTime(iso, now);
}

/** "1:05:09" or "4:07" from milliseconds, in the language's digits. */
export function duration(ms: number): string {
  return l10n().duration(ms);
}

/** Local time of an ISO timestamp, or '' when it does not parse. */
export function clockTime(iso: string | undefined): string {
  return l10n().clockTime(iso);
}

/** "1,234" (en), "1.234" (de); "–" for nothing. */
export function count(n: number | undefined): string {
  return n === undefined ? '–' : l10n().number(n);
}

/** A date and time in full, for a tooltip. */
export function dateTime(iso: string | undefined): string {
  return l10n().dateTime(iso);
}

/** Statuses the catalog names (`status.<status>`). */
const STATUSES: ReadonlySet<string> = new Set<TaskStatus>(['queued', 'running', 'action_required', 'paused', 'cancelling', 'completed', 'failed', 'cancelled', 'timeout', 'unknown']);

/** Label of a normalized status in the render's language ("action required"). */
export function statusLabel(status: string): string {
  return STATUSES.has(status) ? t(`status.${status as TaskStatus}`) : status.replace(/_/g, ' ');
}

/** Text shortened to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const ACRONYMS = new Set(['llm', 'hitl', 'api', 'mcp', 'url', 'id', 'sse', 'ai', 'json']);

/**
 * A wire name as words a person reads: `DELEGATION` → "Delegation", `LLM_PROMPT` → "LLM prompt",
 * `tool_call` → "Tool call", `task_run.progress_msg.plan` → "Task run progress msg plan".
 */
export function humanize(name: string): string {
  const words = name.split(/[\s_.\-]+/).filter(Boolean).map((w) => w.toLowerCase());
  return words
    .map((w, i) => (ACRONYMS.has(w) ? w.toUpperCase() : i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/**
 * A cost in US dollars, truthfully: "$0.00" for nothing, "< $0.0001" for less than a hundredth of
 * a cent (never "$0.0000" for a cost that is not zero), up to 4 decimals below $1, cents above.
 */
export function formatCost(costUsd: number | undefined): string {
  return l10n().cost(costUsd);
}

/** "1,500 tokens (1,200 in, 300 out) · $0.0009 · gpt-5-mini" — the parts that are known. */
export function formatUsage(usage: { totalTokens?: number; inputTokens?: number; outputTokens?: number; costUsd?: number; model?: string }, withModel = true): string {
  const split = usage.inputTokens !== undefined && usage.outputTokens !== undefined
    ? ` (${t('usage.split', { input: usage.inputTokens, output: usage.outputTokens })})` : '';
  return [
    usage.totalTokens !== undefined ? `${t('usage.tokens', { count: usage.totalTokens })}${split}` : '',
    formatCost(usage.costUsd),
    withModel ? usage.model ?? '' : '',
  ].filter(Boolean).join(' · ');
}

/** Table cells of at most this many characters (a date, an amount, a name) never wrap; their table scrolls instead. */
export const SHORT_CELL_CHARS = 24;

/**
 * A run id shortened to the part that tells runs apart, for display (the full id stays in `title`
 * and in what is copied). Shannon's workflow ids are `task-<user id>-<unix seconds>` (its gateway:
 * `fmt.Sprintf("task-%s-%d", userID, time.Now().Unix())`), so every run of one user shares the
 * long prefix and only the end differs: "task-…-1764489331". Other ids longer than 17 characters
 * keep their first and last 8. Ids up to 17 characters are shown whole: no shown id is longer, so a
 * history row can give every id its whole width (it is never cut a second time).
 */
export function shortRunId(id: string): string {
  if (id.length <= 17) return id;
  const shannon = /^task-.+-(\d{6,}(?:-\d+)?)$/.exec(id);
  if (shannon) return `task-…-${shannon[1]}`;
  return `${id.slice(0, 8)}…${id.slice(-8)}`;
}
