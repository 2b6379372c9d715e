/**
 * task-elements: named exports only, no side effects. Import `task-elements/define` to register
 * the elements, or `task-elements/core` for the DOM-free store and clients alone.
 */
export * from './core/index.js';
export { TaskElement } from './components/shared/task-element.js';
export { TaskStreamElement } from './components/task-stream/task-stream.js';
export { TaskFormElement } from './components/task-form/task-form.js';
export { TaskHistoryElement } from './components/task-history/task-history.js';
export { defineTaskElements, TASK_ELEMENTS } from './components/registration.js';
export {
  TaskSubmitEvent, TaskCreatedEvent, TaskSelectEvent, TaskRerunEvent, TaskStateEvent, TaskProgressEvent,
  TaskCompleteEvent, TaskConnectionEvent, TaskErrorEvent, TaskAuthEvent,
} from './components/shared/events.js';
export type { TaskAuthState } from './components/shared/events.js';
export type { RerunAction } from './components/shared/events.js';
export type { RerunSource } from './components/task-form/rerun.js';
