/**
 * The batch (task group) UI, loaded on demand by shared/lazy-groups.ts: it stays out of the download of a
 * page that never uses batches.
 */
import type { CSSResult, ReactiveControllerHost } from 'lit';
import { BatchModeController, type BatchHost } from './batch-mode.js';
import { groupViewStyles, historyGroupsStyles } from './group-view.styles.js';
import { GroupViewController, type GroupViewHost } from './group-view.js';
import { HistoryGroupsController, type HistoryGroupsHost } from './history-groups.js';

/** Adds `styles` to the host's shadow root (the element's own styles were adopted at its first connect). */
function adopt(host: ReactiveControllerHost, styles: CSSResult): void {
  const root = (host as { renderRoot?: unknown }).renderRoot;
  const sheet = styles.styleSheet;
  if (typeof ShadowRoot === 'undefined' || !(root instanceof ShadowRoot) || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export function createGroupView(host: GroupViewHost, helpers: ConstructorParameters<typeof GroupViewController>[1]): GroupViewController {
  adopt(host, groupViewStyles);
  return new GroupViewController(host, helpers);
}

export function createHistoryGroups(host: HistoryGroupsHost): HistoryGroupsController {
  adopt(host, historyGroupsStyles);
  return new HistoryGroupsController(host);
}

export function createBatchMode(host: BatchHost, helpers: ConstructorParameters<typeof BatchModeController>[1]): BatchModeController {
  return new BatchModeController(host, helpers);
}

export { TaskGroupCreatedEvent, TaskGroupSelectEvent } from './group-events.js';
