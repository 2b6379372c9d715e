import { expect } from '@open-wc/testing';
import { shannonProvider, mapShannonStatus } from '../../../src/core/providers/shannon/shannon-provider.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import type { TaskEvent } from '../../../src/core/providers/task-event.js';
import { chunkings } from '../../support/chunking.js';
import { decodeStream, loadFixture } from '../../support/fixtures.js';
import { json, scriptStream, until, type ScriptedEvent } from '../../support/scripted-stream.js';

const WF = 'task-00000000-0000-0000-0000-000000000002-1761545271';

function summary(events: readonly TaskEvent[]): string[] {
  return events.map((e) => {
    switch (e.kind) {
      case 'status': return `status ${e.status}`;
      case 'message': return `message ${e.category}: ${e.text}`;
      case 'thinking': return `thinking ${e.agent}: ${e.text}`;
      case 'tool': return `tool ${e.phase} ${e.tool}: ${e.text}`;
      case 'text': return `text ${e.agent}: ${e.text}${e.usage ? ` (usage ${e.usage.totalTokens} ${e.usage.costUsd})` : ''}`;
      case 'text-delta': return `delta ${e.agent}: ${e.text}`;
      case 'usage': return `usage ${e.usage.totalTokens} ${e.usage.costUsd}`;
      case 'budget': return `budget ${e.usagePercent}`;
      case 'output': return `output ${e.output.type}: ${String(e.output.content)}`;
      case 'unknown': return `unknown ${e.source}`;
      default: return e.kind;
    }
  });
}

