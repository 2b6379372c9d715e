/**
 * Framework-neutral types of the three tags — what can be set on them and which events they fire —
 * from which the React JSX (`task-elements/jsx`) and Vue (`task-elements/vue`) declarations are made.
 * Types only: this module has no runtime code.
 */
import type { AuthMode } from '../core/auth/auth.js';
import type { ProviderName } from '../core/providers/task-event.js';
import type {
  TaskCompleteEvent, TaskConnectionEvent, TaskCreatedEvent, TaskErrorEvent, TaskProgressEvent, TaskRerunEvent,
  TaskSelectEvent, TaskStateEvent, TaskSubmitEvent,
} from '../components/shared/events.js';

/** Properties every element has (design.md "Attributes shared by all three elements", plus `apiKey`). */
export interface TaskElementProperties {
  /** Which API requests and events follow. Default `parallel`. */
  provider?: ProviderName;
  /** Base URL replacing the API origin. Default `/api/parallel` or `/api/shannon`. */
  proxyUrl?: string;
  /** Where credentials go. Default `none` (the proxy adds them). */
  authMode?: AuthMode;
  /** Name of the shared store. Default `default`. */
  store?: string;
  /** The API key: a property only, never an attribute. */
  apiKey?: string;
}

/** The same settings as HTML attributes (no key: keys are never read from attributes). */
export interface TaskElementAttributes {
  provider?: ProviderName;
  'proxy-url'?: string;
  'auth-mode'?: AuthMode;
  store?: string;
}

export interface TaskStreamProperties extends TaskElementProperties {
  /** Show this run; when unset, follow the store's selection. */
  runId?: string | null;
}
export interface TaskStreamAttributes extends TaskElementAttributes {
  'run-id'?: string;
}
export interface TaskHistoryProperties extends TaskElementProperties {
  /** Milliseconds between status refreshes of active runs that no stream shows; 0 disables them. */
  refreshInterval?: number;
}
export interface TaskHistoryAttributes extends TaskElementAttributes {
  'refresh-interval'?: number | string;
}

/** Events of `<task-form>`, by name. */
export interface TaskFormEventMap {
  'task-submit': TaskSubmitEvent;
  'task-created': TaskCreatedEvent;
  'task-error': TaskErrorEvent;
}
/** Events of `<task-stream>`, by name. */
export interface TaskStreamEventMap {
  'task-state': TaskStateEvent;
  'task-progress': TaskProgressEvent;
  'task-complete': TaskCompleteEvent;
  'task-connection': TaskConnectionEvent;
  'task-error': TaskErrorEvent;
}
/** Events of `<task-history>`, by name. */
export interface TaskHistoryEventMap {
  'task-select': TaskSelectEvent;
  'task-rerun': TaskRerunEvent;
  'task-error': TaskErrorEvent;
}

/** `task-created` → `TaskCreated` (for `onTaskCreated` props). */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

/** React 19 listens for `ontask-created` props on custom elements (the name after `on`, as written). */
export type LowercaseHandlers<M> = { [K in keyof M & string as `on${K}`]?: (event: M[K]) => void };
/** Vue (and wrappers) name handlers `onTaskCreated` for the `task-created` event. */
export type CamelHandlers<M> = { [K in keyof M & string as `on${Pascal<K>}`]?: (event: M[K]) => void };
