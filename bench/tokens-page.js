// Runs in Chromium (driven by scripts/bench-tokens.mjs): token streams at scale (issue 15 §3).
// <task-stream> from the production bundle, with the default persistence (run index in
// localStorage, event log in IndexedDB), shows a Shannon stream of one-character deltas from three
// agents, or the Parallel run of the stream bench, either flooded or at a steady 100 events/s.
import { createTaskStore, loadTaskElements, registerTaskStore } from '/dist/task-elements.bundle.js';
import { tokenStream } from '/bench/token-text.js';
import { countElements, observeLongTasks } from '/bench/page-measures.js';

await loadTaskElements(['task-stream']);

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
/**
 * Resolves just after the next frame was rendered (a task posted from its animation frame callback)
 * with the frame's start (the animation frame's timestamp) and the time after its paint.
 */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame((frame) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve({ frame, painted: performance.now() });
  channel.port2.postMessage(null);
}));

// When each event's bytes reached the page: the body of a bench stream is read through a
// TransformStream that stamps each network chunk and the event numbers in it.
const received = new Map();
const originalFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const response = await originalFetch(input, init);
  const url = typeof input === 'string' ? input : input.url;
  if (!url.includes('/bench/tokens/steady/') || !response.body) return response;
  const decoder = new TextDecoder();
  const stamp = new TransformStream({
    transform(chunk, controller) {
      const at = performance.now();
      for (const match of decoder.decode(chunk, { stream: true }).matchAll(/"seq":(\d+)|Step (\d+):/g)) {
        received.set(Number(match[1] ?? match[2]), at);
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(stamp), { status: response.status, statusText: response.statusText, headers: response.headers });
};

const RUNS = { shannon: 'task-bench-tokens', parallel: 'trun_bench' };

/** A <task-stream> showing a new run of `provider`, streamed from `path`; events counted as applied. */
function mount(provider, path) {
  const store = createTaskStore({ name: `tokens-${provider}-${Date.now()}`, connection: { statusPollMs: 0 } });
  registerTaskStore(store);
  const runId = RUNS[provider];
  store.addRun({ id: runId, provider, status: 'running', createdAt: new Date().toISOString() });
  const el = document.createElement('task-stream');
  el.store = store.name;
  el.provider = provider;
  el.runId = runId;
  el.proxyUrl = path;
  const counted = { applied: 0 };
  el.addEventListener('task-progress', (event) => {
    for (const e of event.events) if (e.kind === 'text-delta' || e.kind === 'message') counted.applied++;
  });
  return { store, el, runId, counted };
}

const wait = async (condition) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
};

/** The text of each agent, from the run's stored events (what the store assembled). */
function assembled(store, runId) {
  const texts = {};
  for (const event of store.getEvents(runId)) {
    if (event.kind === 'text-delta') texts[event.agent] = (texts[event.agent] ?? '') + event.text;
  }
  return texts;
}

/** The text each agent's live block shows (`part="live-text"`, its tail for a long text). */
function shownTexts(el) {
  const out = {};
  for (const block of el.shadowRoot.querySelectorAll('[part~="live-text"]')) {
    out[block.dataset.agent] = block.querySelector('.live-body').textContent;
  }
  return out;
}

/**
 * `count` events flooded into <task-stream>: time until all are applied and painted, the longest
 * main-thread task, the shadow DOM's size, and (Shannon) whether each agent's assembled and shown
 * text is exactly what was sent. `heap()` (from the driver) gives the heap after a full GC, in bytes.
 */
export async function benchFlood(provider, count) {
  const heapBefore = await window.benchHeap();
  const { store, el, runId, counted } = mount(provider, `/bench/tokens/flood/${provider}/${count}`);
  const stop = observeLongTasks();
  const started = performance.now();
  document.body.append(el);
  await wait(() => counted.applied >= count);
  await nextFrame();
  const elapsed = performance.now() - started;
  const longTasks = stop();
  await store.settled();
  const result = {
    elapsedMs: elapsed,
    longestTaskMs: Math.max(0, ...longTasks),
    longTasks: longTasks.length,
    events: store.getEvents(runId).length,
    shadowElements: countElements(el.shadowRoot),
  };
  if (provider === 'shannon') {
    const { texts } = tokenStream(count);
    const got = assembled(store, runId);
    const shown = shownTexts(el);
    result.answerExact = Object.keys(texts).every((agent) => got[agent] === texts[agent]);
    // The live block shows the text's tail: it must end with the sent text's end, exactly.
    result.shownExact = Object.keys(texts).every((agent) => {
      const text = shown[agent] ?? '';
      const tail = text.startsWith('…') ? text.slice(1) : text;
      return tail.length > 0 && texts[agent].endsWith(tail) && (tail.length === texts[agent].length || text.startsWith('…'));
    });
    result.characters = Object.values(texts).reduce((total, text) => total + text.length, 0);
  }
  result.heapGrowthBytes = (await window.benchHeap()) - heapBefore;
  el.remove();
  return result;
}

/**
 * `count` events at a steady 100 events/s: for each, the time from its bytes reaching the page to
 * the frame that shows it (Shannon: the agent's live text holds its character; Parallel: its
 * message is the newest row), measured two ways: to the start of that frame (its animation frame
 * timestamp: under one frame means shown in the first frame after the bytes arrived), and to just
 * after that frame was painted (which adds the frame's own rendering and the wait for it).
 */
export async function benchSteady(provider, count) {
  received.clear();
  const { store, el } = mount(provider, `/bench/tokens/steady/${provider}/${count}`);
  const stop = observeLongTasks();
  document.body.append(el);
  const toFrame = [];
  const toPaint = [];
  let firstFrame = 0;
  const painted = provider === 'shannon' ? shannonPainted(el, count) : parallelPainted(el);
  let done = 0;
  let previous = 0;
  while (done < count) {
    const { frame, painted: at } = await afterPaint();
    for (const n of painted()) {
      const sent = received.get(n);
      done++;
      if (sent === undefined) continue;
      toFrame.push(Math.max(0, frame - sent));
      toPaint.push(at - sent);
      // Shown in the first frame that started after its bytes arrived (no frame went by without it).
      if (sent >= previous) firstFrame++;
    }
    previous = frame;
  }
  const longTasks = stop();
  await store.settled();
  el.remove();
  const pick = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))];
  return {
    samples: toFrame.length,
    p50Ms: pick(toFrame, 0.5), p95Ms: pick(toFrame, 0.95), maxMs: pick(toFrame, 1),
    paintP50Ms: pick(toPaint, 0.5), paintP95Ms: pick(toPaint, 0.95),
    nextFrameShare: firstFrame / toFrame.length,
    longestTaskMs: Math.max(0, ...longTasks),
  };
}

