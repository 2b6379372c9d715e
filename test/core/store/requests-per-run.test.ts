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

describe('requests per normal completed run (figures for the notes)', () => {
  for (const provider of ['parallel', 'shannon'] as const) {
    it(`${provider}: a completed run costs at most 3 requests (create, stream, final status) and none after it ended`, async () => {
      const requests = await measure(provider);
      // Measured: parallel 2 (create, one stream), shannon 3 (create, one stream, the final status).
      expect(requests.length, requests.join(', ')).to.be.at.most(3);
    });
  }
});
