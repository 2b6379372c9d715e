import { expect } from '@open-wc/testing';
import { findHidden, HIDDEN, redactRequest, redactUrl } from '../../../src/core/store/redact.js';
import { createTaskStore } from '../../../src/core/store/task-store.js';
import { validateParallelDraft, parallelDraftFromRequest } from '../../../src/core/validation/parallel-draft.js';
import { loadValidationWords } from '../../../src/core/validation/words.js';

const request = {
  input: 'What is new?',
  processor: 'pro' as const,
  webhook: { url: 'https://hooks.example/parallel?token=abc123&team=research', event_types: ['task_run.status'] },
  mcp_servers: [
    { type: 'url' as const, name: 'docs', url: 'https://user:pa55@mcp.example/sse?api_key=k-1&region=eu', headers: { Authorization: 'Bearer sk-live-999', 'X-Team': 'blue' } },
  ],
  metadata: { note: 'keep me' },
};

describe('no secrets at rest: requests are kept redacted', () => {
  // The checks' words are loaded when a form first shows some (core/validation/words.ts); one test reads them.
  before(() => loadValidationWords());

  it('hides MCP header values, URL credentials and token-like query values, and keeps the rest', () => {
    const kept = redactRequest(request);
    expect(kept.mcp_servers[0]!.headers).to.deep.equal({ Authorization: HIDDEN, 'X-Team': HIDDEN });
    expect(kept.mcp_servers[0]!.url).to.equal(`https://${HIDDEN}:${HIDDEN}@mcp.example/sse?api_key=${HIDDEN}&region=eu`);
    expect(kept.webhook.url).to.equal(`https://hooks.example/parallel?token=${HIDDEN}&team=research`);
    expect(kept.metadata).to.deep.equal({ note: 'keep me' });
    expect(kept.input).to.equal('What is new?');
    expect(JSON.stringify(kept)).to.not.match(/abc123|pa55|k-1|sk-live-999/);
    expect(request.mcp_servers[0]!.headers.Authorization, 'the input is not changed').to.equal('Bearer sk-live-999');
  });

  it('hides a long random value whatever its parameter is called, and leaves plain URLs as they are', () => {
    expect(redactUrl('https://x.example/h?q=Zx81kPq0aLm2Bn3Cv4Xz')).to.equal(`https://x.example/h?q=${HIDDEN}`);
    expect(redactUrl('https://x.example/a?page=2&q=cats')).to.equal('https://x.example/a?page=2&q=cats');
    expect(redactUrl('not a url ?token=1')).to.equal('not a url ?token=1');
  });

  it('the store keeps only the redacted request, in memory and in storage', () => {
    const store = createTaskStore({ persistence: 'memory' });
    store.addRun({ id: 'r', provider: 'parallel', status: 'queued', createdAt: '2026-11-01T10:00:00Z', request });
    expect(JSON.stringify(store.getRun('r')!.request)).to.not.match(/abc123|pa55|sk-live-999/);
  });

  it('a re-run is not sent while a hidden value is left in it, and is once the user types it again', () => {
    const draft = parallelDraftFromRequest(redactRequest(request));
    const refused = validateParallelDraft(draft);
    expect(refused.errors.mcpServers).to.contain('type it again');
    expect(refused.errors.webhookUrl).to.contain('type it again');
    expect(refused.params).to.equal(undefined);
    const typed = validateParallelDraft({ ...draft, webhookUrl: request.webhook.url, mcpServers: JSON.stringify(request.mcp_servers) });
    expect(typed.errors).to.deep.equal({});
    expect(findHidden(typed.params)).to.deep.equal([]);
  });
});
