/**
 * Deleting from `<task-history>`, from the press of Delete to the end of Undo: a run or a batch is
 * hidden at once and deleted for good a few seconds later (undo-delete.ts); the focus and, when it
 * was on show, the selection move to the next entry; Undo (its button, or Control+Z / ⌘Z) brings it
 * back with its selection and focus. What was deleted is said (spoken, and in the Undo notice).
 *
 * Control+Z undoes the pending deletion wherever the focus is in the history (a new user deleted the
 * last entry, the focus went to the search box, and Control+Z there did nothing), except in a text
 * field the person typed in since the deletion: there it is the browser's own text undo.
 *
 * A run or batch still running says so, in the words "Clear all" uses ("It is still running: the
 * provider goes on with it, but this page stops following it."). Deleting asks nothing, for a run
 * or a batch alike: Undo takes it back, where "Clear all" cannot, which is why that one asks first.
 */
import type { nothing, ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { isTerminalStatus, type TaskRun } from '../../core/providers/task-event.js';
import type { Localizer } from '../../core/i18n/localizer.js';
import { withLocalizer } from '../../core/i18n/scope.js';
import type { TaskStore } from '../../core/store/task-store.js';
import { truncate } from '../shared/format.js';
import type { HistoryGroupsController } from '../task-group/history-groups.js';
import { renderUndo } from './render-toolbar.js';
import { inputText, type StatusFilter } from './run-filter.js';
import { t } from './strings.js';
import { UndoableDelete, type Pending } from './undo-delete.js';

export interface DeletionHost extends ReactiveControllerHost, HTMLElement {
  readonly taskStore: TaskStore;
  readonly localizer: Localizer;
}

/** What deleting (one entry, or "Clear all": clear-all.ts) needs of the history: its entries, and how it selects, focuses and speaks. */
export interface HistoryView {
  /** The batches UI, once loaded (before that the store has no batch). */
  groups(): HistoryGroupsController | undefined;
  /** The runs shown, in order. */
  shown(): readonly TaskRun[];
  /** Shows a run, as picking it does. */
  select(run: TaskRun): void;
  /** Makes a run the listbox's active option and focuses the listbox. */
  activate(runId: string): void;
  /** Focuses the search box (nothing is left to focus in the list). */
  focusSearch(): void;
  /** Says `words` (made in the element's language) to screen readers, in the live region. */
  announce(words: () => string): void;
  /** The filters applied now. */
  filters(): { status: StatusFilter; query: string };
}

/** A deleted run in words (its input's start, else its id); the messages put it in quotes of their language. */
export const runLabel = (run: TaskRun) => truncate(inputText(run.input) || run.id, 60);

export class HistoryDeletion implements ReactiveController {
  readonly #host: DeletionHost;
  readonly #view: HistoryView;
  readonly #undoable: UndoableDelete;
  /** The text field the person typed in since the deletion began: Control+Z there is the browser's. */
  #typedIn: EventTarget | undefined;

  constructor(host: DeletionHost, view: HistoryView) {
    this.#host = host;
    this.#view = view;
    this.#undoable = new UndoableDelete((pending) => {
      if (pending.run) host.taskStore.removeRun(pending.run.id);
      if (pending.group) view.groups()?.remove([pending.group.id]);
    }, () => host.requestUpdate());
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeydown);
    this.#host.addEventListener('input', this.#onInput);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeydown);
    this.#host.removeEventListener('input', this.#onInput);
    this.commitNow(); // leaving the page: what was deleted stays deleted
  }

  /** The deletion that can still be undone, if any. */
  get pending(): Pending | undefined {
    return this.#undoable.pending;
  }

  /** Deletes what is pending for good, now. */
  commitNow(): void {
    this.#undoable.commitNow();
  }

  #start(pending: Pending): void {
    this.#undoable.start(pending);
    this.#typedIn = undefined;
  }

  /** "It is still running: the provider goes on with it…", the words of "Clear all", for one run or batch. */
  #stillRunning = () => t('history.clear.allRunning', { count: 1 });

  /** What is said of a deletion: `deleted`, and that it is still running when it is. */
  #deleted(deleted: () => string, running: boolean): void {
    this.#view.announce(() => (running ? `${deleted()} ${this.#stillRunning()}` : deleted()));
  }

  /** Deletes a run (Undo for a few seconds); the next run (else the one before) takes the focus, and the selection when the run was on show. */
  remove(run: TaskRun): void {
    const shown = this.#view.shown();
    const index = shown.findIndex((r) => r.id === run.id);
    const next = shown[index + 1] ?? shown[index - 1];
    const store = this.#host.taskStore;
    const wasSelected = store.selectedId === run.id;
    const running = !isTerminalStatus(run.status);
    this.#start({ run, wasSelected, running });
    this.#deleted(() => t('history.deletedUndo', { label: runLabel(run) }), running);
    // The run on show went: the next one is shown instead of nothing.
    if (wasSelected && next) this.#view.select(next);
    else if (wasSelected) store.select(undefined);
    if (next) this.#view.activate(next.id);
    else this.#view.focusSearch();
  }

  /**
   * Deletes a batch as a run is deleted: hidden at once, Undo for a few seconds; the next batch (else
   * the first run shown) takes the focus, and the selection when the batch was on show.
   */
  removeGroup = (groupId: string): void => {
    const groups = this.#view.groups();
    if (!groups) return;
    const ids = groups.ids(this.pending?.group?.id);
    const index = ids.indexOf(groupId);
    const nextGroup = ids[index + 1] ?? ids[index - 1];
    const nextRun = nextGroup ? undefined : this.#view.shown()[0];
    const wasSelected = groups.selectedId === groupId;
    const label = withLocalizer(this.#host.localizer, () => groups.label(groupId));
    const running = groups.activeCount([groupId]) > 0;
    this.#start({ group: { id: groupId, label }, wasSelected, running });
    this.#deleted(() => groups.announce('deleted', label), running);
    if (wasSelected && nextGroup) groups.select(nextGroup);
    else if (wasSelected && nextRun) this.#view.select(nextRun);
    else if (wasSelected) groups.select(undefined);
    if (nextGroup) groups.focus(nextGroup);
    else if (nextRun) this.#view.activate(nextRun.id);
    else this.#view.focusSearch();
  };

  /** Takes the pending deletion back, with its selection and focus; false when there was none. */
  undo = (): boolean => {
    const pending = this.#undoable.undo();
    const groups = this.#view.groups();
    if (pending?.group) {
      const group = pending.group;
      this.#view.announce(() => groups?.announce('restored', group.label) ?? '');
      if (pending.wasSelected) groups?.select(group.id);
      groups?.focus(group.id);
      return true;
    }
    if (!pending?.run || !this.#host.taskStore.getRun(pending.run.id)) return false;
    const run = pending.run;
    this.#view.announce(() => t('history.restored', { label: runLabel(run) }));
    if (pending.wasSelected) this.#view.select(run);
    this.#view.activate(run.id);
    return true;
  };

  /** The notice of the pending deletion with its Undo button, or nothing (in the render's language). */
  renderNotice(): TemplateResult | typeof nothing {
    const pending = this.pending;
    const label = pending && (pending.group ? pending.group.label : pending.run && runLabel(pending.run));
    return renderUndo(label, pending?.running ? this.#stillRunning() : undefined, this.undo);
  }

  /** Control+Z (⌘Z) anywhere in the history undoes the pending deletion, but not in a field typed in since. */
  #onKeydown = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'z') return;
    if (!this.pending || event.defaultPrevented || event.composedPath()[0] === this.#typedIn) return;
    if (this.undo()) event.preventDefault();
  };

  #onInput = (event: Event): void => {
    const field = event.composedPath()[0];
    if (this.pending && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) this.#typedIn = field;
  };
}
