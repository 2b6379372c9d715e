// Runs in Chromium (driven by scripts/bench.mjs): a page load with `count` runs already stored by the
// default persistence (run index in IndexedDB), shown by <task-history> from the production bundle,
// versus a baseline that renders every run (the same row markup, one string per run).
import { createTaskStore, loadTaskElements, registerTaskStore } from '/dist/task-elements.bundle.js';
import { countElements } from '/bench/page-measures.js';

const STATUSES = ['completed', 'completed', 'completed', 'failed', 'cancelled', 'completed', 'timeout', 'completed'];
const TOPICS = ['battery recycling', 'EU fintech licences', 'sodium-ion suppliers', 'clinical trial registries', 'open-source LLM licences'];

/**
 * Writes `count` finished runs under store `name` in the localStorage format of earlier versions
 * (version 1, newest first), ~450 characters each: what `count` runs submitted from this page would
 * have left behind. {@link migrateHistory} then moves them into IndexedDB, as a first page load does.
 */
export function seedHistory(name, count) {
  const start = Date.now() - count * 60_000;
  const runs = [];
  for (let i = count - 1; i >= 0; i--) {
    const status = STATUSES[i % STATUSES.length];
    const createdAt = new Date(start + i * 60_000).toISOString();
    const topic = TOPICS[i % TOPICS.length];
    const shannon = i % 3 === 0;
    const input = `Question ${i}: compare the five largest companies in ${topic} by revenue, with sources for each figure`;
    runs.push({
      id: shannon ? `task-${i.toString(16).padStart(8, '0')}-bench` : `trun_${i.toString(16).padStart(12, '0')}`,
      provider: shannon ? 'shannon' : 'parallel',
      status,
      apiStatus: shannon ? `TASK_STATUS_${status.toUpperCase()}` : status,
      createdAt,
      updatedAt: createdAt,
      ...(shannon ? { mode: 'standard' } : { processor: 'core' }),
      input,
      ...(status === 'completed' ? { output: { type: 'text', content: `Answer ${i}: the five largest companies in ${topic} are listed below.`, basis: [] } } : {}),
    });
  }
  localStorage.setItem(`task-elements:${name}`, JSON.stringify({ v: 1, runs }));
  return JSON.stringify(runs).length;
}

/**
 * The first page load after an update: the store moves the localStorage index into IndexedDB.
 * Resolves with that load's longest main-thread task and how long until every run was listed (ms).
 */
export async function migrateHistory(name) {
  const start = performance.now();
  const store = createTaskStore({ name });
  await store.ready();
  await store.settled();
  const ms = performance.now() - start;
  store.dispose();
  await new Promise((r) => setTimeout(r, 100));
  return { ms, longestTaskMs: Math.max(0, ...window.longTasks), runs: store.getRuns().length, left: localStorage.getItem(`task-elements:${name}`) !== null };
}

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

const escape = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The baseline: every run rendered, with the markup of one history row (option + its buttons). */
function renderAll(container, runs) {
  const rows = runs.map((run) => `<div role="option" class="item" aria-selected="false" tabindex="-1">
    <div class="item-head"><span class="badge">${escape(run.status)}</span><span class="meta"><span>${escape(run.provider)}</span><span>${escape(run.processor ?? run.mode)}</span><time>${escape(run.createdAt)}</time></span></div>
    <div class="preview">${escape(run.input)}</div><div class="run-id">${escape(run.id)}</div></div>`);
  const actions = runs.map(() => '<div role="group"><button type="button">Re-run</button><button type="button">Delete</button></div>');
  container.innerHTML = `<div role="listbox" aria-label="Runs">${rows.join('')}</div><div>${actions.join('')}</div>`;
}

/**
 * Loads store `name` (seeded by {@link seedHistory}) and shows it: `kind` `element` is <task-history>,
 * `baseline` the list of every run. Resolves with the milliseconds from the list's connection to the
 * first frame with items, the longest main-thread task since the page started loading (until every
 * stored run is listed), and the elements rendered.
 */
export async function benchHistory(name, count, kind) {
  await loadTaskElements(['task-history']);
  const storeStart = performance.now();
  const store = createTaskStore({ name });
  registerTaskStore(store);
  const storeMs = performance.now() - storeStart;
  const connected = performance.now();
  let root;
  let listed;
  if (kind === 'element') {
    const el = document.createElement('task-history');
    el.store = name;
    document.body.append(el);
    root = el.shadowRoot;
    while (!root.querySelector('[role="option"]')) await new Promise((r) => setTimeout(r, 1));
    listed = () => store.getRuns().length === count && root.querySelector('.count')?.textContent.includes(count.toLocaleString());
  } else {
    const host = document.createElement('div');
    host.style.cssText = 'display: block; max-height: 32rem; overflow: auto';
    document.body.append(host);
    root = host;
    const runs = await waitFor(() => (store.getRuns().length === count ? store.getRuns() : undefined));
    renderAll(host, runs);
    listed = () => true;
  }
  await frame();
  const firstItemsMs = performance.now() - connected;
  await waitFor(listed);
  const listedMs = performance.now() - connected;
  await frame();
  await new Promise((r) => setTimeout(r, 300)); // lazily loaded code and deferred work settle
  await frame();
  return {
    firstItemsMs,
    storeMs,
    listedMs,
    longestTaskMs: Math.max(0, ...window.longTasks),
    longTasks: window.longTasks.filter((d) => d > 50).length,
    elements: countElements(root),
    runs: store.getRuns().length,
  };
}

async function waitFor(check) {
  for (;;) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 2));
  }
}
