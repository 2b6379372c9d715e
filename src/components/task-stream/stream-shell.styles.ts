/**
 * What a `<task-stream>` needs before it shows a run: the theme, its frame, the empty state and a
 * failed load. The run view brings its own styles when it is loaded (task-stream.styles.ts).
 */
import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const streamShellStyles = [
  themeStyles,
  css`
    :host { padding: 1rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
    .muted, .hint { color: var(--_muted); }
    .hint { font-size: 0.85em; }
    .empty { text-align: center; padding: 2rem 1rem; }
  `,
];
