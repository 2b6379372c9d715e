/**
 * task-elements/vue — types only: the three tags as Vue `GlobalComponents`, so `vue-tsc` and the Vue
 * language tools check their props and `@task-*` handlers. Enable it once, e.g. in `src/env.d.ts`:
 * `/// <reference types="task-elements/vue" />`, or `import type {} from 'task-elements/vue'`.
 *
 * Tell the compiler the tags are custom elements
 * (`vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('task-') } } })`) and
 * register them before mounting (`import 'task-elements/define'`): Vue then sets `:api-key` /
 * `.apiKey` as the `apiKey` *property*. Bound before the tags are defined it would become an
 * attribute, which the elements remove and never read.
 */
import type { DefineComponent } from 'vue';
import type {
  CamelHandlers, TaskElementProperties, TaskFormEventMap, TaskHistoryEventMap, TaskHistoryProperties,
  TaskStreamEventMap, TaskStreamProperties,
} from './element-types.js';

export type TaskFormVueProps = TaskElementProperties & CamelHandlers<TaskFormEventMap>;
export type TaskStreamVueProps = TaskStreamProperties & CamelHandlers<TaskStreamEventMap>;
export type TaskHistoryVueProps = TaskHistoryProperties & CamelHandlers<TaskHistoryEventMap>;

declare module 'vue' {
  interface GlobalComponents {
    'task-form': DefineComponent<TaskFormVueProps>;
    'task-stream': DefineComponent<TaskStreamVueProps>;
    'task-history': DefineComponent<TaskHistoryVueProps>;
  }
}
