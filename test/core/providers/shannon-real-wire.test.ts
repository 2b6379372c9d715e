import { expect } from '@open-wc/testing';
import { shannonProvider } from '../../../src/core/providers/shannon/shannon-provider.js';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { UsageLedger } from '../../../src/core/providers/usage-ledger.js';
import { createSseDecoder } from '../../../src/core/sse/sse-decoder.js';
import { chunkings } from '../../support/chunking.js';
import { decodeStream, loadFixture } from '../../support/fixtures.js';

function totalUsage(events: readonly TaskEvent[]) {
  const ledger = new UsageLedger();
  ledger.add(events);
  return ledger.total;
}

const ANSWER = 'Zürich is larger and more German-speaking; Geneva is French-speaking and more international. Both rank among the most expensive cities in the world.';

async function fixtureJson(name: string): Promise<unknown> {
  return JSON.parse(new TextDecoder().decode(await loadFixture(`real/${name}`)));
}

/** Each chunking of a real transcript gives the same events; returns them. */
async function decodeAll(name: string, ends = true): Promise<TaskEvent[]> {
  const bytes = await loadFixture(`real/${name}`);
  let first: TaskEvent[] | undefined;
  for (const { label, pieces } of chunkings(bytes)) {
    const { events, ended } = decodeStream(shannonProvider, pieces);
    expect(ended, `${label}: done ends the stream`).to.equal(ends);
    if (!first) first = events;
    else expect(events, label).to.deep.equal(first);
  }
  return first!;
}

const TRANSCRIPTS: Array<[string, boolean]> = [
  ['shannon-simple-agent.sse', true], ['shannon-research-synthesis.sse', true], ['shannon-research-interleaved.sse', true],
  ['shannon-interleaved-deltas.sse', false], ['shannon-nested-usage.sse', false], ['shannon-seq-gap.before.sse', false],
  ['shannon-seq-gap.after.sse', true], ['shannon-cancel.sse', true], ['shannon-pause-resume.sse', true],
  ['shannon-error.sse', true], ['shannon-unknown-workflow.sse', false], ['shannon-expired-stream.sse', false],
];

const byKind = <K extends TaskEvent['kind']>(events: readonly TaskEvent[], kind: K) =>
  events.filter((e): e is Extract<TaskEvent, { kind: K }> => e.kind === kind);

