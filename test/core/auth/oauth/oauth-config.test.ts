/**
 * The `oauth-*` attributes resolved against the page (issue 12, "Contract"): Parallel's issuer, the
 * page's host name as client id, the page URL without query and fragment as redirect URI, the key in
 * sessionStorage — and a clear configuration error for what cannot work.
 */
import { expect } from '@open-wc/testing';
import { resolveOAuthConfig, type OAuthAttributes } from '../../../../src/core/auth/oauth/oauth-config.js';
import { isOAuthError } from '../../../../src/core/auth/oauth/oauth-errors.js';

const PAGE = 'https://research.example.com/tasks/index.html?tab=2#results';

function refusal(attributes: Partial<OAuthAttributes>, page = PAGE): string {
  try {
    resolveOAuthConfig({ provider: 'parallel', ...attributes }, page);
  } catch (error) {
    expect(isOAuthError(error) && error.reason, String(error)).to.equal('config');
    return (error as Error).message;
  }
  throw new Error('no configuration error');
}

describe('oauth-* attributes', () => {
  it('defaults: issuer https://platform.parallel.ai, the host name as client id, the page URL without query and fragment, sessionStorage', () => {
    expect(resolveOAuthConfig({ provider: 'parallel' }, PAGE)).to.deep.equal({
      issuer: 'https://platform.parallel.ai',
      clientId: 'research.example.com',
      register: false,
      redirectUri: 'https://research.example.com/tasks/index.html',
      storage: 'session',
      allowInsecure: false,
    });
  });

  it('takes each attribute as given (a trailing slash of the issuer dropped; empty values count as absent)', () => {
    const config = resolveOAuthConfig({
      provider: 'parallel', issuer: 'https://auth.example.com/tenant/', clientId: 'my-client', register: true,
      redirectUri: 'https://research.example.com/oauth/back', storage: 'local',
    }, PAGE);
    expect(config).to.deep.include({ issuer: 'https://auth.example.com/tenant', clientId: 'my-client', register: true, redirectUri: 'https://research.example.com/oauth/back', storage: 'local' });
    expect(resolveOAuthConfig({ provider: 'parallel', issuer: ' ', clientId: '', storage: 'memory' }, PAGE)).to.deep.include({ issuer: 'https://platform.parallel.ai', clientId: 'research.example.com', storage: 'memory' });
  });

  it('accepts plain http only for an issuer on this machine (a local mock)', () => {
    expect(resolveOAuthConfig({ provider: 'parallel', issuer: 'http://127.0.0.1:8787/mock' }, PAGE).allowInsecure).to.equal(true);
    expect(refusal({ issuer: 'http://auth.example.com' })).to.match(/must use https/);
  });

  it('refuses, in words, what cannot work: Shannon, a redirect URI on another origin or with a fragment, an issuer with a query', () => {
    expect(() => resolveOAuthConfig({ provider: 'shannon' }, PAGE)).to.throw(/works with provider="parallel" only/);
    expect(refusal({ redirectUri: 'https://evil.example/back' })).to.match(/must be on this page's origin/);
    expect(refusal({ redirectUri: 'https://research.example.com/back#x' })).to.match(/must not have a fragment/);
    expect(refusal({ issuer: 'https://platform.parallel.ai/?tenant=1' })).to.match(/must not have a query/);
    expect(refusal({ issuer: 'not a url' })).to.match(/must be an absolute URL/);
  });
});
