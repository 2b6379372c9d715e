/**
 * The parts of `<task-form>` that wait for a person to do something, loaded then rather than with
 * the form (issue 11 item 8, a lean script tag):
 * - the request error's words (request-error.ts, with the shared wording of HTTP failures), loaded
 *   when a create request starts, so they are there when it fails;
 * - jsonc-parser's scanner, which says where JSON text breaks (json-scanner.ts), and the words of
 *   the field checks (core/validation/words.ts), loaded when a person first types in or moves into
 *   the form, or when a check's words are first to be shown.
 * Chunks are imported by relative URL, resolved against the bundle's own URL (CDN use keeps
 * working). What was drawn before a part arrived is drawn again when it does; `pending` lets the
 * form's `updateComplete` wait for that. A failed load is tried again on the next use, never in a loop.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { jsonScannerLoading, loadJsonScanner } from '../../core/validation/json-scanner.js';
import { loadValidationWords, validationWordsLoading } from '../../core/validation/words.js';
import { t } from './strings.js';

type RequestErrorModule = typeof import('./request-error.js');

let requestErrorModule: RequestErrorModule | undefined;
let requestErrorLoad: Promise<RequestErrorModule> | undefined;

function loadRequestError(): Promise<RequestErrorModule> {
  requestErrorLoad ??= import('./request-error.js').then(
    (module) => (requestErrorModule = module),
    (error: unknown) => {
      requestErrorLoad = undefined; // tried again on the next request or error
      throw error;
    },
  );
  return requestErrorLoad;
}

/** Whether the request error's words are loaded (tests). @internal */
export function requestErrorLoaded(): boolean {
  return requestErrorModule !== undefined;
}

export class LazyFormParts implements ReactiveController {
  /** A part loading whose arrival redraws the form (awaited by the form's `updateComplete`). */
  pending: Promise<void> | undefined;
  /** The error whose words failed to load: not asked for again until another error comes. */
  #failedFor: Error | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** A check drawn meanwhile said less than it will with the scanner or its words: draw again when they are there. */
  hostUpdated(): void {
    const scanner = jsonScannerLoading();
    if (scanner) this.#redrawAfter(scanner);
    const words = validationWordsLoading();
    if (words) this.#redrawAfter(words);
  }

  /** A person typed in or moved into the form: the checks' words and the JSON scanner load. */
  readonly used = (): void => {
    if (!validationWordsLoading()) void loadValidationWords().catch(() => undefined);
    if (!jsonScannerLoading()) void loadJsonScanner().catch(() => undefined);
  };

  /** A create request starts: the words of its failure load now. */
  requestStarts(): void {
    void loadRequestError().catch(() => undefined);
  }

  /** The request error (`part="error"`), once its words are loaded; until then they load. */
  renderError(error: Error | undefined): TemplateResult | typeof nothing {
    if (!error) return nothing;
    if (requestErrorModule) return requestErrorModule.renderRequestError(error);
    if (this.#failedFor !== error) {
      this.#redrawAfter(loadRequestError().catch((failure: unknown) => {
        this.#failedFor = error;
        throw failure;
      }));
      return nothing; // drawn when the words arrive (requestStarts() loaded them before, as a rule)
    }
    // The words could not be loaded (offline): the form still says that the request failed.
    return html`<div part="error" class="request-error" role="alert"><p class="request-error-text">${t('form.status.failed')}</p></div>`;
  }

  #redrawAfter(load: Promise<unknown>): void {
    const pending: Promise<void> = load.then(() => undefined, () => undefined).then(() => {
      if (this.pending === pending) this.pending = undefined;
      this.host.requestUpdate();
    });
    this.pending = pending;
  }
}
