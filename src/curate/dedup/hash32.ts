/** Small 32-bit hashing helpers for MinHash and the dedup index (Math.imul arithmetic, no allocation). */

/** MurmurHash3's finaliser: a fast, well-mixed bijection on 32-bit integers. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of the `len` UTF-16 code units of `s` from `start`, seeded. */
export function hashRange(s: string, start: number, len: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < start + len; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h ^ len);
}

/** Hash of a whole string (FNV-1a step, Murmur finaliser), seeded. */
export function hashString(s: string, seed: number): number {
  return hashRange(s, 0, s.length, seed ^ 0x811c9dc5);
}
