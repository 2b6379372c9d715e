/**
 * The only module with side effects: registers `<task-form>`, `<task-stream>` and `<task-history>`.
 * A tag that is already defined (another copy of the library, or the page's own element) is left
 * alone, so loading the bundle twice is harmless.
 */
import { defineTaskElements } from './components/registration.js';

defineTaskElements();
