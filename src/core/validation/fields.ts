/**
 * Field-level checks shared by the request validators. Each returns an error sentence or undefined.
 */

import { jsonSyntaxPosition } from './json-position.js';

export type Check = string | undefined;

/** Parses JSON text that must be an object; `{}` for empty text when optional. */
export function parseJsonObject(text: string, what: string, optional = true): { value?: Record<string, unknown>; error?: string } {
  if (!text.trim()) return optional ? {} : { error: `${what} is required.` };
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: `${what} must be a JSON object ({ … }).` };
    return { value: value as Record<string, unknown> };
  } catch {
    return { error: `${what} is not valid JSON: ${whereJsonBreaks(text)}.` };
  }
}

/**
 * Where JSON text stops parsing, in words ("check line 2, column 5"), from the scanner
 * (json-position.ts), never from the engine's own message (which differs by browser and names
 * tokens, not places; WebKit's names no place at all).
 */
function whereJsonBreaks(text: string): string {
  const at = jsonSyntaxPosition(text);
  if (!at) return 'check quotes, commas and brackets';
  if (at.offset >= text.trimEnd().length) return 'it ends too early (a closing }, ] or " may be missing)';
  return `check line ${at.line}, column ${at.column}`;
}

const DOMAIN = /^(?:\.[a-z]{2,63}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/;

/** A source-policy domain: `example.com`, `sub.example.co.uk`, or a bare TLD like `.edu`. */
export function checkDomain(domain: string): Check {
  const value = domain.trim().toLowerCase();
  if (!value) return 'Enter a domain.';
  if (/^[a-z]+:\/\//.test(value) || value.includes('/')) return `"${domain}" has a scheme or path: enter just the domain, like example.com.`;
  if (!DOMAIN.test(value)) return `"${domain}" is not a domain like example.com or a top-level domain like .edu.`;
  return undefined;
}

/** `YYYY-MM-DD` that is a real calendar date. */
export function checkDate(value: string): Check {
  if (!value) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'Use a date in the form YYYY-MM-DD.';
  return undefined;
}

/** An absolute https URL. */
export function checkHttpsUrl(value: string, what: string): Check {
  if (!value.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' ? undefined : `${what} must start with https://.`;
  } catch {
    return `${what} is not a valid URL.`;
  }
}
