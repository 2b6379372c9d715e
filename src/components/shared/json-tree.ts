/**
 * JSON output as a collapsible tree of `<details>` elements: keyboard and screen-reader friendly
 * without script. Every key and value is text; URLs among string values become safe links.
 */
import { html, type TemplateResult } from 'lit';
import { renderLink } from './link.js';
import { safeHref } from './safe-url.js';

const OPEN_DEPTH = 2;
const MAX_DEPTH = 32;

function scalar(value: unknown): TemplateResult {
  if (value === null) return html`<span class="json-null">null</span>`;
  if (typeof value === 'string') {
    return safeHref(value) ? html`<span class="json-string">${renderLink(value, value)}</span>` : html`<span class="json-string">${value}</span>`;
  }
  if (typeof value === 'number') return html`<span class="json-number">${String(value)}</span>`;
  if (typeof value === 'boolean') return html`<span class="json-boolean">${String(value)}</span>`;
  return html`<span>${String(value)}</span>`;
}

function node(key: string | undefined, value: unknown, depth: number): TemplateResult {
  const label = key === undefined ? '' : html`<span class="json-key">${key}</span>: `;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) {
    return html`<li>${label}${scalar(value)}</li>`;
  }
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : Object.entries(value as Record<string, unknown>);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  if (entries.length === 0) return html`<li>${label}<span class="json-empty">${Array.isArray(value) ? '[]' : '{}'}</span></li>`;
  return html`<li><details ?open=${depth < OPEN_DEPTH}>
    <summary>${label}<span class="json-summary">${summary}</span></summary>
    <ul class="json-tree">${entries.map(([k, v]) => node(k, v, depth + 1))}</ul>
  </details></li>`;
}

/** Renders any JSON value as a tree. */
export function renderJsonTree(value: unknown): TemplateResult {
  return html`<ul class="json-tree json-root">${node(undefined, value, 0)}</ul>`;
}
