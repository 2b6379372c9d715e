/**
 * A deletion from the history that can be undone for a few seconds (issue 13 item 13): the run is
 * hidden at once and deleted from the store when the time is up, when another run is deleted, or
 * when the element leaves the page. One deletion is pending at a time.
 */
import type { TaskRun } from '../../core/providers/task-event.js';

/** How long a deletion can be undone, in ms. */
export const UNDO_MS = 6000;

export interface Pending {
  run: TaskRun;
  /** The run was the store's selection when it was deleted. */
  wasSelected: boolean;
}

export class UndoableDelete {
  #pending: Pending | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #commit: (run: TaskRun) => void;
  readonly #changed: () => void;

  /** `commit` deletes for good; `changed` is told whenever what is pending changed. */
  constructor(commit: (run: TaskRun) => void, changed: () => void) {
    this.#commit = commit;
    this.#changed = changed;
  }

  get pending(): Pending | undefined {
    return this.#pending;
  }

  /** Hides `pending.run` now and deletes it after {@link UNDO_MS}; a deletion pending before is committed. */
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
    this.#commit(pending.run);
    this.#changed();
  }
}
