/**
 * Where `<task-stream>` keeps its timeline (issue 15 §1), part of the run view's chunk (loaded when a
 * run is first shown: an idle page does not download it, .size-limit.js). The model is built once
 * from the run's events the view has applied, and from there on it takes each batch the view
 * applies (no event is read twice).
 *
 * Choosing a mark shows its event in the log (reveal-event.ts); the keyboard's tab stop among the
 * marks is kept here.
 */
import { nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { TaskEvent, TaskRun } from '../../core/providers/task-event.js';
import { usageReport } from '../../core/providers/usage-report.js';
import { clock } from '../shared/clock.js';
import { renderTimeline } from './render-timeline.js';
import { sourceFacts, type RunSpan } from './run-facts.js';
import { TimelineModel as Model } from './timeline-model.js';

export interface TimelineHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class TimelineSlot {
  #model: Model | undefined;
  #runId: string | undefined;
  #active: string | undefined;

  /** `events(runId)`: the run's events the view has applied, read when a run is shown. */
  constructor(
    private readonly host: TimelineHost,
    private readonly events: (runId: string) => readonly TaskEvent[],
    private readonly run: (runId: string) => TaskRun | undefined,
  ) {}

  /** The model, once built (for tests and scripts). */
  get model(): Model | undefined {
    return this.#model;
  }

  /** Another run (or none) is shown: the picture starts again from its events. */
  reset(runId: string | undefined): void {
    this.#runId = runId;
    this.#model = undefined;
    this.#active = undefined;
    if (runId) this.#build(runId);
  }

  #build(runId: string): void {
    const run = this.run(runId);
    if (!run) return;
    this.#model = new Model(run);
    this.#model.append(this.events(runId));
  }

  /** A batch the view applied (live events: those without a time take the time they arrived). */
  append(batch: readonly TaskEvent[]): void {
    const model = this.#model;
    if (!model) return;
    model.append(batch, clock.serverNow(model.provider));
  }

  /** The older part of a stored log went before the shown events: built again from the store. */
  rebuild(): void {
    if (this.#runId) this.#build(this.#runId);
  }

  /**
   * The picture of `run` over `span` (run-facts.ts `runSpan`: the one the header's elapsed time reads).
   * `events`: the run's events as the rest of the view shows them (the store's list, pending ones
   * included): the lanes' usage is read from the same usage report as the totals beside it.
   */
  render(run: TaskRun, span: RunSpan | undefined, choose: (eventId: string) => void, events: readonly TaskEvent[]): TemplateResult | typeof nothing {
    const model = this.#model;
    if (!model || run.id !== this.#runId) return nothing;
    return renderTimeline(model, {
      span,
      active: this.#active,
      onChoose: choose,
      usage: usageReport(run, events)?.agents,
      sources: sourceFacts(run),
      onMove: (key) => {
        this.#active = key;
        this.host.requestUpdate();
        void this.host.updateComplete.then(() => {
          const mark = this.host.renderRoot.querySelector<SVGElement>(`[part~="timeline-mark"][data-key="${key}"]`);
          if (mark && this.host.renderRoot instanceof ShadowRoot && this.host.renderRoot.activeElement !== mark) mark.focus();
        });
      },
    });
  }
}
