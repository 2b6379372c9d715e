/**
 * The run view (run-view.ts), loaded when a `<task-stream>` first shows a run: a page whose stream
 * waits for a run (no selection yet) downloads only the element's binding to the store. Chunks are
 * imported by relative URL, resolved against the bundle's own URL, so CDN use keeps working.
 * When the import fails (offline, a CDN missing the file) the element says so in words; its
 * "Try again", or the next run shown, imports again (never a retry loop).
 */
import { adoptStyles, html, supportsAdoptingStyleSheets, type TemplateResult } from 'lit';
import type { TaskElement } from '../shared/task-element.js';
import { PROVIDER_INFO } from '../../core/providers/provider-info.js';
import type { TaskEvent, TaskRun } from '../../core/providers/task-event.js';
import type { EventRows } from './event-rows.js';
import type { LogView, RunActions, TimelineSlot } from './run-view.js';
import { t } from './shell-strings.js';

type RunViewModule = typeof import('./run-view.js');

/** Where the run view comes from: the module, or (tests) a stand-in. @internal */
export const runViewSource = {
  load: (): Promise<RunViewModule> => import('./run-view.js'),
};

let loaded: RunViewModule | undefined;
let loading: Promise<RunViewModule> | undefined;

/** The run view once loaded, else undefined. */
export function runView(): RunViewModule | undefined {
  return loaded;
}

/** Starts (once) loading the run view; resolves with it, rejects when the chunk could not be loaded. */
export function loadRunView(): Promise<RunViewModule> {
  loading ??= runViewSource.load().then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined; // tried again on the next call
      throw error;
    },
  );
  return loading;
}

/** Forgets the loaded view, so the next `loadRunView()` imports again (tests of a failed import). @internal */
export function resetRunView(): void {
  loaded = undefined;
  loading = undefined;
}

/** What the run view's buttons ask of the `<task-stream>` that shows it (its public methods). */
export interface StreamCommands {
  reconnect(): void;
  stop(): void;
  cancel(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  retry(): Promise<unknown>;
  revealEvent(eventId: string): Promise<boolean>;
}

/** The run view's parts of one `<task-stream>`: made when the code is there, with its styles adopted. */
export class RunViewParts {
  /** The log's view state (render-log.ts); undefined until the code is loaded. */
  log: LogView | undefined;
  /** What the view's buttons do (run-actions.ts); undefined until the code is loaded. */
  actions: RunActions | undefined;
  /** The run's timeline (timeline-slot.ts); undefined until the code is loaded. */
  timeline: TimelineSlot | undefined;
  /** The last import failed: nothing loads again until {@link load} is called or another run is shown. */
  failed = false;
  /** The import under way, if any. */
  loading: Promise<void> | undefined;

  constructor(
    private readonly host: TaskElement,
    /** Called with what a notice says, for the element's live region. */
    private readonly announce: (text: string) => void,
    /** The shown run and the events the view has applied (the timeline is built from them). */
    private readonly shown: { readonly shownId: string | undefined; appliedEvents(): readonly TaskEvent[] },
  ) {}

  /** Makes the parts, importing their code first if needed; the host renders again when it is there. */
  load(): void {
    if (this.log || this.loading) return;
    const ready = runView();
    if (ready) return this.#make(ready);
    this.loading = loadRunView().then(
      (module) => {
        this.#make(module);
        this.failed = false;
      },
      () => {
        this.failed = true;
      },
    ).finally(() => {
      this.loading = undefined;
      this.host.requestUpdate();
    });
  }

  /** Another run is shown: nothing of the last one's stays, and a failed import may be tried again. */
  reset(): void {
    this.log?.reset();
    this.actions?.reset();
    this.timeline?.reset(this.shown.shownId);
    this.failed = false;
  }

  /** The view of `run`, or undefined while its code is loading (or could not be loaded). */
  render(run: TaskRun, stream: StreamCommands, rows: EventRows): TemplateResult | undefined {
    const view = runView();
    const { log, actions, timeline, host } = this;
    if (!view || !log || !actions || !timeline) return undefined;
    return view.renderRun(run, {
      host, log, actions, timeline, rows,
      connection: host.taskStore.getConnection(run.id),
      events: host.taskStore.getEvents(run.id),
      canPause: PROVIDER_INFO[run.provider].canPause,
      revealEvent: (eventId) => void stream.revealEvent(eventId),
      reconnect: () => stream.reconnect(),
      stop: () => stream.stop(),
      cancel: () => stream.cancel(),
      pause: () => stream.pause(),
      resume: () => stream.resume(),
      retry: () => void stream.retry(),
    });
  }

  /** Submits `run`'s request again (run-actions.ts `retry`), loading the view's code first if needed. */
  async retry(run: TaskRun | undefined): Promise<TaskRun | undefined> {
    if (run && !this.actions) {
      this.load();
      await this.loading;
    }
    return run && this.actions ? this.actions.retry(run) : undefined;
  }

  /** What a stream shows when the code could not be loaded: what happened and what to do, in words. */
  renderFailed(): TemplateResult {
    return html`<div class="empty" part="error" role="alert"><p>${t('stream.viewFailed')}</p>
      <button type="button" @click=${() => this.load()}>${t('stream.viewRetry')}</button></div>`;
  }

  #make(module: RunViewModule): void {
    // The view's styles join the element's own (adoptStyles alone would replace them).
    const root = this.host.renderRoot as ShadowRoot;
    const sheet = module.runViewStyles.styleSheet;
    if (supportsAdoptingStyleSheets && sheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    else adoptStyles(root, [module.runViewStyles]);
    this.log = new module.LogView(this.host);
    this.actions = new module.RunActions(this.host, this.announce);
    this.timeline = new module.TimelineSlot(this.host, () => this.shown.appliedEvents(), (id) => this.host.taskStore.getRun(id));
    this.timeline.reset(this.shown.shownId);
  }
}
