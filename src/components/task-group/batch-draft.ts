/**
 * The batch mode's draft survives a reload (fresh14 e, freshF §5): whether the batch mode is on,
 * the pasted text, the chosen format and the file name are kept in sessionStorage (this tab only,
 * gone with it) under `task-elements:<store>:batch-draft`, restored when the form connects, and
 * removed after a batch was sent. A text too big for the tab's storage (about 5 MB per origin,
 * shared with everything else) keeps its first lines that fit, at most {@link MAX_DRAFT_CHARS}
 * characters, and says so (`cutAt`: the lines kept). Storage that is blocked or full is ignored;
 * an unreadable entry reads as no draft.
 */
import { KEY_PREFIX } from '../../core/store/persistence.js';

/** What is kept of a batch draft. `format` is `auto` or a BatchFormat; `cutAt` is set when the text was cut. */
export interface BatchDraft {
  enabled: boolean;
  text: string;
  format: string;
  fileName: string;
  /** Lines of the text kept when the whole did not fit. */
  cutAt?: number;
}

/** The most characters of pasted text kept (1 MB of UTF-16 is 2 MB of the storage's quota). */
export const MAX_DRAFT_CHARS = 1_000_000;

const slot = (store: string) => `${KEY_PREFIX}:${store}:batch-draft`;

/** The draft kept for the form of `store`, or undefined. */
export function loadBatchDraft(store: string): BatchDraft | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(slot(store)) ?? 'null') as Partial<BatchDraft> | null;
    if (!saved || typeof saved.text !== 'string') return undefined;
    const cutAt = typeof saved.cutAt === 'number' ? saved.cutAt : undefined;
    return { enabled: saved.enabled === true, text: saved.text, format: String(saved.format ?? 'auto'), fileName: String(saved.fileName ?? ''), ...(cutAt ? { cutAt } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Keeps `patch` over the draft kept so far; a text that does not fit is cut to its first whole
 * lines that do (halving until it fits). Never throws.
 */
export function saveBatchDraft(store: string, patch: Partial<BatchDraft>): void {
  const draft = { enabled: false, text: '', format: 'auto', fileName: '', ...loadBatchDraft(store), ...patch };
  let text = patch.text ?? draft.text;
  let cut = patch.text !== undefined ? false : draft.cutAt !== undefined;
  for (let limit = MAX_DRAFT_CHARS; ; limit >>= 1) {
    if (text.length > limit) {
      text = text.slice(0, text.lastIndexOf('\n', limit) + 1);
      cut = true;
    }
    const kept = { ...draft, text, cutAt: cut ? text.split('\n').filter(Boolean).length : undefined };
    try {
      sessionStorage.setItem(slot(store), JSON.stringify(kept));
      return;
    } catch {
      if (!text) return; // blocked storage: the draft lives as long as the page
      limit = Math.min(limit, text.length);
    }
  }
}

/** Forgets the draft (after a batch was sent). */
export function clearBatchDraft(store: string): void {
  try {
    sessionStorage.removeItem(slot(store));
  } catch {
    // blocked storage: nothing was kept
  }
}
