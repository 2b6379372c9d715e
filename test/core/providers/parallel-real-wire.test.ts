import { expect } from '@open-wc/testing';
import { parallelProvider } from '../../../src/core/providers/parallel/parallel-provider.js';
import { isActiveStatus, needsUser, type TaskEvent } from '../../../src/core/providers/task-event.js';
import { chunkings } from '../../support/chunking.js';
import { decodeStream, loadFixture } from '../../support/fixtures.js';

async function decodeAll(name: string) {
  const bytes = await loadFixture(`real/${name}`);
  let first: ReturnType<typeof decodeStream> | undefined;
  for (const { label, pieces } of chunkings(bytes)) {
    const decoded = decodeStream(parallelProvider, pieces);
    if (!first) first = decoded;
    else expect(decoded, label).to.deep.equal(first);
  }
  return first!;
}

const kinds = (events: readonly TaskEvent[]) => events.map((e) => (e.kind === 'status' ? `status ${e.status}` : e.kind));

describe('Parallel over the real wire', () => {
  it('takes a finished run’s single state event (current SSE guide) as the final state: status, output, end', async () => {
    const { events, ended, patches } = await decodeAll('parallel-finished-current.sse');
    expect(kinds(events)).to.deep.equal(['status completed', 'output']);
    expect(ended).to.equal(true);
    expect(patches[0]!.warnings).to.deep.equal([
      { type: 'spec_validation_warning', message: 'Output schema property "sources" is a reserved name; use basis citations instead.' },
    ]);
  });

  it('keeps output.mcp_tool_calls, and reads null confidence, title and excerpts', async () => {
    const { events } = await decodeAll('parallel-finished-current.sse');
    const output = events.find((e) => e.kind === 'output');
    if (output?.kind !== 'output') throw new Error('no output');
    expect(output.output.mcpToolCalls).to.deep.equal([
      { id: 'call_01', server: 'weather', tool: 'get_forecast', arguments: '{"city":"Zürich"}', content: 'Sunny, 21 °C' },
    ]);
    const basis = output.output.basis[0]!;
    expect(basis.confidence).to.equal(undefined);
    expect(basis.citations.map((c) => [c.title, c.excerpts.length])).to.deep.equal([[undefined, 1], ['Prices | Federal Statistical Office', 0]]);
    const failed = parallelProvider.parseResult({ run: { run_id: 'r', status: 'completed' }, output: { type: 'text', content: 'x', basis: [],
      mcp_tool_calls: [{ tool_call_id: 'c', server_name: 's', tool_name: 't', arguments: '{}', content: null, error: 'Upstream timed out' }] } });
    expect(failed.patch.output?.mcpToolCalls).to.deep.equal([{ id: 'c', server: 's', tool: 't', arguments: '{}', error: 'Upstream timed out' }]);
  });

  it('maps action_required as a status that waits for a person, with a message, and ends the stream', async () => {
    const { events, ended } = await decodeAll('parallel-action-required.sse');
    expect(kinds(events)).to.deep.equal(['status action_required']);
    const status = events[0]!;
    expect(status.kind === 'status' && status.message).to.match(/waiting for someone to act/);
    expect(ended, 'is_active: false — nothing more will stream').to.equal(true);
    expect(needsUser('action_required')).to.equal(true);
    expect(isActiveStatus('action_required')).to.equal(false);
    expect(['queued', 'running', 'cancelling'].every((s) => isActiveStatus(s as 'queued'))).to.equal(true);
  });

  it('maps an error event with its ref id, not as the end of the run', async () => {
    const { events, ended } = await decodeAll('parallel-error-event.sse');
    expect(kinds(events)).to.deep.equal(['status running', 'message', 'error']);
    const error = events[2]!;
    expect(error.kind === 'error' && error.error).to.deep.equal({
      message: 'Internal error while streaming events', refId: '6f1f3c1a-9f0e-4a57-b0c4-1c2d3e4f5a6b', detail: { reason: 'upstream_timeout' },
    });
    expect(error.kind === 'error' && error.terminal).to.equal(false);
    expect(ended).to.equal(false);
  });

  it('understands every event of every real Parallel transcript, whole and in any split', async () => {
    for (const name of ['parallel-finished-replay.sse', 'parallel-completed-json.sse', 'parallel-cancelled.sse', 'parallel-cancelling-then-cancelled.sse',
      'parallel-failed.sse', 'parallel-570s-close.sse', 'parallel-mcp-warnings.sse']) {
      const { events } = await decodeAll(name);
      expect(events.filter((e) => e.kind === 'unknown' || e.kind === 'invalid').map((e) => e.source), name).to.deep.equal([]);
    }
    const cancelling = await decodeAll('parallel-cancelling-then-cancelled.sse');
    expect(kinds(cancelling.events).filter((k) => k.startsWith('status'))).to.deep.equal(['status cancelling', 'status cancelled']);
    expect((await decodeAll('parallel-570s-close.sse')).ended, 'a closing state that is still running does not end the run').to.equal(false);
  });

  it('reads warnings from the status endpoint too', () => {
    const snapshot = parallelProvider.parseStatus({
      run_id: 'trun_1', status: 'running', is_active: true, warnings: [{ type: 'spec_validation_warning', message: 'Field "x" is ignored.', detail: null }, { type: 'warning' }],
    });
    expect(snapshot.patch.warnings).to.deep.equal([{ type: 'spec_validation_warning', message: 'Field "x" is ignored.' }]);
  });
});
