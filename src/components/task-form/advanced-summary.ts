/**
 * What is set inside a collapsed section of `<task-form>`, shown outside it (issue 13 item 11): a
 * value that changes the request is never hidden behind a closed `<details>`. One-shot values (a
 * follow-up, a session) come with their own "Clear" button.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { t } from './strings.js';

export interface SetValue {
  /** What the value is, in words ("Webhook", "Follows up on"). */
  label: string;
  /** The value, shortened for the line (the full value is in the field). */
  value: string;
  /** Offered for one-shot values: clears the field. */
  onClear?: () => void;
}

const MAX_CHARS = 48;

/** `text` on one line, at most {@link MAX_CHARS} characters (an ellipsis marks a cut). */
export function shortValue(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_CHARS ? `${line.slice(0, MAX_CHARS - 1)}…` : line;
}

/** The number of keys of a JSON object text, or of items of an array text, in words (message `what`). */
export function countJson(text: string, what: 'form.set.keys' | 'form.set.servers'): string {
  try {
    const value = JSON.parse(text) as unknown;
    const count = Array.isArray(value) ? value.length : value && typeof value === 'object' ? Object.keys(value).length : 0;
    return t(what, { count });
  } catch {
    return t('form.set.invalid');
  }
}

/**
 * The line under a collapsed section listing what is set in it; nothing when nothing is set.
 * `id` names the list, for the section's summary to point at with `aria-describedby`.
 */
export function renderSetValues(id: string, values: readonly SetValue[]): TemplateResult | typeof nothing {
  if (!values.length) return nothing;
  return html`<ul class="set-values" id=${id} aria-label=${t('form.set.label')}>${values.map(({ label, value, onClear }) => html`<li>
    <span class="set-label">${label}:</span> <span class="set-value">${value}</span>
    ${onClear ? html`<button type="button" class="link-button" aria-label=${t('form.set.clear', { what: label })} @click=${onClear}>${t('form.clear')}</button>` : nothing}
  </li>`)}</ul>`;
}
