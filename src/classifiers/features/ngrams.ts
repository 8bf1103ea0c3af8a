/**
 * Hashed n-gram extraction straight from a string: word unigrams and bigrams, and character n-grams.
 * Each feature is hashed while the string is scanned (MurmurHash3 mixing per code unit), so nothing is
 * allocated per token. Counts are bounded by the caller's caps, which bounds the time on any input.
 */
import type { HashAccumulator } from "./hash-accumulator.js";
import { combine, finalizeInt, mixUnit } from "./murmur.js";

export const WORD_SEED = 0x2f6b1d3a;
export const BIGRAM_SEED = 0x51ed270b;
export const CHAR_SEED = 0x7a3c9e15;

/**
 * Whether a code unit is part of a word: ASCII letters and digits, and any non-ASCII unit outside the
 * common punctuation and space blocks (letters of every script, marks, surrogate halves of astral
 * letters). Word views are lower-cased already.
 */
export function isWordUnit(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xfe30 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false; // full-width punctuation
  if (c >= 0xff1a && c <= 0xff20) return false;
  return true;
}

export interface WordLimits {
  maxWords: number;
  /** Longer runs of word units are cut into pieces of this length. */
  maxWordLength: number;
}

/**
 * Adds hashed word unigrams and adjacent-word bigrams of `text` to `acc`. Returns the number of words.
 */
export function addWordFeatures(text: string, acc: HashAccumulator, limits: WordLimits): number {
  const { maxWords, maxWordLength } = limits;
  let words = 0;
  let prev = 0;
  let hasPrev = false;
  let h = WORD_SEED;
  let len = 0;
  const n = text.length;
  for (let i = 0; i <= n && words < maxWords; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x20;
    if (i < n && isWordUnit(c) && len < maxWordLength) {
      h = mixUnit(h, c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
      len++;
      continue;
    }
    if (len > 0) {
      const wh = finalizeInt(h, len);
      acc.add(wh);
      if (hasPrev) acc.add(combine(prev, wh, BIGRAM_SEED));
      prev = wh;
      hasPrev = true;
      words++;
      h = WORD_SEED;
      len = 0;
      // A cut inside an over-long word: this unit starts the next piece.
      if (i < n && isWordUnit(c)) {
        h = mixUnit(h, c >= 0x41 && c <= 0x5a ? c | 0x20 : c);
        len = 1;
      }
    }
  }
  return words;
}

export interface CharLimits {
  minN: number;
  maxN: number;
  /** Characters of the text looked at (from the start). */
  maxChars: number;
}

/**
 * Adds hashed character n-grams (minN..maxN, within 1..5) of the first maxChars units of `text`. Runs of
 * white space count as one space, digits all read as "0", ASCII is lower-cased, and the text is padded
 * with a space on each side so word starts and ends make their own n-grams. Returns how many were added.
 *
 * The hottest loop of the featuriser: it updates the accumulator's arrays directly (locals, no calls).
 */
export function addCharFeatures(text: string, acc: HashAccumulator, limits: CharLimits): number {
  const { minN, maxN } = limits;
  if (minN < 1 || maxN > 5 || minN > maxN) throw new Error(`bad n-gram range ${minN}..${maxN}`);
  const perChar = maxN - minN + 1;
  // Never more n-grams than the accumulator has room for (it is sized for maxChars).
  const end = Math.min(text.length, limits.maxChars, Math.floor(acc.free / perChar) - 2);
  const { counts, touched, mask } = acc;
  let n = acc.n;
  const n0 = n;
  // The last five units read, newest first; 0 = before the start (never hashed).
  let c0 = 0x20;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  // Initialised so V8 keeps it an integer register (an unassigned `let` makes the loop slow).
  // eslint-disable-next-line no-useless-assignment
  let c4 = 0;
  let seen = 1;
  for (let i = 0; i <= end; i++) {
    let c = i < end ? text.charCodeAt(i) : 0x20;
    if (c <= 0x20 || c === 0xa0 || c === 0x3000) c = 0x20;
    else if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    else if (c >= 0x30 && c <= 0x39) c = 0x30;
    if (c === 0x20 && c0 === 0x20) continue;
    c4 = c3;
    c3 = c2;
    c2 = c1;
    c1 = c0;
    c0 = c;
    seen++;
    // n-grams of every length from minN up to what has been read, at most maxN, all ending here.
    const avail = seen < maxN ? seen : maxN;
    if (avail < minN) continue;
    // Unrolled: one hash state extended unit by unit (newest first); lengths below minN are not added.
    let h = mixUnit(CHAR_SEED, c0);
    if (minN <= 1) {
      const f = finalizeInt(h, 1);
      const b = f & mask;
      counts[b]! += 1 | (f >> 31);
      touched[n++] = b;
    }
    if (avail < 2) continue;
    h = mixUnit(h, c1);
    if (minN <= 2) {
      const f = finalizeInt(h, 2);
      const b = f & mask;
      counts[b]! += 1 | (f >> 31);
      touched[n++] = b;
    }
    if (avail < 3) continue;
    h = mixUnit(h, c2);
    if (minN <= 3) {
      const f = finalizeInt(h, 3);
      const b = f & mask;
      counts[b]! += 1 | (f >> 31);
      touched[n++] = b;
    }
    if (avail < 4) continue;
    h = mixUnit(h, c3);
    if (minN <= 4) {
      const f = finalizeInt(h, 4);
      const b = f & mask;
      counts[b]! += 1 | (f >> 31);
      touched[n++] = b;
    }
    if (avail < 5) continue;
    const f = finalizeInt(mixUnit(h, c4), 5);
    const b = f & mask;
    counts[b]! += 1 | (f >> 31);
    touched[n++] = b;
  }
  acc.n = n;
  return n - n0;
}
