import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { ParallelCreateParams } from '../../core/providers/parallel/parallel-types.js';
import type { ShannonCreateParams } from '../../core/providers/shannon/shannon-types.js';
import type { ProviderName, TaskRun } from '../../core/providers/task-event.js';
import type { StoreChange } from '../../core/store/task-store.js';
import { TaskCreatedEvent } from '../shared/events.js';
import { CustomStatesController } from '../shared/custom-states.js';
import { CONFIG_PROPERTIES, TaskElement } from '../shared/task-element.js';
import { DraftController } from './draft-controller.js';
import { FormSubmission } from './form-submission.js';
import { reveal } from './form-controls.js';
import { keyError, refusedCredentials, renderFormKeyField } from './key-field.js';
import { t } from './strings.js';
import { bringIntoView, RerunListener, requestOf, sendableAsIs, type RerunSource } from './rerun.js';
import { renderFields, validateDrafts } from './render-fields.js';
import { LazyFormParts } from './lazy-form-parts.js';
import { taskFormStyles } from './task-form.styles.js';
import { LazyBatchMode } from '../task-group/lazy-form.js';

/**
 * Submits a task to the Parallel Task API or to Shannon. Fields follow the `provider` attribute;
 * nothing is sent while a field is invalid, and a failed request keeps every field as typed.
 * Ctrl/Cmd+Enter submits. With an auth mode that needs a key and no `apiKey` set, a masked key
 * field appears; the key is kept in the store (memory, or sessionStorage if the store allows).
 * With `auth-mode="oauth"` the form shows "Sign in with Parallel" instead, and then "Sign out"; what
 * was typed survives the trip to the sign-in page.
 *
 * Nothing typed is dropped: a domain typed but not added is sent with the task (or, if it is not a
 * domain, stops the submit with an error under its box). The drafts of both providers survive a
 * reload (sessionStorage of the tab, per store; never a key, secrets in them replaced by "hidden").
 * Values set inside a collapsed section are listed under it; one-shot values (the follow-up
 * interaction id, the Shannon session) are cleared once a task was created with them.
 *
 * Running a task again: `runAgain(run)` sends an earlier run's request unchanged ("Run again"), and
 * `edit(run)` fills the form with it, scrolls the form into view and focuses it ("Edit & run again").
 * The form also answers `task-rerun` events of its store (from `<task-stream>` and `<task-history>`),
 * by its `action`. When it switches provider for an edit, its reflected `provider` attribute changes,
 * so a page's own provider switch can follow it.
 *
 * @tagname task-form
 * @summary Form that creates research tasks.
 * @cssstate submitting - The create request is under way.
 * @cssstate failed - The last create request failed (the message is in `part="error"`).
 * @fires {TaskSubmitEvent} task-submit - Before the create request; cancelable (`preventDefault()` stops it). Listeners may
 *   adjust `event.request` (e.g. add metadata) before it is sent.
 * @fires {TaskCreatedEvent} task-created - The API accepted the task; carries run id and provider.
 * @fires {TaskErrorEvent} task-error - The request failed; the message says what to do.
 * @fires {TaskAuthEvent} task-auth - `auth-mode="oauth"`: signed in, signed out, or a sign-in failed (`state`, `message`).
 * @fires {TaskGroupCreatedEvent} task-group-created - Batch mode (Parallel): the API accepted the batch; carries the group id and run ids.
 * @csspart form - The form element.
 * @csspart field - Each field wrapper (label, control, hint, error).
 * @csspart submit - The submit button.
 * @csspart error - The request error message.
 * @csspart auth - The sign-in block (`auth-mode="oauth"`).
 * @csspart sign-in - The "Sign in with Parallel" button.
 * @csspart sign-out - The "Sign out" button.
 * @cssprop --task-bg - Background.
 * @cssprop --task-fg - Text colour.
 * @cssprop --task-accent - Accent colour.
 * @cssprop --task-accent-fg - Text on accent-coloured surfaces (primary buttons, selection).
 * @cssprop --task-focus - Focus ring (a `box-shadow` value).
 * @cssprop --task-surface - Raised surfaces and inputs.
 * @cssprop --task-border - Borders.
 * @cssprop --task-muted - Secondary text.
 * @cssprop --task-ok - Success colour.
 * @cssprop --task-warn - Warning colour.
 * @cssprop --task-danger - Error colour.
 * @cssprop --task-radius - Corner radius.
 * @cssprop --task-font - Font family.
 * @cssprop --task-mono - Monospace font.
 */
export class TaskFormElement extends TaskElement {
  static override styles = taskFormStyles;

