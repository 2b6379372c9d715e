/**
 * The group client against the real mock over HTTP (/mock, see web-test-runner.config.mjs):
 * batches from CSV, resume by last_event_id after a cut and after a reload, calls of ≤1,000.
 */
import { expect } from '@open-wc/testing';
import type { EndpointConfig } from '../../../../src/core/client/api-request.js';
import { NetworkError } from '../../../../src/core/errors.js';
import { parseBatchInput } from '../../../../src/core/providers/parallel/batch-input.js';
import { getGroup, submitBatch } from '../../../../src/core/providers/parallel/group-client.js';
import { GroupSubmitError } from '../../../../src/core/providers/parallel/group-errors.js';
import { fetchGroupRuns, watchGroup } from '../../../../src/core/providers/parallel/group-stream.js';
import { GroupTracker } from '../../../../src/core/providers/parallel/group-tracker.js';
import type { GroupTransition } from '../../../../src/core/providers/parallel/group-types.js';
import { until } from '../../../support/scripted-stream.js';

const KEY = 'mock-test-key';

function endpointWithLog(fail?: (url: string, init?: RequestInit) => boolean, cursor?: () => string | undefined): { endpoint: EndpointConfig; requests: string[]; cursors: Array<string | undefined> } {
  const requests: string[] = [];
  /** The tracker's cursor when each request was made (with `cursor`). */
  const cursors: Array<string | undefined> = [];
  const fetchLogged = (input: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${input.replace(/^\/mock/, '')}`);
    cursors.push(cursor?.());
    if (fail?.(input, init)) return Promise.reject(new TypeError('Failed to fetch'));
    return fetch(input, init);
  };
  return { endpoint: { provider: 'parallel', baseUrl: '/mock', auth: { mode: 'api-key', apiKey: KEY }, fetch: fetchLogged }, requests, cursors };
}

const csv50 = ['company,country', ...Array.from({ length: 50 }, (_, i) => `Company ${i + 1},${i % 2 ? 'DE' : 'US'}`)].join('\n');

/** Follows a group to its end; returns every transition reported. */
async function follow(endpoint: EndpointConfig, groupId: string, tracker = new GroupTracker(), stopAfter?: number): Promise<{ transitions: GroupTransition[]; tracker: GroupTracker }> {
  const transitions: GroupTransition[] = [];
  const abort = new AbortController();
  const connection = watchGroup(endpoint, groupId, {
    tracker,
    signal: abort.signal,
    retry: { initialDelayMs: 10, maxDelayMs: 50 },
    onEvent: (_event, changes) => {
      transitions.push(...changes);
      if (stopAfter !== undefined && transitions.length >= stopAfter) abort.abort();
    },
  });
  const end = await connection.finished;
  expect(end.state).to.equal('closed');
  return { transitions, tracker };
}

function assertNoDuplicateTransitions(transitions: GroupTransition[]): void {
  const runKeys = transitions.filter((t) => t.kind === 'run').map((t) => t.kind === 'run' && `${t.runId}:${t.from}>${t.to}`);
  expect(new Set(runKeys).size, 'no run transition twice').to.equal(runKeys.length);
  const groupIds = transitions.filter((t) => t.kind === 'group').map((t) => t.eventId);
  expect(new Set(groupIds).size, 'no group transition twice').to.equal(groupIds.length);
  const groups = transitions.filter((t): t is Extract<GroupTransition, { kind: 'group' }> => t.kind === 'group');
  const shape = (t: Extract<GroupTransition, { kind: 'group' }>) => JSON.stringify([t.to.total, t.to.active, t.to.counts]);
  for (let i = 1; i < groups.length; i++) expect(shape(groups[i]!), 'consecutive group transitions differ').not.to.equal(shape(groups[i - 1]!));
}

describe('task groups over HTTP (core client against the mock)', () => {
  it('a 50-input group from CSV runs to completion: every run completes exactly once; outputs come from the runs dump', async () => {
    const { endpoint, requests } = endpointWithLog();
    const batch = parseBatchInput(csv50, 'csv');
    const submitted = await submitBatch(endpoint, { inputs: batch.inputs, processor: 'lite', metadata: { mock_speed: 60 } });
    expect(submitted.runIds).to.have.length(50);
    expect(submitted.calls).to.equal(1);
    const tracker = new GroupTracker();
    tracker.addSubmitted(submitted.runIds);
    const { transitions } = await follow(endpoint, submitted.groupId, tracker);
    expect(tracker.status).to.deep.include({ total: 50, active: false });
    expect(tracker.status?.counts).to.deep.equal({ completed: 50 });
    const completions = transitions.filter((t) => t.kind === 'run' && t.to === 'completed');
    expect(completions).to.have.length(50);
    assertNoDuplicateTransitions(transitions);
    const runs = await fetchGroupRuns(endpoint, submitted.groupId, { includeInput: true, includeOutput: true });
    expect(runs.map((r) => r.run.runId)).to.deep.equal(submitted.runIds);
    expect(runs[0]!.input).to.deep.equal({ company: 'Company 1', country: 'US' });
    expect(runs.every((r) => r.output?.type === 'json')).to.equal(true);
    expect(requests.filter((r) => r.startsWith('POST'))).to.deep.equal(['POST /v1/tasks/groups', `POST /v1/tasks/groups/${submitted.groupId}/runs`]);
  });

  it('a stream cut mid-event resumes from last_event_id without duplicate status transitions', async () => {
    // Where the mock cuts is drawn per group (the 2nd to 5th frame): a cut inside the first event
    // leaves no cursor. Batches are run until one reconnect resumed from a cursor (the path under
    // test), each checked in full.
    let resumed = false;
    for (let attempt = 0; attempt < 5 && !resumed; attempt++) {
      const tracker = new GroupTracker();
      const { endpoint, requests, cursors } = endpointWithLog(undefined, () => tracker.lastEventId);
      const submitted = await submitBatch(endpoint, {
        inputs: ['Acme', 'Globex', 'Initech', 'Umbrella'], processor: 'lite', metadata: { mock_speed: 30 }, groupMetadata: { mock_scenario: 'drop-mid-stream' },
      });
      const cut = await follow(endpoint, submitted.groupId, tracker);
      const streams = requests.map((request, i) => ({ request, cursor: cursors[i] })).filter((r) => r.request.includes('/events'));
      expect(streams.length, streams.map((s) => s.request).join('\n')).to.be.at.least(3);
      expect(streams[0]!.request).not.to.contain('last_event_id');
      // Each reconnect asks for what came after the last event read (none, if a cut lost the first
      // event's bytes with it, as a cut connection may): never from the start once an event was read.
      for (const { request, cursor } of streams.slice(1)) {
        if (cursor === undefined) expect(request).not.to.contain('last_event_id');
        else expect(request).to.contain(`last_event_id=${cursor}`);
      }
      resumed = streams.slice(1).some((s) => s.cursor !== undefined);
      assertNoDuplicateTransitions(cut.transitions);
      expect(cut.tracker.status?.counts).to.deep.equal({ completed: 4 });
      const reference = await follow(endpoint, submitted.groupId);
      expect(cut.transitions.map((t) => t.eventId)).to.deep.equal(reference.transitions.map((t) => t.eventId), 'the same transitions as one uncut read');
    }
    expect(resumed, 'a reconnect resumed from a cursor').to.equal(true);
  });

  it('resumes after a reload from the saved event_id: the first request carries it, nothing is reported twice', async () => {
    const { endpoint, requests } = endpointWithLog();
    const submitted = await submitBatch(endpoint, { inputs: ['A', 'B', 'C'], processor: 'lite', metadata: { mock_speed: 8 } });
    const first = await follow(endpoint, submitted.groupId, new GroupTracker(), 3);
    const saved = JSON.parse(JSON.stringify(first.tracker.save()));
    requests.length = 0;
    const second = await follow(endpoint, submitted.groupId, GroupTracker.restore(saved));
    expect(requests[0]).to.equal(`GET /v1/tasks/groups/${submitted.groupId}/events?last_event_id=${saved.lastEventId}`);
    const all = [...first.transitions, ...second.transitions];
    assertNoDuplicateTransitions(all);
    expect(second.tracker.status?.counts).to.deep.equal({ completed: 3 });
    const reference = await follow(endpoint, submitted.groupId);
    expect(all.map((t) => t.eventId)).to.deep.equal(reference.transitions.map((t) => t.eventId));
  });

  it('splits 1,001 inputs into two add-runs calls of 1,000 and 1', async () => {
    const { endpoint, requests } = endpointWithLog();
    const inputs = Array.from({ length: 1001 }, (_, i) => `Input ${i}`);
    const submitted = await submitBatch(endpoint, { inputs, processor: 'lite', metadata: { mock_speed: 0.001 } });
    expect(submitted.calls).to.equal(2);
    expect(requests.filter((r) => r.endsWith('/runs'))).to.have.length(2);
    expect(new Set(submitted.runIds).size).to.equal(1001);
    expect((await getGroup(endpoint, submitted.groupId)).status.total).to.equal(1001);
  });

  it('a call failing part-way is a GroupSubmitError with what was submitted; the rest can be added to the same group', async () => {
    let addCalls = 0;
    const { endpoint } = endpointWithLog((url, init) => init?.method === 'POST' && url.endsWith('/runs') && ++addCalls === 2);
    const inputs = ['a', 'b', 'c', 'd'].map((s) => s.repeat(300));
    const batch = { inputs, processor: 'lite', metadata: { mock_speed: 0.001 } };
    let error: unknown;
    try {
      await submitBatch(endpoint, batch, { maxCallBytes: 800 });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(GroupSubmitError);
    const failure = error as GroupSubmitError;
    expect([failure.submittedRunIds.length, failure.firstUnsubmitted, failure.remaining]).to.deep.equal([2, 2, 2]);
    expect(failure.cause).to.be.instanceOf(NetworkError);
    expect(failure.message).to.equal('2 runs of the batch were submitted and are running; the other 2 were not. Submit the remaining inputs again to add them to the same batch.');
    const rest = await submitBatch(endpoint, { ...batch, inputs: inputs.slice(failure.firstUnsubmitted) }, { groupId: failure.groupId });
    expect(rest.groupId).to.equal(failure.groupId);
    expect((await getGroup(endpoint, failure.groupId)).status.total).to.equal(4);
  });

  it('stops when its AbortSignal aborts: watching closes, submitting rejects before any request', async () => {
    const { endpoint, requests } = endpointWithLog();
    const submitted = await submitBatch(endpoint, { inputs: ['slow'], processor: 'lite', metadata: { mock_speed: 0.001 } });
    const abort = new AbortController();
    const connection = watchGroup(endpoint, submitted.groupId, { tracker: new GroupTracker(), signal: abort.signal });
    await until(() => connection.snapshot.state === 'open', 5000, 'open');
    abort.abort();
    expect((await connection.finished).state).to.equal('closed');
    const before = requests.length;
    const aborted = new AbortController();
    aborted.abort();
    let rejected: unknown;
    await submitBatch(endpoint, { inputs: ['x'], processor: 'lite' }, { signal: aborted.signal }).catch((e) => (rejected = e));
    expect((rejected as Error)?.name).to.equal('AbortError');
    expect(requests.length - before).to.equal(1, 'the aborted fetch is refused by the browser at once');
  });
});
