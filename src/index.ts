/**
 * task-elements: named exports only, no side effects. Import `task-elements/define` to register
 * the elements, or `task-elements/core` for the DOM-free store and clients alone.
 */
export * from './core/index.js';
