/**
 * The run view's styles (run-view.ts): adopted by a `<task-stream>` when it first shows a run,
 * beside the element's own (stream-shell.styles.ts).
 */
import { css } from 'lit';

export const runViewStyles = css`
    h2 { font-size: 1rem; margin: 0; }
    .header { display: grid; gap: 0.35rem; margin-bottom: 0.75rem; }
    /* The title wraps on its own line; the badge stays beside it, never pushed under. */
    .heading-row { display: flex; align-items: flex-start; gap: 0.5rem; justify-content: space-between; }
    .run-title { margin: 0; font-weight: 600; font-size: 1.05rem; overflow-wrap: anywhere; min-width: 0;
      display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
    .heading-row .status { flex: none; margin-top: 0.1rem; }
    .input summary { cursor: pointer; color: var(--_accent); font-size: 0.9em; width: max-content; }
    .input-text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 0.3rem; padding: 0.5rem 0.75rem;
      background: var(--_surface); border-radius: var(--_radius); max-height: 16rem; overflow: auto; }
    .meta { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.75rem; color: var(--_muted); font-size: 0.9em; min-width: 0; }
    /* A long id is cut with an ellipsis (the whole id is its title and is copied): it never wraps. */
    .id-group { display: inline-flex; align-items: baseline; gap: 0.3rem; min-width: 0; max-width: 100%; }
    /* Ids, URLs and code read left to right on any page, set apart from the text around them (dir="rtl"). */
    code, pre, .run-id, .citation-url { unicode-bidi: isolate; }
    pre, .run-id { direction: ltr; }
    .run-id { font: 0.9em var(--_mono); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; max-width: 22ch; }
    .id-group .link-button { flex: none; }
    .feedback { font-size: 0.85em; color: var(--_fg); margin-inline-start: 0.4rem; }
    .link-button { background: none; border: none; padding: 0 0.2em; color: var(--_accent); text-decoration: underline; }
    .connection { display: inline-flex; align-items: center; gap: 0.4rem; font-size: 0.9em; }
    .connection .dot { width: 0.6em; height: 0.6em; border-radius: 50%; background: var(--_muted); }
    .connection[data-state='open'] .dot { background: var(--_ok); }
    .connection[data-waiting] .dot { background: var(--_muted); }
    .connection[data-state='connecting'] .dot, .connection[data-state='reconnecting'] .dot { background: var(--_warn); }
    .connection[data-state='failed'] .dot { background: var(--_danger); }
    .progress { height: 0.5rem; background: var(--_surface); border-radius: 999px; overflow: hidden; border: 1px solid var(--_border); }
    .progress .bar { display: block; height: 100%; background: var(--_accent); transition: width 0.3s ease; }
    /* An ended run's bar says how it ended: only a success is full and green. */
    .progress[data-status='completed'] .bar { background: var(--_ok); }
    .progress[data-status='failed'] .bar { background: var(--_danger); }
    .progress[data-status='timeout'] .bar, .progress[data-status='paused'] .bar, .progress[data-status='action_required'] .bar { background: var(--_warn); }
    .progress[data-status='cancelled'] .bar, .progress[data-status='unknown'] .bar { background: var(--_muted); opacity: 0.6; }
    .progress[data-indeterminate] .bar { animation: slide 1.4s ease-in-out infinite; }
    @keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(340%); } }
    @media (prefers-reduced-motion: reduce) { .progress .bar { transition: none; animation: none !important; } }
    .progress-meta { display: flex; flex-wrap: wrap; gap: 0.75rem; color: var(--_muted); font-size: 0.85em; margin-top: 0.3rem; }
    .sources { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; list-style: none; padding: 0; margin: 0.3rem 0 0; font-size: 0.85em; }
    .controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0.75rem 0; }
    .error { color: var(--_danger); border: 1px solid currentColor; border-radius: var(--_radius); padding: 0.5rem 0.75rem; margin: 0.5rem 0; overflow-wrap: anywhere; }
    .error p { margin: 0; }
    .error-detail { color: var(--_fg); font-size: 0.9em; margin-top: 0.3rem; }
    .error-detail summary { cursor: pointer; color: var(--_muted); }
    .ending { margin: 0.75rem 0; padding: 0.6rem 0.75rem; border: 1px solid var(--_border); border-inline-start: 4px solid var(--_muted); border-radius: var(--_radius); }
    .ending[data-status='failed'] { border-inline-start-color: var(--_danger); }
    .ending[data-status='timeout'] { border-inline-start-color: var(--_warn); }
    .ending-title { font-weight: 600; margin: 0 0 0.3rem; }
    .ending > p { margin: 0.3rem 0; }
    .confirm { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
    /* A confirmation's two answers wrap together, never one beside the question and one under it. */
    .group { display: flex; flex: 0 1 auto; flex-wrap: wrap; gap: 0.5rem; min-width: 0; }
    button.danger { color: var(--_danger); border-color: var(--_danger); }
    .log { margin-top: 1rem; }
    .log-summary { margin: 0.25rem 0; color: var(--_muted); font-size: 0.9em; }
    .unreadable { color: var(--_muted); font-size: 0.85em; margin: 0.4rem 0; }
    .unreadable summary { cursor: pointer; }
    .unreadable ul { padding-inline-start: 1.1rem; }
    .unreadable .sample { overflow-wrap: anywhere; }
    .show-all { font-size: 0.9em; }
    /* A reversed flex column keeps the view pinned to the newest event without script or forced
       layout, and leaves the reader's position alone once they scroll up. */
    .events-scroller {
      display: flex; flex-direction: column-reverse; max-height: var(--task-stream-max-height, 28rem); overflow: auto;
      border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
    }
    .events { list-style: none; margin: 0; padding: 0; }
    /* Rows are plain blocks (no grid per row) and skip layout while scrolled out of view. */
    .event { display: block; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--_border); content-visibility: auto; contain-intrinsic-size: auto 3.4em; }
    .event-label, .event-agent { margin-inline-end: 0.6rem; }
    .event:last-child { border-bottom: none; }
    .event-label { font-weight: 600; font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.03em; color: var(--_muted); }
    .event-agent { font-size: 0.8em; color: var(--_accent); }
    .event-time { font: 0.8em var(--_mono); color: var(--_muted); float: inline-end; }
    .event-body { display: block; white-space: pre-wrap; overflow-wrap: anywhere; }
    .event[data-type='error'] .event-body { color: var(--_danger); }
    .event[data-type='budget'] .event-body { color: var(--_warn); }
    .event[data-type='thinking'] .event-body { font-style: italic; color: var(--_muted); }
    .page { margin: 0.4rem 0; font-size: 0.85em; }
    .output { margin-top: 1rem; }
    .section-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 0.5rem; }
    .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .output-body { overflow-wrap: anywhere; }
    .markdown table { border-collapse: collapse; }
    .markdown th, .markdown td { border: 1px solid var(--_border); padding: 0.25rem 0.5rem; }
    .table-wrap { overflow-x: auto; }
    /* A scroll box is the containing block of all it holds: an absolutely positioned descendant (a field
       table's visually hidden "Evidence" header) otherwise escapes its clipping at its place in the wide
       table and widens the page (e2e screenshots: 26 px at 1440 px, 378 px at 375 px). */
    .input-text, .events-scroller, .table-wrap, .markdown pre, .raw-json pre { position: relative; }
    /* Cells break between words only: overflow-wrap: anywhere (results, field values) lets a column
       shrink to a few characters, a date over four lines; a wider table scrolls in its wrapper. */
    .table-wrap :is(th, td) { overflow-wrap: normal; word-break: normal; }
    .table-wrap .short { white-space: nowrap; }
    /* Links in a table (a URL value, a cell's citations) break anywhere, so a column is as wide as its
       words need, not as its longest link (at 375 px a date column took a citation's width, a URL
       column 323 px beside 117 px of text). */
    .table-wrap :is(a, .citation-url) { overflow-wrap: anywhere; }
    .markdown pre { background: var(--_surface); padding: 0.6rem; border-radius: var(--_radius); overflow-x: auto; }
    code { font-family: var(--_mono); }
    blockquote { margin: 0.3rem 0; padding-inline-start: 0.75rem; border-inline-start: 3px solid var(--_border); color: var(--_muted); }
    /* Structured results: labels and values in the text font, evidence beside each value. */
    .fields { margin: 0; display: grid; gap: 0.1rem 1rem; }
    .field { display: grid; grid-template-columns: minmax(8rem, 14rem) minmax(0, 1fr); gap: 0.75rem; padding: 0.4rem 0; border-top: 1px solid var(--_border); }
    .fields .fields .field:first-child { border-top: none; }
    .field[data-nested] { grid-template-columns: minmax(0, 1fr); gap: 0.2rem; }
    .field-label { font-weight: 600; color: var(--_muted); overflow-wrap: anywhere; }
    .field-value { margin: 0; overflow-wrap: anywhere; min-width: 0; }
    .field[data-nested] > .field-value { padding-inline-start: 0.75rem; border-inline-start: 3px solid var(--_border); }
    .evidence { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.2rem 0.6rem; font-size: 0.85em; margin-top: 0.2rem; }
    .evidence .citations { display: flex; flex-wrap: wrap; gap: 0.2rem 0.6rem; list-style: none; margin: 0; padding: 0; }
    .why summary { cursor: pointer; color: var(--_accent); }
    .why[open] { flex-basis: 100%; }
    .field-list { margin: 0; padding-inline-start: 1.2rem; }
    .field-table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
    .field-table th, .field-table td { border: 1px solid var(--_border); padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; }
    .field-table th { color: var(--_muted); }
    .other-basis h3 { font-size: 0.95rem; margin: 0.75rem 0 0.25rem; }
    .raw-json { margin-top: 0.75rem; }
    .raw-json summary { cursor: pointer; color: var(--_accent); width: max-content; }
    .raw-json pre { font: 0.85em var(--_mono); background: var(--_surface); padding: 0.6rem; border-radius: var(--_radius); overflow: auto; max-height: 28rem; white-space: pre-wrap; overflow-wrap: anywhere; }
    .output-body { container-type: inline-size; }
    @container (max-width: 540px) { .field { grid-template-columns: minmax(0, 1fr); gap: 0.1rem; } }
    .basis-list ul { padding-inline-start: 0; list-style: none; }
    .basis { border-top: 1px solid var(--_border); padding: 0.5rem 0; }
    .basis-head { display: flex; gap: 0.5rem; align-items: center; }
    .confidence { text-transform: none; }
    .confidence[data-confidence='high'] { color: var(--_ok); }
    .confidence[data-confidence='medium'] { color: var(--_warn); }
    .confidence[data-confidence='low'] { color: var(--_danger); }
    .citations { display: grid; gap: 0.4rem; }
    .citation-url { display: block; font-size: 0.8em; color: var(--_muted); }
    .unsafe-link { text-decoration: line-through dotted; color: var(--_muted); }
    .ref { color: var(--_muted); font-size: 0.85em; }
    .waiting { margin: 0.25rem 0 0; padding: 0.4rem 0.6rem; border: 1px solid var(--_warn); border-radius: var(--_radius); }
    .warnings { margin: 0.25rem 0 0; padding-inline-start: 1.1rem; color: var(--_warn); font-size: 0.9em; }
    .warning-type { font-weight: 600; }
    .message > summary { cursor: pointer; }
    .message-body { margin-top: 0.3rem; white-space: normal; }
    .usage { color: var(--_muted); font-size: 0.85em; white-space: nowrap; }
    .event[data-type='gap'] .event-body { color: var(--_warn); }
    .live { margin-top: 0.75rem; display: grid; gap: 0.5rem; }
    .live-text { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.5rem 0.75rem; }
    .live-head { display: flex; gap: 0.5rem; font-size: 0.85em; }
    .live-body { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 0.25rem; }
    .live-partial { color: var(--_warn); font-size: 0.85em; margin: 0.25rem 0 0; }
    .tool-calls ul { list-style: none; padding-inline-start: 0; }
    .tool-call pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.2rem 0; font: 0.85em var(--_mono); }
    .failed { color: var(--_danger); }
    /* The run's timeline (render-timeline.ts). */
  .timeline { margin: 0.75rem 0; }
  .tl-body { display: grid; grid-template-columns: max-content 1fr; column-gap: 0.5rem; align-items: start; }
  .tl-labels { display: grid; font-size: 0.75rem; color: var(--_muted); }
  .tl-labels span { height: 18px; line-height: 18px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 10rem; }
  .tl-labels .tl-sources { height: 40px; line-height: 1.2; display: flex; flex-direction: column; justify-content: center; }
  .tl-plot { position: relative; min-width: 0; }
  .tl-plot svg { display: block; width: 100%; overflow: visible; }
  .tl-axis { position: relative; overflow: hidden; height: 1.1rem; font-size: 0.7rem; color: var(--_muted); }
  .tl-axis span { position: absolute; top: 0; transform: translateX(-50%); white-space: nowrap; }
  .tl-axis span:first-child { transform: none; }
  .grid { stroke: var(--_border); stroke-width: 1; vector-effect: non-scaling-stroke; }
  .lane-line { stroke: var(--_border); stroke-width: 1; vector-effect: non-scaling-stroke; }
  .span { fill: var(--_accent); opacity: 0.28; }
  .considered { fill: none; stroke: var(--_muted); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
  .read { fill: none; stroke: var(--_accent); stroke-width: 2; vector-effect: non-scaling-stroke; }
  .mark { stroke: var(--_accent); stroke-width: 3; vector-effect: non-scaling-stroke; cursor: pointer; outline: none; }
  .mark[data-kind='tool'] { stroke: var(--_warn); }
  .mark[data-kind='usage'] { stroke: var(--_ok); }
  .mark[data-kind='error'] { stroke: var(--_danger); }
  .mark:hover, .mark:focus-visible, .mark:focus { stroke: var(--_fg); stroke-width: 6; }
  .now { stroke: var(--_danger); stroke-width: 1.5; stroke-dasharray: 3 3; vector-effect: non-scaling-stroke; }
`;
