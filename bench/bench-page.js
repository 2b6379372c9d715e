// Runs in Chromium (driven by scripts/bench.mjs). Measures how a page copes with 10,000 streamed
// events: <task-stream> from the production bundle versus a naive baseline that appends an HTML
// string per event and scrolls to it (the pattern of the reference apps).
import { createTaskStore, loadTaskElements, registerTaskStore } from '/dist/task-elements.bundle.js';
import { countElements, observeLongTasks } from '/bench/page-measures.js';

// The bundle defines each tag when it is first used; the bench creates its element by script.
await loadTaskElements(['task-stream']);
// `?reload=<store>&run=<id>&events=<n>`: the page shows that stored run as it loads, as a page with
// `<task-stream run-id>` does (no round trip to the driver first); the result is `window.reloadResult`.
const params = new URLSearchParams(location.search);
if (params.has('reload')) window.reloadResult = benchReload(params.get('reload'), params.get('run'), Number(params.get('events')));

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

// Bytes handed to storage by the default persistence: IndexedDB records (their JSON size) and
// localStorage items (UTF-16: 2 bytes per code unit, as browsers count the quota).
const written = { idb: 0, local: 0 };
for (const method of ['add', 'put']) {
  const original = IDBObjectStore.prototype[method];
  IDBObjectStore.prototype[method] = function (value, key) {
    written.idb += JSON.stringify(value).length;
    return original.call(this, value, key);
  };
}
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  written.local += (String(key).length + String(value).length) * 2;
  return setItem.call(this, key, value);
};

/** Streams `count` events into <task-stream> with the default persistence (localStorage + IndexedDB). */
export async function benchComponent(count) {
  const store = createTaskStore({ name: `bench-${Date.now()}`, connection: { statusPollMs: 0 } });
  registerTaskStore(store);
  const runId = `trun_bench_${count}`;
  store.addRun({ id: runId, provider: 'parallel', status: 'running', createdAt: new Date().toISOString() });
  const el = document.createElement('task-stream');
  el.store = store.name;
  el.runId = runId;
  el.proxyUrl = `/bench/sse/${count}`;
  const stop = observeLongTasks();
  const started = performance.now();
  document.body.append(el);
  while (el.shadowRoot?.querySelector('[part~="output"]') === null || el.shadowRoot === null || el.events.length < count + 2) {
    await new Promise((r) => setTimeout(r, 5));
  }
  await nextFrame();
  const elapsed = performance.now() - started;
  const longTasks = stop();
  await store.settled();
  const eventBytes = store.getEvents(runId).reduce((total, event) => total + JSON.stringify(event).length, 0);
  const result = {
    elapsedMs: elapsed,
    longestTaskMs: Math.max(0, ...longTasks),
    longTasks: longTasks.length,
    events: el.events.length,
    shadowElements: countElements(el.shadowRoot),
    store: store.name,
    runId,
    bytesPerEvent: (written.idb + written.local) / el.events.length,
    idbBytesPerEvent: written.idb / el.events.length,
    localBytesPerEvent: written.local / el.events.length,
    eventJsonBytesPerEvent: eventBytes / el.events.length,
  };
  el.remove();
  return result;
}

/**
 * A page load showing a finished run of `count` events saved by {@link benchComponent}, in
 * milliseconds from navigation start (the reload): to the first frame painted with the run's header
 * and its log (a finished run's log is one line, `log-summary`; a long log is read newest first, in
 * slices, after that), and to the moment all `count` events are in the store.
 */
export async function benchReload(name, runId, count) {
  const store = createTaskStore({ name });
  registerTaskStore(store);
  const el = document.createElement('task-stream');
  el.store = name;
  el.runId = runId;
  document.body.append(el);
  const tick = () => new Promise((r) => setTimeout(r, 1));
  while (!el.shadowRoot?.querySelector('[part~="status"]') || !el.shadowRoot.querySelector('[part~="event"], [part~="log-summary"]')) await tick();
  await new Promise((r) => requestAnimationFrame(r));
  const firstPaint = performance.now();
  const eventsAtFirstPaint = el.events.length;
  while (el.events.length < count) await tick();
  const allEvents = performance.now();
  return { firstPaintMs: firstPaint, allEventsMs: allEvents, eventsAtFirstPaint, events: el.events.length, status: el.run?.status };
}

export async function benchBaseline(count) {
  const container = document.createElement('div');
  container.style.cssText = 'height: 400px; overflow: auto';
  document.body.append(container);
  const stop = observeLongTasks();
  const started = performance.now();
  const response = await fetch(`/bench/sse/${count}/v1/tasks/runs/x/events`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let events = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop();
    for (const line of lines) {
      if (!line.startsWith('data: ')) continue;
      const data = JSON.parse(line.slice(6));
      container.insertAdjacentHTML('beforeend', `<div class="event"><b>${data.type}</b> ${data.message ?? ''}</div>`);
      container.lastElementChild.scrollIntoView();
      events++;
    }
  }
  await nextFrame();
  const elapsed = performance.now() - started;
  const longTasks = stop();
  const result = { elapsedMs: elapsed, longestTaskMs: Math.max(0, ...longTasks), longTasks: longTasks.length, events, shadowElements: countElements(container) };
  container.remove();
  return result;
}
