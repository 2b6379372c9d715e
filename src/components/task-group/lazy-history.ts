/**
 * `<task-history>`'s handle on the batches list (task-group/history-groups.ts), loaded on demand.
 */
import { nothing, type TemplateResult } from 'lit';
import { LazyController, type GroupUi } from '../shared/lazy-groups.js';
import type { HistoryGroupsController, HistoryGroupsHost } from './history-groups.js';

export class LazyHistoryGroups extends LazyController<HistoryGroupsController> {
  protected create(ui: GroupUi): HistoryGroupsController {
    return ui.createHistoryGroups(this.host as unknown as HistoryGroupsHost);
  }

  /** Whether the batches section shows (the store has batches and their UI is loaded). */
  get shown(): boolean {
    return this.impl?.hasGroups ?? false;
  }

  render(now?: number): TemplateResult | typeof nothing {
    return this.impl ? this.impl.render(now) : nothing;
  }
}
