import { Task, TaskStatus } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { ParallelCreateParams } from '../../core/providers/parallel/parallel-types.js';
import type { ShannonCreateParams } from '../../core/providers/shannon/shannon-types.js';
import type { ProviderName, TaskRun } from '../../core/providers/task-event.js';
import { TaskSubmitEvent } from '../shared/events.js';

/** A create request's body: `POST /v1/tasks/runs` (Parallel) or `POST /api/v1/tasks/stream` (Shannon). */
type CreateParams = ParallelCreateParams | ShannonCreateParams;

/** What the form does at each step of a create request. */
interface SubmissionSteps {
  /** `task-submit` was not cancelled: the request is about to be sent. */
  sending(): void;
  /** The API accepted `sent` (the body after `task-submit` listeners adjusted it); `run` is the new run. */
  created(run: TaskRun, sent: CreateParams): void;
  /** The request failed (never called for an abort: the form left the page). */
  failed(error: Error): void;
}

/**
 * The create request of `<task-form>`, one at a time. It dispatches `task-submit` on the form first
 * (cancelable; listeners may adjust `event.request`), then sends the body with `create`. @lit/task
 * passes an AbortSignal (aborted by {@link abort}, when the form leaves the page) and reports only
 * the latest request's outcome, so a late answer never touches a detached form.
 */
class FormSubmission {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #task: Task<[CreateParams, ProviderName], TaskRun>;
  readonly #steps: SubmissionSteps;
  #sent: CreateParams | undefined;

  constructor(
    host: ReactiveControllerHost & EventTarget,
    create: (params: CreateParams, provider: ProviderName, signal: AbortSignal) => Promise<TaskRun>,
    steps: SubmissionSteps,
  ) {
    this.#host = host;
    this.#task = new Task<[CreateParams, ProviderName], TaskRun>(host, {
      autoRun: false,
      task: ([params, provider], { signal }) => create(params, provider, signal),
      onComplete: (run) => steps.created(run, this.#sent!),
      onError: (error) => {
        if ((error as { name?: string })?.name === 'AbortError') return;
        steps.failed(error instanceof Error ? error : new Error(String(error)));
      },
    });
    this.#steps = steps;
  }

  /** True while a create request is under way. */
  get pending(): boolean {
    return this.#task.status === TaskStatus.PENDING;
  }

  /** Sends `params` unless a `task-submit` listener cancels; resolves once answered (or cancelled). */
  async send(params: CreateParams, provider: ProviderName): Promise<void> {
    if (!this.#host.dispatchEvent(new TaskSubmitEvent(provider, params))) return;
    this.#sent = params;
    this.#steps.sending();
    await this.#task.run([params, provider]);
  }

  /** Aborts the request under way (the form left the page): nothing is reported. */
  abort(): void {
    this.#task.abort();
  }
}

export { FormSubmission };
export type { CreateParams, SubmissionSteps };
