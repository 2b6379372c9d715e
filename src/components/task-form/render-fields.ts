/**
 * The fields of `<task-form>` for its provider, with the errors a person should see now: those of
 * fields they touched, or all of them after a refused submit. The checks' words load when some are
 * first to be shown (core/validation/words.ts); until they are there, nothing is shown (the form
 * draws again when they arrive: lazy-form-parts.ts).
 */
import type { TemplateResult } from 'lit';
import type { ProviderName, TaskRun } from '../../core/providers/task-event.js';
import { validateParallelDraft, type ParallelDraft, type ParallelField } from '../../core/validation/parallel-draft.js';
import { validateShannonDraft, type ShannonDraft, type ShannonField } from '../../core/validation/shannon-draft.js';
import { loadValidationWords, validationWords } from '../../core/validation/words.js';
import { t } from './strings.js';
import { renderParallelFields } from './parallel-fields.js';
import { renderShannonFields } from './shannon-fields.js';

export interface FieldsState {
  provider: ProviderName;
  parallel: ParallelDraft;
  shannon: ShannonDraft;
  /** Fields whose errors show. */
  touched: ReadonlySet<string>;
  /** Show every error (after a refused submit). */
  showAll: boolean;
  /** The run selected in the store, offered for a follow-up when it is a completed Parallel run. */
  selected?: TaskRun;
  updateParallel(patch: Partial<ParallelDraft>, touched?: ParallelField): void;
  updateShannon(patch: Partial<ShannonDraft>, touched?: ShannonField): void;
  /** Batch mode (Parallel): the batch's inputs field, shown instead of the single input. */
  batchFields?: TemplateResult;
}

/** The create body of the draft of `provider`, or the errors keeping it from being sent. */
export function validateDrafts(state: Pick<FieldsState, 'provider' | 'parallel' | 'shannon'> & { batch?: boolean }) {
  return state.provider === 'shannon' ? validateShannonDraft(state.shannon) : validateParallel(state.parallel, state.batch);
}

/** Batch mode: the batch field checks the inputs; the rest of the draft is checked as for one run. */
function validateParallel(draft: ParallelDraft, batch = false) {
  return validateParallelDraft(batch ? { ...draft, inputMode: 'text', input: 'batch' } : draft);
}

function visible<F extends string>(state: FieldsState, errors: Partial<Record<F, string>>): Partial<Record<F, string>> {
  const shown = state.showAll ? errors : Object.fromEntries(Object.entries(errors).filter(([name]) => state.touched.has(name))) as Partial<Record<F, string>>;
  return wordsFor(shown);
}

/**
 * `messages`, once the checks' words are loaded; none before (they start loading, and the form draws
 * again when they are there); "Check this field." when they could not be loaded.
 */
function wordsFor<T extends Partial<Record<string, string | string[]>>>(messages: T): T {
  const words = validationWords();
  if (words === 'loaded' || !Object.keys(messages).length) return messages;
  if (words === 'failed') {
    return Object.fromEntries(Object.entries(messages).map(([name, said]) => [name, Array.isArray(said) ? said.map(() => t('form.checkField')) : t('form.checkField')])) as T;
  }
  void loadValidationWords().catch(() => undefined);
  return {} as T;
}

export function renderFields(state: FieldsState): TemplateResult {
  if (state.provider === 'shannon') {
    const result = validateShannonDraft(state.shannon);
    return renderShannonFields({ draft: state.shannon, errors: visible(state, result.errors), update: state.updateShannon });
  }
  const result = validateParallel(state.parallel, !!state.batchFields);
  const { selected } = state;
  return renderParallelFields({
    draft: state.parallel,
    errors: visible(state, result.errors),
    warnings: wordsFor(result.warnings),
    update: state.updateParallel,
    followUpId: selected?.provider === 'parallel' && selected.status === 'completed' ? selected.interactionId : undefined,
    inputFields: state.batchFields,
  });
}
