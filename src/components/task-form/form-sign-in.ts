/**
 * `<task-form>` with `auth-mode="oauth"`: the sign-in block (`part="auth"`), a submit refused while
 * nobody is signed in (nothing is sent; the sign-in button gets the focus), and the draft kept across
 * the trip to the sign-in page (stashed when the button is pressed, taken back once on return).
 */
import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { emptyParallelDraft, type ParallelDraft } from '../../core/validation/parallel-draft.js';
import type { SignInGate } from '../shared/sign-in-gate.js';

export interface FormSignInHost extends ReactiveControllerHost {
  readonly store: string;
  readonly provider: string;
  readonly shadowRoot: ShadowRoot | null;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

/** Reads and replaces the form's Parallel draft. */
export interface DraftAccess {
  get(): ParallelDraft;
  set(draft: ParallelDraft): void;
}

export class FormSignIn implements ReactiveController {
  readonly #host: FormSignInHost;
  readonly #gate: SignInGate;
  readonly #draft: DraftAccess;
  #required = false;
  #draftTaken = false;

  constructor(host: FormSignInHost, gate: SignInGate, draft: DraftAccess) {
    this.#host = host;
    this.#gate = gate;
    this.#draft = draft;
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.#draftTaken || !this.#gate.active) return;
    this.#draftTaken = true;
    void this.#gate.takeDraft(this.#host.store, emptyParallelDraft()).then((draft) => {
      if (draft) this.#draft.set(draft);
    });
  }

  /** True when a submit must send nothing because nobody is signed in; the form then says so. */
  refusesSubmit(): boolean {
    const gate = this.#gate;
    if (!gate.active || !(gate.awaiting || gate.configError)) return false;
    this.#required = true;
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#host.shadowRoot?.querySelector<HTMLElement>('[part~="sign-in"]')?.focus());
    return true;
  }

  render() {
    if (!this.#gate.active) return nothing;
    return this.#gate.renderPanel({
      required: this.#required,
      onSignOut: () => void this.#host.signOut(),
      onSignIn: () => {
        this.#required = false;
        // What was typed survives the round trip (Shannon's fields are not sent with a sign-in anyway).
        if (this.#host.provider === 'parallel') this.#gate.stashDraft(this.#host.store, this.#draft.get());
        void this.#host.signIn();
      },
    });
  }
}
