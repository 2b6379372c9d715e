/**
 * The only module with side effects: registers `<task-form>`, `<task-stream>` and `<task-history>`.
 * A tag that is already defined (another copy of the library, or the page's own element) is left
 * alone, so loading the bundle twice is harmless.
 *
 * Its types are the package's (element classes, events, `ProviderName`, …), and importing it brings
 * the `HTMLElementTagNameMap` / `HTMLElementEventMap` entries of the three tags, so
 * `document.querySelector('task-stream')` and `addEventListener('task-complete', …)` are typed
 * (what Angular's template checker uses for `$event`).
 */
import { defineTaskElements } from './components/registration.js';

defineTaskElements();

export type * from './index.js';
