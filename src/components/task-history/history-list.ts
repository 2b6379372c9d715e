/**
 * The rows of `<task-history>`: two columns in one scrolling box, the listbox of options and, beside
 * it, each run's button group (ARIA allows nothing but options in a listbox, nor controls in an
 * option). Rows have one fixed height, so both columns line up row for row whether every row is
 * rendered (a short list, or the first rows of a long one) or only those near the view
 * (`@lit-labs/virtualizer`, one instance per column over the same scroll position).
 */
import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { TaskRun } from '../../core/providers/task-event.js';
import { l10n, withLocalizer } from '../../core/i18n/scope.js';
import type { RunReach } from '../shared/reach.js';
import { loadVirtualizer, loadVirtualizerWhenIdle, PLAIN_ROWS, virtualizer } from './lazy-virtualizer.js';
import { optionId, renderActions, renderOption, type ItemActions, type ItemState } from './render-item.js';

export interface RowsView {
  /** The runs shown (filtered), in order. */
  runs: readonly TaskRun[];
  selectedId: string | undefined;
  /** Index of the active option in `runs`. */
  activeIndex: number;
  now: number;
  actions: ItemActions;
  /** What stops this page from following a run, if anything (reach.ts). */
  reachOf(run: TaskRun): RunReach | undefined;
  /** Called when the virtualizer arrives, to render again with it. */
  onVirtualizerLoaded(): void;
}

const runKey = (run: TaskRun) => run.id;

/** The options (for the listbox) and the button groups (for the column beside it). */
export function renderRows(view: RowsView): { options: unknown; actions: unknown } {
  const { runs } = view;
  const stateOf = (run: TaskRun, index: number): ItemState => ({
    selected: run.id === view.selectedId, active: index === view.activeIndex, index, size: runs.length, now: view.now, reach: view.reachOf(run),
  });
  // The virtualizer renders rows later, as the list scrolls: they keep the language of this render.
  const localizer = l10n();
  const option = (run: TaskRun, index: number): TemplateResult => withLocalizer(localizer, () => renderOption(run, stateOf(run, index)));
  const group = (run: TaskRun, index: number): TemplateResult => withLocalizer(localizer, () => renderActions(run, stateOf(run, index), view.actions));
  const loaded = runs.length > PLAIN_ROWS ? virtualizer() : undefined;
  if (loaded) {
    const { virtualize, layout } = loaded;
    return {
      options: virtualize({ items: runs as TaskRun[], keyFunction: runKey, renderItem: option, layout }),
      actions: virtualize({ items: runs as TaskRun[], keyFunction: runKey, renderItem: group, layout }),
    };
  }
  if (runs.length > PLAIN_ROWS) void loadVirtualizerWhenIdle().then((loaded) => loaded && view.onVirtualizerLoaded());
  const first = runs.length > PLAIN_ROWS ? runs.slice(0, PLAIN_ROWS) : runs;
  return {
    options: repeat(first, runKey, option),
    actions: repeat(first, runKey, group),
  };
}

/**
 * The list of `count` rows is being used (scrolled, focused): a long one gets the virtualizer now,
 * not at the next idle moment; `onLoaded` is called once it is there to render every row.
 */
export function wantVirtualizer(count: number, onLoaded: () => void): void {
  if (count > PLAIN_ROWS && !virtualizer()) void loadVirtualizer().then((loaded) => loaded && onLoaded());
}

/**
 * Scrolls the least that shows option `index` of `listbox` whole: the option itself when it is
 * rendered, else through the virtualizer, which renders the rows around it at its next frame.
 */
export function scrollOptionIntoView(listbox: HTMLElement, index: number): void {
  const option = listbox.querySelector(`#${optionId(index)}`);
  if (option) return option.scrollIntoView({ block: 'nearest' });
  const ref = virtualizer()?.ref;
  const host = listbox as HTMLElement & { [key: symbol]: { element(index: number): { scrollIntoView(options?: ScrollIntoViewOptions): void } | undefined } | undefined };
  if (ref) host[ref]?.element(index)?.scrollIntoView({ block: 'nearest' });
}