/** Returns a function that lists the seqs newly on screen since it was last called. */
function shannonPainted(el, count) {
  const { events, texts } = tokenStream(count);
  // Per agent: the seq of each character, and the text shown after it (the tail, as rendered).
  const byAgent = {};
  for (const event of events) (byAgent[event.agent] ??= []).push(event.seq);
  const prefixes = {};
  for (const [agent, text] of Object.entries(texts)) {
    const chars = [...text];
    let length = 0;
    prefixes[agent] = chars.map((c) => (length += c.length));
  }
  const next = Object.fromEntries(Object.keys(byAgent).map((agent) => [agent, 0]));
  return () => {
    const out = [];
    const shown = shownTexts(el);
    for (const [agent, seqs] of Object.entries(byAgent)) {
      const text = shown[agent];
      if (text === undefined) continue;
      const tail = text.startsWith('…') ? text.slice(1) : text;
      // The newest character shown: the first k (from the last one seen) whose prefix ends with the tail.
      for (let k = seqs.length - 1; k >= next[agent]; k--) {
        const end = prefixes[agent][k];
        if (texts[agent].slice(0, end).endsWith(tail) && (text.startsWith('…') || end === tail.length)) {
          for (let i = next[agent]; i <= k; i++) out.push(seqs[i]);
          next[agent] = k + 1;
          break;
        }
      }
    }
    return out;
  };
}

function parallelPainted(el) {
  let next = 0;
  return () => {
    const rows = el.shadowRoot.querySelectorAll('[part~="event"]');
    const match = /Step (\d+):/.exec(rows[rows.length - 1]?.textContent ?? '');
    if (!match) return [];
    const newest = Number(match[1]);
    const out = [];
    for (; next <= newest; next++) out.push(next);
    return out;
  };
}
