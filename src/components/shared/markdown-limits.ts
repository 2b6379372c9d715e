/**
 * The work bounds of markdown rendering (issue 10 §4). `marked` is recursive per nesting level and
 * its inline lexer is quadratic in the delimiters of one paragraph (`'_a'.repeat(50_000)` takes
 * 8 s in Chromium), so untrusted text is checked before it reaches the lexer:
 * - longer than {@link MAX_MARKDOWN_CHARS}: plain text;
 * - a line nested deeper than {@link MAX_NESTING} (`>` quotes plus indentation / 2): plain text;
 * - a paragraph with more than {@link MAX_DELIMITERS_PER_BLOCK} emphasis / link / code delimiters:
 *   plain text.
 * The rest is cut into blocks at blank lines outside code fences, so a long document is lexed a
 * slice at a time (see markdown.ts) and no single task runs long. Pure, linear in the text.
 */
import { l10n } from '../../core/i18n/scope.js';
import { t } from './markdown-strings.js';

/** Longest text that is formatted, in UTF-16 code units (~100 KB). */
export const MAX_MARKDOWN_CHARS = 100_000;
/** Deepest nesting that is formatted (quote markers plus indentation / 2 at the start of a line). */
export const MAX_NESTING = 24;
/** Most delimiters (`* _ [ ] < \` ~`) one blank-line-separated block may hold. */
export const MAX_DELIMITERS_PER_BLOCK = 600;

/** Why a text is shown as plain text. */
export type PlainReason = 'long' | 'nested' | 'dense';

/** The verdict on one text: formatted in blocks, or plain for a reason. */
export type MarkdownPlan = { kind: 'blocks'; blocks: string[] } | { kind: 'plain'; reason: PlainReason };

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DELIMITERS = /[*_[\]<`~]/g;

function lineNesting(line: string): number {
  let depth = 0;
  let spaces = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) depth++;
    else if (c === 32) spaces++;
    else if (c === 9) spaces += 4;
    else break;
  }
  return depth + Math.floor(spaces / 2);
}

/** Decides how `text` is rendered; see the module comment. */
export function planMarkdown(text: string): MarkdownPlan {
  if (text.length > MAX_MARKDOWN_CHARS) return { kind: 'plain', reason: 'long' };
  const blocks: string[] = [];
  let current: string[] = [];
  let delimiters = 0; // outside code fences, in the current block
  let fence: string | undefined;
  const close = () => {
    if (current.length) blocks.push(current.join('\n'));
    current = [];
    delimiters = 0;
  };
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (lineNesting(line) > MAX_NESTING) return { kind: 'plain', reason: 'nested' };
    if (marker) fence = marker;
    if (line.trim() === '' && !fence) {
      close();
      continue;
    }
    current.push(line);
    if (!marker) delimiters += line.match(DELIMITERS)?.length ?? 0;
    if (delimiters > MAX_DELIMITERS_PER_BLOCK) return { kind: 'plain', reason: 'dense' };
  }
  close();
  return { kind: 'blocks', blocks };
}

/** The note shown above a plain-text fallback, in plain words. */
export function plainNote(reason: PlainReason | 'failed', length: number): string {
  switch (reason) {
    case 'long': return t('stream.plain.long', { size: l10n().number(Math.round(length / 1024), { style: 'unit', unit: 'kilobyte' }) });
    case 'nested': return t('stream.plain.nested');
    case 'dense': return t('stream.plain.dense');
    default: return t('stream.plain.failed');
  }
}
