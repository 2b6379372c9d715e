/**
 * What a person typed into a source-policy domain box but did not add yet (issue 13 item 10:
 * nothing typed is silently dropped). Commas, spaces and new lines separate domains, so a pasted
 * list works; case and a leading `www.` are dropped (parallel-task-api.md §4 `source_policy`).
 */
import { checkDomain } from './fields.js';

export interface DomainText {
  /** The domains read from the text, normalized, in order, without repeats. */
  domains: string[];
  /** Set when a piece of the text is not a domain (the first such); `domains` holds the valid pieces. */
  error?: string;
}

/** Normalizes one domain the way the API compares them: lower case, no leading `www.`. */
export function normalizeDomain(value: string): string {
  return value.trim().toLowerCase().replace(/^www\./, '');
}

/** Reads the domains of a box's text. Empty text gives no domains and no error. */
export function readDomainText(text: string): DomainText {
  const domains: string[] = [];
  let error: string | undefined;
  for (const piece of text.split(/[\s,;]+/).filter(Boolean)) {
    const problem = checkDomain(piece);
    error ??= problem;
    const domain = normalizeDomain(piece);
    if (!problem && !domains.includes(domain)) domains.push(domain);
  }
  return error ? { domains, error } : { domains };
}

/** `list` with the domains of `text` appended (no repeats). */
export function withDomains(list: readonly string[], domains: readonly string[]): string[] {
  return [...list, ...domains.filter((d) => !list.includes(d))];
}

/** The two domain lists of a Parallel draft and the text typed beside each. */
export interface DomainDraft {
  includeDomains: string[];
  excludeDomains: string[];
  includeDomainText: string;
  excludeDomainText: string;
}

/**
 * The draft with the typed domains added to their lists and the boxes emptied (what a submit
 * does, so the form shows what was sent). Text that is not a domain stays in its box.
 */
export function commitDomainText<D extends DomainDraft>(draft: D): D {
  const include = readDomainText(draft.includeDomainText);
  const exclude = readDomainText(draft.excludeDomainText);
  return {
    ...draft,
    includeDomains: withDomains(draft.includeDomains, include.domains),
    excludeDomains: withDomains(draft.excludeDomains, exclude.domains),
    includeDomainText: include.error ? draft.includeDomainText : '',
    excludeDomainText: exclude.error ? draft.excludeDomainText : '',
  };
}
