/**
 * Design tokens shared by the elements. Every colour, radius and font is a `--task-*` custom
 * property with a light default; dark defaults apply under `prefers-color-scheme: dark`, and a page
 * can force either by setting the properties (the demo's theme switch does exactly that).
 */
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_bg: var(--task-bg, #ffffff);
    --_surface: var(--task-surface, #f6f7f9);
    --_fg: var(--task-fg, #1b1f24);
    --_muted: var(--task-muted, #5b6470);
    --_border: var(--task-border, #d5d9e0);
    --_accent: var(--task-accent, #2f5bd3);
    --_accent-fg: var(--task-accent-fg, #ffffff);
    --_ok: var(--task-ok, #1f7a3d);
    --_warn: var(--task-warn, #8a5a00);
    --_danger: var(--task-danger, #b42318);
    --_radius: var(--task-radius, 8px);
    --_font: var(--task-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--task-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_focus: var(--task-focus, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    display: block;
    color: var(--_fg);
    background: var(--_bg);
    font: 14px/1.45 var(--_font);
    box-sizing: border-box;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--task-bg, #15181d);
      --_surface: var(--task-surface, #1e232a);
      --_fg: var(--task-fg, #e6e9ee);
      --_muted: var(--task-muted, #a2abb8);
      --_border: var(--task-border, #343b46);
      --_accent: var(--task-accent, #7aa2ff);
      --_accent-fg: var(--task-accent-fg, #0c1020);
      --_ok: var(--task-ok, #5fd38a);
      --_warn: var(--task-warn, #f0b44c);
      --_danger: var(--task-danger, #ff8a80);
    }
  }
  :host([hidden]) { display: none; }
  /* Set, not inherited: inside <details> the content sits in the browser's own slot, which would pass on content-box. */
  *, *::before, *::after { box-sizing: border-box; }
  button {
    font: inherit;
    color: var(--_fg);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.3em 0.8em;
    cursor: pointer;
  }
  button:hover:not(:disabled) { border-color: var(--_accent); }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  button.primary { background: var(--_accent); color: var(--_accent-fg); border-color: var(--_accent); }
  :focus-visible { outline: none; box-shadow: var(--_focus); }
  a { color: var(--_accent); }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .badge {
    display: inline-block; padding: 0.05em 0.6em; border-radius: 999px; font-size: 0.85em;
    border: 1px solid currentColor; white-space: nowrap;
  }
  /* Sentence case in every language: capitalize made German "In Der Warteschlange" (freshG). */
  .badge::first-letter { text-transform: uppercase; }
  .badge[data-status='completed'] { color: var(--_ok); }
  .badge[data-status='failed'], .badge[data-status='timeout'] { color: var(--_danger); }
  .badge[data-status='cancelled'], .badge[data-status='cancelling'], .badge[data-status='unknown'] { color: var(--_muted); }
  .badge[data-status='running'], .badge[data-status='queued'] { color: var(--_accent); }
  .badge[data-status='action_required'], .badge[data-status='paused'] { color: var(--_warn); }
  .badge[data-reach] { color: var(--_danger); }
`;
