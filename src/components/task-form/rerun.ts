/**
 * Running an earlier task again from `<task-form>` ("Run again", "Edit & run again"; issue 13
 * item 12): which create body a run gives, whether it can be sent as it is, and bringing the form
 * into view for an edit.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ParallelCreateParams } from '../../core/providers/parallel/parallel-types.js';
import type { ShannonCreateParams } from '../../core/providers/shannon/shannon-types.js';
import type { ProviderName } from '../../core/providers/task-event.js';
import { findHidden } from '../../core/store/redact.js';
import { parallelDraftFromRequest, validateParallelDraft } from '../../core/validation/parallel-draft.js';
import { shannonDraftFromRequest, validateShannonDraft } from '../../core/validation/shannon-draft.js';
import type { TaskRerunEvent } from '../shared/events.js';
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

/** What {@link RerunListener} asks of its form. */
export interface RerunHost extends ReactiveControllerHost {
  readonly store: string;
  runAgain(run: RerunSource): Promise<void>;
  edit(run: RerunSource): Promise<void>;
}

/**
 * Answers `task-rerun` events (from `<task-stream>` and `<task-history>`) of the form's store, by
 * their `action`, while the form is on the page; `preventDefault()` tells the sender a form took it.
 */
export class RerunListener implements ReactiveController {
  readonly #host: RerunHost;

  constructor(host: RerunHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('task-rerun', this.#onRerun);
  }

  hostDisconnected(): void {
    window.removeEventListener('task-rerun', this.#onRerun);
  }

  #onRerun = (event: Event): void => {
    // The event's own store: `target` is retargeted to a shadow host when the sender sits inside
    // another component's shadow root, so it cannot say which store the run belongs to.
    const { run, store, action } = event as TaskRerunEvent;
    if (store !== this.#host.store || !run) return;
    event.preventDefault(); // taken: the sender need not act itself
    void (action === 'run' ? this.#host.runAgain(run) : this.#host.edit(run));
  };
}
