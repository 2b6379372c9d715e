import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

/**
 * The styles of `<task-history>`. (Kept here, not in the CSS, so that they cost the bundle nothing.)
 *
 * - The search shrinks first; below that the select and "Clear all" (and the confirm bar's two
 *   buttons) wrap together, never one button alone on a line.
 *
 * - One scrolling box, two columns: the listbox of options and, outside it, the buttons of each run.
 *   Every row has the same height (history-list.ts), so the columns line up row for row also when
 *   only the rows near the view are rendered. The box is a size container: its width, not the
 *   window's, decides how a row is laid out.
 *
 * - The buttons stack in a narrow column, so the run's own column keeps room for its status and age.
 *   The column is as wide as the longest label in the page's language (a hidden, inert copy of the
 *   labels, `.sizer`, measures it; German "Erneut ausführen"): whole labels in a wide box, in a narrow
 *   one the label cut in two lines of about one length, so it takes two lines of the taller row, not
 *   three ("Edit &" / "run" / "again" at 375 px). Only the sizer sets
 *   that width (the rows' box is inline-size contained): rows sized by their column and the column
 *   by its rows made the 10,000-run list lay out in a loop.
 *
 * - The row under the pointer, and the selected row, are tinted across both columns (`data-hover` on
 *   both halves: row-hover.ts).
 *
 * - The tint lowers the badges' contrast below 4.5:1 (issue 13 §15): they keep the plain background.
 *
 * - Status and age; the input; provider, processor or mode, and id. Only the input gives way (one
 *   ellipsis, the whole input in its title); every other piece shows its whole text — the id is
 *   shortened once, by shortRunId, never cut again (fresh3 e: "1 minute …", "trun_a42…2c2bd…"). A
 *   piece that does not fit moves to the next line instead, and a narrow box has the room for it.
 *
 * - A narrow box (a phone, a side column): five lines — status, age, input, provider and processor,
 *   id — in taller rows, and a slimmer button column; a long status ("in der Warteschlange") may
 *   take two lines there rather than run out of its row.
 *
 * - Right-to-left pages: the selection's accent on the start side, ids left to right but aligned to
 *   the start.
 */
export const taskHistoryStyles = [
  themeStyles,
  css`
    :host { padding: 1rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .muted { color: var(--_muted); }
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    input, select {
      font: inherit; color: var(--_fg); background: var(--_bg);
      border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.3em 0.6em;
    }
    input[type='search'] { flex: 1 1 9rem; min-width: 0; }
    .group { display: flex; flex: 0 1 auto; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-left: auto; min-width: 0; }
    .group button { white-space: nowrap; }
    button.danger { color: var(--_danger); }
    button.danger:hover:not(:disabled) { border-color: var(--_danger); }
    .confirm {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin-top: 0.6rem;
      padding: 0.5rem 0.75rem; border: 1px solid var(--_danger); border-radius: var(--_radius);
    }
    .confirm p { margin: 0; flex: 1 1 14rem; }
    .confirm-buttons { display: inline-flex; gap: 0.5rem; white-space: nowrap; }
    .undo { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.6rem; margin-top: 0.6rem; padding: 0.4rem 0.75rem;
      border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
    .undo span { flex: 1 1 12rem; min-width: 0; overflow-wrap: anywhere; }
    .count { margin: 0.5rem 0 0.4rem; font-size: 0.85em; }
    .empty { text-align: center; padding: 2rem 1rem; }
    .empty p { margin: 0.2rem 0 0.6rem; }
    .rows {
      --_row: 5.6em;
      container: rows / inline-size;
      display: flex; align-items: flex-start; max-height: var(--task-history-max-height, 32rem); overflow: auto;
      border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
    }
    .list { flex: 1 1 auto; min-width: 0; outline: none; }
    .actions { flex: none; width: max-content; min-width: 6em; }
    .action-rows { contain: inline-size; }
    .sizer { display: flex; flex-direction: column; height: 0; overflow: hidden; visibility: hidden; padding: 0 0.6rem; }
    .sizer br { display: none; }
    .item, .item-actions { box-sizing: border-box; height: var(--_row); width: 100%; border-bottom: 1px solid var(--_border); overflow: hidden; }
    .item { display: grid; grid-template-rows: auto auto auto; align-content: center; gap: 0.15rem; padding: 0.35rem 0.6rem; cursor: pointer; min-width: 0; }
    .item:hover, .item[data-hover], .item-actions[data-hover] { background: color-mix(in srgb, var(--_accent) 6%, transparent); }
    .item[aria-selected='true'], .item-actions[data-selected] { background: color-mix(in srgb, var(--_accent) 12%, transparent); }
    .item[aria-selected='true'] { box-shadow: inset 3px 0 0 var(--_accent); }
    .item[aria-selected='true'] .badge { background: var(--_bg); }
    .list:focus-visible .item[data-active] { box-shadow: inset 0 0 0 2px var(--_accent), var(--_focus); }
    .item-head, .meta { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.6rem; min-width: 0; white-space: nowrap; }
    .item-head > *, .meta > * { flex: none; }
    .item-head time { color: var(--_muted); font-size: 0.85em; }
    .meta { color: var(--_muted); font-size: 0.85em; }
    .preview { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .run-id { font-family: var(--_mono); font-size: 0.95em; }
    .item-actions { display: flex; flex-direction: column; justify-content: center; align-items: stretch; gap: 0.3rem; padding: 0.5rem 0.6rem; }
    .item-actions button, .sizer button { font-size: 0.85em; padding: 0.2em 0.6em; white-space: nowrap; }
    @container rows (max-width: 28em) {
      .list, .actions { --_row: 8.2em; }
      .actions { width: min-content; min-width: 5em; }
      .item-actions button { white-space: normal; }
      .sizer { padding: 0 0.35rem; }
      .sizer br { display: inline; }
      .item { padding: 0.35rem 0.45rem; }
      .item-head { flex-direction: column; align-items: flex-start; }
      .item-head > .badge { white-space: normal; max-width: 100%; box-sizing: border-box; }
      .meta > .run-id { flex-basis: 100%; }
      .item-actions { padding: 0.5rem 0.35rem; }
    }
    @container rows (max-width: 18em) { .sizer button { white-space: normal; } }
    @media (forced-colors: active) {
      .item[aria-selected='true'] { outline: 1px solid Highlight; outline-offset: -1px; }
      .list:focus-visible .item[data-active] { outline: 2px solid CanvasText; outline-offset: -2px; }
    }
    :host(:dir(rtl)) .item[aria-selected='true'] { box-shadow: inset -3px 0 0 var(--_accent); }
    .run-id { direction: ltr; unicode-bidi: isolate; }
    :host(:dir(rtl)) .run-id { text-align: right; }
  `,
];
