/**
 * Requests one normal completed run costs, per provider, against the real mock (happy scenario,
 * default tuning apart from speed): every request is counted until the run is final and the
 * connection has settled, plus a quiet second in which nothing more may be sent.
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
  release();
  store.dispose();
  return requests;
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
      const requests = await measure(provider);
      expect(requests.length, requests.join(', ')).to.be.at.most(BUDGET[provider].count);
    });
  }
});
