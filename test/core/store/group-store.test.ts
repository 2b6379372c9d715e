/**
 * The group store against the real mock (/mock): a batch is recorded with the start of each
 * input, followed to its end by one connection, and resumed after a "reload" (a new store over the
 * same storage) from the saved event_id.
 */
import { expect } from '@open-wc/testing';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import { createGroupStore, inputPreview } from '../../../src/core/store/group-store.js';
import { createMemoryStorage } from '../../../src/core/store/memory-storage.js';
import { delay, until } from '../../support/scripted-stream.js';

const KEY = 'mock-test-key';

function endpointWithLog(): { endpoint: () => EndpointConfig; requests: string[] } {
  const requests: string[] = [];
  const fetchLogged = (input: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${input.replace(/^\/mock/, '')}`);
    return fetch(input, init);
  };
  const config: EndpointConfig = { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY }, fetch: fetchLogged };
  return { endpoint: () => config, requests };
}

describe('group store', () => {
  it('keeps the start of each input: text as is, objects as field: value pairs, cut at 80 characters', () => {
    expect(inputPreview('  Acme\n Corp ')).to.equal('Acme Corp');
    expect(inputPreview({ company: 'Acme', year: 2024 })).to.equal('company: Acme, year: 2024');
    expect(inputPreview('x'.repeat(100))).to.have.length(80);
  });

  it('records a submitted batch, selects it, and follows it to the end with one connection however many watch it', async () => {
    const { endpoint, requests } = endpointWithLog();
    const store = createGroupStore(`g-${Date.now()}`, createMemoryStorage());
    const group = await store.submit({ inputs: ['Acme', { company: 'Globex' }], processor: 'lite', metadata: { mock_speed: 40 } }, endpoint());
    expect(store.selectedId).to.equal(group.groupId);
    expect(group.runIds.map((id) => group.previews[id])).to.deep.equal(['Acme', 'company: Globex']);
    const releases = [store.watch(group.groupId, endpoint), store.watch(group.groupId, endpoint)];
    await until(() => store.tracker(group.groupId)?.status?.active === false, 10_000, 'the batch to finish');
    expect(store.tracker(group.groupId)?.status?.counts).to.deep.equal({ completed: 2 });
    expect(requests.filter((r) => r.includes('/events'))).to.have.length(1);
    releases.forEach((release) => release());
    expect(store.watch(group.groupId, endpoint)).to.be.a('function');
    await delay(100);
    expect(requests.filter((r) => r.includes('/events')), 'a finished batch needs no connection').to.have.length(1);
  });

  it('resumes after a reload from the saved event_id: the next store asks only for what came after', async () => {
    const storage = createMemoryStorage();
    const name = `g-reload-${Date.now()}`;
    const first = endpointWithLog();
    const before = createGroupStore(name, storage);
    const group = await before.submit({ inputs: ['A', 'B', 'C'], processor: 'lite', metadata: { mock_speed: 6 } }, first.endpoint());
    const release = before.watch(group.groupId, first.endpoint);
    await until(() => (before.tracker(group.groupId)?.lastEventId ?? '') !== '', 5000, 'a first event');
    release();
    await delay(400); // the store saves within 250 ms
    const saved = before.tracker(group.groupId)!.lastEventId!;
    const second = endpointWithLog();
    const after = createGroupStore(name, storage);
    expect(after.selectedId).to.equal(group.groupId);
    expect(after.tracker(group.groupId)?.lastEventId).to.equal(saved);
    after.watch(group.groupId, second.endpoint);
    await until(() => after.tracker(group.groupId)?.status?.active === false, 10_000, 'the batch to finish');
    expect(second.requests[0]).to.equal(`GET /v1/tasks/groups/${group.groupId}/events?last_event_id=${saved}`);
    expect(after.tracker(group.groupId)?.status?.counts).to.deep.equal({ completed: 3 });
  });
});
