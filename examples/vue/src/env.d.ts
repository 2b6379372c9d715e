/// <reference types="vite/client" />
// The task-* tags as typed global components: vue-tsc checks their props and @task-* handlers.
/// <reference types="task-elements/vue" />
