/**
 * The drafts of `<task-form>`, one per provider, as one owner: every change goes through here, is
 * written to the tab's sessionStorage (draft-storage.ts) and re-renders the form; they are read back
 * when the form connects, so a reload loses nothing.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ParallelCreateParams } from '../../core/providers/parallel/parallel-types.js';
import type { ShannonCreateParams } from '../../core/providers/shannon/shannon-types.js';
import { commitDomainText } from '../../core/validation/domain-text.js';
import { emptyParallelDraft, parallelDraftFromRequest, type ParallelDraft } from '../../core/validation/parallel-draft.js';
import { emptyShannonDraft, shannonDraftFromRequest, type ShannonDraft } from '../../core/validation/shannon-draft.js';
import { loadDrafts, saveDrafts } from './draft-storage.js';
import type { FieldsState } from './render-fields.js';

export class DraftController implements ReactiveController {
  #parallel: ParallelDraft = emptyParallelDraft();
  #shannon: ShannonDraft = emptyShannonDraft();

  constructor(private readonly host: ReactiveControllerHost & { store: string }) {
    host.addController(this);
  }

  get parallel(): ParallelDraft {
    return this.#parallel;
  }

  get shannon(): ShannonDraft {
    return this.#shannon;
  }

  hostConnected(): void {
    const saved = loadDrafts(this.host.store);
    if (saved) {
      this.#parallel = saved.parallel;
      this.#shannon = saved.shannon;
      this.host.requestUpdate();
    }
  }

  setParallel(patch: Partial<ParallelDraft>): void {
    this.#parallel = { ...this.#parallel, ...patch };
    this.#changed();
  }

  setShannon(patch: Partial<ShannonDraft>): void {
    this.#shannon = { ...this.#shannon, ...patch };
    this.#changed();
  }

  /** Replaces the draft of the request's provider with what reproduces `request`. */
  fill(provider: 'parallel' | 'shannon', request: object): void {
    if (provider === 'parallel') this.#parallel = parallelDraftFromRequest(request as ParallelCreateParams);
    else this.#shannon = shannonDraftFromRequest(request as ShannonCreateParams);
    this.#changed();
  }

  /** Moves the domains typed beside the lists into them (they were sent). */
  commitDomains(): void {
    this.#parallel = commitDomainText(this.#parallel);
    this.#changed();
  }

  /** A follow-up id or a session applies to the one task it was sent with, not to the next ones. */
  clearOneShotValues(sent: ParallelCreateParams | ShannonCreateParams): void {
    const previous = (sent as ParallelCreateParams).previous_interaction_id;
    if (previous && this.#parallel.previousInteractionId.trim() === previous) this.setParallel({ previousInteractionId: '' });
    const session = (sent as ShannonCreateParams).session_id;
    if (session && this.#shannon.sessionId === session) this.setShannon({ sessionId: '' });
  }

  /** What render-fields.ts draws: `view` with these drafts, whose changes mark their field with `touch`. */
  fieldsState(view: Omit<FieldsState, 'parallel' | 'shannon' | 'updateParallel' | 'updateShannon'>, touch: (name?: string) => void): FieldsState {
    return {
      ...view, parallel: this.#parallel, shannon: this.#shannon,
      updateParallel: (patch, touched) => {
        this.setParallel(patch);
        touch(touched);
      },
      updateShannon: (patch, touched) => {
        this.setShannon(patch);
        touch(touched);
      },
    };
  }

  #changed(): void {
    saveDrafts(this.host.store, { parallel: this.#parallel, shannon: this.#shannon });
    this.host.requestUpdate();
  }
}
