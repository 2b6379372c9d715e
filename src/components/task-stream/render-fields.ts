/**
 * Structured output as a readable field view (issue 13 §4, `part="fields"`): each field is a
 * humanized label and its value (`part="field"`, `data-path` = the field's path in dot notation),
 * with the field's confidence badge (`part="confidence"`) and its citations next to the value they
 * support (`part="citation"`; excerpts and reasoning on demand). Nested objects are nested sections;
 * arrays of objects are tables; arrays of values are lists. Basis entries (Parallel `basis[]`,
 * parallel-task-api.md) are matched to fields by path (`key_executives.0.name`); any that match no
 * shown field are listed at the end, so no evidence is lost. Every key and value is text.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldBasis } from '../../core/providers/task-event.js';
import { humanize, SHORT_CELL_CHARS } from '../shared/format.js';
import { renderLink } from '../shared/link.js';
import { renderMarkdownLazily } from '../shared/lazy-markdown.js';
import { displayUrl, safeHref } from '../shared/safe-url.js';
import { t } from './strings.js';
import { l10n } from '../../core/i18n/scope.js';

/** Deepest nesting shown as sections; deeper values are shown as JSON text. */
const MAX_DEPTH = 8;
/** Rows of a table shown before "Show all". */
const TABLE_ROWS = 50;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface FieldContext {
  basis: Map<string, FieldBasis>;
  used: Set<string>;
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** "revenue_eur" → "Revenue EUR"; an array index → "#1". */
export function fieldLabel(key: string): string {
  if (/^\d+$/.test(key)) return `#${Number(key) + 1}`;
  return humanize(key).replace(/\b(eur|usd|gbp|chf|jpy|ceo|cfo|cto|ipo|hq|isin|vat)\b/gi, (w) => w.toUpperCase());
}

/** "high confidence", in the render's language (a level the API names otherwise is shown as it came). */
export function confidenceLabel(level: string): string {
  const known = ['high', 'medium', 'low'].includes(level) ? level as 'high' | 'medium' | 'low' : undefined;
  return known ? t(`stream.confidence.${known}`) : t('stream.confidence.other', { level });
}

/**
 * Field names whose integers are identifiers, not quantities: years, ids, codes, numbers such as
 * phone or account numbers. Matched on the field's own key, split into words ("founded_year",
 * "zipCode", "employee-id"), so "revenue_eur" or "employees" keep their thousands separators.
 */
const IDENTIFIER_WORDS = /^(year|yr|id|ids|zip|zipcode|postcode|postal|code|plz|isin|cik|lei|duns|ein|vat|number|no|num|phone|fax|sku|ean|upc|gtin|isbn|issn|pin|version|build|founded|established|since|born)$/i;
/** Quantities whose name ends like an identifier word ("number of employees") — kept as amounts. */
const QUANTITY_START = /^(number|num|no|count|total)$/i;
/** …and whose name ends in a counting word ("year_count", "order_total"). */
const QUANTITY_END = /^(count|total|amount|sum)$/i;

/** The words of a field key: "foundedYear" → ["founded", "Year"], "zip_code" → ["zip", "code"]. */
function keyWords(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_\-.]+/).filter(Boolean);
}

/**
 * Whether an integer under `key` names something rather than counts it, and so is shown with no
 * thousands separator ("Founded year 1992", "Zip code 80331", "Customer id 104522"). A key ending in
 * "year"/"date" takes any integer from 1000 to 2999 as a year; "number of …"/"count" stays a count.
 */
export function isIdentifierNumber(key: string | undefined, value: number): boolean {
  if (!key || !Number.isInteger(value) || /^\d+$/.test(key)) return false;
  const words = keyWords(key);
  if (!words.length || (QUANTITY_START.test(words[0]!) && words.length > 1) || QUANTITY_END.test(words.at(-1)!)) return false;
  if (/(year|date)$/i.test(key) && value >= 1000 && value <= 2999) return true;
  return words.some((w) => IDENTIFIER_WORDS.test(w));
}

function renderScalar(value: Json, key?: string): TemplateResult | string {
  if (value === null || value === '') return html`<span class="muted">${t('stream.notGiven')}</span>`;
  if (typeof value === 'boolean') return t(value ? 'stream.yes' : 'stream.no');
  if (typeof value === 'number') return isIdentifierNumber(key, value) ? String(value) : l10n().number(value);
  if (typeof value === 'string' && safeHref(value)) return renderLink(value, displayUrl(value));
  return String(value);
}

/** The confidence badge and citations of the field at `path`, if the output has a basis for it. */
function renderEvidence(path: string, ctx: FieldContext): TemplateResult | typeof nothing {
  const basis = ctx.basis.get(path);
  if (!basis) return nothing;
  ctx.used.add(path);
  return renderBasis(basis);
}

