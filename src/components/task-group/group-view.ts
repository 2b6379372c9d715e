/**
 * The group (batch) view of `<task-stream>` (issue 14 §2): shown when the stream's `run-id` is a
 * task group id (`tgrp_…`), or when it follows the selection and a group is selected. It keeps
 * the group's events connection (one per group, resumed from the last `event_id`, also after a
 * reload), and renders the counts per status, the list of runs (status and the start of each
 * input), one run opened in the same view, and CSV / JSON downloads of the results.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { callApi, type EndpointConfig } from '../../core/client/api-request.js';
import { exportRows, resultsToCsv, resultsToJson } from '../../core/providers/parallel/group-export.js';
import { fetchGroupRuns } from '../../core/providers/parallel/group-stream.js';
import type { GroupEvent } from '../../core/providers/parallel/group-types.js';
import { parallelProvider } from '../../core/providers/parallel/parallel-provider.js';
import type { TaskOutput } from '../../core/providers/task-event.js';
import { getGroupStore, type GroupRecord, type GroupStore } from '../../core/store/group-store.js';
import type { TaskStore } from '../../core/store/task-store.js';
import { isGroupId } from '../shared/lazy-groups.js';
import { renderOpenRun, renderGroup, type OpenRun, type RenderHeader, type RenderOutput } from './render-group.js';
import { t } from './strings.js';

/** What the view needs from its element. */
export interface GroupViewHost extends ReactiveControllerHost, HTMLElement {
  store: string;
  runId: string | null;
  readonly taskStore: TaskStore;
  endpoint(provider?: 'parallel' | 'shannon'): EndpointConfig;
}

type RunResult = Extract<GroupEvent, { kind: 'run-state' }>;

/** What the view borrows from `<task-stream>` (lazy-stream.ts): the run view's result, and the run view's code once loaded. */
export interface GroupViewHelpers {
  renderOutput: RenderOutput;
  runView(): typeof import('../task-stream/run-view.js') | undefined;
}

/** The single run's header (task-stream/render-header.ts) without a connection row: the batch's connection is the one shown. */
const header = (view: GroupViewHelpers['runView']): RenderHeader => (run, onCopyId, idNotice) =>
  view()?.renderHeader(run, { connection: undefined, events: [], onCopyId, idNotice, reach: undefined });


/** Runs listed per page. */
const PAGE = 100;

export class GroupViewController implements ReactiveController {
  readonly #host: GroupViewHost;
  #groups: GroupStore | undefined;
  #unsubscribe: (() => void) | undefined;
  #release: (() => void) | undefined;
  #watched: string | undefined;
  #open: OpenRun | undefined;
  #shown = PAGE;
  /** What the last download said, in the language of the render that shows it. */
  #notice: (() => string) | undefined;
  #busy = false;
  /** Groups asked for by `run-id` that this browser did not know: opened once each. */
  readonly #opening = new Map<string, 'loading' | 'failed'>();
  #abort = new AbortController();
  /**
   * The group's runs with inputs and outputs, read once per need: both downloads and an opened run
   * share one read; once the group has finished it is kept (nothing changes any more). Aborted when
   * the view leaves the group or the page.
   */
  #results: { groupId: string; read: Promise<RunResult[]>; final: boolean; abort: AbortController } | undefined;

  readonly #helpers: GroupViewHelpers;
  /** What the opened run's "Copy" of its id said (shown beside it for a few seconds). */
  #idNotice: { runId: string; text: () => string } | undefined;
  #idTimer: ReturnType<typeof setTimeout> | undefined;

  /** The helpers come from `<task-stream>` (its run view chunk), so a run's header and result look the same here. */
  constructor(host: GroupViewHost, helpers: GroupViewHelpers) {
    this.#host = host;
    this.#helpers = helpers;
    host.addController(this);
  }

