import { css } from 'lit';

/**
 * Styles of the group view inside `<task-stream>` (its theme variables, `.header`, `.progress` and
 * `.connection` come from the stream). Every rule is scoped under `.batch-view` (render-group.ts),
 * so none reaches the run view in the same shadow root.
 */
export const groupViewStyles = css`
  .batch-view .title-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
  .batch-view .group-counts { display: flex; flex-wrap: wrap; gap: 0.4rem; list-style: none; padding: 0; margin: 0 0 0.6rem; }
  /* A pill is one line sized to its text: it never wraps or stretches, at any width. */
  .batch-view .group-counts li { flex: none; white-space: nowrap; border: 1px solid var(--_border); border-radius: 999px;
    padding: 0.1rem 0.6rem; font-size: 0.85em; background: var(--_surface); }
  .batch-view .group-counts .count { font-weight: 600; }
  .batch-view .group-counts [data-status='completed'] { color: var(--_ok); }
  .batch-view .group-counts [data-status='failed'] { color: var(--_danger); }
  /* completed / total across the view's whole width, drawn here too so it never waits for the run view's styles. */
  .batch-view .progress { display: block; height: 0.5rem; border: 1px solid var(--_border); border-radius: 999px; overflow: hidden; background: var(--_surface); }
  .batch-view .progress .bar { display: block; height: 100%; background: var(--_accent); }
  .batch-view .group-runs { position: relative; list-style: none; margin: 0.5rem 0 0; padding: 0; max-height: var(--task-stream-max-height, 28rem); overflow: auto;
    border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  /* No content-visibility: auto on the rows: WebKit (2.50) leaves rows of this scrolled list undrawn (0×0) even in view. */
  .batch-view .group-runs li { border-bottom: 1px solid var(--_border); }
  .batch-view .group-runs li:last-child { border-bottom: none; }
  /* One grid for all rows (subgrid): the badges, whatever their words' length, line up in one column. */
  .batch-view .group-runs { display: grid; grid-template-columns: max-content max-content minmax(0, 1fr); column-gap: 0.6rem; }
  .batch-view .group-runs li, .batch-view .group-run { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; }
  .batch-view .group-run { align-items: baseline; width: 100%; text-align: start; background: none; border: none;
    padding: 0.45rem 0.6rem; color: inherit; font: inherit; cursor: pointer; }
  .batch-view .group-run:hover { background: color-mix(in srgb, var(--_accent) 8%, transparent); }
  .batch-view .group-run .index { color: var(--_muted); font: 0.8em var(--_mono); min-width: 2.5em; }
  .batch-view .group-run .preview { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  /* The run view's badge (theme.ts .badge: words, sentence case, colours), left in its column. */
  .batch-view .group-run .badge { justify-self: start; }
  .batch-view .back { margin-bottom: 0.5rem; }
  .batch-view .input-preview { margin: 0.3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
`;

/** Styles of the batches section of `<task-history>`. */
export const historyGroupsStyles = css`
  .groups { margin: 0.5rem 0 0.75rem; }
  .groups-title { font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.04em; color: var(--_muted); margin: 0 0 0.3rem; }
  .group-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35rem; }
  .group-list li { display: flex; gap: 0.35rem; align-items: stretch; min-width: 0; }
  .group-list .group-item { flex: 1 1 auto; min-width: 0; }
  .group-delete { flex: none; align-self: center; }
  .group-item { display: grid; gap: 0.2rem; width: 100%; text-align: start; padding: 0.5rem 0.6rem; font: inherit; color: inherit;
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); cursor: pointer; }
  .group-item[aria-current='true'] { border-color: var(--_accent); box-shadow: inset 3px 0 0 var(--_accent); }
  .group-item-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
  .group-item .meta, .group-item-counts { color: var(--_muted); font-size: 0.85em; }
`;