function renderBasis(basis: FieldBasis): TemplateResult {
  const excerpts = basis.citations.some((c) => c.excerpts.length) || basis.reasoning;
  return html`<div class="evidence">
    ${basis.confidence ? html`<span part="confidence" class="badge confidence" data-confidence=${basis.confidence}>${confidenceLabel(basis.confidence)}</span>` : nothing}
    ${basis.citations.length
      ? html`<ul class="citations">${basis.citations.map((c) => html`<li part="citation" class="citation">${renderLink(c.url, c.title || displayUrl(c.url))}</li>`)}</ul>`
      : nothing}
    ${excerpts
      ? html`<details class="why"><summary>${t('stream.why')}</summary>
          ${basis.reasoning ? html`<p class="basis-reasoning">${basis.reasoning}</p>` : nothing}
          ${basis.citations.map((c) => c.excerpts.map((excerpt) => html`<blockquote class="excerpt">
            ${renderMarkdownLazily(excerpt)}<cite class="citation-url">${displayUrl(c.url)}</cite></blockquote>`))}
        </details>`
      : nothing}
  </div>`;
}

function isTable(items: Json[]): items is Array<Record<string, Json>> {
  return items.length > 0 && items.every((item) => isObject(item) && Object.values(item).every((v) => !isObject(v) && !Array.isArray(v)));
}

function renderTable(path: string, items: Array<Record<string, Json>>, ctx: FieldContext): TemplateResult {
  const columns = [...new Set(items.flatMap((item) => Object.keys(item)))];
  const shown = items.slice(0, TABLE_ROWS);
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${fieldLabel(path.split('.').pop() ?? path)}>
    <table class="field-table">
      <thead><tr>${columns.map((c) => html`<th scope="col">${fieldLabel(c)}</th>`)}<th scope="col"><span class="visually-hidden">${t('stream.evidence')}</span></th></tr></thead>
      <tbody>${shown.map((item, i) => html`<tr data-path=${`${path}.${i}`}>
        ${columns.map((c) => html`<td><span class=${String(item[c] ?? '').length <= SHORT_CELL_CHARS ? 'short' : ''}>${renderScalar(item[c] ?? null, c)}</span>${renderEvidence(`${path}.${i}.${c}`, ctx)}</td>`)}
        <td>${renderEvidence(`${path}.${i}`, ctx)}</td></tr>`)}</tbody>
    </table>
    ${items.length > TABLE_ROWS ? html`<p class="muted">${t('stream.rowsShown', { shown: TABLE_ROWS, count: items.length })}</p>` : nothing}
  </div>`;
}

function renderValue(path: string, value: Json, depth: number, ctx: FieldContext): TemplateResult | string {
  const key = path.split('.').pop();
  if (depth > MAX_DEPTH) return html`<code>${JSON.stringify(value)}</code>`;
  if (isObject(value)) return renderObject(path, value, depth + 1, ctx);
  if (Array.isArray(value)) {
    if (!value.length) return html`<span class="muted">${t('stream.none')}</span>`;
    if (isTable(value)) return renderTable(path, value, ctx);
    return html`<ol class="field-list">${value.map((item, i) => html`<li data-path=${`${path}.${i}`}>
      ${isObject(item) || Array.isArray(item) ? renderValue(`${path}.${i}`, item, depth + 1, ctx) : renderScalar(item, key)}${renderEvidence(`${path}.${i}`, ctx)}</li>`)}</ol>`;
  }
  return renderScalar(value, key);
}

function renderObject(prefix: string, object: Record<string, Json>, depth: number, ctx: FieldContext): TemplateResult {
  return html`<dl class="fields" data-depth=${depth}>${Object.entries(object).map(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = isObject(value) || (Array.isArray(value) && value.length > 0 && value.some((v) => typeof v === 'object' && v !== null));
    return html`<div part="field" class="field" data-path=${path} data-nested=${nested ? 'true' : nothing}>
      <dt class="field-label">${fieldLabel(key)}</dt>
      <dd class="field-value">${renderValue(path, value, depth, ctx)}${renderEvidence(path, ctx)}</dd>
    </div>`;
  })}</dl>`;
}

/** The field view of a JSON output with its basis. */
export function renderFields(content: unknown, basis: readonly FieldBasis[]): TemplateResult {
  const ctx: FieldContext = { basis: new Map(basis.map((b) => [b.field, b])), used: new Set() };
  const body = isObject(content) ? renderObject('', content, 0, ctx) : renderValue('', content as Json, 0, ctx);
  const rest = basis.filter((b) => !ctx.used.has(b.field) && (b.citations.length || b.reasoning || b.confidence));
  return html`<div part="fields" class="field-view">${body}
    ${rest.length
      ? html`<section class="other-basis" aria-label=${t('stream.otherSources')}><h3>${t('stream.otherSources')}</h3>
          <dl class="fields">${rest.map((b) => html`<div class="field" data-path=${b.field}><dt class="field-label">${b.field.split('.').map(fieldLabel).join(' › ')}</dt>
            <dd class="field-value">${renderBasis(b)}</dd></div>`)}</dl></section>`
      : nothing}
  </div>`;
}
