/**
 * task-elements/jsx — types only: the three tags as React 19 JSX intrinsic elements. Enable it once
 * per app, e.g. in `src/vite-env.d.ts` or any `.d.ts`: `/// <reference types="task-elements/jsx" />`,
 * or `import type {} from 'task-elements/jsx'`.
 *
 * React 19 sets a prop as a *property* when the element has it (so import `task-elements/define`
 * before rendering: `apiKey={key}` then reaches the `apiKey` property) and listens for `on` + the
 * event name exactly as written: `ontask-complete`, not `onTaskComplete` — which would listen for an
 * event called `TaskComplete` and never fire. The wrappers of `task-elements/react` take
 * `onTaskComplete` instead, and work in React 18 too.
 */
import type * as React from 'react';
import type { TaskFormElement } from '../components/task-form/task-form.js';
import type { TaskHistoryElement } from '../components/task-history/task-history.js';
import type { TaskStreamElement } from '../components/task-stream/task-stream.js';
import type {
  LowercaseHandlers, TaskElementAttributes, TaskElementProperties, TaskFormEventMap, TaskHistoryAttributes,
  TaskHistoryEventMap, TaskHistoryProperties, TaskStreamAttributes, TaskStreamEventMap, TaskStreamProperties,
} from './element-types.js';

/** Props of a tag in JSX: HTML attributes, the element's properties and attributes, typed handlers. */
export type TaskElementJsxProps<E extends HTMLElement, Props, Attributes, Events> =
  React.DetailedHTMLProps<React.HTMLAttributes<E>, E> & Props & Attributes & LowercaseHandlers<Events> & { class?: string };

export type TaskFormJsxProps = TaskElementJsxProps<TaskFormElement, TaskElementProperties, TaskElementAttributes, TaskFormEventMap>;
export type TaskStreamJsxProps = TaskElementJsxProps<TaskStreamElement, TaskStreamProperties, TaskStreamAttributes, TaskStreamEventMap>;
export type TaskHistoryJsxProps = TaskElementJsxProps<TaskHistoryElement, TaskHistoryProperties, TaskHistoryAttributes, TaskHistoryEventMap>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'task-form': TaskFormJsxProps;
      'task-stream': TaskStreamJsxProps;
      'task-history': TaskHistoryJsxProps;
    }
  }
}
