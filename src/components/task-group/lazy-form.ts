/**
 * `<task-form>`'s handle on the batch mode (task-group/batch-mode.ts): the switch is always there;
 * the rest loads when it is switched on. The form asks it three things: whether the inputs stop a
 * submit ({@link LazyBatchMode.refuses}), to send the batch ({@link LazyBatchMode.submit}), and for its
 * templates.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ParallelCreateParams } from '../../core/providers/parallel/parallel-types.js';
import { KEY_PREFIX } from '../../core/store/persistence.js';
import { LazyController, type GroupUi } from '../shared/lazy-groups.js';
import { describedBy, field } from '../task-form/form-controls.js';
import { t } from '../task-form/strings.js';
import type { BatchHost, BatchModeController, BatchOutcome } from './batch-mode.js';

/** sessionStorage key of the batch draft of the form of `store` (batch-draft.ts). */
export const batchDraftSlot = (store: string) => `${KEY_PREFIX}:${store}:batch-draft`;

/** Whether this tab's batch draft had the batch mode on (read before the batch chunk loads). */
function keptOn(store: string): boolean {
  try {
    return (JSON.parse(sessionStorage.getItem(batchDraftSlot(store)) ?? '{}') as { enabled?: unknown }).enabled === true;
  } catch {
    return false;
  }
}

/** `<task-form>`: the batch mode (Parallel). */
export class LazyBatchMode extends LazyController<BatchModeController> {
  enabled = false;
  /** Set synchronously by submit(), so a second submit in the same task finds the form busy. */
  #sending = false;

  protected create(ui: GroupUi): BatchModeController {
    return ui.createBatchMode(this.host as unknown as BatchHost, { field, describedBy });
  }

  protected override wanted(): boolean {
    return this.enabled;
  }

  /** A reload comes back in batch mode when this tab's draft was in it (batch-draft.ts). */
  override hostConnected(): void {
    if (!this.enabled && keptOn(this.host.store)) this.enabled = true;
    super.hostConnected();
  }

  /** Whether the form is in batch mode for `provider` (batches are Parallel's). */
  on(provider: string): boolean {
    return provider === 'parallel' && this.enabled;
  }

  get busy(): boolean {
    return this.#sending || (this.impl?.busy ?? false);
  }

  /** True when the inputs cannot be sent as they are; their field then shows why. */
  refuses(): boolean {
    if (!this.impl?.parse().error) return false;
    this.impl.touch();
    return true;
  }

  /** Sends the batch with the form's processor, task spec, source policy and metadata. */
  async submit(params: ParallelCreateParams): Promise<BatchOutcome> {
    this.#sending = true;
    this.host.requestUpdate();
    try {
      return await (await this.load()).submitFromForm(params);
    } finally {
      this.#sending = false;
      this.host.requestUpdate();
    }
  }

  /** The switch between one run and a batch (Parallel only). */
  renderToggle(provider: string): TemplateResult | typeof nothing {
    if (provider !== 'parallel') return nothing;
    return html`<label class="batch-toggle"><input type="checkbox" name="batch-mode" .checked=${live(this.enabled)}
      @change=${(e: Event) => {
        this.enabled = (e.target as HTMLInputElement).checked;
        void this.load().then((batch) => batch.keep({ enabled: this.enabled }));
        this.host.requestUpdate();
      }} /> ${t('form.batch.toggle')}</label>`;
  }

  /** The batch's fields in place of the single input, or undefined outside batch mode. */
  renderFields(provider: string, processor: string, showErrors: boolean): TemplateResult | undefined {
    if (!this.on(provider)) return undefined;
    return this.impl ? this.impl.renderFields(processor, showErrors) : html`<p class="hint" role="status">${t('form.batch.loading')}</p>`;
  }
}
