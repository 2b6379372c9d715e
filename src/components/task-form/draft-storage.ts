/**
 * The drafts of `<task-form>` survive a reload (issue 13 item 10): what was typed for each provider
 * is kept in sessionStorage (this tab only, gone with it) under `task-elements:<store>:form-draft`,
 * written on every change and read when the form connects.
 *
 * Never a secret: API keys are not part of a draft at all, and before a draft is written every
 * secret in it is replaced by "hidden" the way a run's request is (store/redact.ts: MCP server
 * headers, secret-named fields, credentials and token-like query values in URLs). JSON that does not
 * parse yet cannot be redacted field by field, so it is kept only when nothing in it looks like a
 * secret. The form refuses to send "hidden" until it is typed again, as after a re-run.
 *
 * Reading is defensive: a value of the wrong type falls back to the empty draft's, so a stale entry
 * or one edited by hand cannot break the form. Storage that is blocked or full is ignored.
 */
import { KEY_PREFIX } from '../../core/store/persistence.js';
import { redactRequest, redactUrl } from '../../core/store/redact.js';
import { emptyParallelDraft, type ParallelDraft } from '../../core/validation/parallel-draft.js';
import {
  emptyShannonDraft, SHANNON_MODES, SHANNON_STRATEGIES, SHANNON_TIERS, type ShannonDraft,
} from '../../core/validation/shannon-draft.js';

export interface FormDrafts {
  parallel: ParallelDraft;
  shannon: ShannonDraft;
}

const VERSION = 1;
const slot = (store: string) => `${KEY_PREFIX}:${store}:form-draft`;

const SECRET_WORD = /"(authorization|proxy-authorization|cookie|x-api-key|api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|id[-_]?token|token|secret|client[-_]?secret|password|passwd|pwd|headers)"/i;
const TOKEN_WORD = /(?=[A-Za-z0-9._~+/=-]*\d)(?=[A-Za-z0-9._~+/=-]*[A-Za-z])[A-Za-z0-9._~+/=-]{20,}/;

/** JSON text with its secrets hidden; text that does not parse is kept only if nothing looks secret. */
function redactJsonText(text: string): string {
  if (!text.trim()) return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return SECRET_WORD.test(text) || TOKEN_WORD.test(text) || /https?:\/\/[^\s"]*[@?#]/.test(text) ? '' : text;
  }
  const redacted = redactRequest(value);
  return JSON.stringify(redacted) === JSON.stringify(value) ? text : JSON.stringify(redacted, null, 2);
}

/** What may be written: the drafts with every secret hidden. */
export function redactDrafts(drafts: FormDrafts): FormDrafts {
  const { parallel, shannon } = drafts;
  return {
    parallel: {
      ...parallel,
      webhookUrl: redactUrl(parallel.webhookUrl.trim()) === parallel.webhookUrl.trim() ? parallel.webhookUrl : redactUrl(parallel.webhookUrl.trim()),
      mcpServers: redactJsonText(parallel.mcpServers),
      metadata: redactJsonText(parallel.metadata),
      inputSchema: parallel.inputSchema.trim().startsWith('{') ? redactJsonText(parallel.inputSchema) : parallel.inputSchema,
    },
    shannon: { ...shannon, context: redactJsonText(shannon.context) },
  };
}

/** Writes both drafts for the form of `store`. Never throws. */
export function saveDrafts(store: string, drafts: FormDrafts): void {
  try {
    sessionStorage.setItem(slot(store), JSON.stringify({ version: VERSION, ...redactDrafts(drafts) }));
  } catch {
    // storage blocked or full: the draft lives as long as the page, as without storage
  }
}

/** Each field of `saved` that has the type of the same field of `empty`; the rest from `empty`. */
function sameShape<T extends object>(empty: T, saved: unknown): T {
  const draft = { ...empty } as Record<string, unknown>;
  if (!saved || typeof saved !== 'object') return empty;
  for (const [name, fallback] of Object.entries(empty)) {
    const value = (saved as Record<string, unknown>)[name];
    const ok = Array.isArray(fallback) ? Array.isArray(value) && value.every((item) => typeof item === 'string') : typeof value === typeof fallback;
    if (ok) draft[name] = value;
  }
  return draft as T;
}

/** The drafts kept for the form of `store`, or undefined when there are none (or they are unreadable). */
export function loadDrafts(store: string): FormDrafts | undefined {
  let saved: { version?: unknown; parallel?: unknown; shannon?: unknown };
  try {
    const raw = sessionStorage.getItem(slot(store));
    if (!raw) return undefined;
    saved = JSON.parse(raw) as typeof saved;
  } catch {
    return undefined;
  }
  if (!saved || typeof saved !== 'object' || saved.version !== VERSION) return undefined;
  const parallel = sameShape(emptyParallelDraft(), saved.parallel);
  if (!['text', 'json'].includes(parallel.inputMode)) parallel.inputMode = 'text';
  if (!['auto', 'text', 'json'].includes(parallel.outputType)) parallel.outputType = 'auto';
  const shannon = sameShape(emptyShannonDraft(), saved.shannon);
  if (shannon.mode && !SHANNON_MODES.includes(shannon.mode)) shannon.mode = '';
  if (shannon.modelTier && !SHANNON_TIERS.includes(shannon.modelTier)) shannon.modelTier = '';
  if (shannon.researchStrategy && !SHANNON_STRATEGIES.includes(shannon.researchStrategy)) shannon.researchStrategy = '';
  return { parallel, shannon };
}
