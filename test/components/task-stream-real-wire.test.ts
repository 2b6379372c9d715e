import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { TaskStreamElement } from '../../src/components/task-stream/task-stream.js';
import type { ProviderName } from '../../src/core/providers/task-event.js';
import { randomChunks, utf8 } from '../support/chunking.js';
import { loadFixture } from '../support/fixtures.js';
import { delay, json, scriptStream, until, type ScriptedEvent, type ScriptedResponse } from '../support/scripted-stream.js';
import { freshStore } from '../support/stores.js';

const WF = 'task-00000000-0000-0000-0000-000000000002-1761545271';
const RUN = 'trun_2b9c7a1e4f6d4c0f9e1a3b5c7d9e0f12';
const ANSWER_START = 'Zürich is larger and more German-speaking;';
const GAP_ANSWER_START = 'Zürich has two partner cities:';

function parts(el: TaskStreamElement, name: string): Element[] {
  return [...el.shadowRoot!.querySelectorAll(`[part~="${name}"]`)];
}
const rowsOf = (el: TaskStreamElement, type: string) => parts(el, 'event').filter((p) => p.getAttribute('data-type') === type);

/** Opens the log of a finished run (collapsed to one line once the run is over). */
async function openLog(el: TaskStreamElement): Promise<void> {
  await el.updateComplete;
  (parts(el, 'log-summary')[0]?.querySelector('button[aria-expanded="false"]') as HTMLButtonElement | null)?.click();
  await el.updateComplete;
}

async function text(name: string): Promise<string> {
  return new TextDecoder().decode(await loadFixture(`real/${name}`));
}

/** The transcript as raw body pieces of random sizes (a real server's writes do not follow events). */
async function randomPieces(name: string, seed: number): Promise<string[]> {
  const decoder = new TextDecoder();
  return randomChunks(utf8(await text(name)), seed, 400).map((piece) => decoder.decode(piece, { stream: true }));
}

async function watch(provider: ProviderName, runId: string, responses: ScriptedResponse[]) {
  const script = await scriptStream(responses);
  const store = freshStore();
  store.addRun({ id: runId, provider, status: 'running', createdAt: new Date(Date.now() - 5000).toISOString() });
  const el = await fixture<TaskStreamElement>(html`<task-stream provider=${provider} store=${store.name} run-id=${runId} proxy-url=${script.url}></task-stream>`);
  return { el, store, script };
}

const shannonEvent = (seq: number, agent: string, delta: string): ScriptedEvent => ({
  id: `${1764460801000 + seq}-0`, event: 'thread.message.delta',
  data: JSON.stringify({ agent_id: agent, delta, seq, stream_id: `${1764460801000 + seq}-0`, workflow_id: WF }),
});

