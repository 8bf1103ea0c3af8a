/**
 * MurmurHash3 (x86, 32-bit) over UTF-16 code units, for hashing whole strings and ranges without
 * allocating a substring: the seeded per-source caps and the group-aware split use it. (The n-gram
 * features use the cheaper scheme in ngrams.ts.)
 */

/** Mixes one 16-bit code unit (or any 32-bit value) into the running hash state. */
export function mixUnit(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The finaliser: spreads every input bit over the whole word (as a signed 32-bit value: fast in V8). */
export function finalizeInt(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** The finaliser as an unsigned 32-bit value. */
export function finalize(h: number, length: number): number {
  return finalizeInt(h, length) >>> 0;
}

/** Hash of s[start, end) with a seed. */
export function hashRange(s: string, start: number, end: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) h = mixUnit(h, s.charCodeAt(i));
  return finalize(h, end - start);
}

export function hashString(s: string, seed = 0): number {
  return hashRange(s, 0, s.length, seed);
}
