/**
 * The connection budget (issue 14 §1, core/tabs/stream-slots.ts): with ten active runs watched
 * in one page, never more than the budget of streams is open at once (default 4), the run the page
 * shows takes a stream first, and the runs that wait are polled and still complete. Real Web Locks,
 * the real mock over HTTP; open streams are counted where the page reads them.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore, type TaskStore } from '../../../src/core/store/task-store.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';

/** Tracks the run streams open right now (response received, body not yet ended or aborted). */
function openStreams() {
  const open = new Set<string>();
  const streamed = new Set<string>();
  let max = 0;
  let n = 0;
  const counting = async (input: string, init?: RequestInit): Promise<Response> => {
    const runId = /\/runs\/([^/?]+)\/events/.exec(input)?.[1];
    const response = await fetch(input, init);
    if (!runId || !response.body) return response;
    const key = `${runId}#${n++}`;
    open.add(key);
    streamed.add(runId);
    max = Math.max(max, open.size);
    const done = (): void => void open.delete(key);
    init?.signal?.addEventListener('abort', done, { once: true });
    const body = response.body.pipeThrough(new TransformStream({ flush: done }));
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch: counting, open, streamed, max: () => max, isOpen: (runId: string) => [...open].some((k) => k.startsWith(`${runId}#`)) };
}

const endpoint = (fetchFn: EndpointConfig['fetch']): EndpointConfig => ({ provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY }, fetch: fetchFn });

async function createRuns(count: number, speed: number): Promise<TaskRun[]> {
  const creator = createTaskStore({ persistence: 'memory', shareConnections: 'none' });
  const runs: TaskRun[] = [];
  for (let i = 0; i < count; i++) runs.push(await creator.submit({ input: `Acme Corporation acquisitions ${i}`, processor: 'lite', metadata: { mock_speed: speed } }, endpoint(fetch)));
  creator.dispose();
  return runs;
}

describe('the connection budget', () => {
  it('ten active runs watched in one page: at most 4 streams open at once, the shown run streams first, the others are polled and every run completes', async function () {
    this.timeout(60_000);
    const tracker = openStreams();
    const store: TaskStore = createTaskStore({ name: `budget-${Math.random().toString(36).slice(2)}`, persistence: 'memory', shareConnections: 'auto', tabTuning: { queuedPollMs: 300 } });
    const runs = await createRuns(10, 0.5);
    for (const run of runs) store.addRun({ ...run });
    const releases = runs.map((run) => store.watch(run.id, () => endpoint(tracker.fetch)));
    const queued = () => runs.filter((run) => store.getConnection(run.id)?.queued);
    await until(() => tracker.open.size === 4 && queued().length === 6, 10_000, 'four streams open, six runs waiting');
    const waiting = queued();
    const shown = waiting[waiting.length - 1]!;
    store.select(shown.id);
    await until(() => tracker.isOpen(shown.id), 4000, 'the shown run gets a stream');
    expect(tracker.open.size, 'still within the budget').to.be.at.most(4);
    await until(() => runs.every((run) => store.getRun(run.id)!.status === 'completed' && store.getConnection(run.id)?.state === 'closed'), 50_000, 'every run completes');
    expect(tracker.max(), 'most streams open at once').to.be.at.most(4);
    for (const run of runs) expect(store.getRun(run.id)!.output, `${run.id} has its output`).to.not.equal(undefined);
    console.log(`budget: ${tracker.streamed.size} of 10 runs streamed, at most ${tracker.max()} at once`);
    releases.forEach((release) => release());
    store.dispose();
  });

  it('a store with maxStreams 2 opens at most 2', async function () {
    this.timeout(60_000);
    const tracker = openStreams();
    const store = createTaskStore({ name: `budget2-${Math.random().toString(36).slice(2)}`, persistence: 'memory', shareConnections: 'auto', maxStreams: 2, tabTuning: { queuedPollMs: 300 } });
    const runs = await createRuns(4, 1);
    for (const run of runs) store.addRun({ ...run });
    const releases = runs.map((run) => store.watch(run.id, () => endpoint(tracker.fetch)));
    await until(() => runs.every((run) => store.getRun(run.id)!.status === 'completed' && store.getConnection(run.id)?.state === 'closed'), 50_000, 'every run completes');
    expect(tracker.max()).to.be.at.most(2);
    releases.forEach((release) => release());
    store.dispose();
  });
});
