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
// Localization (issue 15 §2): the typed catalog, the English text as reference, and languages.
export { registerLocale } from './components/shared/i18n/locales.js';
export type { CatalogSource } from './components/shared/i18n/locales.js';
// The English of each part, for translators to start from (the types name every key).
export { commonStrings } from './core/i18n/en.js';
export { historyStrings } from './components/task-history/strings.js';
export { formStrings } from './components/task-form/strings.js';
export { validationStrings } from './core/validation/strings.js';
export { streamStrings } from './components/task-stream/strings.js';
export { streamShellStrings } from './components/task-stream/shell-strings.js';
export { markdownStrings } from './components/shared/markdown-strings.js';
export { errorStrings } from './components/shared/error-strings.js';
export { oauthStrings } from './components/shared/oauth-strings.js';
export type { TaskStrings, PartialTaskStrings, StringKey } from './components/shared/i18n/catalog.js';
export type { Message, PluralMessage } from './core/i18n/messages.js';
