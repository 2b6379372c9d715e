/** What the bench pages measure in the page itself: long tasks while a measure runs, and the DOM's size. */

/** Starts recording long tasks (PerformanceObserver `longtask`); the returned function stops and gives their durations in ms. */
export function observeLongTasks() {
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  return () => {
    observer.disconnect();
    return tasks;
  };
}

/** The number of elements under `root`, shadow trees included. */
export function countElements(root) {
  let n = 0;
  const walk = (node) => {
    for (const child of node.children) {
      n++;
      walk(child);
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  walk(root);
  return n;
}
