/**
 * PKCE and `state` values, from oauth4webapi (not hand-written): the verifier is 32 bytes of
 * `crypto.getRandomValues` in base64url — 43 characters of RFC 7636's unreserved set (§4.1) — the
 * challenge is BASE64URL(SHA-256(verifier)) (`S256`, §4.2), and `state` carries 256 random bits.
 */
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';

/** A PKCE pair (RFC 7636). */
export interface PkcePair {
  /** `code_verifier`: sent only to the token endpoint. */
  verifier: string;
  /** `code_challenge`: sent to the authorization endpoint. */
  challenge: string;
  method: 'S256';
}

/** A fresh verifier and its S256 challenge. */
export async function createPkcePair(): Promise<PkcePair> {
  const verifier = generateRandomCodeVerifier();
  return { verifier, challenge: await calculatePKCECodeChallenge(verifier), method: 'S256' };
}

/** A fresh `state` value (256 random bits, base64url). */
export function createState(): string {
  return generateRandomState();
}

/** S256 challenge of a given verifier (RFC 7636 §4.2), e.g. to check Appendix B's example. */
export function challengeOf(verifier: string): Promise<string> {
  return calculatePKCECodeChallenge(verifier);
}