  /** The group this view shows now, if any. */
  get groupId(): string | undefined {
    const { runId } = this.#host;
    if (runId !== null) return isGroupId(runId) ? runId : undefined;
    if (this.#host.taskStore.selectedId !== undefined) return undefined;
    const selected = this.#store().selectedId;
    return selected && this.#store().get(selected) ? selected : undefined;
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    this.#opening.clear(); // what the last disconnect aborted is tried again
    this.#unsubscribe = this.#store().subscribe(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    clearTimeout(this.#idTimer);
    this.#idNotice = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#abort.abort();
    this.#unwatch();
  }

  hostUpdate(): void {
    const shown = this.groupId;
    // Watch only a group the store knows (one opened by id is known once its runs are read).
    const groupId = shown && this.#store().get(shown) ? shown : undefined;
    if (shown && !groupId) this.#openUnknown(shown);
    if (groupId === this.#watched) return;
    this.#unwatch();
    this.#open = undefined;
    this.#shown = PAGE;
    this.#notice = undefined;
    this.#watched = groupId;
    if (groupId) this.#release = this.#store().watch(groupId, () => this.#host.endpoint('parallel'));
  }

  /** The view, or `nothing` when no group is shown. */
  render(): TemplateResult | typeof nothing {
    const groupId = this.groupId;
    const store = this.#store();
    const group = groupId ? store.get(groupId) : undefined;
    const tracker = groupId ? store.tracker(groupId) : undefined;
    if (groupId && !group) return this.#renderUnknown(groupId);
    if (!groupId || !group || !tracker) return nothing;
    if (this.#open) return this.#renderOpen(this.#open, group);
    return renderGroup(group, tracker, store.getConnection(groupId), {
      shown: this.#shown,
      notice: this.#notice?.() ?? '',
      busy: this.#busy,
      onOpen: (runId) => void this.#openRun(group.groupId, runId, group.previews[runId] ?? ''),
      onMore: () => {
        this.#shown += PAGE;
        this.#host.requestUpdate();
      },
      onDownload: (format) => void this.#download(group.groupId, group.runIds, format),
    });
  }

  #renderOpen(open: OpenRun, group: GroupRecord): TemplateResult {
    const notice = this.#idNotice?.runId === open.runId ? this.#idNotice.text() : '';
    return renderOpenRun(open, group, {
      onBack: () => this.#close(),
      renderOutput: this.#helpers.renderOutput,
      renderHeader: header(this.#helpers.runView),
      onCopyId: () => void this.#copyId(open.runId),
      idNotice: notice ? html`<span part="feedback" class="feedback" role="status" data-for="copy-id">${notice}</span>` : nothing,
    });
  }

  async #copyId(runId: string): Promise<void> {
    const copied = (await this.#helpers.runView()?.copyText(runId)) ?? false;
    clearTimeout(this.#idTimer);
    this.#idNotice = { runId, text: () => t(copied ? 'batch.idCopied' : 'batch.idCopyFailed') };
    this.#idTimer = setTimeout(() => {
      this.#idNotice = undefined;
      this.#host.requestUpdate();
    }, 4000);
    this.#host.requestUpdate();
  }

  #renderUnknown(groupId: string): TemplateResult {
    return this.#opening.get(groupId) === 'failed'
      ? html`<div part="error" class="error" role="alert">${t('batch.loadFailed', { id: groupId })}</div>`
      : html`<p class="muted" role="status">${t('batch.loading')}</p>`;
  }

  /** Reads a group this browser does not know yet (once per id). */
  #openUnknown(groupId: string): void {
    if (this.#opening.has(groupId)) return;
    this.#opening.set(groupId, 'loading');
    this.#store().open(groupId, this.#host.endpoint('parallel'), this.#abort.signal).then(
      () => this.#host.requestUpdate(),
      () => {
        if (this.#abort.signal.aborted) return;
        this.#opening.set(groupId, 'failed');
        this.#host.requestUpdate();
      },
    );
  }

  #store(): GroupStore {
    if (this.#groups?.name !== this.#host.store) this.#groups = getGroupStore(this.#host.store);
    return this.#groups;
  }

  /** The runs with their inputs and outputs (see #results). Rejects like fetchGroupRuns. */
  #readResults(groupId: string): Promise<RunResult[]> {
    const kept = this.#results;
    if (kept?.groupId === groupId) return kept.read;
    const abort = new AbortController();
    const final = this.#store().tracker(groupId)?.status?.active === false;
    const read = fetchGroupRuns(this.#host.endpoint('parallel'), groupId, { includeInput: true, includeOutput: true, signal: AbortSignal.any([abort.signal, this.#abort.signal]) });
    const entry = { groupId, read, final, abort };
    this.#results = entry;
    // A read of a running group serves only the needs while it is under way; a failed one none.
    const forget = () => {
      if (this.#results === entry) this.#results = undefined;
    };
    read.then(() => (final ? undefined : forget()), forget);
    return read;
  }

  #unwatch(): void {
    this.#results?.abort.abort();
    this.#results = undefined;
    this.#release?.();
    this.#release = undefined;
    this.#watched = undefined;
  }

  #close(): void {
    this.#open = undefined;
    this.#host.requestUpdate();
  }

  async #openRun(groupId: string, runId: string, preview: string): Promise<void> {
    const state = this.#store().tracker(groupId)?.run(runId);
    this.#open = { runId, preview, status: state?.status ?? 'unknown', error: state?.error, loading: state?.status === 'completed' };
    this.#host.requestUpdate();
    if (state?.status !== 'completed') return;
    let output: TaskOutput | undefined;
    let problem: boolean | undefined;
    try {
      // A finished group's results already read (a download) have this run's output.
      const kept = this.#results?.groupId === groupId && this.#results.final ? (await this.#results.read).find((r) => r.run.runId === runId)?.output : undefined;
      output = kept ?? parallelProvider.parseResult(await callApi(this.#host.endpoint('parallel'), parallelProvider.resultRequest(runId), this.#abort.signal)).patch.output;
    } catch {
      if (this.#abort.signal.aborted) return;
      problem = true;
    }
    if (this.#open?.runId !== runId) return;
    this.#open = { ...this.#open, loading: false, output, problem };
    this.#host.requestUpdate();
  }

  async #download(groupId: string, runIds: readonly string[], format: 'csv' | 'json'): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    this.#notice = () => t('batch.preparing');
    this.#host.requestUpdate();
    try {
      const results = await this.#readResults(groupId);
      const byId = new Map<string, RunResult>(results.map((result) => [result.run.runId, result]));
      const rows = exportRows(runIds, byId);
      const text = format === 'csv' ? resultsToCsv(rows) : resultsToJson(rows);
      saveFile(text, `${groupId}.${format}`, format === 'csv' ? 'text/csv' : 'application/json');
      this.#notice = () => t('batch.downloaded', { count: rows.length, format: format.toUpperCase() });
    } catch {
      if (this.#abort.signal.aborted || this.#watched !== groupId) return;
      this.#notice = () => t('batch.downloadFailed');
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }
}

function saveFile(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
