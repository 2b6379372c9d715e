/**
 * What the run view's buttons do beyond the store's own calls: "Try again" (submit the run's
 * request again), copying with a notice next to the button (notices.ts), and the state of the
 * controls that ask the API for something (cancel with its confirmation; pause and resume).
 */
import type { ReactiveControllerHost } from 'lit';
import type { TaskRun } from '../../core/providers/task-event.js';
import { findHidden } from '../../core/store/redact.js';
import { isHttpStatusError } from '../../core/errors.js';
import { TaskCreatedEvent, TaskErrorEvent, TaskRerunEvent } from '../shared/events.js';
import type { TaskElement } from '../shared/task-element.js';
import { copyText, Notices } from './notices.js';
import { explainError } from './render-failure.js';
import { t } from './strings.js';
import { withLocalizer } from '../../core/i18n/scope.js';

export type ControlName = 'cancel' | 'pause' | 'resume';

export class RunActions {
  readonly notices: Notices;
  /** The cancel button was pressed and waits for a yes or no. */
  confirmingCancel = false;
  /** A control request under way. */
  busy: ControlName | undefined;
  /** The last control the API accepted, until the run's status answers it (pause → paused). */
  requested: ControlName | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & TaskElement,
    /** Called with what a notice says, for the element's live region. */
    private readonly announce: (text: string) => void,
  ) {
    this.notices = new Notices(host);
  }

  /** Another run is shown: nothing of the last one's stays. */
  reset(): void {
    this.notices.clear();
    this.confirmingCancel = false;
    this.busy = undefined;
    this.requested = undefined;
  }

  /** Words made after a click, in the element's language. */
  #say(fn: () => string): string {
    return withLocalizer(this.host.localizer, fn);
  }

  notify(runId: string, anchor: string, text: string): void {
    this.notices.show(runId, anchor, text);
    this.announce(text);
  }

  async copy(runId: string, anchor: string, text: string, what: 'output' | 'runId'): Promise<void> {
    const copied = await copyText(text);
    this.notify(runId, anchor, this.#say(() => t(copied ? `stream.copied.${what}` : `stream.copyFailed.${what}`)));
  }

  /** Runs a control request, showing it as busy; its failure is reported by `action` (task-error). */
  async control(name: ControlName, action: () => Promise<void>): Promise<void> {
    this.busy = name;
    this.host.requestUpdate();
    try {
      await action();
      this.requested = name;
    } catch {
      // Reported as task-error; the run's status says the rest.
    } finally {
      this.busy = undefined;
      this.host.requestUpdate();
    }
  }

  setConfirmingCancel(value: boolean): void {
    this.confirmingCancel = value;
    this.host.requestUpdate();
  }

  /**
   * Submits `run`'s request again and returns the new run (the store selects it). A request whose
   * secrets were not kept (redact.ts) is not sent: a `task-rerun` fills the form instead.
   */
  async retry(run: TaskRun): Promise<TaskRun | undefined> {
    const host = this.host;
    if (run.request === undefined) return undefined;
    if (findHidden(run.request).length) {
      host.dispatchEvent(new TaskRerunEvent(run, run.provider, host.taskStore.name));
      this.notify(run.id, 'retry', this.#say(() => t('stream.secretsNotKept')));
      return undefined;
    }
    this.notify(run.id, 'retry', this.#say(() => t('stream.submitting')));
    try {
      const next = await host.taskStore.submit(run.request, host.endpoint(run.provider));
      host.dispatchEvent(new TaskCreatedEvent(next.id, next.provider, next));
      return next;
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      this.notify(run.id, 'retry', explainError(err).text);
      host.dispatchEvent(new TaskErrorEvent(err, run.id, isHttpStatusError(err) ? err.status : undefined));
      return undefined;
    }
  }
}
