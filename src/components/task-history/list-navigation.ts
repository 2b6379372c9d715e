/**
 * The keyboard model of the history's listbox (WAI-ARIA APG listbox pattern, "Keyboard
 * Interaction"): where a key moves the active option, and type-ahead. Pure; the element applies it.
 */

/** Keys that move the active option, to the index they lead to (`page`: rows per page). */
const MOVES: Record<string, (index: number, last: number, page: number) => number> = {
  ArrowDown: (i, last) => Math.min(i + 1, last),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_i, last) => last,
  PageDown: (i, last, page) => Math.min(i + page, last),
  PageUp: (i, _last, page) => Math.max(i - page, 0),
};

/**
 * The index `key` moves the active option to, in a list of `count` options where `index` is active
 * and `page` rows fit in view; undefined when `key` is not a move.
 */
export function moveTarget(key: string, index: number, count: number, page: number): number | undefined {
  const move = MOVES[key];
  if (!move || count === 0) return undefined;
  return move(Math.min(Math.max(index, 0), count - 1), count - 1, Math.max(1, page));
}

/** Milliseconds after the last typed character at which type-ahead starts a new search. */
export const TYPE_AHEAD_RESET_MS = 500;

/**
 * Type-ahead: printable characters typed in quick succession form a prefix; the next option (after the
 * active one, wrapping around) whose text starts with it becomes active. Typing the same character
 * again cycles through the options that start with it.
 */
export class TypeAhead {
  #buffer = '';
  #last = 0;

  /** True for a key that type-ahead takes (one printable character, no modifier but Shift). */
  static accepts(event: KeyboardEvent): boolean {
    return event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey;
  }

  /**
   * The index of the option to make active after `char` was typed at `now` (ms), or undefined when none
   * matches. `textOf(i)` is option i's text in lower case; `active` the active index.
   */
  next(char: string, now: number, active: number, count: number, textOf: (index: number) => string): number | undefined {
    if (now - this.#last > TYPE_AHEAD_RESET_MS) this.#buffer = '';
    this.#last = now;
    const lower = char.toLowerCase();
    // "aaa" cycles through the options starting with "a"; otherwise the prefix grows.
    const repeated = this.#buffer.length > 0 && [...this.#buffer].every((c) => c === lower);
    this.#buffer = repeated ? lower : this.#buffer + lower;
    const prefix = this.#buffer;
    const start = repeated || prefix.length === 1 ? active + 1 : active;
    for (let step = 0; step < count; step++) {
      const index = (((start + step) % count) + count) % count;
      if (textOf(index).startsWith(prefix)) return index;
    }
    return undefined;
  }
}
