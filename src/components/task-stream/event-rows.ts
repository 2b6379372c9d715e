/**
 * Turns a run's events into the rows of the progress list. What is not progress a person reads gets
 * no row: streamed text (`text-delta`: the live answer, live-texts.ts), `stats` and `output` (the
 * progress bar and the result), prompts and the title (kept in `events` for scripts), and events
 * that could not be read (`invalid`: kept in `unreadable`, shown as one muted line). A `gap` row
 * counts the events later backfilled into its `seq` range, so it says how many were lost for good.
 * A model call reported twice (nested by Shannon's LLM service, then flat by the agent that asked:
 * usage-ledger.ts) is one row with the call's figures, as the run's usage counts it.
 * Incremental: appending a batch touches only new rows and the gap rows it completes. `live` holds
 * the answer being written, from the same events.
 */
import type { TaskEvent, Usage } from '../../core/providers/task-event.js';
import { callKey, mergeCall } from '../../core/providers/call-identity.js';
import { LiveTexts } from './live-texts.js';

export interface EventRow {
  /** Stable key for keyed rendering: the id of the row's event. */
  key: string;
  event: TaskEvent;
  /** For a `gap` row: how many of its missing events were backfilled since. */
  recovered?: number;
  /** For a message whose call was reported again: the call's figures from both reports. */
  usage?: Usage;
}

const NO_ROW = new Set<TaskEvent['kind']>(['stats', 'output', 'text-delta', 'prompt', 'title', 'invalid']);

/** Whether an event of this kind becomes a row of the list. */
export function isRowEvent(event: TaskEvent): boolean {
  return !NO_ROW.has(event.kind);
}

export class EventRows {
  rows: EventRow[] = [];
  /** Events that could not be read, in order (no rows: one summary line says how many). */
  unreadable: Array<Extract<TaskEvent, { kind: 'invalid' }>> = [];
  /** The answer being written, built from the same events. */
  readonly live = new LiveTexts();
  /** Index of each gap row in `rows`, with the seqs backfilled into it (one wire event may make several events). */
  #gaps: Array<{ index: number; seqs: Set<number> }> = [];
  /** Index of the row of each model call (usage-ledger.ts `callKey`). */
  #calls = new Map<string, number>();

  /** Adds events in order; returns true when rows changed. */
  append(events: readonly TaskEvent[]): boolean {
    let changed = this.live.append(events);
    for (const event of events) {
      if (event.seq !== undefined && this.#countRecovered(event.seq)) changed = true;
      if (event.kind === 'invalid') {
        this.unreadable = [...this.unreadable, event];
        changed = true;
      }
      if (!isRowEvent(event)) continue;
      if (this.#sameCall(event)) {
        changed = true;
        continue;
      }
      if (event.kind === 'gap') {
        this.#gaps.push({ index: this.rows.length, seqs: new Set() });
        this.rows.push({ key: event.id, event, recovered: 0 });
      } else {
        this.rows.push({ key: event.id, event });
      }
      changed = true;
    }
    return changed;
  }

  reset(events: readonly TaskEvent[] = []): void {
    this.rows = [];
    this.unreadable = [];
    this.#gaps = [];
    this.#calls.clear();
    this.live.reset();
    this.append(events);
  }

  /** A second report of a call that has a row: its figures go to that row (true), or it is new (false). */
  #sameCall(event: TaskEvent): boolean {
    const key = event.kind === 'text' ? callKey(event) : undefined;
    if (!key) return false;
    const index = this.#calls.get(key);
    if (index === undefined) {
      this.#calls.set(key, this.rows.length);
      return false;
    }
    const row = this.rows[index]!;
    const first = row.usage ?? (row.event.kind === 'text' ? row.event.usage : undefined);
    const usage = event.kind === 'text' ? event.usage : undefined;
    if (usage) this.rows[index] = { ...row, usage: first ? mergeCall(first, usage) : usage };
    return true;
  }

  /** A backfilled event with this seq fills one place of the gap around it. */
  #countRecovered(seq: number): boolean {
    for (const gap of this.#gaps) {
      const row = this.rows[gap.index]!;
      if (row.event.kind !== 'gap' || seq <= row.event.afterSeq || seq >= row.event.beforeSeq) continue;
      if (gap.seqs.has(seq)) return false;
      gap.seqs.add(seq);
      // Replace the row object so keyed rendering sees the change.
      this.rows[gap.index] = { ...row, recovered: Math.min(row.event.missing, gap.seqs.size) };
      return true;
    }
    return false;
  }
}
