/**
 * Long main-thread tasks in tests. Tests run on a shared 2-core machine, and a stray spike can come
 * from elsewhere (another process, a GC of the test page): a behaviour that must not block is tried
 * up to `attempts` times and the best attempt counts, so work that really blocks fails every attempt
 * while one unlucky scheduling does not fail the suite. The 50 ms goal itself is measured by
 * `npm run bench` on the production bundle; tests check that the work is sliced.
 */

/** Long tasks (ms, rounded) while `work` runs and for `settleMs` after. */
export async function longTasksOnce(work: () => Promise<void>, settleMs = 100): Promise<number[]> {
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(Math.round(e.duration))));
  observer.observe({ type: 'longtask' });
  await work();
  await new Promise((r) => setTimeout(r, settleMs));
  observer.takeRecords().forEach((e) => seen.push(Math.round(e.duration)));
  observer.disconnect();
  return seen;
}

/**
 * Runs `attempt(i)` (each attempt sets up its own state and returns the long tasks it saw) until
 * none is over `limitMs`, at most `attempts` times; returns the attempt with the shortest longest task.
 */
export async function bestOfAttempts(attempt: (i: number) => Promise<number[]>, limitMs = 50, attempts = 3): Promise<number[]> {
  let best: number[] | undefined;
  for (let i = 0; i < attempts; i++) {
    const seen = await attempt(i);
    if (!best || Math.max(0, ...seen) < Math.max(0, ...best)) best = seen;
    if (best.every((ms) => ms <= limitMs)) break;
  }
  return best!;
}
