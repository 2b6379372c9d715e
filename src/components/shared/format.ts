/** Small display formatters shared by the elements. */

const rtf = typeof Intl !== 'undefined' ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : undefined;

/**
 * How long ago a time was: "3 minutes ago", "yesterday". Times are past by nature: a time that is
 * not in the past (a server clock ahead of `now`) and anything within 5 s reads "just now", never
 * "in …". Correct server times for skew first (clock.ts `serverNow`).
 */
export function relativeTime(iso: string | undefined, now = Date.now()): string {
  const time = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((now - time) / 1000);
  if (seconds < 5) return 'just now';
  if (!rtf) return new Date(time).toLocaleString();
  if (seconds < 60) return rtf.format(-seconds, 'second');
  if (seconds < 3600) return rtf.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.round(seconds / 3600), 'hour');
  return rtf.format(-Math.round(seconds / 86_400), 'day');
}

/** "1:05:09" or "4:07" from milliseconds. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The options `toLocaleTimeString()` uses, in one formatter made once: `toLocaleTimeString()` builds
 * a new one per call, which costs more than the rest of an event row (a list renders 100 at a time).
 */
let timeFormat: Intl.DateTimeFormat | undefined;

/** Local time of an ISO timestamp, or '' when it does not parse. */
export function clockTime(iso: string | undefined): string {
  const time = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) return '';
  timeFormat ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return timeFormat.format(time);
}

/** "1,234". */
export function count(n: number | undefined): string {
  return n === undefined ? '–' : n.toLocaleString();
}

/** Human label of a normalized status. */
export function statusLabel(status: string): string {
  return status.replace(/_/g, ' ');
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

const usd = (digits: number) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: digits });

/** The smallest cost shown as a number; anything above 0 and below it reads "< $0.0001". */
const SMALLEST_COST = 0.0001;

/**
 * A cost in US dollars, truthfully: "$0.00" for nothing, "< $0.0001" for less than a hundredth of
 * a cent (never "$0.0000" for a cost that is not zero), up to 4 decimals below $1, cents above.
 */
export function formatCost(costUsd: number | undefined): string {
  if (costUsd === undefined || !Number.isFinite(costUsd)) return '';
  if (costUsd === 0) return usd(2).format(0);
  if (costUsd < SMALLEST_COST) return `< ${usd(4).format(SMALLEST_COST)}`;
  return usd(costUsd < 1 ? 4 : 2).format(costUsd);
}

/** "1,500 tokens (1,200 in, 300 out) · $0.0009 · gpt-5-mini" — the parts that are known. */
export function formatUsage(usage: { totalTokens?: number; inputTokens?: number; outputTokens?: number; costUsd?: number; model?: string }, withModel = true): string {
  const split = usage.inputTokens !== undefined && usage.outputTokens !== undefined
    ? ` (${usage.inputTokens.toLocaleString()} in, ${usage.outputTokens.toLocaleString()} out)` : '';
  return [
    usage.totalTokens !== undefined ? `${usage.totalTokens.toLocaleString()} tokens${split}` : '',
    formatCost(usage.costUsd),
    withModel ? usage.model ?? '' : '',
  ].filter(Boolean).join(' · ');
}
