import { expect } from '@open-wc/testing';
import { loadValidationWords } from '../../../src/core/validation/words.js';
import { emptyParallelDraft, parallelDraftFromRequest, validateParallelDraft } from '../../../src/core/validation/parallel-draft.js';
import { checkDomain } from '../../../src/core/validation/fields.js';

describe('Parallel request validation', () => {
  // The checks' words are loaded when a form first shows some (words.ts); these tests read them.
  before(() => loadValidationWords());

  it('builds the create body from a valid draft', () => {
    const draft = { ...emptyParallelDraft(), input: 'Who founded Acme?', processor: 'core2x-fast', includeDomains: ['acme.com'], afterDate: '2024-02-29', metadata: '{"team":"r&d"}', location: 'de', webhookUrl: 'https://hooks.example/p' };
    expect(validateParallelDraft(draft).params).to.deep.equal({
      input: 'Who founded Acme?', processor: 'core2x-fast', task_spec: { output_schema: { type: 'auto' } },
      source_policy: { include_domains: ['acme.com'], after_date: '2024-02-29' }, metadata: { team: 'r&d' },
      advanced_settings: { location: 'DE' }, webhook: { url: 'https://hooks.example/p', event_types: ['task_run.status'] },
    });
  });

  it('names the field of every error and returns no body', () => {
    const draft = { ...emptyParallelDraft(), input: '', processor: 'turbo', afterDate: '2025-02-30', metadata: '{"a_key_longer_than_16": 1}', webhookUrl: 'http://insecure.example', location: 'Germany', mcpServers: '[{"type":"url"}]' };
    const result = validateParallelDraft(draft);
    expect(result.params).to.equal(undefined);
    expect(Object.keys(result.errors).sort()).to.deep.equal(['afterDate', 'input', 'location', 'mcpServers', 'metadata', 'processor', 'webhookUrl']);
    expect(result.errors.metadata).to.contain('"a_key_longer_than_16"').and.contain('at most 16');
    expect(result.errors.webhookUrl).to.contain('https://');
  });

  it('takes a JSON object input and rejects other JSON', () => {
    expect(validateParallelDraft({ ...emptyParallelDraft(), inputMode: 'json', input: '{"company":"Acme"}' }).params?.input).to.deep.equal({ company: 'Acme' });
    expect(validateParallelDraft({ ...emptyParallelDraft(), inputMode: 'json', input: '[1,2]' }).errors.input).to.contain('JSON object');
  });

  it('enforces the 15,000 / 25,000 character limits', () => {
    const big = { ...emptyParallelDraft(), input: 'x'.repeat(24_990) };
    expect(validateParallelDraft(big).errors.input).to.contain('at most 25,000');
  });

  it('accepts domains and bare TLDs, rejects schemes, paths and junk', () => {
    for (const ok of ['example.com', 'sub.example.co.uk', '.edu', 'a-b.io']) expect(checkDomain(ok), ok).to.equal(undefined);
    for (const bad of ['https://x.com', 'x.com/path', 'localhost', '-x.com', 'ex ample.com', '']) expect(checkDomain(bad), bad).to.be.a('string');
  });

  it('round-trips a create body through a draft (re-run)', () => {
    const params = { input: 'q', processor: 'ultra', task_spec: { output_schema: { type: 'text' as const, description: 'brief' }, input_schema: 'a question' }, source_policy: { exclude_domains: ['spam.example'] }, previous_interaction_id: 'trun_1' };
    expect(validateParallelDraft(parallelDraftFromRequest(params)).params).to.deep.equal(params);
  });
});