describe('Shannon provider', () => {
  it('maps the recorded stream, fed whole and in any split, to the same normalized events', async () => {
    const bytes = await loadFixture('shannon/completed.sse');
    const expected = [
      'message workflow_started: Starting up', 'status running',
      'message progress: Understanding your request — 理解',
      'message agent_started: Ryogoku started',
      'thinking Ryogoku: Thinking',
      'tool call web_search: Searching the web',
      'tool result web_search: 3 results',
      'text Ryogoku: Notes: Zürich has two partner cities. (usage 120 0.0012)',
      'message workflow_completed: Ryogoku is done',
      'delta final_output: Zürich ', 'delta final_output: has ', 'delta final_output: two ', 'delta final_output: partner ', 'delta final_output: cities 🌍.',
      'budget 85',
      'output text: Zürich has two partner cities 🌍.',
      'unknown CUSTOM_FUTURE_EVENT',
      'message workflow_completed: All done',
    ];
    for (const { label, pieces } of chunkings(bytes)) {
      const { events, ended } = decodeStream(shannonProvider, pieces);
      expect(summary(events), label).to.deep.equal(expected);
      expect(ended, 'done ends the stream').to.equal(true);
      expect(new Set(events.map((e) => e.id)).size, 'ids are unique').to.equal(events.length);
    }
  });

  it('does not end the stream on a child WORKFLOW_COMPLETED', () => {
    const decoded = shannonProvider.createDecoder().decode({
      event: 'WORKFLOW_COMPLETED', lastEventId: '5-0', id: '5-0',
      data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_COMPLETED', agent_id: 'Ryogoku', message: 'Ryogoku is done' }),
    });
    expect(decoded.end).to.not.equal(true);
  });

  it('maps every TASK_STATUS_* value', () => {
    expect(['TASK_STATUS_QUEUED', 'TASK_STATUS_RUNNING', 'TASK_STATUS_COMPLETED', 'TASK_STATUS_FAILED', 'TASK_STATUS_CANCELLED', 'TASK_STATUS_TIMEOUT', 'TASK_STATUS_PAUSED', 'TASK_STATUS_UNSPECIFIED', 'RUNNING', 7].map(mapShannonStatus))
      .to.deep.equal(['queued', 'running', 'completed', 'failed', 'cancelled', 'timeout', 'paused', 'unknown', 'running', 'unknown']);
  });

  it('resumes a stream cut mid-event with Last-Event-ID: no duplicate, no gap', async () => {
    const events: ScriptedEvent[] = Array.from({ length: 30 }, (_, i) => ({
      id: `1761545276${String(i).padStart(3, '0')}-0`,
      event: 'thread.message.delta',
      data: JSON.stringify({ agent_id: 'final_output', delta: `t${i} `, seq: i + 1, stream_id: `1761545276${String(i).padStart(3, '0')}-0`, workflow_id: WF }),
    }));
    events.push({ id: '1761545277000-0', event: 'thread.message.completed', data: JSON.stringify({ agent_id: 'final_output', response: 'final answer', workflow_id: WF }) });
    events.push({ id: '1761545277001-0', event: 'done', data: '[DONE]' });
    const script = await scriptStream([
      { when: '/stream/sse', events, resume: true, destroyAfterBytes: 1500 },
      { when: '/stream/sse', events, resume: true, destroyAfterBytes: 3500 },
      { when: '/stream/sse', events, resume: true },
      { when: `/api/v1/tasks/${WF}`, ...json({ task_id: WF, status: 'TASK_STATUS_COMPLETED', result: 'final answer', usage: { total_tokens: 500 } }) },
    ]);
    const store = createTaskStore({ persistence: 'memory', connection: { retry: { initialDelayMs: 5, maxDelayMs: 20, minDelayMs: 5 } } });
    store.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const release = store.watch(WF, () => ({ provider: 'shannon', baseUrl: script.url, auth: { mode: 'api-key', apiKey: 'sk-test' } }));
    await until(() => store.getRun(WF)?.status === 'completed', 8000, 'completion');
    release();
    const got = store.getEvents(WF);
    const deltas = got.filter((e) => e.kind === 'text-delta').map((e) => (e.kind === 'text-delta' ? e.text : ''));
    expect(deltas.join('')).to.equal(Array.from({ length: 30 }, (_, i) => `t${i} `).join(''));
    expect(summary(got).slice(-2)).to.deep.equal(['output text: final answer', 'status completed']);
    const streams = (await script.log()).filter((r) => r.url.includes('/stream/sse'));
    expect(streams.length).to.equal(3);
    expect(streams[0]!.headers['last-event-id']).to.equal(undefined);
    expect(streams[1]!.headers['last-event-id']).to.match(/^1761545276\d{3}-0$/);
    expect(streams[1]!.headers['x-api-key']).to.equal('sk-test');
    expect(streams[1]!.url).to.contain(`workflow_id=${encodeURIComponent(WF)}`).and.not.contain('sk-test');
    expect(store.getRun(WF)!.usage?.totalTokens).to.equal(500);
  });

  it('confirms the final status with GET when the stream ends without done', async () => {
    const events: ScriptedEvent[] = [
      { id: '1-0', event: 'WORKFLOW_STARTED', data: JSON.stringify({ workflow_id: WF, type: 'WORKFLOW_STARTED', message: 'Starting up' }) },
      { id: '2-0', event: 'error', data: JSON.stringify({ workflow_id: WF, type: 'ERROR_OCCURRED', message: 'Hit an issue: quota' }) },
    ];
    const script = await scriptStream([
      { when: '/stream/sse', events },
      { when: `/api/v1/tasks/${WF}`, ...json({ task_id: WF, status: 'TASK_STATUS_FAILED', error: 'quota exceeded' }) },
    ]);
    const store = createTaskStore({ persistence: 'memory', connection: { retry: { initialDelayMs: 5, maxDelayMs: 20, minDelayMs: 5 } } });
    store.addRun({ id: WF, provider: 'shannon', status: 'queued', createdAt: '2026-11-01T10:00:00Z' });
    const release = store.watch(WF, () => ({ provider: 'shannon', baseUrl: script.url, auth: { mode: 'none' } }));
    await until(() => store.getRun(WF)?.status === 'failed', 5000, 'failure');
    await until(() => store.getConnection(WF)?.state === 'closed', 5000, 'closed');
    release();
    expect(store.getRun(WF)!.error).to.deep.equal({ message: 'quota exceeded' });
    const streams = (await script.log()).filter((r) => r.url.includes('/stream/sse'));
    expect(streams.length, 'one last reconnect to collect what was sent before the end, no more').to.equal(2);
    expect(streams[1]!.headers['last-event-id'], 'it resumes after what it has').to.equal('2-0');
    expect(store.getEvents(WF).filter((e) => e.kind === 'error'), 'the resumed replay added nothing twice').to.have.length(1);
  });

  it("puts the key in the URL only in query mode, and only for the stream", async () => {
    const script = await scriptStream([
      { when: '/stream/sse', events: [{ id: '1-0', event: 'done', data: '[DONE]' }] },
      { when: `/api/v1/tasks/${WF}`, ...json({ task_id: WF, status: 'TASK_STATUS_COMPLETED', result: 'ok' }) },
    ]);
    const store = createTaskStore({ persistence: 'memory' });
    store.addRun({ id: WF, provider: 'shannon', status: 'running', createdAt: '2026-11-01T10:00:00Z' });
    const release = store.watch(WF, () => ({ provider: 'shannon', baseUrl: script.url, auth: { mode: 'query', apiKey: 'sk-q' } }));
    await until(() => store.getRun(WF)?.status === 'completed', 5000);
    release();
    const log = await script.log();
    const stream = log.find((r) => r.url.includes('/stream/sse'))!;
    const status = log.find((r) => r.url.includes('/api/v1/tasks/'))!;
    expect(stream.url).to.contain('api_key=sk-q');
    expect(stream.headers['x-api-key']).to.equal(undefined);
    expect(status.url).to.not.contain('sk-q');
    expect(status.headers['x-api-key']).to.equal('sk-q');
  });
});
