import { css } from 'lit';
import { themeStyles } from '../shared/theme.js';

export const taskFormStyles = [
  themeStyles,
  css`
    :host { padding: 1rem; border: 1px solid var(--_border); border-radius: var(--_radius); }
    form { display: grid; gap: 0.85rem; }
    .field { display: grid; gap: 0.3rem; margin: 0; padding: 0; border: none; min-width: 0; }
    fieldset.field > legend { padding: 0; margin-bottom: 0.3rem; }
    label, legend { font-weight: 600; }
    .choice { font-weight: normal; display: inline-flex; align-items: center; gap: 0.35rem; margin-inline-end: 1rem; }
    .choices { display: flex; flex-wrap: wrap; gap: 0.25rem; }
    .batch-toggle { font-weight: normal; display: flex; align-items: center; gap: 0.35rem; margin-block-end: 0.75rem; }
    input[type='text'], input[type='url'], input[type='password'], input[type='date'], select, textarea {
      font: inherit; color: var(--_fg); background: var(--_bg); border: 1px solid var(--_border);
      border-radius: var(--_radius); padding: 0.45rem 0.6rem; width: 100%; min-width: 0;
    }
    /* One size for every textarea; prose in the text font, JSON in the code font. */
    textarea { resize: vertical; font-size: 1em; font-family: var(--_font); }
    textarea.code { font-family: var(--_mono); }
    /* After the control rules and more specific than each of them: every invalid control looks invalid. */
    form :is(input, select, textarea)[aria-invalid='true'] { border-color: var(--_danger); box-shadow: inset 3px 0 0 var(--_danger); }
    .hint { color: var(--_muted); font-size: 0.85em; }
    .field-error, .request-error { color: var(--_danger); font-size: 0.9em; overflow-wrap: anywhere; }
    .request-error { border: 1px solid currentColor; border-radius: var(--_radius); padding: 0.5rem 0.75rem; }
    .request-error-text { margin: 0; }
    .request-error-detail { margin-top: 0.35rem; color: var(--_muted, inherit); }
    .warnings { margin: 0; padding-inline-start: 1.1rem; color: var(--_warn); font-size: 0.85em; }
    .group { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.6rem 0.8rem; display: grid; gap: 0.75rem; }
    details.group > summary { cursor: pointer; font-weight: 600; }
    details.group[open] > summary { margin-bottom: 0.5rem; }
    .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.75rem; }
    .chip-input, .key-input { display: flex; gap: 0.4rem; }
    .chips { display: flex; flex-wrap: wrap; gap: 0.35rem; list-style: none; margin: 0.2rem 0 0; padding: 0; }
    .chip { display: inline-flex; align-items: center; gap: 0.25rem; background: var(--_surface); border: 1px solid var(--_border); border-radius: 999px; padding: 0.05rem 0.2rem 0.05rem 0.6rem; }
    .chip-remove { border: none; background: none; padding: 0 0.35rem; font-size: 1.1em; line-height: 1; }
    .set-values { list-style: none; margin: -0.35rem 0 0; padding: 0 0.2rem; display: flex; flex-wrap: wrap; gap: 0.15rem 1rem; font-size: 0.9em; }
    .set-values li { min-width: 0; overflow-wrap: anywhere; }
    .set-label { color: var(--_muted); }
    .link-button { background: none; border: none; padding: 0; color: var(--_accent); text-decoration: underline; }
    .submit-row { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; }
    button.primary { padding: 0.5rem 1.2rem; font-weight: 600; }
    .auth { display: grid; gap: 0.5rem; justify-items: start; padding: 0.6rem 0.8rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
    .auth p { margin: 0; }
    .auth.signed-in { display: flex; align-items: center; justify-content: space-between; flex-wrap: wrap; gap: 0.5rem; }
    .auth-state { font-weight: 600; color: var(--_ok); }
  `,
];
