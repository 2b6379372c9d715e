/**
 * The English words of `<task-history>`: the reference for translators and the fallback.
 * Placeholders are `{name}`; plural messages list CLDR forms chosen by `{count}`. Other languages
 * translate these keys in their catalog (`TaskStrings`, components/shared/i18n/catalog.ts).
 */
import { translator } from '../../core/i18n/scope.js';

export const historyStrings = {
  // <task-history>
  'history.search': 'Search runs',
  'history.statusFilter': 'Filter by status',
  'history.filter.all': 'All statuses',
  'history.filter.active': 'Active',
  'history.filter.completed': 'Completed',
  'history.filter.failed': 'Failed',
  'history.filter.cancelled': 'Cancelled',
  'history.clearAll': 'Clear all',
  'history.keep': 'Keep',
  'history.clearShown': 'Clear shown',
  /** The confirmation's first sentence when no filter is set. */
  'history.clear.all': { one: 'Delete all {count} run from this browser?', other: 'Delete all {count} runs from this browser?' },
  /** The confirmation's first sentence when a filter hides some runs; `{total}` is all runs. */
  'history.clear.shown': {
    one: 'Delete the {count} run that matches the filter (of {total}) from this browser?',
    other: 'Delete the {count} runs that match the filter (of {total}) from this browser?',
  },
  /**
   * After the question of "Clear" when all it deletes are still running; its `one` form also follows
   * "Deleted “…”." when one running run or batch is deleted (German "Er läuft noch" fits both).
   */
  'history.clear.allRunning': {
    one: 'It is still running: the provider goes on with it, but this page stops following it.',
    other: 'All of them are still running: the provider goes on with them, but this page stops following them.',
  },
  'history.clear.someRunning': {
    one: '{count} of them is still running: the provider goes on with it, but this page stops following it.',
    other: '{count} of them are still running: the provider goes on with them, but this page stops following them.',
  },
  'history.clear.final': 'This cannot be undone.',
  'history.deleteRuns': { one: 'Delete {count} run', other: 'Delete {count} runs' },
  /** `{label}` is the start of the run's input (or its id). */
  'history.deletedUndo': 'Deleted run “{label}”. Undo with Control+Z.',
  'history.restored': 'Restored run “{label}”.',
  'history.deletedLabel': 'Deleted “{label}”.',
  'history.undo': 'Undo',
  'history.deletedCount': { one: 'Deleted {count} run.', other: 'Deleted {count} runs.' },
  /** The accessible name of the list of runs. */
  'history.list': 'Runs',
  'history.empty': 'No runs yet.',
  'history.emptyHint': 'Submitted tasks appear here, newest first.',
  /** While the stored runs are read (the run index in IndexedDB). */
  'history.loading': 'Loading runs…',
  'history.noMatch': 'No run matches the filter.',
  'history.showAll': 'Show all runs',
  'history.count': { one: '{count} run', other: '{count} runs' },
  /** Runs shown of all runs, when a filter hides some: `{shown}` of `{count}`. */
  'history.countFiltered': { one: '{shown} of {count} run', other: '{shown} of {count} runs' },
  'history.noInput': 'No input recorded',
  /** The accessible name of a run's buttons; `{id}` is the run id. */
  'history.rowActions': 'Run {id}',
  /** Fills the form with the run's request to change and send it (a `task-rerun` with action `edit`): the run view's words. */
  'history.rerun': 'Edit & run again',
  'history.delete': 'Delete',
} as const;

/** A word of this part in the language of the render in progress (English when the catalog lacks it). */
export const t = translator(historyStrings);
