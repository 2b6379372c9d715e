/**
 * Batches in `<task-history>` (issue 14 §2): each task group of the store is ONE entry (not one
 * per run) with its counts per status, above the list of single runs. Picking one selects it in
 * the group store and clears the run selection, so a `<task-stream>` that follows the selection
 * shows the batch; `task-group-select` is fired. Parts: `groups`, `group-item` (with
 * `data-status`: `running` while any run is active, else `completed`), `group-item-counts`,
 * `group-delete`. A batch is deleted like a run (its Delete button, or Delete/Backspace on it): the
 * history hides it with Undo for a few seconds ({@link HistoryGroupsView}), then {@link remove}s it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { TaskStatus } from '../../core/providers/task-event.js';
import { getGroupStore, type GroupStore } from '../../core/store/group-store.js';
import type { TaskStore } from '../../core/store/task-store.js';
import { relativeTime, statusLabel } from '../shared/format.js';
import { l10n } from '../../core/i18n/scope.js';
import { TaskGroupSelectEvent } from './group-events.js';
import { t } from './strings.js';

export interface HistoryGroupsHost extends ReactiveControllerHost, HTMLElement {
  store: string;
  readonly taskStore: TaskStore;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

const SHOWN: TaskStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];

/** What the history asks of the batches section: the batch being deleted (hidden), and what a deletion does. */
export interface HistoryGroupsView {
  /** A batch whose deletion can still be undone: not shown. */
  hidden?: string | undefined;
  onDelete(groupId: string): void;
}

/** The history's status filter choices (task-history/run-filter.ts). */
type Filter = 'all' | 'active' | 'completed' | 'failed' | 'cancelled';

export class HistoryGroupsController implements ReactiveController {
  readonly #host: HistoryGroupsHost;
  #groups: GroupStore | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: HistoryGroupsHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe = this.#store().subscribe((change) => {
      // Counts change often while a batch runs; the list only needs them, not every transition.
      if (change.type !== 'connection') this.#host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #store(): GroupStore {
    if (this.#groups?.name !== this.#host.store) this.#groups = getGroupStore(this.#host.store);
    return this.#groups;
  }

