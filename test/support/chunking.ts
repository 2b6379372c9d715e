/**
 * Splitting helpers for parser tests: the same bytes fed whole, one byte at a time, and in seeded
 * random pieces (which split CRLF pairs and multibyte characters).
 */

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits bytes into pieces of 1..maxSize bytes chosen by a seeded PRNG. */
export function randomChunks(bytes: Uint8Array, seed: number, maxSize = 7): Uint8Array[] {
  const random = seededRandom(seed);
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + Math.floor(random() * maxSize);
    pieces.push(bytes.subarray(i, i + size));
    i += size;
  }
  return pieces;
}

/** Every way of feeding `bytes` a test should try: whole, byte by byte, and 20 random splits. */
export function chunkings(bytes: Uint8Array): Array<{ label: string; pieces: Uint8Array[] }> {
  const out = [
    { label: 'whole', pieces: [bytes] },
    { label: '1-byte pieces', pieces: Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)) },
  ];
  for (let seed = 1; seed <= 20; seed++) out.push({ label: `random pieces (seed ${seed})`, pieces: randomChunks(bytes, seed) });
  return out;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
