import { expect } from '@open-wc/testing';
import { PROVIDER_INFO } from '../../../src/core/providers/provider-info.js';
import { providerFor } from '../../../src/core/store/providers.js';

describe('PROVIDER_INFO (what pages know before the connection code loads)', () => {
  for (const name of ['parallel', 'shannon'] as const) {
    it(`${name}: canPause says what the provider can do (a pause request exists exactly when it is true)`, () => {
      expect(PROVIDER_INFO[name].canPause).to.equal(providerFor(name).controlRequest !== undefined);
    });
  }
});
