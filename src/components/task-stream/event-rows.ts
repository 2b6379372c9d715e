/**
 * Turns a run's events into the rows the stream shows. Streamed text pieces (`text-delta`) of one
 * agent that follow each other become ONE growing row, not one row per token; `stats` and `output`
 * have their own places (progress bar, result section) and get no row. Incremental: appending a
 * batch touches only the new rows and the last one.
 */
import type { TaskEvent } from '../../core/providers/task-event.js';

export interface EventRow {
  /** Stable key for keyed rendering: the id of the row's first event. */
  key: string;
  event: TaskEvent;
  /** Assembled text of a streamed-text row. */
  text?: string;
  /** Number of events merged into this row. */
  parts: number;
}

const NO_ROW = new Set<TaskEvent['kind']>(['stats', 'output']);

export class EventRows {
  rows: EventRow[] = [];

  /** Adds events in order; returns true when rows changed. */
  append(events: readonly TaskEvent[]): boolean {
    let changed = false;
    for (const event of events) {
      if (NO_ROW.has(event.kind)) continue;
      const last = this.rows[this.rows.length - 1];
      if (event.kind === 'text-delta' && last?.event.kind === 'text-delta' && last.event.agent === event.agent) {
        // Replace the row object so keyed rendering sees the change.
        this.rows[this.rows.length - 1] = { ...last, text: (last.text ?? '') + event.text, parts: last.parts + 1 };
      } else {
        this.rows.push({ key: event.id, event, parts: 1, ...(event.kind === 'text-delta' ? { text: event.text } : {}) });
      }
      changed = true;
    }
    return changed;
  }

  reset(events: readonly TaskEvent[] = []): void {
    this.rows = [];
    this.append(events);
  }
}
