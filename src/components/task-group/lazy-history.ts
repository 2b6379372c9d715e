/**
 * `<task-history>`'s handle on the batches list (task-group/history-groups.ts), loaded on demand.
 */
import { nothing, type TemplateResult } from 'lit';
import { LazyController, type GroupUi } from '../shared/lazy-groups.js';
import type { HistoryGroupsController, HistoryGroupsHost, HistoryGroupsView } from './history-groups.js';

export class LazyHistoryGroups extends LazyController<HistoryGroupsController> {
  protected create(ui: GroupUi): HistoryGroupsController {
    return ui.createHistoryGroups(this.host as unknown as HistoryGroupsHost);
  }

  /** The loaded batches UI, or undefined before it is loaded (then the store has no batch). */
  get loaded(): HistoryGroupsController | undefined {
    return this.impl;
  }

  render(now?: number, view?: HistoryGroupsView): TemplateResult | typeof nothing {
    return this.impl ? this.impl.render(now, view) : nothing;
  }
}
