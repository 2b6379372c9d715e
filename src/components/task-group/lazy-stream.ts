/**
 * `<task-stream>`'s handle on the batch view (task-group/group-view.ts), loaded on demand. A run's
 * result and header are drawn by the run view's code (task-stream/run-view.ts, itself loaded when a run or a
 * batch is first shown), so a result looks the same in a batch as on its own.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LazyController, isGroupId, type GroupUi } from '../shared/lazy-groups.js';
import { runView } from '../task-stream/lazy-run-view.js';
import { t } from '../task-stream/shell-strings.js';
import type { GroupViewController, GroupViewHost } from './group-view.js';

export class LazyGroupView extends LazyController<GroupViewController> {
  protected create(ui: GroupUi): GroupViewController {
    return ui.createGroupView(this.host as unknown as GroupViewHost, {
      renderOutput: (output, actions) => runView()?.renderOutput(output, actions) ?? html`<p class="muted" role="status">${t('stream.loadingResult')}</p>`,
      runView,
    });
  }

  protected override wanted(): boolean {
    return isGroupId((this.host as unknown as GroupViewHost).runId) || super.wanted();
  }

  /** The group shown now, if any (undefined until the batch UI is loaded). */
  get groupId(): string | undefined {
    return this.impl?.groupId;
  }

  render(): TemplateResult | typeof nothing {
    if (this.impl) return this.impl.render();
    return isGroupId((this.host as unknown as GroupViewHost).runId) ? html`<p class="muted" role="status">${t('stream.loadingBatch')}</p>` : nothing;
  }
}
