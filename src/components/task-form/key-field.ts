/**
 * The masked API key field of `<task-form>` (an auth mode that needs a key, and no `apiKey` set):
 * Show/Hide and Clear beside it. The key goes to the store, never to an attribute or a draft.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { isHttpStatusError } from '../../core/errors.js';
import type { ProviderName } from '../../core/providers/task-event.js';
import { t } from './strings.js';
import type { TaskElement } from '../shared/task-element.js';
import { describedBy, field } from './form-controls.js';

/**
 * Whether requests of `provider` from `el` need a key typed into the form: an auth mode that sends
 * one, other than `oauth` (which signs in for it), and no `apiKey` property set for that provider.
 */
export function needsKey(el: TaskElement, provider: ProviderName): boolean {
  return el.authMode !== 'none' && el.authMode !== 'oauth' && !(provider === el.provider && el.apiKey);
}

/** Why `el` cannot send a request of `provider` yet (in the render's language), if a key is needed and none was typed. */
export function keyError(el: TaskElement, provider: ProviderName): string | undefined {
  return needsKey(el, provider) && !el.taskStore.getCredential(provider) ? t('form.key.missing') : undefined;
}

/** Whether a failed create request was refused for its credentials (HTTP 401 or 403). */
export function refusedCredentials(error: unknown): boolean {
  return isHttpStatusError(error) && (error.status === 401 || error.status === 403);
}

export interface KeyFieldOptions {
  provider: ProviderName;
  /** The key held now ('' when none). */
  value: string;
  visible: boolean;
  error?: string;
  onInput(value: string): void;
  onBlur(): void;
  onToggle(): void;
  onClear(): void;
}

export function renderKeyField(o: KeyFieldOptions): TemplateResult {
  const HINT = t('form.key.hint');
  return field({
    id: 'api-key', label: t('form.key.label', { provider: t(o.provider === 'shannon' ? 'provider.shannon' : 'provider.parallel') }), error: o.error, hint: HINT,
    control: html`<div class="key-input">
      <input id="api-key" type=${o.visible ? 'text' : 'password'} autocomplete="off" spellcheck="false"
        .value=${live(o.value)} aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${describedBy('api-key', o.error, HINT)}
        @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)} @blur=${o.onBlur} />
      <button type="button" aria-pressed=${o.visible ? 'true' : 'false'} @click=${o.onToggle}>${t(o.visible ? 'form.key.hide' : 'form.key.show')}</button>
      <button type="button" ?disabled=${!o.value} @click=${o.onClear}>${t('form.clear')}</button>
    </div>`,
  });
}

/**
 * The key field of `el` for its provider, or `nothing` when it needs no typed key. The error shows
 * when `showError` (touched, or after a refused submit): no key, or the API refused the one typed.
 */
export function renderFormKeyField(el: TaskElement, o: Pick<KeyFieldOptions, 'visible' | 'onBlur' | 'onToggle'> & { showError: boolean; refused: boolean }): TemplateResult | typeof nothing {
  const { taskStore: store, provider } = el;
  if (!needsKey(el, provider)) return nothing;
  return renderKeyField({
    provider, value: store.getCredential(provider) ?? '', visible: o.visible, onBlur: o.onBlur, onToggle: o.onToggle,
    error: o.showError ? keyError(el, provider) ?? (o.refused ? t('form.key.refused') : undefined) : undefined,
    onInput: (value) => store.setCredential(provider, value), onClear: () => store.setCredential(provider, undefined),
  });
}
