import { expect } from '@open-wc/testing';
import { challengeOf, createPkcePair, createState } from '../../../../src/core/auth/oauth/pkce.js';

/** RFC 7636 §4.1: code-verifier = 43*128unreserved; unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

async function sha256Base64Url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

describe('PKCE and state (RFC 7636)', () => {
  it('reproduces the S256 example of RFC 7636 Appendix B', async () => {
    // The appendix's 32 octets, base64url-encoded, are the verifier; its challenge is given there.
    const octets = new Uint8Array([116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121]);
    const verifier = btoa(String.fromCharCode(...octets)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(verifier).to.equal('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(await challengeOf(verifier)).to.equal('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43–128 unreserved characters, unlike the reference app’s 131–167', async () => {
    for (let i = 0; i < 200; i++) {
      const { verifier, method } = await createPkcePair();
      expect(verifier).to.match(VERIFIER);
      expect(method).to.equal('S256');
    }
  });

  it('derives the challenge as BASE64URL(SHA-256(verifier)) without padding (§4.2)', async () => {
    for (let i = 0; i < 20; i++) {
      const { verifier, challenge } = await createPkcePair();
      expect(challenge).to.equal(await sha256Base64Url(verifier));
      expect(challenge).to.match(/^[A-Za-z0-9\-_]{43}$/);
      expect(challenge).not.to.equal(verifier);
    }
  });

  it('draws verifiers and states from a CSPRNG: 256 bits each, never repeated', async () => {
    const verifiers = new Set<string>();
    const states = new Set<string>();
    for (let i = 0; i < 500; i++) {
      verifiers.add((await createPkcePair()).verifier);
      states.add(createState());
    }
    expect(verifiers.size).to.equal(500);
    expect(states.size).to.equal(500);
    for (const state of states) {
      // base64url of ≥ 16 random bytes is ≥ 22 characters; oauth4webapi draws 32 bytes (43 characters).
      expect(state).to.match(/^[A-Za-z0-9\-_]{43}$/);
    }
  });

  it('uses every character of the base64url alphabet over many verifiers (no narrowed alphabet)', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) for (const c of (await createPkcePair()).verifier) seen.add(c);
    expect(seen.size).to.equal(64);
  });
});
