/**
 * The run view's code, a chunk of its own in the script-tag bundle (lazy-run-view.ts imports it):
 * how a run is drawn (render-run.ts; its header also for a run opened from a batch and the parts it draws: header, progress, controls, ending,
 * answer, field view, log, timeline), its styles, and what its buttons do (run-actions.ts). A `<task-stream>` that shows
 * no run does not download it.
 */
export { LogView } from './render-log.js';
export { renderRun } from './render-run.js';
export { renderOutput } from './render-output.js';
export { renderHeader } from './render-header.js';
export { copyText } from './notices.js';
export { RunActions } from './run-actions.js';
export { revealEvent } from './reveal-event.js';
export { TimelineSlot } from './timeline-slot.js';
export { runViewStyles } from './task-stream.styles.js';
