import { expect } from '@open-wc/testing';
import { loadValidationWords } from '../../../src/core/validation/words.js';
import { emptyParallelDraft, validateParallelDraft } from '../../../src/core/validation/parallel-draft.js';
import { commitDomainText, readDomainText } from '../../../src/core/validation/domain-text.js';

describe('Domains typed but not added', () => {
  // The checks' words are loaded when a form first shows some (words.ts); these tests read them.
  before(() => loadValidationWords());

  it('reads a pasted list: commas, spaces and semicolons separate; case, www. and repeats are dropped', () => {
    expect(readDomainText(' www.Acme.com, .edu;example.org  acme.com ')).to.deep.equal({ domains: ['acme.com', '.edu', 'example.org'] });
    expect(readDomainText('')).to.deep.equal({ domains: [] });
  });

  it('keeps the valid pieces and names the first one that is not a domain', () => {
    const read = readDomainText('acme.com https://evil.example/x example.org');
    expect(read.domains).to.deep.equal(['acme.com', 'example.org']);
    expect(read.error).to.contain('https://evil.example/x');
  });

  it('are sent with the lists they were typed beside', () => {
    const draft = { ...emptyParallelDraft(), input: 'q', includeDomains: ['acme.com'], includeDomainText: 'acme.org', excludeDomainText: 'spam.example' };
    expect(validateParallelDraft(draft).params?.source_policy).to.deep.equal({ include_domains: ['acme.com', 'acme.org'], exclude_domains: ['spam.example'] });
  });

  it('block the body with an error on their own list when one is not a domain', () => {
    const result = validateParallelDraft({ ...emptyParallelDraft(), input: 'q', excludeDomainText: 'bad/path' });
    expect(result.params).to.equal(undefined);
    expect(Object.keys(result.errors)).to.deep.equal(['excludeDomains']);
    expect(result.errors.excludeDomains).to.contain('typed but not added');
  });

  it('move into their lists when committed, leaving text that is not a domain in its box', () => {
    const draft = commitDomainText({ ...emptyParallelDraft(), includeDomainText: 'acme.org', excludeDomainText: 'spam.example bad/path' });
    expect([draft.includeDomains, draft.includeDomainText, draft.excludeDomains, draft.excludeDomainText]).to.deep.equal([['acme.org'], '', ['spam.example'], 'spam.example bad/path']);
  });
});
