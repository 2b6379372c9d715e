// Reloading an evicted run's events carries credentials, so a redirect must never be followed.
import { expect } from '@open-wc/testing';
import { fetchRunEvents } from '../../../src/core/store/restore-events.js';
import type { EndpointConfig } from '../../../src/core/client/api-request.js';
import type { TaskRun } from '../../../src/core/providers/task-event.js';
import { RedirectRefusedError } from '../../../src/core/errors.js';
import { globalFetch } from '../../../src/core/util/environment.js';

const run = { id: 'trun_x', provider: 'parallel' } as TaskRun;

describe('restore events', () => {
  it('refuses a redirect on the Parallel replay instead of sending the key to another origin', async () => {
    const inits: RequestInit[] = [];
    const endpoint: EndpointConfig = {
      provider: 'parallel',
      baseUrl: '/api/parallel',
      auth: { mode: 'api-key', apiKey: 'sk-test' },
      fetch: async (_input, init) => {
        inits.push(init ?? {});
        return new Response(null, { status: 302, headers: { location: 'https://evil.example/' } });
      },
    };
    let error: unknown;
    try {
      await fetchRunEvents(run, endpoint);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RedirectRefusedError);
    expect(inits).to.have.length(1);
    expect(inits[0].redirect).to.equal('manual');
  });

  it('the global fetch does not follow redirects unless the caller asks', async () => {
    const original = globalThis.fetch;
    const seen: (RequestInit | undefined)[] = [];
    globalThis.fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(init);
      return new Response('');
    }) as typeof fetch;
    try {
      await globalFetch('/x');
      await globalFetch('/y', { redirect: 'follow' });
    } finally {
      globalThis.fetch = original;
    }
    expect(seen.map((init) => init?.redirect)).to.deep.equal(['manual', 'follow']);
  });
});
