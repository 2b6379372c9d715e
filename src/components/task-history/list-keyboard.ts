/**
 * The listbox of `<task-history>` from the keyboard (WAI-ARIA APG listbox): the listbox holds the
 * focus and points `aria-activedescendant` at the active option, which is scrolled into view (and
 * rendered by the virtual list) as it moves. Keys: see list-navigation.ts; Enter or Space select,
 * Delete or Backspace delete (Ctrl+Z, ⌘Z, takes a deletion back anywhere in the history: deletion-controller.ts).
 */
import type { TaskRun } from '../../core/providers/task-event.js';
import { scrollOptionIntoView } from './history-list.js';
import { moveTarget, TypeAhead } from './list-navigation.js';
import { optionId } from './render-item.js';
import { typeAheadText } from './run-filter.js';

export interface ListHost {
  /** The element's shadow root, and a promise of its pending render. */
  root(): ParentNode;
  rendered(): Promise<unknown>;
  /** The runs shown, and the index of the active one among them (-1: none). */
  shown(): readonly TaskRun[];
  activeIndex(): number;
  setActive(runId: string): void;
  select(run: TaskRun): void;
  remove(run: TaskRun): void;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

export class ListKeyboard {
  readonly #host: ListHost;
  readonly #typeAhead = new TypeAhead();
  /** The listbox is taking the focus from a press of the pointer (see {@link onMouseDown}). */
  #pointerFocus = false;

  constructor(host: ListHost) {
    this.#host = host;
  }

  #listbox(): HTMLElement | null {
    return this.#host.root().querySelector<HTMLElement>('[role="listbox"]');
  }

  /** Makes run `runId` the active option, scrolled into view; focuses the listbox if `focus`. */
  async activate(runId: string, focus: boolean): Promise<void> {
    this.#host.setActive(runId);
    await this.#host.rendered();
    const index = this.#host.shown().findIndex((run) => run.id === runId);
    const listbox = this.#listbox();
    if (index < 0 || !listbox) return;
    if (focus) listbox.focus({ preventScroll: true });
    if (!this.#scrollToRow(listbox, index)) scrollOptionIntoView(listbox, index);
    // The virtual list renders the rows now in view at its next frames: up to ~2 s of frames, since
    // on a loaded machine the virtualizer takes more than a few frames to get there.
    for (let frame = 0; frame < 120 && !listbox.querySelector(`#${optionId(index)}`); frame++) {
      await nextFrame();
      // WebKit: the virtualizer may reset the scroll position while it measures; ask again.
      if (frame % 10 === 9 && this.#host.shown()[this.#host.activeIndex()]?.id === runId) this.#scrollToRow(listbox, index);
    }
    this.syncActiveDescendant();
  }

  /**
   * Rows have one height, so the scroll position of row `index` is known without the virtualizer:
   * scrolls the box the least that shows it whole (an ordinary scroll, which the virtualizer follows;
   * its own scrollIntoView left a jump to the end of 5,000 runs with no row rendered). False before
   * the first row is measured.
   */
  #scrollToRow(listbox: HTMLElement, index: number): boolean {
    const scroller = listbox.parentElement;
    const row = listbox.querySelector<HTMLElement>('[role="option"]');
    const height = row?.getBoundingClientRect().height ?? 0; // fractional: offsetHeight rounds, and 5,000 rounded rows drift
    if (!height || !scroller) return false;
    const top = listbox.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop + index * height;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + height > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + height - scroller.clientHeight;
    return true;
  }

  /** Points `aria-activedescendant` at the active option when it is rendered (never at a missing id). */
  syncActiveDescendant(): void {
    const listbox = this.#listbox();
    const active = listbox?.querySelector('[role="option"][data-active]');
    if (active) listbox!.setAttribute('aria-activedescendant', active.id);
    else listbox?.removeAttribute('aria-activedescendant');
  }

  /** Rows per page for PageUp/PageDown: those that fit in the box, less one kept for context. */
  #pageSize(listbox: HTMLElement): number {
    const row = listbox.querySelector<HTMLElement>('[role="option"]')?.offsetHeight ?? 0;
    const view = listbox.parentElement?.clientHeight ?? 0;
    return row ? Math.max(1, Math.floor(view / row) - 1) : 1;
  }

  onKeydown = (event: KeyboardEvent): void => {
    const runs = this.#host.shown();
    const listbox = this.#listbox();
    if (!listbox || event.target !== listbox) return;
    const modified = event.altKey || event.ctrlKey || event.metaKey;
    if (!runs.length) return;
    const index = this.#host.activeIndex();
    const run = runs[index]!;
    const target = modified ? undefined : moveTarget(event.key, index, runs.length, this.#pageSize(listbox));
    if (target !== undefined) {
      void this.activate(runs[target]!.id, true);
    } else if (!modified && (event.key === 'Enter' || event.key === ' ')) {
      this.#host.select(run);
    } else if (!modified && (event.key === 'Delete' || event.key === 'Backspace')) {
      this.#host.remove(run);
    } else if (TypeAhead.accepts(event)) {
      const found = this.#typeAhead.next(event.key, Date.now(), index, runs.length, (i) => typeAheadText(runs[i]!));
      if (found !== undefined) void this.activate(runs[found]!.id, true);
    } else {
      return;
    }
    event.preventDefault();
  };

  /**
   * A press of the pointer on the list (fresh14 c: the first click in a scrolled history did
   * nothing). The browser's own focus on mousedown would make the listbox scroll — to itself, and
   * through {@link onFocus} to the active option — so the list moved under the pointer and the click
   * landed elsewhere. Instead the listbox takes the focus without scrolling, and the option pressed
   * becomes the active one: the list stays where the person scrolled it, and the keyboard goes on
   * from the run they pointed at. (Prevents text selection by dragging in the list, as in a native
   * listbox.)
   */
  onMouseDown = (event: MouseEvent): void => {
    const listbox = this.#listbox();
    if (!listbox) return;
    event.preventDefault();
    const option = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.getAttribute('role') === 'option');
    const runId = option?.dataset['id'];
    if (runId !== undefined) this.#host.setActive(runId);
    if (listbox.matches(':focus')) return;
    this.#pointerFocus = true;
    try {
      listbox.focus({ preventScroll: true });
    } finally {
      this.#pointerFocus = false;
    }
  };

  /** On focus from the keyboard, the active option (the selected run, or the first) is shown. */
  onFocus = (): void => {
    if (this.#pointerFocus) return;
    const runs = this.#host.shown();
    const index = this.#host.activeIndex();
    if (index >= 0) void this.activate(runs[index]!.id, false);
  };
}

/** The index of the active run in `runs`: the one named active, else the selected one, else the first (-1 when empty). */
export function activeIndex(runs: readonly { id: string }[], activeId: string | undefined, selectedId: string | undefined): number {
  const byId = (id: string | undefined) => (id === undefined ? -1 : runs.findIndex((run) => run.id === id));
  const active = byId(activeId);
  if (active >= 0) return active;
  const selected = byId(selectedId);
  return selected >= 0 ? selected : runs.length ? 0 : -1;
}
