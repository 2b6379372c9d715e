/**
 * "Clear all" of `<task-history>` ("Clear shown" while a filter is set): deletes what the filters
 * show, runs and batches, after an inline confirmation that says how many and which are still
 * running. It cannot be undone, so it asks first; deleting one entry asks nothing and has Undo
 * (deletion-controller.ts). A deletion still pending is made final first.
 */
import type { ReactiveControllerHost } from 'lit';
import { isTerminalStatus, type TaskRun } from '../../core/providers/task-event.js';
import type { TaskStore } from '../../core/store/task-store.js';
import type { HistoryDeletion, HistoryView } from './deletion-controller.js';
import type { ToolbarView } from './render-toolbar.js';
import { filterRuns } from './run-filter.js';
import { t } from './strings.js';

export interface ClearHost extends ReactiveControllerHost, HTMLElement {
  readonly taskStore: TaskStore;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class ClearAll {
  readonly #host: ClearHost;
  readonly #view: HistoryView;
  /** The deletion that can still be undone: made final before clearing, its batch not counted twice. */
  readonly #deletion: HistoryDeletion;
  /** The confirmation is open. */
  #confirming = false;

  constructor(host: ClearHost, view: HistoryView, deletion: HistoryDeletion) {
    this.#host = host;
    this.#view = view;
    this.#deletion = deletion;
  }

  /** The batches "Clear" deletes: those the filters match (none before the batch UI is loaded, as then none is stored). */
  groups(): string[] {
    const { status, query } = this.#view.filters();
    return this.#view.groups()?.matching(status, query, this.#deletion.pending?.group?.id) ?? [];
  }

  #ask = (): void => {
    this.#confirming = true;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>('[data-confirm="keep"]')?.focus());
  };

  #confirm = (): void => {
    this.#deletion.commitNow();
    const store = this.#host.taskStore;
    const { status, query } = this.#view.filters();
    const shown = filterRuns(store.getRuns(), status, query);
    const count = shown.length;
    const groups = this.groups();
    if (count === store.getRuns().length) store.clear();
    else store.removeRuns(shown.map((run) => run.id));
    this.#view.groups()?.remove(groups);
    this.#confirming = false;
    this.#host.requestUpdate();
    const filtered = count !== store.getRuns().length;
    this.#view.announce(() => (groups.length && this.#view.groups()?.clearWords(count, groups.length, filtered).deleted) || t('history.deletedCount', { count }));
    this.#view.focusSearch();
  };

  #keep = (): void => {
    this.#confirming = false;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>('[part="clear"]')?.focus());
  };

  /** The toolbar's "Clear" and its confirmation, for `shown` of `total` runs and the batches `groups` (this.groups()). */
  toolbar(shown: readonly TaskRun[], total: number, groups: readonly string[]): Pick<ToolbarView, 'confirming' | 'batches' | 'batchWords' | 'unfinished' | 'onAskClear' | 'onConfirmClear' | 'onKeep'> {
    const confirming = this.#confirming;
    return {
      confirming, batches: groups.length,
      batchWords: confirming && groups.length ? this.#view.groups()?.clearWords(shown.length, groups.length, shown.length !== total) : undefined,
      unfinished: confirming ? shown.filter((run) => !isTerminalStatus(run.status)).length + (this.#view.groups()?.activeCount(groups) ?? 0) : 0,
      onAskClear: this.#ask, onConfirmClear: this.#confirm, onKeep: this.#keep,
    };
  }
}
