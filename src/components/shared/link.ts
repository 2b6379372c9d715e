/**
 * The one way API-provided links are rendered: an anchor only for http(s), opened in a new tab
 * without opener or referrer; otherwise the text alone.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { displayUrl, safeHref } from './safe-url.js';
import { t } from '../../core/i18n/scope.js';

export function renderLink(url: unknown, label?: unknown, part?: string): TemplateResult {
  const href = safeHref(url);
  const text = typeof label === 'string' && label.trim() ? label : typeof url === 'string' ? displayUrl(url) : '';
  if (!href) return html`<span class="unsafe-link" title=${t('link.unsafe')}>${text}</span>`;
  return html`<a part=${part ?? nothing} href=${href} target="_blank" rel="noopener noreferrer">${text}</a>`;
}
