/**
 * Entry of dist/task-elements.bundle.js, for a plain `<script type="module">`: a small loader that
 * defines each tag on first use (its code, and markdown or OAuth code, are chunks in
 * `task-elements.chunks/` beside the bundle), plus the store API, so a page can also
 * `import { getTaskStore } from '.../task-elements.bundle.js'`. The element classes are not exported
 * here (that would download all of them): `await loadTaskElements()` then `customElements.get(tag)`,
 * or use the npm package's `task-elements` entry.
 */
import { autoloadTaskElements } from './autoload.js';

if (typeof document !== 'undefined') autoloadTaskElements(document);

export { loadTaskElements, autoloadTaskElements, TASK_TAGS } from './autoload.js';
// The store API the elements run on anyway (no extra download); the rest of the DOM-free API
// (validation, request builders, OAuth) is in the npm package's `task-elements/core`.
export { getTaskStore, registerTaskStore, releaseTaskStore } from './core/store/registry.js';
export { createTaskStore } from './core/store/task-store.js';
// Languages beyond English and German, and site-wide wording (issue 15 §2).
export { registerLocale } from './components/shared/i18n/locales.js';
export {
  TaskElementsError, HttpStatusError, NetworkError, StreamProtocolError, StreamStalledError, ConfigError,
  isTaskElementsError, isHttpStatusError,
} from './core/errors.js';
export {
  TaskSubmitEvent, TaskCreatedEvent, TaskSelectEvent, TaskRerunEvent, TaskStateEvent, TaskProgressEvent,
  TaskCompleteEvent, TaskConnectionEvent, TaskErrorEvent,
} from './components/shared/events.js';
