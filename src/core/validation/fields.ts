/**
 * Field-level checks shared by the request validators. Each returns an error sentence or undefined,
 * in the language of the render in progress (i18n/scope.ts; English outside one).
 */

import { t } from './words.js';
import { jsonBreak } from './json-scanner.js';

/** What a JSON field is called in its messages ("The input", "Metadata"). */
export type JsonFieldName = `validation.what.${'input' | 'outputSchema' | 'inputSchema' | 'metadata' | 'context'}`;

export type Check = string | undefined;

/** Parses JSON text that must be an object; `{}` for empty text when optional. */
export function parseJsonObject(text: string, field: JsonFieldName, optional = true): { value?: Record<string, unknown>; error?: string } {
  const what = t(field);
  if (!text.trim()) return optional ? {} : { error: t('validation.json.required', { what }) };
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: t('validation.json.notObject', { what }) };
    return { value: value as Record<string, unknown> };
  } catch {
    return { error: t('validation.json.invalid', { what, where: whereJsonBreaks(text) }) };
  }
}

/**
 * Where JSON text stops parsing, in words ("check line 2, column 5"), from the scanner
 * (json-position.ts, loaded on first need: json-scanner.ts), never from the engine's own message
 * (which differs by browser and names tokens, not places; WebKit's names no place at all).
 */
function whereJsonBreaks(text: string): string {
  const at = jsonBreak(text);
  if (!at || at === 'unknown') return t('validation.json.checkSyntax');
  if (at.offset >= text.trimEnd().length) return t('validation.json.endsEarly');
  return t('validation.json.at', { line: at.line, column: at.column });
}

const DOMAIN = /^(?:\.[a-z]{2,63}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/;

/** A source-policy domain: `example.com`, `sub.example.co.uk`, or a bare TLD like `.edu`. */
export function checkDomain(domain: string): Check {
  const value = domain.trim().toLowerCase();
  if (!value) return t('validation.domain.empty');
  if (/^[a-z]+:\/\//.test(value) || value.includes('/')) return t('validation.domain.path', { domain });
  if (!DOMAIN.test(value)) return t('validation.domain.invalid', { domain });
  return undefined;
}

/** `YYYY-MM-DD` that is a real calendar date. */
export function checkDate(value: string): Check {
  if (!value) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return t('validation.date');
  return undefined;
}

/** An absolute https URL; `what` names it in the message ("The webhook URL"). */
export function checkHttpsUrl(value: string, what: string): Check {
  if (!value.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' ? undefined : t('validation.url.https', { what });
  } catch {
    return t('validation.url.invalid', { what });
  }
}
