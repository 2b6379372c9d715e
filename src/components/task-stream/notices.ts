/**
 * Short notices that answer a button ("Run id copied."), issue 13 §9: a notice belongs to one run
 * and one button, is shown next to that button (`part="feedback"`, a live region), and goes away by
 * itself after {@link NOTICE_MS}, or at once when another run is shown.
 */
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** How long a notice stays, in ms. */
export const NOTICE_MS = 4000;

interface Notice {
  runId: string;
  anchor: string;
  text: string;
  timer: ReturnType<typeof setTimeout>;
}

export class Notices {
  #current: Notice | undefined;

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Shows `text` next to the button `anchor` of run `runId`, replacing any other notice. */
  show(runId: string, anchor: string, text: string): void {
    this.clear();
    const timer = setTimeout(() => {
      if (this.#current?.timer === timer) this.clear();
    }, NOTICE_MS);
    this.#current = { runId, anchor, text, timer };
    this.host.requestUpdate();
  }

  clear(): void {
    if (!this.#current) return;
    clearTimeout(this.#current.timer);
    this.#current = undefined;
    this.host.requestUpdate();
  }

  /** The notice of this run's button, as a polite live region next to it (nothing otherwise). */
  render(runId: string, anchor: string): TemplateResult | typeof nothing {
    const notice = this.#current;
    if (!notice || notice.runId !== runId || notice.anchor !== anchor) return nothing;
    return html`<span part="feedback" class="feedback" role="status" data-for=${anchor}>${notice.text}</span>`;
  }
}

/** Copies text to the clipboard; false when the browser refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
