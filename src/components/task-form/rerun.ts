/**
 * Running an earlier task again from `<task-form>` ("Run again", "Edit & run again"; issue 13
 * item 12): which create body a run gives, whether it can be sent as it is, and bringing the form
 * into view for an edit.
 */
import type { ParallelCreateParams } from '../../core/providers/parallel/parallel-types.js';
import type { ShannonCreateParams } from '../../core/providers/shannon/shannon-types.js';
import type { ProviderName } from '../../core/providers/task-event.js';
import { findHidden } from '../../core/store/redact.js';
import { parallelDraftFromRequest, validateParallelDraft } from '../../core/validation/parallel-draft.js';
import { shannonDraftFromRequest, validateShannonDraft } from '../../core/validation/shannon-draft.js';
import { reveal } from './form-controls.js';

/** An earlier run to run again or edit: its provider, the create body it was sent with, and what was asked. */
export interface RerunSource {
  provider: ProviderName;
  /** The create body (wire shape), as kept with the run; secrets in it read "hidden". */
  request?: unknown;
  /** What was asked, for runs kept without a create body (opened by id, saved by an older version). */
  input?: unknown;
}

/**
 * The run's create body; for a run kept without one, a body built from its input (Parallel with
 * `processor`). Undefined when there is neither.
 */
export function requestOf(provider: ProviderName, run: RerunSource, processor: string): ParallelCreateParams | ShannonCreateParams | undefined {
  if (run.request && typeof run.request === 'object') return run.request as ParallelCreateParams | ShannonCreateParams;
  if (run.input === undefined) return undefined;
  return provider === 'parallel'
    ? { input: run.input as ParallelCreateParams['input'], processor }
    : { query: typeof run.input === 'string' ? run.input : JSON.stringify(run.input) };
}

/**
 * True when `request` can be sent again unchanged: it passes the form's own checks and holds no
 * "hidden" placeholder for a secret that was not kept (store/redact.ts).
 */
export function sendableAsIs(provider: ProviderName, request: object): boolean {
  if (findHidden(request).length) return false;
  const result = provider === 'parallel'
    ? validateParallelDraft(parallelDraftFromRequest(request as ParallelCreateParams))
    : validateShannonDraft(shannonDraftFromRequest(request as ShannonCreateParams));
  return result.params !== undefined;
}

/**
 * Scrolls `host` into view (smoothly, unless the user asked for reduced motion) and focuses the
 * first invalid control of `root` (opening its section), else its first field.
 */
export function bringIntoView(host: HTMLElement, root: ShadowRoot, firstField: string): void {
  const still = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  host.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
  reveal(root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>(firstField), { preventScroll: true });
}
