/**
 * A deletion from the history that can be undone for a few seconds (issue 13 item 13): the run or
 * batch is hidden at once and deleted from its store when the time is up, when something else is
 * deleted, or when the element leaves the page. One deletion is pending at a time.
 */
import type { TaskRun } from '../../core/providers/task-event.js';

/** How long a deletion can be undone, in ms. */
export const UNDO_MS = 6000;

export interface Pending {
  /** The run deleted; absent when it is a batch. */
  run?: TaskRun | undefined;
  /** The batch (Parallel task group) deleted, with its words ("Batch of 50 runs"). */
  group?: { id: string; label: string } | undefined;
  /** The run (or batch) was the selection when it was deleted. */
  wasSelected: boolean;
  /** The run (or a run of the batch) was still running when it was deleted. */
  running?: boolean | undefined;
}

export class UndoableDelete {
  #pending: Pending | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #commit: (pending: Pending) => void;
  readonly #changed: () => void;

  /** `commit` deletes for good; `changed` is told whenever what is pending changed. */
  constructor(commit: (pending: Pending) => void, changed: () => void) {
    this.#commit = commit;
    this.#changed = changed;
  }

  get pending(): Pending | undefined {
    return this.#pending;
  }

  /** Hides what `pending` names now and deletes it after {@link UNDO_MS}; a deletion pending before is committed. */
  start(pending: Pending, undoMs = UNDO_MS): void {
    this.commitNow();
    this.#pending = pending;
    this.#timer = setTimeout(() => this.commitNow(), undoMs);
    this.#changed();
  }

  /** Takes the pending deletion back; returns it, or undefined when there was none. */
  undo(): Pending | undefined {
    const pending = this.#pending;
    clearTimeout(this.#timer);
    this.#pending = undefined;
    if (pending) this.#changed();
    return pending;
  }

  /** Deletes what is pending now. */
  commitNow(): void {
    const pending = this.#pending;
    clearTimeout(this.#timer);
    this.#pending = undefined;
    if (!pending) return;
    this.#commit(pending);
    this.#changed();
  }
}
