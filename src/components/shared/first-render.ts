/**
 * The first render of an element that shows stored runs (`<task-history>`, `<task-stream>`) waits
 * for its store's first stored runs, for {@link FIRST_RENDER_WAIT_MS} at most (issue 17: a history's
 * first rows; issue 10: a reload's first paint). Rendered at once, the element's empty state ("Loading
 * history…") costs a cold render and a frame (20–50 ms in Chromium with the production bundle) in
 * the very moments the database answers, and the answer then waits for them: measured, the open
 * took 2 ms on an idle page but its result came 40–80 ms after the store was created. Waiting, the
 * store's reads run first and the first render shows the runs.
 */
import type { TaskStore } from '../../core/store/task-store.js';

/** At most this long without a first render while the store reads its newest runs. */
export const FIRST_RENDER_WAIT_MS = 100;

/**
 * Resolves when `store` lists runs or has read everything (or after `withinMs`); undefined when
 * there is nothing to wait for (already loaded, or runs listed), so the render is not deferred.
 */
export function storedRunsListed(store: TaskStore, withinMs = FIRST_RENDER_WAIT_MS): Promise<void> | undefined {
  if (store.loaded || store.getRuns().length) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, withinMs);
    const unsubscribe = store.subscribe((change) => {
      if (change.type === 'runs' || change.type === 'selection') done();
    });
  });
}
