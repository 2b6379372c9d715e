/**
 * Requests one normal completed run costs, per provider, against the real mock (happy scenario,
 * default tuning apart from speed): every request is counted until the run is final and the
 * connection has settled, plus a quiet second in which nothing more may be sent.
 *
 * A Shannon stream keeps only its newest 256 events, and a simple run publishes ~1,800 (deltas
 * included), at 50× in ~120 ms: a browser slower than that to connect (Firefox under load was)
 * finds the first events gone, as a real client connecting late to a fast run does, and the one
 * honest extra cost is the backfill from the events endpoint — one page of 200 per 200 numbers
 * before the gap's end, and nothing else.
 */
import { expect } from '@open-wc/testing';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import { isTerminalStatus, type ProviderName } from '../../../src/core/providers/task-event.js';
import { delay, until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';

async function measure(provider: ProviderName) {
  const requests: string[] = [];
  const counting = (input: string, init?: RequestInit) => {
    const path = input.replace(/\?.*$/, '');
    requests.push(`${init?.method ?? 'GET'} ${path.replace(/^\/mock/, '')}`);
    return fetch(input, init);
  };
  const store = createTaskStore({ persistence: 'memory' });
  const endpoint = { provider, baseUrl: '/mock', auth: { mode: 'api-key' as const, apiKey: KEY }, fetch: counting };
  const params = provider === 'parallel'
    ? { input: 'Acme Corporation acquisitions', processor: 'lite', metadata: { mock_speed: 50 } }
    : { query: 'Compare Zürich and Geneva', mode: 'simple', context: { mock_speed: 50 } };
  const run = await store.submit(params, endpoint);
  const release = store.watch(run.id, () => endpoint);
  await until(() => isTerminalStatus(store.getRun(run.id)!.status) && store.getConnection(run.id)?.state === 'closed', 20_000, 'the end');
  await delay(1000);
  const gaps = store.getEvents(run.id).flatMap((event) => (event.kind === 'gap' ? [event] : []));
  release();
  store.dispose();
  return { requests, gaps };
}

/**
 * Parallel: create, one stream (its last state event carries the output). Shannon: create, one
 * stream, then the status, which still says RUNNING just after `done` (the workflow sends `done`
 * before it returns; the mock keeps RUNNING for 2.5 s simulated, as v0.5.1 does for seconds), and
 * the check after one backoff wait that confirms COMPLETED.
 */
const BUDGET: Record<ProviderName, { count: number; what: string }> = {
  parallel: { count: 2, what: 'create, stream' },
  shannon: { count: 4, what: 'create, stream, the status still RUNNING after done, the confirming status' },
};

describe('requests per normal completed run (figures for the notes)', () => {
  for (const provider of ['parallel', 'shannon'] as const) {
    it(`${provider}: a completed run costs at most ${BUDGET[provider].count} requests (${BUDGET[provider].what}) and none after it ended`, async () => {
      const { requests, gaps } = await measure(provider);
      const backfills = requests.filter((request) => /^GET \/api\/v1\/tasks\/[^/]+\/events$/.test(request));
      const pagesAllowed = gaps.reduce((pages, gap) => pages + Math.ceil(gap.beforeSeq / 200), 0);
      expect(backfills.length, `backfill pages for gaps ${JSON.stringify(gaps)}`).to.be.at.most(pagesAllowed);
      expect(requests.length - backfills.length, requests.join(', ')).to.be.at.most(BUDGET[provider].count);
    });
  }
});
