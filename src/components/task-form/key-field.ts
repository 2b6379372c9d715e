/**
 * The masked API key field of `<task-form>` (an auth mode that needs a key, and no `apiKey` set):
 * Show/Hide and Clear beside it. The key goes to the store, never to an attribute or a draft.
 */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { isHttpStatusError } from '../../core/errors.js';
import type { ProviderName } from '../../core/providers/task-event.js';
import type { TaskElement } from '../shared/task-element.js';
import { describedBy, field } from './form-controls.js';

/**
 * Whether requests of `provider` from `el` need a key typed into the form: an auth mode that sends
 * one, other than `oauth` (which signs in for it), and no `apiKey` property set for that provider.
 */
export function needsKey(el: TaskElement, provider: ProviderName): boolean {
  return el.authMode !== 'none' && el.authMode !== 'oauth' && !(provider === el.provider && el.apiKey);
}

/** Why `el` cannot send a request of `provider` yet, if a key is needed and none was typed. */
export function keyError(el: TaskElement, provider: ProviderName): string | undefined {
  return needsKey(el, provider) && !el.taskStore.getCredential(provider) ? 'Enter an API key: this form sends it with each request.' : undefined;
}

/** What the key field says after the API refused the key, until the key or the settings change. */
export const REFUSED_KEY = 'The API refused this key. Enter a valid key, then submit again.';

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

const HINT = 'Kept in this page only; use auth-mode="none" behind the proxy to keep keys off the browser.';

export function renderKeyField(o: KeyFieldOptions): TemplateResult {
  return field({
    id: 'api-key', label: `${o.provider === 'shannon' ? 'Shannon' : 'Parallel'} API key`, error: o.error, hint: HINT,
    control: html`<div class="key-input">
      <input id="api-key" type=${o.visible ? 'text' : 'password'} autocomplete="off" spellcheck="false"
        .value=${live(o.value)} aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${describedBy('api-key', o.error, HINT)}
        @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)} @blur=${o.onBlur} />
      <button type="button" aria-pressed=${o.visible ? 'true' : 'false'} @click=${o.onToggle}>${o.visible ? 'Hide' : 'Show'}</button>
      <button type="button" ?disabled=${!o.value} @click=${o.onClear}>Clear</button>
    </div>`,
  });
}
