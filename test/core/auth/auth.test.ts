import { expect } from '@open-wc/testing';
import { authHeaders, authQuery, parseAuthMode } from '../../../src/core/auth/auth.js';
import { ConfigError } from '../../../src/core/errors.js';

describe('auth modes', () => {
  it('none sends no credentials (the proxy adds them)', () => {
    expect(authHeaders('parallel', { mode: 'none', apiKey: 'k' }, 'rest')).to.deep.equal({});
    expect(authQuery('shannon', { mode: 'none', apiKey: 'k' }, 'stream')).to.deep.equal({});
  });

  it('api-key uses the x-api-key header for both providers', () => {
    expect(authHeaders('parallel', { mode: 'api-key', apiKey: 'k' }, 'stream')).to.deep.equal({ 'x-api-key': 'k' });
    expect(authHeaders('shannon', { mode: 'api-key', apiKey: 'k' }, 'rest')).to.deep.equal({ 'x-api-key': 'k' });
  });

  it('bearer uses Authorization: Bearer', () => {
    expect(authHeaders('shannon', { mode: 'bearer', apiKey: 'jwt' }, 'stream')).to.deep.equal({ authorization: 'Bearer jwt' });
  });

  it('query puts the key in the URL only for Shannon stream requests', () => {
    expect(authQuery('shannon', { mode: 'query', apiKey: 'k' }, 'stream')).to.deep.equal({ api_key: 'k' });
    expect(authHeaders('shannon', { mode: 'query', apiKey: 'k' }, 'stream')).to.deep.equal({});
    expect(authQuery('shannon', { mode: 'query', apiKey: 'k' }, 'rest')).to.deep.equal({});
    expect(authHeaders('shannon', { mode: 'query', apiKey: 'k' }, 'rest')).to.deep.equal({ 'x-api-key': 'k' });
    expect(authQuery('parallel', { mode: 'query', apiKey: 'k' }, 'stream'), 'never for Parallel').to.deep.equal({});
  });

  it('a mode that needs a key says how to fix its absence', () => {
    expect(() => authHeaders('parallel', { mode: 'api-key' }, 'rest')).to.throw(ConfigError, /apiKey property/);
    expect(() => authHeaders('parallel', { mode: 'bearer', apiKey: '  ' }, 'rest')).to.throw(ConfigError);
  });

  it('reads unknown auth-mode attribute values as none', () => {
    expect(parseAuthMode('bearer')).to.equal('bearer');
    expect(parseAuthMode('BASIC')).to.equal('none');
    expect(parseAuthMode(null)).to.equal('none');
  });
});
