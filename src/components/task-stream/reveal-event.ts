/**
 * Shows one event in the log (a timeline mark was chosen): opens the log of a finished run, pages
 * its window to the event's row (frozen there: new events do not move it), scrolls the row into
 * view and moves the focus to it, so a screen reader reads it. Part of the timeline's chunk.
 */
import type { ReactiveControllerHost } from 'lit';
import type { EventRows } from './event-rows.js';
import { WINDOW, type LogView } from './render-log.js';

/** Resolves false when the event has no row (streamed text, source counts) or is not rendered. */
export async function revealEvent(
  log: LogView,
  rows: EventRows,
  host: ReactiveControllerHost & { renderRoot: ParentNode },
  eventId: string,
): Promise<boolean> {
  const index = rows.rows.findIndex((row) => row.key === eventId);
  if (index < 0) return false;
  const count = rows.rows.length;
  const end = log.windowEnd ?? count;
  log.windowEnd = index < end - WINDOW || index >= end ? Math.min(count, index + WINDOW / 2) : end;
  log.stickToBottom = false;
  log.show();
  await host.updateComplete;
  const row = [...host.renderRoot.querySelectorAll<HTMLElement>('[part~="event"]')].find((li) => li.dataset.id === eventId);
  if (!row) return false;
  row.tabIndex = -1;
  row.scrollIntoView({ block: 'nearest' });
  row.focus({ preventScroll: true });
  return true;
}