describe('Shannon over the real wire', () => {
  it('understands every event of every real transcript, whole and in any split', async () => {
    for (const [name, ends] of TRANSCRIPTS) {
      const events = await decodeAll(name, ends);
      const strange = events.filter((e) => e.kind === 'unknown' || e.kind === 'invalid').map((e) => e.source);
      expect(strange, name).to.deep.equal([]);
    }
  });

  it('finds the gap of a resume the ring had trimmed (seq 41–178), knowing what the first connection showed', async () => {
    const before = await decodeAll('shannon-seq-gap.before.sse', false);
    expect(before.filter((e) => e.kind === 'gap'), 'the first connection is whole').to.deep.equal([]);
    const { events } = decodeStreamAfter(before, await loadFixture('real/shannon-seq-gap.after.sse'));
    const gaps = events.filter((e) => e.kind === 'gap');
    expect(gaps).to.have.length(1);
    expect(gaps[0]).to.deep.include({ afterSeq: 40, beforeSeq: 179, missing: 138 });
  });

  it('maps the persisted events of a run without unknown types', async () => {
    const page = shannonProvider.parseBackfill!(await fixtureJson('shannon-simple-agent.events.json'));
    expect(page.events.length).to.be.greaterThan(0);
    expect(page.events.filter((e) => e.kind === 'unknown').map((e) => e.source)).to.deep.equal([]);
    expect(page.events.some((e) => e.kind === 'text-delta' || e.kind === 'prompt'), 'no deltas or prompts are persisted').to.equal(false);
  });

  it('maps the answer once as the final output; the agent’s own completion is a message with its usage', async () => {
    const events = await decodeAll('shannon-simple-agent.sse');
    const outputs = byKind(events, 'output');
    expect(outputs).to.have.length(1);
    expect(outputs[0]!.output).to.deep.equal({ type: 'text', content: ANSWER, basis: [] });
    const texts = byKind(events, 'text');
    expect(texts.map((t) => t.agent)).to.deep.equal(['simple-agent']);
    expect(texts[0]!.usage).to.deep.include({ totalTokens: 1500, inputTokens: 1200, outputTokens: 300, costUsd: 0.0009, model: 'gpt-5-mini-2025-08-07', provider: 'openai' });
    expect(byKind(events, 'text-delta').map((d) => d.text).join('')).to.equal(ANSWER);
    expect(byKind(events, 'usage'), 'usage rides on its call, not as extra events').to.have.length(0);
  });

  it('reads usage nested under metadata.usage (LLM service) as well as flat (Go agents)', async () => {
    const [nested] = shannonProvider.createDecoder().decode({
      event: 'thread.message.completed', id: '1-0', lastEventId: '1-0',
      data: '{"agent_id":"Ryogoku","metadata":{"model":"gpt-5-mini","provider":"openai","usage":{"cost_usd":0.0009,"input_tokens":1200,"output_tokens":300,"total_tokens":1500}},"response":"…","seq":1,"stream_id":"1-0","workflow_id":"wf-1"}',
    }).events;
    expect(nested).to.deep.include({ kind: 'text', agent: 'Ryogoku' });
    expect(nested!.kind === 'text' && nested!.usage).to.deep.equal({
      inputTokens: 1200, outputTokens: 300, totalTokens: 1500, costUsd: 0.0009, model: 'gpt-5-mini', provider: 'openai',
    });
  });

  it('counts each call once in the run total, however many times it is reported', async () => {
    // Each research call is completed twice (nested by the LLM service, then flat or bare by the
    // activity): the sum of the calls equals final_output's aggregate, 10,708 tokens.
    const events = await decodeAll('shannon-research-synthesis.sse');
    const total = totalUsage(events)!;
    expect(total.totalTokens).to.equal(10708);
    expect(total.costUsd).to.be.closeTo(0.01155 + 0.01095 + 0.0216, 1e-12);
  });

  it('counts a call reported both nested and flat once (interleaved agents)', async () => {
    const events = await decodeAll('shannon-research-interleaved.sse');
    // Ryogoku twice (the same call), Kanda, synthesis; final_output's aggregate is not a call.
    expect(byKind(events, 'text').map((t) => t.agent)).to.deep.equal(['Ryogoku', 'Ryogoku', 'Kanda', 'synthesis']);
    const total = totalUsage(events)!;
    expect(total.inputTokens).to.equal(900 + 700 + 2000);
    expect(total.outputTokens).to.equal(100 + 90 + 400);
    expect(total.costUsd).to.be.closeTo(0.0004 + 0.0003 + 0.0011, 1e-12);
    expect(total.model).to.equal('gpt-5-mini');
  });

  it('keeps prompts and the title out of messages: LLM_PROMPT is a prompt, title_generator the title and the run’s title', async () => {
    const events = await decodeAll('shannon-simple-agent.sse');
    const prompts = byKind(events, 'prompt');
    expect(prompts.map((p) => p.agent)).to.deep.equal(['title_generator', 'simple-agent']);
    expect(prompts[0]).to.deep.include({ model: 'gpt-5-nano-2025-08-07', provider: 'openai' });
    expect(prompts[1]).to.deep.include({ text: 'Compare Zürich and Geneva as places to live' });
    expect(events.some((e) => e.kind === 'unknown'), 'no event is unknown').to.equal(false);
    const titles = byKind(events, 'title');
    expect(titles.map((t) => [t.text, t.partial])).to.deep.equal([['Zürich vs Geneva Living', true], ['Zürich vs Geneva Living', false]]);
    expect(byKind(events, 'text-delta').every((d) => d.agent === 'simple-agent'), 'title pieces are not answer text').to.equal(true);
    // The title call (218 tokens) is not in the run's total: the orchestrator never records it
    // (activities/session_title.go), so the status API's total leaves it out too.
    expect(totalUsage(events)).to.deep.include({ totalTokens: 1500, costUsd: 0.0009 });
    const { patches } = decodeStream(shannonProvider, [await loadFixture('real/shannon-simple-agent.sse')]);
    expect(patches, 'the complete title becomes the run’s title').to.deep.equal([{ title: 'Zürich vs Geneva Living' }]);
    const [quoted] = shannonProvider.createDecoder().decode({ event: 'thread.message.completed', id: '1-0', lastEventId: '1-0',
      data: JSON.stringify({ agent_id: 'title_generator', response: '"Partner Cities"\n', seq: 1, stream_id: '1-0', workflow_id: 'wf' }) }).events;
    expect(quoted, 'quotes models add are not part of the title').to.deep.include({ kind: 'title', text: 'Partner Cities' });
  });

  it('keeps the error text of TIMEOUT and CANCELLED, and usage of the status API', async () => {
    const timeout = shannonProvider.parseStatus(await fixtureJson('shannon-status-timeout.json'));
    expect(timeout.patch).to.deep.include({ status: 'timeout', error: { message: 'workflow execution timed out' } });
    // The DB fallback (server/service.go getTaskStatusFromDB) gives CANCELLED its error_message too.
    const cancelled = shannonProvider.parseStatus({ task_id: 'wf', status: 'TASK_STATUS_CANCELLED', error: 'Cancelled by the user' });
    expect(cancelled.patch).to.deep.include({ status: 'cancelled', error: { message: 'Cancelled by the user' } });
    const completed = shannonProvider.parseStatus(await fixtureJson('shannon-status-completed.json'));
    expect(completed.patch.usage?.totalTokens).to.be.a('number');
  });

  it('takes a JSON result as structured output', async () => {
    const status = shannonProvider.parseStatus(await fixtureJson('shannon-status-json-result.json'));
    const output = status.events.find((e) => e.kind === 'output');
    expect(output?.kind === 'output' && output.output.type).to.equal('json');
    expect(output?.kind === 'output' && output.output.content).to.deep.equal({ city: 'Zürich', population: 443037, languages: ['German'] });
    const withoutResponse = shannonProvider.parseStatus({ status: 'TASK_STATUS_COMPLETED', result: '[1, 2]', metadata: { citations: [{ url: 'https://example.org/a', title: 'A' }] } });
    const list = withoutResponse.events.find((e) => e.kind === 'output');
    expect(list?.kind === 'output' && list.output).to.deep.equal({ type: 'json', content: [1, 2], basis: [{ field: 'output', citations: [{ url: 'https://example.org/a', title: 'A', excerpts: [] }] }] });
    const streamed = shannonProvider.createDecoder().decode({
      event: 'thread.message.completed', id: '9-0', lastEventId: '9-0',
      data: JSON.stringify({ agent_id: 'final_output', response: '{"answer":42}', seq: 9, stream_id: '9-0', workflow_id: 'wf' }),
    }).events.find((e) => e.kind === 'output');
    expect(streamed).to.deep.include({ kind: 'output', output: { type: 'json', content: { answer: 42 }, basis: [] } });
  });

  it('reports skipped seq numbers as a gap, not counting control events that carry no seq', async () => {
    const events = await decodeAll('shannon-seq-gap.sse');
    const gaps = byKind(events, 'gap');
    expect(gaps).to.have.length(1);
    expect(gaps[0]).to.deep.include({ afterSeq: 6, beforeSeq: 40, missing: 33 });
    const at = events.indexOf(gaps[0]!);
    expect(events[at + 1]!.seq, 'the gap sits right before the event after it').to.equal(40);
  });

  it('maps the events endpoint’s persisted events with the live stream’s keys, so a backfill adds only what was missed', async () => {
    const page = shannonProvider.parseBackfill!(await fixtureJson('shannon-events-page.json'));
    expect(page.count).to.equal(10);
    expect(page.maxSeq).to.equal(43);
    const live = await decodeAll('shannon-seq-gap.sse');
    const liveIds = new Set(live.map((e) => e.id));
    const inGap = page.events.filter((e) => e.seq! > 6 && e.seq! < 40);
    expect(inGap.map((e) => `${e.seq} ${e.kind}`)).to.deep.equal(['12 tool', '13 tool', '30 text']);
    expect(inGap.some((e) => liveIds.has(e.id))).to.equal(false);
    const outsideGap = page.events.filter((e) => e.seq! <= 6);
    expect(outsideGap.every((e) => liveIds.has(e.id)), 'events already streamed have the same ids').to.equal(true);
    expect(page.events.some((e) => e.kind === 'unknown'), 'internal names (WORKFLOW_PAUSING, STREAM_END) are understood').to.equal(false);
    expect(shannonProvider.backfillRequest!('wf-1', 200, 200)).to.deep.equal({
      method: 'GET', path: '/api/v1/tasks/wf-1/events', query: { limit: '200', offset: '200' },
    });
  });

  it('does not take the events before a resume for a gap once it knows what was shown', async () => {
    const all = await decodeAll('shannon-simple-agent.sse');
    const decoder = shannonProvider.createDecoder(all.slice(0, 20));
    const next = all.find((e) => e.seq === (all[19]!.seq ?? 0) + 1)!;
    const decoded = decoder.decode({ event: 'thread.message.delta', id: 'x-0', lastEventId: 'x-0', data: JSON.stringify({ agent_id: 'simple-agent', delta: 'Z', seq: next.seq, stream_id: 'x-0', workflow_id: 'wf' }) });
    expect(decoded.gap).to.equal(undefined);
    expect(decoded.events.map((e) => e.kind)).to.deep.equal(['text-delta']);
  });
});


/** Decodes a resumed connection with a decoder that knows the events already shown. */
function decodeStreamAfter(known: readonly TaskEvent[], bytes: Uint8Array): { events: TaskEvent[] } {
  const decoder = shannonProvider.createDecoder(known);
  const events: TaskEvent[] = [];
  const sse = createSseDecoder({ onMessage: (m) => events.push(...decoder.decode(m).events) });
  sse.push(bytes);
  sse.end();
  return { events };
}
