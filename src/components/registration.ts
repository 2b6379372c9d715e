/**
 * Registration without side effects at import time: call {@link defineTaskElements} (what
 * `task-elements/define` does) or define the classes under tags of your own.
 */
import { TaskFormElement } from './task-form/task-form.js';
import { TaskHistoryElement } from './task-history/task-history.js';
import { TaskStreamElement } from './task-stream/task-stream.js';

/** The tags and their classes. */
export const TASK_ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['task-form', TaskFormElement],
  ['task-stream', TaskStreamElement],
  ['task-history', TaskHistoryElement],
];

/** Defines every element that is not defined yet in `registry`. Safe to call more than once. */
export function defineTaskElements(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (!registry) return; // no DOM (server rendering, workers): nothing to register
  for (const [tag, element] of TASK_ELEMENTS) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}