  readonly #drafts = new DraftController(this);
  /** Answers `task-rerun` events of this form's store by their action. */
  readonly #rerun = new RerunListener(this);
  /** Batch mode (Parallel task groups): many inputs, one task spec; loaded when switched on. */
  readonly #batch = new LazyBatchMode(this);
  /** The request error's words and the JSON scanner, loaded on use. */
  readonly #parts = new LazyFormParts(this);
  @state() private _touched = new Set<string>();
  @state() private _showAllErrors = false;
  /** The last create request's failure, said in the element's language when rendered. */
  @state() private _requestError: Error | undefined;
  /**
   * The status line (a live region): what the last action did, said when rendered, so it follows a
   * later change of `lang` like every other word of the form (a sentence kept as text stayed in the
   * language it was made in).
   */
  @state() private _status: (() => string) | undefined;
  @state() private _keyVisible = false;
  @state() private _signInRequired = false;
  /** The last create request was refused for its credentials (401, 403) and nothing changed since. */
  @state() private _refused = false;

  protected override oauthAnnounceRank = 0;

  /** The create request: one at a time, cancelled when the form leaves the page. */
  readonly #submission = new FormSubmission(this, (params, provider, signal) => this.taskStore.submit(params, this.endpoint(provider), signal), {
    sending: () => {
      this.#parts.requestStarts();
      [this._requestError, this._status] = [undefined, () => t('form.submitting')];
    },
    created: (run, sent) => {
      this._status = () => t('form.status.created', { id: run.id });
      this.#drafts.clearOneShotValues(sent);
      this.dispatchEvent(new TaskCreatedEvent(run.id, run.provider, run));
    },
    failed: (error) => {
      this._requestError = error;
      this._status = () => t('form.status.failed');
      this.reportError(error);
      if ((this._refused = refusedCredentials(error))) this.#touch('apiKey');
    },
  });

  /** `:state(submitting)` while the create request runs; `:state(failed)` after it failed. */
  readonly #states = new CustomStatesController(this, () => [
    ...(this.#busy ? ['submitting'] : []), ...(this._requestError ? ['failed'] : []),
  ]);

  get #busy(): boolean {
    return this.#submission.pending || this.#batch.busy;
  }

  protected override partsLoading(): Promise<void> | undefined {
    return this.#parts.pending;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#submission.abort();
  }

  override onStoreChange(change: StoreChange): void {
    if (change.type === 'credentials' && change.provider === this.provider) this.#configChanged();
    if (change.type === 'selection' || change.type === 'credentials' || change.type === 'run') this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (CONFIG_PROPERTIES.some((key) => changed.has(key))) this.#configChanged();
  }

  /** Key, auth mode, proxy URL or provider changed: a refusal of the old ones is over (fields stay as typed). */
  #configChanged(): void {
    if (!this._refused) return;
    [this._refused, this._requestError, this._status] = [false, undefined, () => t('form.status.settingsChanged')];
  }

  /** The create body the form would send now, or undefined while a field is invalid. */
  get request(): ParallelCreateParams | ShannonCreateParams | undefined {
    return this.#validate().params;
  }

  /** Validates and submits, exactly as the submit button does. Resolves when done (or refused). */
  async submit(): Promise<void> {
    if (this.#busy) return; // one submission at a time: never create a task twice
    const result = this.#validate();
    if (this.#signInFirst()) return;
    const missingKey = keyError(this, this.provider);
    if (!result.params || missingKey || (this.#batch.on(this.provider) && this.#batch.refuses())) {
      this._showAllErrors = true;
      this._status = () => t('form.status.invalid');
      await this.updateComplete;
      reveal(this.shadowRoot!.querySelector<HTMLElement>('[aria-invalid="true"]'));
      return;
    }
    // Typed domains were sent: they become chips, so the form shows what was sent.
    if (this.provider === 'parallel') this.#drafts.commitDomains();
    if (this.#batch.on(this.provider)) return this.#sendBatch(result.params as ParallelCreateParams);
    await this.#submission.send(result.params, this.provider);
  }

  /**
   * "Run again": sends `run`'s create body unchanged (through `task-submit` and `task-created`, like
   * the submit button), leaving the form's fields as they are. When it cannot be sent as it is — a
   * secret was not kept with the run and reads "hidden", a key is missing, the body is not valid —
   * the form is filled with it instead ({@link edit}), with the fields to fix marked.
   */
  async runAgain(run: RerunSource): Promise<void> {
    if (this.#busy || this.#signInFirst()) return;
    const provider: ProviderName = run.provider === 'shannon' ? 'shannon' : 'parallel';
    const request = requestOf(provider, run, this.#drafts.parallel.processor);
    if (!request || !sendableAsIs(provider, request) || keyError(this, provider)) {
      this.prefill(provider, request, undefined);
      this._showAllErrors = true;
      await this.updateComplete;
      this._status = () => t('form.status.fillIn');
      bringIntoView(this, this.shadowRoot!, '#pf-input, #sf-query');
      return;
    }
    await this.#submission.send(structuredClone(request), provider);
  }

  /**
   * "Edit & run again": fills the form with `run`'s create body (switching `provider` if needed),
   * scrolls the form into view and focuses its first field. Nothing is sent.
   */
  async edit(run: RerunSource): Promise<void> {
    this.prefill(run.provider === 'shannon' ? 'shannon' : 'parallel', run.request, run.input);
    await this.updateComplete;
    bringIntoView(this, this.shadowRoot!, '#pf-input, #sf-query');
  }

  /** Replaces the fields with those of an earlier create body. Prefer {@link edit}, which also shows the form. */
  prefill(provider: 'parallel' | 'shannon', request: unknown, input?: unknown): void {
    const body = requestOf(provider, { provider, request, input }, this.#drafts.parallel.processor);
    if (!body) return;
    this.provider = provider;
    this.#batch.enabled = false; // an earlier run is one run
    this.#drafts.fill(provider, body);
    [this._touched, this._showAllErrors, this._requestError] = [new Set(), false, undefined];
    this._status = () => t('form.status.filled');
  }

  async #sendBatch(params: ParallelCreateParams): Promise<void> {
    [this._requestError, this._status] = [undefined, () => t('form.submitting')];
    this.#parts.requestStarts();
    const outcome = await this.#batch.submit(params);
    if (outcome.kind === 'failed') [this._requestError, this._status] = [outcome.error, () => t('form.batch.failed')];
    if (outcome.kind === 'failed') this.reportError(outcome.error);
    if (outcome.kind === 'invalid') this._status = () => t('form.batch.invalid');
    if (outcome.kind === 'created') this._status = () => t('form.batch.created', { id: outcome.group.groupId, count: outcome.group.runIds.length });
  }

  #validate() {
    return validateDrafts({ provider: this.provider, parallel: this.#drafts.parallel, shannon: this.#drafts.shannon, batch: this.#batch.on(this.provider) });
  }

  /**
   * With `auth-mode="oauth"` and nobody signed in: says so, focuses "Sign in", and returns true.
   * Synchronous, so that a second submit in the same task still finds the form busy.
   */
  #signInFirst(): boolean {
    if (!this.oauth.active || !(this.awaitingSignIn || this.oauth.configError)) return false;
    this._signInRequired = true;
    this._status = () => t('form.status.signInFirst');
    void this.updateComplete.then(() => this.shadowRoot!.querySelector<HTMLElement>('[part~="sign-in"]')?.focus());
    return true;
  }

  #renderAuth() {
    // What was typed survives the trip to the sign-in page: the drafts are in sessionStorage already.
    return this.oauth.active ? this.oauth.renderPanel({
      required: this._signInRequired, onSignOut: () => void this.signOut(),
      onSignIn: () => {
        this._signInRequired = false;
        void this.signIn();
      },
    }) : nothing;
  }

  #touch(name: string | undefined): void {
    if (name && !this._touched.has(name)) this._touched = new Set([...this._touched, name]);
  }

  /** Submit, and Ctrl/Cmd+Enter anywhere in the form. */
  #onSubmit = (event: Event): void => {
    if (event instanceof KeyboardEvent && !(event.key === 'Enter' && (event.ctrlKey || event.metaKey))) return;
    event.preventDefault();
    void this.submit();
  };

  #renderKeyField() {
    return renderFormKeyField(this, {
      visible: this._keyVisible, showError: this._showAllErrors || this._touched.has('apiKey'), refused: this._refused,
      onBlur: () => this.#touch('apiKey'), onToggle: () => (this._keyVisible = !this._keyVisible),
    });
  }

  #renderFields() {
    const store = this.taskStore;
    return renderFields(this.#drafts.fieldsState({
      provider: this.provider, touched: this._touched, showAll: this._showAllErrors,
      selected: store.selectedId ? store.getRun(store.selectedId) : undefined,
      batchFields: this.#batch.renderFields(this.provider, this.#drafts.parallel.processor, this._showAllErrors),
    }, (name) => this.#touch(name)));
  }

  override render() {
    const busy = this.#busy;
    return html`<form part="form" novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${this.#onSubmit} @keydown=${this.#onSubmit} @input=${this.#parts.used} @focusin=${this.#parts.used}>
      ${this.#renderAuth()}
      ${this.#renderKeyField()}
      ${this.#batch.renderToggle(this.provider)}
      ${this.#renderFields()}
      ${this.#parts.renderError(this._requestError)}
      <div class="submit-row">
        <button part="submit" type="submit" class="primary" ?disabled=${busy}>${t(busy ? 'form.submitting' : this.#batch.on(this.provider) ? 'form.submitBatch' : 'form.submit')}</button>
        <span class="hint">${t('form.shortcut')}</span>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this._status?.() ?? ''}</div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'task-form': TaskFormElement;
  }
}
