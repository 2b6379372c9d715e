/**
 * The batch mode of `<task-form>` for Parallel (issue 14 §2): many inputs against one task spec,
 * as lines, a CSV with a header row (input fields from the columns) or a JSON array, pasted or
 * from a file. The count and the estimated price (processor price × inputs) show before submit;
 * more than 1,000 inputs are sent in several calls. Processor, output schema and source policy
 * come from the usual fields. Submitting creates a task group (group-store.ts), selects it, and
 * fires `task-group-created`. Loaded on demand (lazy-form.ts) when the batch mode is switched on.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { EndpointConfig } from '../../core/client/api-request.js';
import { parseBatchInput, type ParsedBatch } from '../../core/providers/parallel/batch-input.js';
import { detectBatchFormat, type BatchFormat } from '../../core/providers/parallel/batch-detect.js';
import { MAX_RUNS_PER_CALL, estimateBatchPrice } from '../../core/providers/parallel/batch-plan.js';
import { l10n } from '../../core/i18n/scope.js';
import { BatchInputError, GroupSubmitError } from '../../core/providers/parallel/group-errors.js';
import type { ParallelCreateParams } from '../../core/providers/parallel/parallel-types.js';
import { getGroupStore, type GroupRecord } from '../../core/store/group-store.js';
import type { TaskStore } from '../../core/store/task-store.js';
import { clearBatchDraft, loadBatchDraft, saveBatchDraft, type BatchDraft } from './batch-draft.js';
import { TaskGroupCreatedEvent } from './group-events.js';
import { t } from './strings.js';
import { batchInputText } from './batch-error-text.js';

/** US dollars in the render's language, by the one rule for costs: "$5", "$2,400", "$0.25" (en), "5 $" (de). */
const usd = (amount: number) => l10n().cost(amount);
import type { describedBy, field } from '../task-form/form-controls.js';

/** What the batch mode needs from `<task-form>`. */
export interface BatchHost extends ReactiveControllerHost, HTMLElement {
  store: string;
  readonly taskStore: TaskStore;
  endpoint(provider?: 'parallel' | 'shannon'): EndpointConfig;
}

/**
 * What a submit from the form came to: the inputs were refused (nothing sent), the batch was created,
 * the form left the page, or the batch was not (fully) sent (`error` says why; the inputs are kept).
 * The form says it in its language.
 */
export type BatchOutcome =
  | { kind: 'invalid' }
  | { kind: 'created'; group: GroupRecord }
  | { kind: 'aborted' }
  | { kind: 'failed'; error: Error };

export class BatchModeController implements ReactiveController {
  readonly #host: BatchHost;
  readonly #field: typeof field;
  readonly #describedBy: typeof describedBy;
  #text = '';
  #format: BatchFormat | 'auto' = 'auto';
  #fileName = '';
  #touched = false;
  #busy = false;
  #abort = new AbortController();
  /** Lines of a draft too long to keep in full over the reload (batch-draft.ts), until it is edited. */
  #cutAt: number | undefined;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #flush = (): void => this.#save();
  /** A part-way failure: the rest goes to the same group on the next submit. */
  #resume: { groupId: string; from: number } | undefined;

