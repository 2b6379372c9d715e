import { expect } from '@open-wc/testing';
import { parallelProvider } from '../../../src/core/providers/parallel/parallel-provider.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { chunkings } from '../../support/chunking.js';
import { decodeStream, loadFixture } from '../../support/fixtures.js';
import { scriptStream, until, type ScriptedEvent } from '../../support/scripted-stream.js';

const RUN_ID = 'trun_9f2c4e1a';

function summary(events: readonly TaskEvent[]): string[] {
  return events.map((e) => {
    switch (e.kind) {
      case 'status': return `status ${e.status}`;
      case 'message': return `message ${e.category}: ${e.text}`;
      case 'stats': return `stats ${e.stats.considered}/${e.stats.read} ${e.stats.progress}%`;
      case 'output': return `output ${e.output.type}`;
      default: return e.kind;
    }
  });
}

describe('Parallel provider', () => {
  it('maps the recorded stream, fed whole and in any split, to the same normalized events', async () => {
    const bytes = await loadFixture('parallel/completed-json.sse');
    const expected = [
      'status running',
      "message plan: Planning research on Zürich's 東京 sister-city ties 🏙️",
      'message search: Searching: "Zürich municipal partnerships"',
      'message result: Found 12 sources — city of Zürich, Wikipedia, Stadt Zürich press',
      'message tool_call: fetch(https://www.stadt-zuerich.ch/)',
      'message exec_status: Reading sources',
      'message tool: Opened 3 pages',
      'stats 42/7 64.5%',
      'status completed',
      'output json',
    ];
    for (const { label, pieces } of chunkings(bytes)) {
      const { events, ended } = decodeStream(parallelProvider, pieces);
      expect(summary(events), label).to.deep.equal(expected);
      expect(ended, 'a completed state ends the stream').to.equal(true);
    }
  });

  it('keeps the output: object content, basis with reasoning, confidence and citation excerpts', async () => {
    const { events } = decodeStream(parallelProvider, [await loadFixture('parallel/completed-json.sse')]);
    const output = events.find((e) => e.kind === 'output');
    expect(output?.kind).to.equal('output');
    if (output?.kind !== 'output' || output.output.type !== 'json') throw new Error('no json output');
    expect(output.output.content).to.deep.equal({ city: 'Zürich', partners: ['Kunming', 'San Francisco'], founded: 1291 });
    expect(output.output.basis[0]).to.deep.equal({
      field: 'city', reasoning: 'Named in the city charter.', confidence: 'high',
      citations: [{ url: 'https://www.stadt-zuerich.ch/', title: 'Stadt Zürich', excerpts: ['Zürich ist die größte Stadt der Schweiz.'] }],
    });
    expect(output.output.schema).to.deep.equal({ type: 'object', properties: { city: { type: 'string' } } });
  });

  it('accepts output content given as a JSON string, and text output', () => {
    const state = (output: unknown) => ({
      event: 'task_run.state', lastEventId: '',
      data: JSON.stringify({ type: 'task_run.state', run: { run_id: 'r', status: 'completed', is_active: false }, output }),
    });
    const decoder = parallelProvider.createDecoder();
    const json = decoder.decode(state({ type: 'json', content: '{"a":1}', basis: [] })).events.find((e) => e.kind === 'output');
    expect(json?.kind === 'output' && json.output.content).to.deep.equal({ a: 1 });
    const text = parallelProvider.createDecoder().decode(state({ type: 'text', content: '# Title', basis: [{ field: 'output', citations: [{ url: 'https://a.example', excerpts: null }] }] }));
    const out = text.events.find((e) => e.kind === 'output');
    expect(out?.kind === 'output' && out.output).to.deep.equal({ type: 'text', content: '# Title', basis: [{ field: 'output', citations: [{ url: 'https://a.example', excerpts: [] }] }] });
  });

  it('reads the first state of a connection as a snapshot: a finished run’s replay is not cut short', () => {
    const decoder = parallelProvider.createDecoder();
    decoder.beginConnection();
    const state = (status: string, output: unknown = null) => ({
      event: 'task_run.state', lastEventId: '',
      data: JSON.stringify({ type: 'task_run.state', run: { run_id: 'r', status, is_active: false, processor: 'lite' }, output }),
    });
    const first = decoder.decode(state('completed'));
    expect(first.end, 'the replay goes on').to.not.equal(true);
    expect(first.events, 'no transition before the replayed messages').to.deep.equal([]);
    expect(first.patch).to.deep.equal({ processor: 'lite' });
    const message = decoder.decode({ event: 'task_run.progress_msg.plan', lastEventId: '', data: '{"type":"task_run.progress_msg.plan","message":"m","timestamp":"t"}' });
    expect(message.events.map((e) => e.kind)).to.deep.equal(['message']);
    const last = decoder.decode(state('completed', { type: 'text', content: 'done', basis: [] }));
    expect(last.end).to.equal(true);
    expect(last.events.map((e) => e.kind)).to.deep.equal(['status', 'output']);
  });

  it('keeps unknown event types and reports malformed data instead of failing', () => {
    const decoder = parallelProvider.createDecoder();
    const unknown = decoder.decode({ event: 'task_run.future', lastEventId: '', data: '{"type":"task_run.future","x":1}' });
    expect(unknown.events.map((e) => e.kind)).to.deep.equal(['unknown']);
    const broken = decoder.decode({ event: 'task_run.progress_msg.plan', lastEventId: '', data: '{"type":"task_run.progress_msg.pl' });
    expect(broken.events.map((e) => e.kind)).to.deep.equal(['invalid']);
  });

  it('shows each message once, in order, when a reconnect replays the whole trace (570 s close)', async () => {
    const running = { run_id: RUN_ID, status: 'running', is_active: true, processor: 'core', created_at: '2026-11-01T10:00:00Z' };
    const state = (run: object, output: unknown = null): ScriptedEvent => ({
      event: 'task_run.state', data: JSON.stringify({ type: 'task_run.state', event_id: null, input: null, run, output }),
    });
    const msg = (n: number): ScriptedEvent => ({
      event: 'task_run.progress_msg.search',
      data: JSON.stringify({ type: 'task_run.progress_msg.search', message: `step ${n}`, timestamp: `2026-11-01T10:00:0${n}Z` }),
    });
    const stats = (read: number): ScriptedEvent => ({
      event: 'task_run.progress_stats',
      data: JSON.stringify({ type: 'task_run.progress_stats', source_stats: { num_sources_considered: 10, num_sources_read: read, sources_read_sample: [] }, progress_meter: read * 10 }),
    });
    const done = { ...running, status: 'completed', is_active: false };
    const script = await scriptStream([
      { when: '/events', events: [state(running), msg(1), msg(2), stats(2)] }, // the server closes early
      { when: '/events', events: [state(running), msg(1), msg(2), stats(2), msg(3), msg(3)], destroyAfterBytes: 900 },
      { when: '/events', events: [state(running), msg(1), msg(2), msg(3), msg(3), stats(4), msg(4), state(done, { type: 'text', content: 'done', basis: [] })] },
    ]);
    const store = createTaskStore({ persistence: 'memory', connection: { retry: { initialDelayMs: 5, maxDelayMs: 20, minDelayMs: 5 }, statusPollMs: 0 } });
    store.addRun({ id: RUN_ID, provider: 'parallel', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const release = store.watch(RUN_ID, () => ({ provider: 'parallel', baseUrl: script.url, auth: { mode: 'none' } }));
    await until(() => store.getRun(RUN_ID)?.status === 'completed', 8000, 'completion');
    release();
    expect(summary(store.getEvents(RUN_ID))).to.deep.equal([
      'message search: step 1', 'message search: step 2', 'stats 10/2 20%',
      'message search: step 3', 'message search: step 3', 'stats 10/4 40%', 'message search: step 4',
      'status completed', 'output text',
    ]);
    expect((await script.log()).filter((r) => r.url.endsWith('/events')).length).to.equal(3);
  });
});
