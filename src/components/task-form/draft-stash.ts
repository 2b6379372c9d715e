/**
 * Keeps what the user typed across the trip to the sign-in page and back: saved in sessionStorage
 * (this tab only) just before leaving, taken once when the form comes back. Only draft fields are
 * kept, never a key; values of the wrong type are dropped, so a stale or edited entry cannot break
 * the form. Loaded with the sign-in binding (oauth-binding.ts): only pages with a sign-in need it.
 */
import { KEY_PREFIX } from '../../core/store/persistence.js';
import type { ParallelDraft } from '../../core/validation/parallel-draft.js';

const slot = (store: string) => `${KEY_PREFIX}:${store}:sign-in-draft`;

/** Saves the Parallel draft of the form of `store` for the round trip. Never throws. */
export function stashDraft(store: string, draft: ParallelDraft): void {
  try {
    sessionStorage.setItem(slot(store), JSON.stringify(draft));
  } catch {
    // storage blocked or full: the draft is lost with the page, as without a stash
  }
}

/** Takes the stashed draft (removing it), merged over `empty` (the form's empty draft); undefined when none. */
export function takeDraft(store: string, empty: ParallelDraft): ParallelDraft | undefined {
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(slot(store));
    sessionStorage.removeItem(slot(store));
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  let saved: unknown;
  try {
    saved = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!saved || typeof saved !== 'object') return undefined;
  const draft = { ...empty } as unknown as Record<string, unknown>;
  for (const [name, fallback] of Object.entries(draft)) {
    const value = (saved as Record<string, unknown>)[name];
    const sameType = Array.isArray(fallback)
      ? Array.isArray(value) && value.every((item) => typeof item === 'string')
      : typeof value === typeof fallback;
    if (sameType) draft[name] = value;
  }
  if (!['text', 'json'].includes(draft.inputMode as string)) draft.inputMode = 'text';
  if (!['auto', 'text', 'json'].includes(draft.outputType as string)) draft.outputType = 'auto';
  return draft as unknown as ParallelDraft;
}
