/**
 * Entry of dist/task-elements.bundle.js: registers the elements and re-exports the public API, so a
 * page can both use the tags and `import { getTaskStore } from '.../task-elements.bundle.js'`.
 */
import './define.js';
export * from './index.js';
