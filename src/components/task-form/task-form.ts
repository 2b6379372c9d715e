import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { isHttpStatusError } from '../../core/errors.js';
import type { ParallelCreateParams } from '../../core/providers/parallel/parallel-types.js';
import type { ShannonCreateParams } from '../../core/providers/shannon/shannon-types.js';
import type { ProviderName, TaskRun } from '../../core/providers/task-event.js';
import type { StoreChange } from '../../core/store/task-store.js';
import {
  emptyParallelDraft, parallelDraftFromRequest, validateParallelDraft, type ParallelDraft, type ParallelField,
} from '../../core/validation/parallel-draft.js';
import {
  emptyShannonDraft, shannonDraftFromRequest, validateShannonDraft, type ShannonDraft, type ShannonField,
} from '../../core/validation/shannon-draft.js';
import { TaskCreatedEvent, TaskSubmitEvent } from '../shared/events.js';
import { CustomStatesController } from '../shared/custom-states.js';
import { CONFIG_PROPERTIES, TaskElement } from '../shared/task-element.js';
import { describedBy, field } from './form-controls.js';
import { FormSignIn } from './form-sign-in.js';
import { renderParallelFields } from './parallel-fields.js';
import { renderShannonFields } from './shannon-fields.js';
import { taskFormStyles } from './task-form.styles.js';

/** What a `task-rerun` event carries (fired by `<task-history>`). */
interface RerunDetail {
  run?: { provider?: string; request?: unknown; input?: unknown };
  /** Name of the store the run belongs to (TaskRerunEvent.store). */
  store?: string;
}

