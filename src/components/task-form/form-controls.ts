/**
 * Field templates of `<task-form>`: a label, the control, a hint, and the error next to it
 * (linked with `aria-describedby`, announced through `aria-invalid`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { t } from './strings.js';

export interface FieldOptions {
  id: string;
  label: string;
  control: TemplateResult;
  error?: string;
  warnings?: string[];
  hint?: string | TemplateResult;
  /** Renders the label as a legend of a fieldset (for radio groups). */
  group?: boolean;
  /**
   * Controls that belong to the field but come after its messages (a checkbox that refines a URL):
   * the error stays directly under the control it is about.
   */
  after?: TemplateResult;
}

/** IDs of the hint and error of a field, for the control's `aria-describedby`. */
export function describedBy(id: string, error?: string, hint?: unknown): string | typeof nothing {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || nothing;
}

export function field(options: FieldOptions): TemplateResult {
  const { id, label, control, error, warnings, hint, group, after } = options;
  const messages = html`
    ${hint ? html`<div class="hint" id="${id}-hint">${hint}</div>` : nothing}
    ${warnings?.length ? html`<ul class="warnings">${warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
    ${error ? html`<div class="field-error" id="${id}-error">${error}</div>` : nothing}${after ?? nothing}`;
  if (group) {
    return html`<fieldset part="field" class="field" data-invalid=${error ? 'true' : nothing}>
      <legend>${label}</legend>${control}${messages}</fieldset>`;
  }
  return html`<div part="field" class="field" data-invalid=${error ? 'true' : nothing}>
    <label for=${id}>${label}</label>${control}${messages}</div>`;
}

/** A list of removable chips (source-policy domains). */
export function chips(label: string, values: readonly string[], onRemove: (value: string) => void): TemplateResult {
  if (!values.length) return html``;
  return html`<ul class="chips" aria-label=${label}>${values.map((value) => html`<li class="chip">
    <span>${value}</span>
    <button type="button" class="chip-remove" aria-label=${t('form.removeChip', { value })} @click=${() => onRemove(value)}>×</button>
  </li>`)}</ul>`;
}

/**
 * Focuses `control`, opening the collapsed sections around it first (a hidden control cannot take
 * focus, and an error nobody can see is no help). Returns false when there is no control.
 */
export function reveal(control: HTMLElement | null, options?: FocusOptions): boolean {
  if (!control) return false;
  for (let details = control.closest('details'); details; details = details.parentElement?.closest('details') ?? null) details.open = true;
  control.focus(options);
  return true;
}
