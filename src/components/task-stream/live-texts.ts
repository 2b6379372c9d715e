/**
 * The answer while it is being written: streamed pieces (`text-delta`) grouped into ONE growing
 * text per agent, however the agents' pieces interleave (Shannon agents that run in parallel do).
 * An agent's completion (`text`) closes its text (the list shows the completion as a collapsed
 * row); the next pieces from that agent start a new text. Once the run has its final answer
 * (`output`) the live texts are gone: the result shows the answer once.
 *
 * Shown: the texts still being written; when none is, the last one finished (so an answer does not
 * vanish between the agent's completion and the final answer). A `gap` that lost events marks the
 * texts open at that point as incomplete, so a partial text is never presented as whole.
 */
import type { TaskEvent } from '../../core/providers/task-event.js';

export interface LiveText {
  /** Stable key: the id of the text's first piece. */
  key: string;
  agent: string;
  text: string;
  /** Pieces received. */
  parts: number;
  /** The agent's completion arrived. */
  done: boolean;
  /** Events were lost while it was written: the text has holes. */
  partial: boolean;
}

export class LiveTexts {
  #open = new Map<string, LiveText>();
  #lastDone: LiveText | undefined;
  #answered = false;
  /** Bumped on every change, for cheap change detection by the view. */
  version = 0;

  /** Adds events in order; returns true when what is shown changed. */
  append(events: readonly TaskEvent[]): boolean {
    const before = this.version;
    for (const event of events) {
      switch (event.kind) {
        case 'text-delta': {
          const current = this.#open.get(event.agent);
          if (current) {
            current.text += event.text;
            current.parts++;
          } else {
            this.#open.set(event.agent, { key: event.id, agent: event.agent, text: event.text, parts: 1, done: false, partial: false });
          }
          this.version++;
          break;
        }
        case 'text': {
          const current = this.#open.get(event.agent);
          if (!current) break;
          this.#open.delete(event.agent);
          // The completion carries the whole text: holes are filled.
          this.#lastDone = { ...current, text: event.text, done: true, partial: false };
          this.version++;
          break;
        }
        case 'gap':
          if (event.missing > 0 && this.#open.size) {
            for (const text of this.#open.values()) text.partial = true;
            this.version++;
          }
          break;
        case 'output':
          if (!this.#answered) {
            this.#answered = true;
            this.version++;
          }
          break;
        default:
          break;
      }
    }
    return this.version !== before;
  }

  reset(events: readonly TaskEvent[] = []): void {
    this.#open = new Map();
    this.#lastDone = undefined;
    this.#answered = false;
    this.version++;
    this.append(events);
  }

  /** The texts to show now, in the order their agents started writing. */
  get shown(): readonly LiveText[] {
    if (this.#answered) return [];
    if (this.#open.size) return [...this.#open.values()];
    return this.#lastDone ? [this.#lastDone] : [];
  }

  /** Every text still being written, for tests and scripts. */
  get open(): readonly LiveText[] {
    return [...this.#open.values()];
  }
}
