import { expect } from '@open-wc/testing';
import { acceptedValue } from '../../src/core/attribute-value.js';

describe('acceptedValue', () => {
  it('names an accepted value in any case and with spaces around it', () => {
    expect(acceptedValue(' Shannon ', ['parallel', 'shannon'])).to.equal('shannon');
    expect(acceptedValue('API-KEY', ['none', 'api-key'])).to.equal('api-key');
  });
  it('is undefined for anything else, and for no value', () => {
    expect(acceptedValue('openai', ['parallel', 'shannon'])).to.equal(undefined);
    expect(acceptedValue('par allel', ['parallel'])).to.equal(undefined);
    expect(acceptedValue(null, ['parallel'])).to.equal(undefined);
  });
});
