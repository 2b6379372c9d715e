/** Small display formatters shared by the elements. */

const rtf = typeof Intl !== 'undefined' ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : undefined;

/** "3 min ago", "in 5 s". */
export function relativeTime(iso: string | undefined, now = Date.now()): string {
  const time = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(time)) return '';
  // Server clocks run a little ahead or behind: a few seconds either way reads as "now".
  const raw = Math.round((time - now) / 1000);
  const seconds = Math.abs(raw) < 5 ? 0 : raw;
  const abs = Math.abs(seconds);
  if (!rtf) return new Date(time).toLocaleString();
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** "1:05:09" or "4:07" from milliseconds. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Local time of an ISO timestamp, or '' when it does not parse. */
export function clockTime(iso: string | undefined): string {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? '' : new Date(time).toLocaleTimeString();
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