describe('<task-stream> over the real wire', () => {
  for (const seed of [1, 2]) {
    it(`shows a Shannon answer once: live text, then the result first with the log collapsed; the agent’s message points to the result (random pieces, seed ${seed})`, async () => {
      const { el } = await watch('shannon', WF, [
        { when: '/stream/sse', chunks: await randomPieces('shannon-simple-agent.sse', seed) },
        { when: `/api/v1/tasks/${WF}`, ...json({ task_id: WF, status: 'TASK_STATUS_COMPLETED', result: 'x', usage: { total_tokens: 1586, input_tokens: 1280, output_tokens: 306, estimated_cost: 0.00092 } }) },
      ]);
      await until(() => el.run?.status === 'completed' && !!el.run.output, 8000, 'completion');
      await until(() => parts(el, 'output').length === 1 && parts(el, 'log-summary').length === 1);
      await el.updateComplete;
      expect(parts(el, 'output')).to.have.length(1);
      expect(parts(el, 'event'), 'the log of a finished run is one line').to.have.length(0);
      expect(parts(el, 'log-summary')[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.match(/^\d+ progress events? · show$/);
      const order = [...el.shadowRoot!.querySelectorAll('[part~="output"], [part~="log"]')].map((p) => p.getAttribute('part'));
      expect(order, 'the result comes before the log').to.deep.equal(['output', 'log']);
      await until(() => !!parts(el, 'output')[0]?.querySelector('.markdown'), 5000, 'markdown');
      expect(parts(el, 'output')[0]!.querySelector('.markdown')!.textContent, 'the answer as markdown').to.contain(ANSWER_START);
      expect(parts(el, 'live'), 'no live text once the answer is final').to.have.length(0);
      await openLog(el);
      expect(rowsOf(el, 'text-delta'), 'deltas are not rows').to.have.length(0);
      const messages = rowsOf(el, 'text');
      expect(messages).to.have.length(1);
      expect(messages[0]!.textContent, 'the answer is not repeated in the log').to.contain('Wrote the answer shown in the result').and.not.contain(ANSWER_START);
      expect(messages[0]!.querySelector('[part~="usage"]')!.textContent).to.equal('1,500 tokens (1,200 in, 300 out) · $0.00090 · gpt-5-mini-2025-08-07');
      expect(['prompt', 'title', 'unknown', 'usage'].flatMap((t) => rowsOf(el, t)), 'prompts and the title are not rows').to.have.length(0);
      expect(el.events.filter((e) => e.kind === 'prompt'), 'prompts stay in events for scripts').to.have.length(2);
      expect(parts(el, 'title')[0]?.textContent).to.equal('Zürich vs Geneva Living');
      expect(el.run!.title).to.equal('Zürich vs Geneva Living');
      await until(() => !!el.run?.usage);
      await el.updateComplete;
      expect(parts(el, 'usage-total')[0]!.textContent).to.contain('1,586 tokens').and.contain('$0.00092');
    });
  }

  it('groups 300 deltas alternating between two agents into 2 live texts, not rows', async () => {
    const events = Array.from({ length: 300 }, (_, i) => shannonEvent(i + 1, i % 2 ? 'B' : 'A', i % 2 ? 'b' : 'a'));
    const { el } = await watch('shannon', WF, [{ when: '/stream/sse', events, end: 'hang' }]);
    await until(() => el.events.length === 300, 8000, 'all deltas');
    await until(() => parts(el, 'live-text').length === 2 && parts(el, 'live-text')[1]!.textContent!.includes('b'.repeat(150)));
    const live = parts(el, 'live-text');
    expect(live.map((p) => p.getAttribute('data-agent'))).to.deep.equal(['A', 'B']);
    expect(live[0]!.querySelector('.live-body')!.textContent).to.equal('a'.repeat(150));
    expect(parts(el, 'event'), 'no row per delta').to.have.length(0);
    el.stop();
  });

  it('streams parallel agents as separate live texts and labels DELEGATION in words', async () => {
    const all = await text('shannon-research-interleaved.sse');
    const upToCompletions = all.slice(0, all.indexOf('event: thread.message.completed'));
    const { el } = await watch('shannon', WF, [{ when: '/stream/sse', chunks: [upToCompletions], end: 'hang' }]);
    await until(() => parts(el, 'live-text').length === 2, 8000, 'two live texts');
    await until(() => parts(el, 'live-text')[1]!.textContent!.includes('San Francisco signed in 2003.'));
    expect(parts(el, 'live-text').map((p) => p.getAttribute('data-agent'))).to.deep.equal(['Ryogoku', 'Kanda']);
    expect(parts(el, 'live-text')[0]!.querySelector('.live-body')!.textContent).to.equal('Kunming signed in 1982.');
    const delegation = parts(el, 'event').find((p) => p.getAttribute('data-category') === 'delegation')!;
    expect(delegation.querySelector('.event-label')!.textContent).to.equal('Delegation');
    el.stop();
  });

  it('backfills a seq gap from the events endpoint and says how many events could not be recovered', async () => {
    const { el, script } = await watch('shannon', WF, [
      { when: '/stream/sse', chunks: [await text('shannon-seq-gap.sse')] },
      // Listed first: the events URL also contains the status path.
      { when: 'offset=', ...json(JSON.parse(await text('shannon-events-page.json'))) },
      { when: `/api/v1/tasks/${WF}`, ...json({ task_id: WF, status: 'TASK_STATUS_COMPLETED', result: 'x' }) },
    ]);
    await until(() => el.run?.status === 'completed', 8000, 'completion');
    await until(() => el.events.some((e) => e.seq === 30), 5000, 'backfill');
    await openLog(el);
    await until(() => rowsOf(el, 'gap')[0]?.textContent?.includes('(3 recovered)') ?? false, 5000, 'gap row update');
    const gap = rowsOf(el, 'gap')[0]!;
    expect(gap.textContent).to.contain('30 events could not be recovered');
    expect(el.events.filter((e) => e.seq !== undefined && e.seq > 6 && e.seq < 40).map((e) => e.seq)).to.deep.equal([12, 13, 30]);
    expect(rowsOf(el, 'tool').map((r) => r.getAttribute('data-type'))).to.deep.equal(['tool', 'tool']);
    const requests = (await script.log()).filter((r) => r.url.includes('/events'));
    expect(requests.map((r) => new URL(r.url, location.href).searchParams.get('offset'))).to.deep.equal(['0']);
    expect(parts(el, 'output')[0]!.textContent, 'the final answer is whole').to.contain(GAP_ANSWER_START);
  });

  it('marks live text written across a gap as incomplete', async () => {
    const events = [shannonEvent(1, 'A', 'first '), shannonEvent(2, 'A', 'second '), shannonEvent(14, 'A', 'after the gap')];
    const { el } = await watch('shannon', WF, [
      { when: '/stream/sse', events, end: 'hang' },
      { when: 'offset=', ...json({ events: [], count: 0 }) },
    ]);
    await until(() => rowsOf(el, 'gap').length === 1, 5000, 'gap row');
    await until(() => parts(el, 'live-text')[0]?.querySelector('.live-partial') !== null, 5000, 'partial mark');
    expect(rowsOf(el, 'gap')[0]!.textContent).to.contain('11 events could not be recovered');
    expect(parts(el, 'live-text')[0]!.textContent).to.contain('incomplete');
    el.stop();
  });

  it('keeps Shannon’s error text for a TIMEOUT', async () => {
    const { el } = await watch('shannon', WF, [
      { when: '/stream/sse', events: [
        { id: '1-0', event: 'WORKFLOW_STARTED', data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_STARTED', message: 'Starting up', seq: 1, stream_id: '1-0' }) },
        { id: '2-0', event: 'done', data: '[DONE]' },
      ] },
      { when: `/api/v1/tasks/${WF}`, ...json(JSON.parse(await text('shannon-status-timeout.json'))) },
    ]);
    await until(() => el.run?.status === 'timeout', 8000, 'timeout');
    await el.updateComplete;
    expect(parts(el, 'error').map((p) => p.textContent!.trim())).to.include('workflow execution timed out');
  });

  it('renders a JSON result from the status API as structured data, not raw text', async () => {
    const { el } = await watch('shannon', WF, [
      { when: '/stream/sse', events: [{ id: '1-0', event: 'done', data: '[DONE]' }] },
      { when: `/api/v1/tasks/${WF}`, ...json(JSON.parse(await text('shannon-status-json-result.json'))) },
    ]);
    await until(() => parts(el, 'output').length === 1, 8000, 'output');
    const output = parts(el, 'output')[0]!;
    expect(output.querySelector('[part~="fields"]'), 'a field view').to.not.equal(null);
    expect(output.querySelector('[part~="fields"]')!.textContent).to.contain((443037).toLocaleString()).and.not.contain('{"city"');
  });

  it('shows a finished Parallel run’s warnings, MCP tool calls and markdown excerpts from its single state event', async () => {
    const { el, script } = await watch('parallel', RUN, [
      { when: '/events', chunks: await randomPieces('parallel-finished-current.sse', 5) },
      { when: `/runs/${RUN}`, ...json({ run_id: RUN, status: 'completed', is_active: false }) },
    ]);
    await until(() => el.run?.status === 'completed' && parts(el, 'output').length === 1, 8000, 'completion');
    await el.updateComplete;
    expect(parts(el, 'warnings')[0]!.textContent).to.contain('Spec validation warning:').and.contain('is a reserved name');
    const calls = parts(el, 'tool-call');
    expect(calls.map((c) => c.querySelector('summary')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['weather · get_forecast']);
    expect(calls[0]!.textContent).to.contain('Sunny, 21 °C');
    await until(() => !!parts(el, 'citation')[0]?.querySelector('.excerpt strong'), 5000, 'excerpt markdown');
    const excerpt = parts(el, 'citation')[0]!.querySelector('.excerpt')!;
    expect(excerpt.querySelector('strong')?.textContent).to.equal('Zürich');
    expect(excerpt.textContent).to.not.contain('**');
    await delay(200);
    expect((await script.log()).filter((r) => r.url.endsWith('/events')), 'one connection is enough').to.have.length(1);
  });

  it('treats Parallel action_required as waiting for a person: a clear message, no running clock, no reconnect loop', async () => {
    const { el, script } = await watch('parallel', RUN, [
      { when: '/events', chunks: [await text('parallel-action-required.sse')] },
      { when: `/runs/${RUN}`, ...json(JSON.parse(await text('parallel-run-action-required.json'))) },
    ]);
    await until(() => el.run?.status === 'action_required', 8000, 'action_required');
    await delay(300); // the status check after the stream ended has answered
    await el.updateComplete;
    expect(parts(el, 'status')[0]!.getAttribute('data-status')).to.equal('action_required');
    expect(parts(el, 'notice')[0]!.textContent).to.contain('waiting for someone to act on this run');
    const control = parts(el, 'reconnect')[0]!.textContent!.trim();
    expect(control, 'one name for the action').to.equal('Check again');
    const texts = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(texts, 'no second name for it').to.not.match(/reconnect here/i);
    expect(parts(el, 'event').map((row) => row.textContent).join(' ')).to.not.match(/reconnect here/i);
    expect(parts(el, 'progress')[0]!.hasAttribute('data-indeterminate'), 'no busy animation').to.equal(false);
    const elapsed = () => el.shadowRoot!.querySelector('.progress-meta')!.textContent;
    const before = elapsed();
    await delay(1300);
    await el.updateComplete;
    expect(elapsed(), 'the clock does not run').to.equal(before);
    expect((await script.log()).filter((r) => r.url.endsWith('/events')), 'no reconnect loop').to.have.length(1);
  });
});