  /** The form's field templates come from `<task-form>` (its chunk), so the fields look the same. */
  constructor(host: BatchHost, helpers: { field: typeof field; describedBy: typeof describedBy }) {
    this.#host = host;
    this.#field = helpers.field;
    this.#describedBy = helpers.describedBy;
    host.addController(this);
    const draft = loadBatchDraft(host.store);
    if (draft) {
      this.#text = draft.text;
      this.#format = (['auto', 'lines', 'csv', 'json'] as const).find((f) => f === draft.format) ?? 'auto';
      this.#fileName = draft.fileName;
      this.#cutAt = draft.cutAt;
    }
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    addEventListener('pagehide', this.#flush);
  }

  hostDisconnected(): void {
    this.#abort.abort();
    removeEventListener('pagehide', this.#flush);
    this.#save();
  }

  /** Keeps part of the draft for a reload now (the batch mode's switch). */
  keep(patch: Partial<BatchDraft>): void {
    saveBatchDraft(this.#host.store, patch);
  }

  /** Writes the text, format and file name waiting to be kept. */
  #save(): void {
    if (this.#saveTimer === undefined) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    saveBatchDraft(this.#host.store, { text: this.#text, format: this.#format, fileName: this.#fileName });
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** The parsed inputs, or the error that says what to fix; `detected` is the format Detect chose. */
  parse(): { batch?: ParsedBatch; error?: string; detected?: BatchFormat } {
    if (!this.#text.trim()) return { error: t('batch.required') };
    const detected = this.#format === 'auto' ? detectBatchFormat(this.#text, this.#fileName) : undefined;
    try {
      return { batch: parseBatchInput(this.#text, detected ?? (this.#format as BatchFormat)), detected };
    } catch (error) {
      if (error instanceof BatchInputError) return { error: batchInputText(error), detected };
      throw error;
    }
  }

  /** Marks the inputs field so its error shows (after a refused submit). */
  touch(): void {
    this.#touched = true;
    this.#host.requestUpdate();
  }

  /**
   * Sends the batch with the single-run fields' processor, task spec, source policy and metadata.
   * Resolves with the group, or undefined when nothing could be sent (the reason is returned).
   */
  async submit(params: ParallelCreateParams): Promise<{ group?: GroupRecord; error?: string }> {
    const { batch, error } = this.parse();
    if (!batch) return { error };
    this.#busy = true;
    this.#host.requestUpdate();
    const store = getGroupStore(this.#host.store);
    const from = this.#resume?.from ?? 0;
    try {
      const group = await store.submit(
        { inputs: batch.inputs.slice(from), processor: params.processor, taskSpec: params.task_spec, sourcePolicy: params.source_policy, metadata: params.metadata },
        this.#host.endpoint('parallel'),
        { signal: this.#abort.signal, groupId: this.#resume?.groupId },
      );
      this.#resume = undefined;
      clearTimeout(this.#saveTimer);
      this.#saveTimer = undefined;
      clearBatchDraft(this.#host.store);
      this.#host.taskStore.select(undefined);
      this.#host.dispatchEvent(new TaskGroupCreatedEvent(group.groupId, group.runIds));
      return { group };
    } catch (failure) {
      if (failure instanceof GroupSubmitError && failure.submittedRunIds.length > 0) {
        this.#resume = { groupId: failure.groupId, from: from + failure.firstUnsubmitted };
      }
      throw failure;
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }

  /**
   * What the form's submit does in batch mode: refuses unusable inputs (focusing the field), else
   * submits. Returns the status line, the request error to show, and the failure to report.
   */
  async submitFromForm(params: ParallelCreateParams): Promise<BatchOutcome> {
    if (this.parse().error) {
      this.touch();
      await this.#host.updateComplete;
      this.#host.shadowRoot?.querySelector<HTMLElement>('#pf-batch')?.focus();
      return { kind: 'invalid' };
    }
    try {
      const { group, error } = await this.submit(params);
      return group ? { kind: 'created', group } : { kind: 'failed', error: new Error(error) };
    } catch (failure) {
      if ((failure as { name?: string })?.name === 'AbortError') return { kind: 'aborted' };
      return { kind: 'failed', error: failure instanceof Error ? failure : new Error(String(failure)) };
    }
  }

  #set(patch: { text?: string; format?: BatchFormat | 'auto'; fileName?: string }): void {
    if (patch.text !== undefined && patch.text !== this.#text) this.#resume = undefined;
    this.#text = patch.text ?? this.#text;
    this.#format = patch.format ?? this.#format;
    this.#fileName = patch.fileName ?? this.#fileName;
    if (patch.text !== undefined) this.#cutAt = undefined;
    this.#saveTimer ??= setTimeout(this.#flush, 300);
    this.#host.requestUpdate();
  }

  async #onFile(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.#touched = true;
    this.#set({ text: await file.text(), fileName: file.name, format: 'auto' });
  }

  /** The inputs field, the format choice, and the count with the estimated price. */
  renderFields(processor: string, showErrors: boolean): TemplateResult {
    const { batch, error, detected } = this.parse();
    const shownError = (showErrors || this.#touched) && error ? error : undefined;
    const price = batch ? estimateBatchPrice(processor, batch.inputs.length) : undefined;
    const calls = batch ? Math.ceil(batch.inputs.length / MAX_RUNS_PER_CALL) : 0;
    // Detect says when it read the text as lines, and which format it read a broken text as (freshG §4).
    const count = batch ? t(detected === 'lines' ? 'batch.asLines' : 'batch.count', { count: batch.inputs.length }) : '';
    const readAs = shownError && detected && detected !== 'lines' ? t(detected === 'csv' ? 'batch.detected.csv' : 'batch.detected.json') : undefined;
    const summary = batch
      ? [
          batch.columns ? t('batch.fields', { inputs: count, fields: batch.columns.join(', ') }) : count,
          ...(price ? [t('batch.price', { total: usd(price.totalUsd), processor, price: usd(price.pricePer1k) })] : []),
          ...(calls > 1 ? [t('batch.calls', { calls: l10n().number(calls), max: l10n().number(MAX_RUNS_PER_CALL) })] : []),
        ].join(' · ')
      : undefined;
    const radio = (value: BatchFormat | 'auto', label: string) => html`<label class="choice"><input type="radio" name="batch-format" .value=${value}
      .checked=${live(this.#format === value)} @change=${() => this.#set({ format: value })} /> ${label}</label>`;
    return html`
      ${this.#field({
        id: 'pf-batch-format', label: t('batch.format'), group: true,
        control: html`<div class="choices">${radio('auto', t('batch.format.auto'))}${radio('lines', t('batch.format.lines'))}${radio('csv', t('batch.format.csv'))}${radio('json', t('batch.format.json'))}</div>`,
      })}
      ${this.#field({
        id: 'pf-batch', label: t('batch.inputs'), error: shownError, hint: summary ?? readAs ?? t('batch.inputsHint'),
        control: html`<textarea id="pf-batch" name="batch" rows="8" spellcheck="false" placeholder=${'company,country\nAcme,US\nGlobex,DE'}
            .value=${live(this.#text)} aria-invalid=${shownError ? 'true' : 'false'} aria-describedby=${this.#describedBy('pf-batch', shownError, true)}
            @input=${(e: Event) => this.#set({ text: (e.target as HTMLTextAreaElement).value })}
            @blur=${() => this.touch()}></textarea>
          <input type="file" class="batch-file" aria-label=${t('batch.file')} accept=".csv,.tsv,.json,.txt,text/csv,application/json,text/plain"
            @change=${(e: Event) => void this.#onFile(e)} />
          ${this.#resume ? html`<p class="hint" role="status">${t('batch.resume')}</p>` : nothing}
          ${this.#cutAt ? html`<p class="hint" role="status">${t('batch.draftCut', { count: this.#cutAt })}</p>` : nothing}`,
      })}`;
  }
}
