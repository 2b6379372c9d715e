import { expect } from '@open-wc/testing';
import { NetworkError } from '../../src/core/errors.js';

describe('NetworkError', () => {
  it('says CORS may have blocked a request to another origin, and points to the bundled proxy', () => {
    const error = new NetworkError('https://api.example.com/v1/tasks/runs');
    expect(error.crossOrigin).to.equal(true);
    expect(error.message).to.contain('CORS').and.to.contain('proxy').and.to.contain(location.origin);
    expect(error.message).not.to.contain('Check the network connection');
  });

  it('keeps the plain network wording for a same-origin request', () => {
    for (const url of [`${location.origin}/api/parallel/v1/tasks/runs`, '/api/parallel/v1/tasks/runs']) {
      const error = new NetworkError(url);
      expect(error.crossOrigin).to.equal(false);
      expect(error.message).to.equal(`Could not reach ${url}. Check the network connection and the proxy-url setting.`);
    }
  });
});