  #select(groupId: string): void {
    this.#store().select(groupId);
    this.#host.taskStore.select(undefined);
    this.#host.dispatchEvent(new TaskGroupSelectEvent(groupId));
    this.#host.requestUpdate();
  }

  /** Whether the store has batches. */
  get hasGroups(): boolean {
    return this.#store().groups.length > 0;
  }

  #active(groupId: string): boolean {
    return this.#store().tracker(groupId)?.status?.active ?? true;
  }

  /**
   * The ids of the batches the history's filters match, newest first: by status, a batch is active
   * while any run of it is, else completed; the text matches its id, processor or an input's start.
   */
  matching(status: Filter, query: string, hidden?: string): string[] {
    const text = query.trim().toLowerCase();
    return this.#store().groups.filter((group) => {
      if (group.groupId === hidden) return false;
      const active = this.#active(group.groupId);
      if (status !== 'all' && status !== (active ? 'active' : 'completed')) return false;
      return !text || [group.groupId, group.processor, ...Object.values(group.previews)].some((s) => s.toLowerCase().includes(text));
    }).map((group) => group.groupId);
  }

  /** How many of these batches still have active runs. */
  activeCount(groupIds: readonly string[]): number {
    return groupIds.filter((id) => this.#active(id)).length;
  }

  /**
   * The words of the history's "Clear" when batches are among what it deletes, in the render's
   * language: its question's first sentence, its button and what is said once it is done.
   */
  clearWords(runs: number, batches: number, filtered: boolean): { question: string; button: string; deleted: string } {
    const first = runs ? t('batch.items.runs', { count: runs }) : '';
    const second = t('batch.items.batches', { count: batches });
    const items = first ? t('batch.items.and', { first, second }) : second;
    return { question: t(filtered ? 'batch.clear.itemsShown' : 'batch.clear.items', { items }), button: t('batch.deleteItems', { items }), deleted: t('batch.deletedItems', { items }) };
  }

  /** What is said when a batch is deleted (with Undo) or restored. */
  announce(kind: 'deleted' | 'restored', label: string): string {
    return t(kind === 'deleted' ? 'batch.deletedUndo' : 'batch.restored', { label });
  }

  /** A batch in words: "Batch of 50 runs". */
  label(groupId: string): string {
    return t('batch.title', { count: this.#store().get(groupId)?.runIds.length ?? 0 });
  }

  /** The batch on show (when no run is), else undefined. */
  get selectedId(): string | undefined {
    return this.#host.taskStore.selectedId === undefined ? this.#store().selectedId : undefined;
  }

  /** Shows a batch (as picking it does), or none. */
  select(groupId: string | undefined): void {
    if (groupId) this.#select(groupId);
    else this.#store().select(undefined);
  }

  /** The ids of the batches listed, less `hidden`. */
  ids(hidden?: string): string[] {
    return this.#store().groups.map((group) => group.groupId).filter((id) => id !== hidden);
  }

  /** Deletes batches for good: each group record with its runs, from memory and from storage. */
  remove(groupIds: readonly string[]): void {
    for (const id of groupIds) this.#store().remove(id);
  }

  /** Moves the focus to a batch's entry (after the next render). */
  focus(groupId: string): void {
    void this.#host.updateComplete.then(() => {
      const items = this.#host.renderRoot.querySelectorAll<HTMLElement>('[part="group-item"]');
      [...items].find((item) => item.dataset['id'] === groupId)?.focus();
    });
  }

  #onKeydown(event: KeyboardEvent, groupId: string, view: HistoryGroupsView | undefined): void {
    // Control+Z is the history's, wherever the focus is in it (task-history/deletion-controller.ts).
    if (!view || event.altKey) return;
    if (!event.ctrlKey && !event.metaKey && (event.key === 'Delete' || event.key === 'Backspace')) {
      event.preventDefault();
      view.onDelete(groupId);
    }
  }

  /** The batches section, or `nothing` when the store has none (or only the one being deleted). */
  render(now = Date.now(), view?: HistoryGroupsView): TemplateResult | typeof nothing {
    const store = this.#store();
    const groups = store.groups.filter((group) => group.groupId !== view?.hidden);
    if (groups.length === 0) return nothing;
    const selected = this.selectedId;
    return html`<section part="groups" class="groups" aria-label=${t('batch.history')}>
      <h3 class="groups-title">${t('batch.history')}</h3>
      <ul class="group-list">
        ${repeat(groups, (group) => group.groupId, (group) => {
          const status = store.tracker(group.groupId)?.status;
          const active = status ? status.active : true;
          const counts = store.tracker(group.groupId)?.counts(group.runIds) ?? { queued: group.runIds.length };
          const summary = SHOWN.filter((name) => counts[name]).map((name) => `${l10n().number(counts[name] ?? 0)} ${statusLabel(name)}`).join(' · ');
          const label = t('batch.title', { count: group.runIds.length });
          return html`<li>
            <button type="button" part="group-item" class="group-item" data-id=${group.groupId} data-status=${active ? 'running' : 'completed'}
              aria-current=${group.groupId === selected ? 'true' : 'false'} @click=${() => this.#select(group.groupId)}
              @keydown=${(event: KeyboardEvent) => this.#onKeydown(event, group.groupId, view)}>
              <span class="group-item-head"><strong>${label}</strong>
                <span class="meta">${group.processor} · <time datetime=${group.createdAt}>${relativeTime(group.createdAt, now)}</time></span></span>
              <span part="group-item-counts" class="group-item-counts">${summary}</span>
            </button>
            ${view ? html`<button type="button" part="group-delete" class="danger group-delete" aria-label=${t('batch.deleteNamed', { label })}
              @click=${() => view.onDelete(group.groupId)}>${t('batch.delete')}</button>` : nothing}
          </li>`;
        })}
      </ul>
    </section>`;
  }
}
