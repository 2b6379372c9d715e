/**
 * The proxy's allow-list covers every request the elements make, and nothing drifts: each request
 * the providers build (create, status, events, result, cancel, pause and resume, the persisted
 * events page, and Parallel's task groups) passes `matchRoute` as the elements send it. A route the
 * elements use but the proxy refused made Shannon's Pause do nothing and a reloaded run's events
 * 404 in the demo (a new user's trial).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchRoute } from '../../../server/proxy/proxy-routes.js';
import { buildUrl } from '../../../src/core/client/api-request.js';
import type { ApiRequest } from '../../../src/core/providers/provider.js';
import { addRunsRequest, createGroupRequest, groupEventsRequest, groupRunsRequest, groupStatusRequest } from '../../../src/core/providers/parallel/group-client.js';
import { providerFor } from '../../../src/core/store/providers.js';

const PREFIX = { parallel: '/api/parallel', shannon: '/api/shannon' } as const;

function requestsOf(name: 'parallel' | 'shannon', id: string): Array<[string, ApiRequest]> {
  const p = providerFor(name);
  const params = name === 'parallel' ? { input: 'q', processor: 'lite' } : { query: 'q' };
  const list: Array<[string, ApiRequest | undefined]> = [
    ['create', p.createRequest(params)],
    ['status', p.statusRequest(id)],
    ['events', p.eventsRequest(id)],
    ['result', p.resultRequest(id)],
    ['cancel', p.cancelRequest?.(id)],
    ['pause', p.controlRequest?.(id, 'pause')],
    ['resume', p.controlRequest?.(id, 'resume')],
    ['persisted events page', p.backfillRequest?.(id, 200, 200)],
  ];
  return list.filter((entry): entry is [string, ApiRequest] => entry[1] !== undefined);
}

describe('the proxy forwards every request the elements make', () => {
  for (const [provider, id] of [['parallel', 'trun_0123abcd'], ['shannon', 'task-00000000-1764489600']] as const) {
    for (const [what, request] of requestsOf(provider, id)) {
      it(`${provider}: ${what} (${request.method} ${request.path})`, () => {
        const url = new URL(buildUrl(`http://proxy.test${PREFIX[provider]}`, request.path, request.query));
        assert.doesNotThrow(() => matchRoute(url, request.method, false));
      });
    }
  }
  const groups: Array<[string, ApiRequest]> = [
    ['create a group', createGroupRequest()],
    ['group status', groupStatusRequest('tgrp_1')],
    ['add runs', addRunsRequest('tgrp_1', [{ input: 'q', processor: 'lite' }] as never)],
    ['group events, resumed', groupEventsRequest('tgrp_1', 'evt_12')],
    ['group runs with outputs', groupRunsRequest('tgrp_1', { includeInput: true, includeOutput: true })],
  ];
  for (const [what, request] of groups) {
    it(`parallel task groups: ${what} (${request.method} ${request.path})`, () => {
      const url = new URL(buildUrl('http://proxy.test/api/parallel', request.path, request.query));
      assert.doesNotThrow(() => matchRoute(url, request.method, false));
    });
  }
});
