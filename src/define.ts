/**
 * The only module with side effects: registers the task-elements custom elements, skipping a tag
 * that is already defined (another copy of the library, or a page's own element).
 */
export {};
