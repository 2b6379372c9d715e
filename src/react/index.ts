/**
 * task-elements/react: `<TaskForm>`, `<TaskStream>` and `<TaskHistory>` for React 18 and 19, made with
 * `@lit/react`'s `createComponent`. Properties (`provider`, `proxyUrl`, `authMode`, `store`, `apiKey`,
 * `runId`) are set as element *properties*, never as attributes (so `apiKey` never reaches the DOM or
 * server-rendered HTML), and every `task-*` event has a typed `onTask…` prop.
 *
 * Importing this module registers the three tags (like `task-elements/define`); on a server there is no
 * `customElements` registry, so the import only builds the components and the element markup renders
 * without properties. React is an optional peer dependency of this entry only.
 *
 * @example
 * import { TaskForm, TaskStream } from 'task-elements/react';
 * <TaskForm provider="shannon" apiKey={key} onTaskCreated={(e) => setRunId(e.runId)} />
 * <TaskStream runId={runId} onTaskComplete={(e) => setStatus(e.status)} />
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { defineTaskElements } from '../components/registration.js';
import type {
  TaskAuthEvent, TaskCompleteEvent, TaskConnectionEvent, TaskCreatedEvent, TaskErrorEvent, TaskProgressEvent, TaskRerunEvent,
  TaskSelectEvent, TaskStateEvent, TaskSubmitEvent,
} from '../components/shared/events.js';
import { TaskFormElement } from '../components/task-form/task-form.js';
import { TaskHistoryElement } from '../components/task-history/task-history.js';
import { TaskStreamElement } from '../components/task-stream/task-stream.js';

defineTaskElements();

const onTaskError = 'task-error' as EventName<TaskErrorEvent>;
/** `auth-mode="oauth"`: signed in, signed out, or a sign-in failed. */
const onTaskAuth = 'task-auth' as EventName<TaskAuthEvent>;

/** `<task-form>`: submits a task. Events: `onTaskSubmit` (cancelable), `onTaskCreated`, `onTaskError`, `onTaskAuth`. */
export const TaskForm = createComponent({
  react: React,
  tagName: 'task-form',
  elementClass: TaskFormElement,
  displayName: 'TaskForm',
  events: {
    onTaskSubmit: 'task-submit' as EventName<TaskSubmitEvent>,
    onTaskCreated: 'task-created' as EventName<TaskCreatedEvent>,
    onTaskError,
    onTaskAuth,
  },
});

/**
 * `<task-stream>`: one run, live. Events: `onTaskState`, `onTaskProgress`, `onTaskComplete`,
 * `onTaskConnection`, `onTaskError`.
 */
export const TaskStream = createComponent({
  react: React,
  tagName: 'task-stream',
  elementClass: TaskStreamElement,
  displayName: 'TaskStream',
  events: {
    onTaskState: 'task-state' as EventName<TaskStateEvent>,
    onTaskProgress: 'task-progress' as EventName<TaskProgressEvent>,
    onTaskComplete: 'task-complete' as EventName<TaskCompleteEvent>,
    onTaskConnection: 'task-connection' as EventName<TaskConnectionEvent>,
    onTaskError,
    onTaskAuth,
  },
});

/** `<task-history>`: the runs of a store. Events: `onTaskSelect`, `onTaskRerun`, `onTaskError`. */
export const TaskHistory = createComponent({
  react: React,
  tagName: 'task-history',
  elementClass: TaskHistoryElement,
  displayName: 'TaskHistory',
  events: {
    onTaskSelect: 'task-select' as EventName<TaskSelectEvent>,
    onTaskRerun: 'task-rerun' as EventName<TaskRerunEvent>,
    onTaskError,
    onTaskAuth,
  },
});

export type TaskFormProps = React.ComponentProps<typeof TaskForm>;
export type TaskStreamProps = React.ComponentProps<typeof TaskStream>;
export type TaskHistoryProps = React.ComponentProps<typeof TaskHistory>;

export type {
  TaskSubmitEvent, TaskCreatedEvent, TaskSelectEvent, TaskRerunEvent, TaskStateEvent, TaskProgressEvent,
  TaskCompleteEvent, TaskConnectionEvent, TaskErrorEvent, TaskAuthEvent, TaskAuthState,
} from '../components/shared/events.js';
export type { ProviderName, AuthMode, TaskRun, TaskEvent, TaskStatus, TaskOutput, RunError } from '../core/index.js';
