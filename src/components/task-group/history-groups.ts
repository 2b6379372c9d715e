/**
 * Batches in `<task-history>` (issue 14 §2): each task group of the store is ONE entry (not one
 * per run) with its counts per status, above the list of single runs. Picking one selects it in
 * the group store and clears the run selection, so a `<task-stream>` that follows the selection
 * shows the batch; `task-group-select` is fired. Parts: `groups`, `group-item` (with
 * `data-status`: `running` while any run is active, else `completed`), `group-item-counts`.
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
}

const SHOWN: TaskStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];

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

  /** The batches section, or `nothing` when the store has none. */
  render(now = Date.now()): TemplateResult | typeof nothing {
    const store = this.#store();
    const groups = store.groups;
    if (groups.length === 0) return nothing;
    const selected = this.#host.taskStore.selectedId === undefined ? store.selectedId : undefined;
    return html`<section part="groups" class="groups" aria-label=${t('batch.history')}>
      <h3 class="groups-title">${t('batch.history')}</h3>
      <ul class="group-list">
        ${repeat(groups, (group) => group.groupId, (group) => {
          const status = store.tracker(group.groupId)?.status;
          const active = status ? status.active : true;
          const counts = store.tracker(group.groupId)?.counts(group.runIds) ?? { queued: group.runIds.length };
          const summary = SHOWN.filter((name) => counts[name]).map((name) => `${l10n().number(counts[name] ?? 0)} ${statusLabel(name)}`).join(' · ');
          return html`<li>
            <button type="button" part="group-item" class="group-item" data-status=${active ? 'running' : 'completed'}
              aria-current=${group.groupId === selected ? 'true' : 'false'} @click=${() => this.#select(group.groupId)}>
              <span class="group-item-head"><strong>${t('batch.title', { count: group.runIds.length })}</strong>
                <span class="meta">${group.processor} · <time datetime=${group.createdAt}>${relativeTime(group.createdAt, now)}</time></span></span>
              <span part="group-item-counts" class="group-item-counts">${summary}</span>
            </button>
          </li>`;
        })}
      </ul>
    </section>`;
  }
}
