/**
 * What `<task-history>` shows of and searches in each run: a one-line input preview, and the
 * status and text filters. Pure functions; every string here is untrusted text for Lit bindings.
 */
import { isTerminalStatus, type TaskRun, type TaskStatus } from '../../core/providers/task-event.js';

/** The status filter's choices. `active` is every status that is not final. */
export type StatusFilter = 'all' | 'active' | 'completed' | 'failed' | 'cancelled';

/** Choices of the status filter with the catalog keys of their labels, in display order. */
export const STATUS_FILTERS: ReadonlyArray<readonly [StatusFilter, `history.filter.${StatusFilter}`]> = [
  ['all', 'history.filter.all'],
  ['active', 'history.filter.active'],
  ['completed', 'history.filter.completed'],
  ['failed', 'history.filter.failed'],
  ['cancelled', 'history.filter.cancelled'],
];

/** Reads a filter value (from a `<select>`), falling back to `all`. */
export function parseStatusFilter(value: string): StatusFilter {
  return STATUS_FILTERS.some(([choice]) => choice === value) ? (value as StatusFilter) : 'all';
}

/** True when a run in `status` passes `filter`. A timeout counts as failed. */
export function matchesStatus(status: TaskStatus, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'active':
      return !isTerminalStatus(status);
    case 'completed':
      return status === 'completed';
    case 'failed':
      return status === 'failed' || status === 'timeout';
    case 'cancelled':
      return status === 'cancelled';
    default:
      return true;
  }
}

const jsonCache = new WeakMap<object, string>();

/** The run's input on one line: the text with whitespace collapsed, or compact JSON for an object. */
export function inputText(input: unknown): string {
  if (input === undefined || input === null) return '';
  if (typeof input === 'string') return input.replace(/\s+/g, ' ').trim();
  if (typeof input !== 'object') return String(input);
  let text = jsonCache.get(input);
  if (text === undefined) {
    try {
      text = JSON.stringify(input) ?? '';
    } catch {
      text = '[unreadable input]';
    }
    jsonCache.set(input, text);
  }
  return text;
}

// Runs are immutable snapshots (the store replaces a run that changes), so what is searched in each
// is worked out once per snapshot: a filter over 10,000 runs is then one `includes` per run.
const haystacks = new WeakMap<TaskRun, string>();
const previews = new WeakMap<TaskRun, string>();

/** The run's searchable text in lower case: id, input, processor and mode, separated by newlines. */
function haystackOf(run: TaskRun): string {
  let text = haystacks.get(run);
  if (text === undefined) {
    text = [run.id, inputText(run.input), run.processor ?? '', run.mode ?? ''].join('\n').toLowerCase();
    haystacks.set(run, text);
  }
  return text;
}

/** What type-ahead matches a run by: its input preview (else its id), in lower case. */
export function typeAheadText(run: TaskRun): string {
  let text = previews.get(run);
  if (text === undefined) {
    text = (inputText(run.input) || run.id).toLowerCase();
    previews.set(run, text);
  }
  return text;
}

/** True when `query` (case-insensitive) occurs in the run's id, input, processor or mode. */
export function matchesText(run: TaskRun, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return !needle || haystackOf(run).includes(needle);
}

/** The runs that pass both filters, in their order (the same array when no filter is set). */
export function filterRuns(runs: readonly TaskRun[], status: StatusFilter, query: string): readonly TaskRun[] {
  const needle = query.trim().toLowerCase();
  if (status === 'all' && !needle) return runs;
  return runs.filter((run) => matchesStatus(run.status, status) && (!needle || haystackOf(run).includes(needle)));
}

/**
 * The runs a history shows: `runs` filtered, less one `hidden` run (a deletion that can be undone),
 * worked out again only when one of the four changed (runs are immutable: a new array is a change).
 */
export class ShownRuns {
  #shown: readonly TaskRun[] = [];
  #of: unknown[] = [];

  get(runs: readonly TaskRun[], status: StatusFilter, query: string, hidden: TaskRun | undefined): readonly TaskRun[] {
    const of = [runs, status, query, hidden];
    if (of.some((value, i) => value !== this.#of[i])) {
      const shown = filterRuns(runs, status, query);
      this.#shown = hidden ? shown.filter((run) => run.id !== hidden.id) : shown;
      this.#of = of;
    }
    return this.#shown;
  }
}