/**
 * Submits a task to the Parallel Task API or to Shannon. Fields follow the `provider` attribute;
 * nothing is sent while a field is invalid, and a failed request keeps every field as typed.
 * Ctrl/Cmd+Enter submits. With an auth mode that needs a key and no `apiKey` set, a masked key
 * field appears; the key is kept in the store (memory, or sessionStorage if the store allows).
 * With `auth-mode="oauth"` the form shows "Sign in with Parallel" instead, and then "Sign out"; what
 * was typed survives the trip to the sign-in page.
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

  @state() private _parallel: ParallelDraft = emptyParallelDraft();
  @state() private _shannon: ShannonDraft = emptyShannonDraft();
  @state() private _touched = new Set<string>();
  @state() private _showAllErrors = false;
  @state() private _requestError: string | undefined;
  @state() private _status = '';
  @state() private _keyVisible = false;
  @state() private _domainText = { include: '', exclude: '' };
  @state() private _domainError: { list: 'include' | 'exclude'; message: string } | undefined;
  /** The last create request was refused for its credentials (401, 403) and nothing changed since. */
  @state() private _refused = false;
  protected override oauthAnnounceRank = 0;
  readonly #signIn = new FormSignIn(this, this.oauth, { get: () => this._parallel, set: (draft) => (this._parallel = draft) });

  /**
   * The create request. @lit/task passes an AbortSignal (aborted when the element leaves the page)
   * and reports only the latest run's outcome, so a late answer never touches a detached form.
   */
  #submission = new Task<[ParallelCreateParams | ShannonCreateParams, ProviderName], TaskRun>(this, {
    autoRun: false,
    task: ([params, provider], { signal }) => this.taskStore.submit(params, this.endpoint(provider), signal),
    onComplete: (run) => {
      this._status = `Task created: ${run.id}`;
      this.dispatchEvent(new TaskCreatedEvent(run.id, run.provider, run));
    },
    onError: (error) => {
      if ((error as { name?: string })?.name === 'AbortError') return;
      this._requestError = error instanceof Error ? error.message : String(error);
      this._status = 'The request failed; your input is kept.';
      this.reportError(error);
      this._refused = isHttpStatusError(error) && (error.status === 401 || error.status === 403);
      if (this._refused) this.#touch('apiKey');
    },
  });

  /** `:state(submitting)` while the create request runs; `:state(failed)` after it failed. */
  readonly #states = new CustomStatesController(this, () => [
    ...(this.#busy ? ['submitting'] : []), ...(this._requestError ? ['failed'] : []),
  ]);

  get #busy(): boolean {
    return this.#submission.status === TaskStatus.PENDING;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('task-rerun', this.#onRerun);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('task-rerun', this.#onRerun);
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
    [this._refused, this._requestError, this._status] = [false, undefined, 'The settings changed. Submit again when ready.'];
  }

  /** The create body the form would send now, or undefined while a field is invalid. */
  get request(): ParallelCreateParams | ShannonCreateParams | undefined {
    return this.#validate().params;
  }

  /** Validates and submits, exactly as the submit button does. Resolves when done (or refused). */
  async submit(): Promise<void> {
    if (this.#busy) return; // one submission at a time: never create a task twice
    const result = this.#validate();
    if (this.#signIn.refusesSubmit()) {
      this._status = 'Nothing was sent: sign in with Parallel first.';
      return;
    }
    const keyError = this.#keyError();
    if (!result.params || keyError) {
      this._showAllErrors = true;
      this._status = 'Nothing was sent: fix the highlighted fields.';
      await this.updateComplete;
      this.shadowRoot!.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const provider = this.provider;
    if (!this.dispatchEvent(new TaskSubmitEvent(provider, result.params))) return;
    this._requestError = undefined;
    this._status = 'Submitting…';
    await this.#submission.run([result.params, provider]);
  }

  /** Replaces the fields with those of an earlier create body (what "re-run" uses). */
  prefill(provider: 'parallel' | 'shannon', request: unknown, input?: unknown): void {
    // Runs opened by id (or saved by an older version) have no create body: fall back to the input.
    if ((!request || typeof request !== 'object') && input !== undefined) {
      request = provider === 'parallel'
        ? { input, processor: this._parallel.processor }
        : { query: typeof input === 'string' ? input : JSON.stringify(input) };
    }
    if (!request || typeof request !== 'object') return;
    this.provider = provider;
    if (provider === 'parallel') this._parallel = parallelDraftFromRequest(request as ParallelCreateParams);
    else this._shannon = shannonDraftFromRequest(request as ShannonCreateParams);
    this._touched = new Set();
    this._showAllErrors = false;
    this._requestError = undefined;
    this._status = 'Form filled from the earlier run.';
  }

  #onRerun = (event: Event): void => {
    // The event's own store: `target` is retargeted to a shadow host when the history sits inside
    // another component's shadow root, so it cannot say which store the run belongs to.
    const { run, store } = event as unknown as RerunDetail;
    if (store !== this.store || !run) return;
    this.prefill(run.provider === 'shannon' ? 'shannon' : 'parallel', run.request, run.input);
  };

  #validate() {
    return this.provider === 'shannon' ? validateShannonDraft(this._shannon) : validateParallelDraft(this._parallel);
  }

  #needsKey(): boolean {
    return this.authMode !== 'none' && this.authMode !== 'oauth' && !this.apiKey;
  }

  #keyError(): string | undefined {
    return this.#needsKey() && !this.taskStore.getCredential(this.provider) ? 'Enter an API key: this form sends it with each request.' : undefined;
  }

  #touch(name: string): void {
    if (!this._touched.has(name)) this._touched = new Set([...this._touched, name]);
  }

  #visibleErrors<F extends string>(errors: Partial<Record<F, string>>): Partial<Record<F, string>> {
    if (this._showAllErrors) return errors;
    return Object.fromEntries(Object.entries(errors).filter(([name]) => this._touched.has(name))) as Partial<Record<F, string>>;
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.submit();
    }
  };

  #onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.submit();
  };

  #renderKeyField() {
    if (!this.#needsKey()) return nothing;
    const key = this.taskStore.getCredential(this.provider) ?? '';
    const refused = this._refused ? 'The API refused this key. Enter a valid key, then submit again.' : undefined;
    const error = this._showAllErrors || this._touched.has('apiKey') ? (this.#keyError() ?? refused) : undefined;
    const hint = 'Kept in this page only; use auth-mode="none" behind the proxy to keep keys off the browser.';
    return field({
      id: 'api-key', label: `${this.provider === 'shannon' ? 'Shannon' : 'Parallel'} API key`, error, hint,
      control: html`<div class="key-input">
        <input id="api-key" type=${this._keyVisible ? 'text' : 'password'} autocomplete="off" spellcheck="false"
          .value=${live(key)} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${describedBy('api-key', error, hint)}
          @input=${(e: Event) => this.taskStore.setCredential(this.provider, (e.target as HTMLInputElement).value)}
          @blur=${() => this.#touch('apiKey')} />
        <button type="button" aria-pressed=${this._keyVisible ? 'true' : 'false'} @click=${() => (this._keyVisible = !this._keyVisible)}>${this._keyVisible ? 'Hide' : 'Show'}</button>
        <button type="button" ?disabled=${!key} @click=${() => this.taskStore.setCredential(this.provider, undefined)}>Clear</button>
      </div>`,
    });
  }

  #renderFields() {
    const result = this.#validate();
    if (this.provider === 'shannon') {
      return renderShannonFields({
        draft: this._shannon,
        errors: this.#visibleErrors(result.errors as Partial<Record<ShannonField, string>>),
        update: (patch, touched) => {
          this._shannon = { ...this._shannon, ...patch };
          this.#touch(touched);
        },
      });
    }
    const selected = this.taskStore.selectedId ? this.taskStore.getRun(this.taskStore.selectedId) : undefined;
    return renderParallelFields({
      draft: this._parallel,
      errors: this.#visibleErrors(result.errors as Partial<Record<ParallelField, string>>),
      warnings: result.warnings as Partial<Record<ParallelField, string[]>>,
      update: (patch, touched) => {
        this._parallel = { ...this._parallel, ...patch };
        this.#touch(touched);
      },
      domainText: this._domainText,
      domainError: this._domainError,
      setDomainText: (list, text, error) => {
        this._domainText = { ...this._domainText, [list]: text };
        this._domainError = error ? { list, message: error } : undefined;
      },
      followUpId: selected?.provider === 'parallel' && selected.status === 'completed' ? selected.interactionId : undefined,
    });
  }

  override render() {
    const busy = this.#busy;
    return html`<form part="form" novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${this.#onSubmit} @keydown=${this.#onKeydown}>
      ${this.#signIn.render()}
      ${this.#renderKeyField()}
      ${this.#renderFields()}
      ${this._requestError ? html`<div part="error" class="request-error" role="alert">${this._requestError}</div>` : nothing}
      <div class="submit-row">
        <button part="submit" type="submit" class="primary" ?disabled=${busy}>${busy ? 'Submitting…' : 'Run task'}</button>
        <span class="hint">or press Ctrl+Enter</span>
      </div>
      <div class="visually-hidden" role="status" aria-live="polite">${this._status}</div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'task-form': TaskFormElement;
  }
}
