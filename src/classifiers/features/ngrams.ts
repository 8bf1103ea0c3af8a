/**
 * Hashed n-gram extraction straight from a string: word unigrams and bigrams, and character n-grams.
 * Each feature is hashed while the string is scanned, so nothing is allocated per token. Counts are
 * bounded by the caller's caps, which bounds the time on any input.
 *
 * The hashing (feature version 2): a word is FNV-1a over its folded UTF-16 units; a character n-gram is
 * a sum of its units times fixed odd constants (one per position, so it extends from n to n+1 with one
 * multiply-add); every key then goes through one finaliser, mix32, whose low bits pick the bucket and
 * whose top bit the sign. Character classes come from two 64 K-entry tables rather than comparisons:
 * on ordinary text a data-dependent branch per character costs more than the hashing.
 */
import type { HashAccumulator } from "./hash-accumulator.js";

export const WORD_SEED = 0x2f6b1d3a;
export const BIGRAM_SEED = 0x51ed270b;
/** Per n-gram length (index n): xor-ed into the key so that lengths never share a key. */
export const CHAR_SEEDS = [0, 0x7a3c9e15, 0x1b56c4e9, 0x3c6ef372, 0x165667b1, 0x2545f491] as const;
/** Per position from the newest unit back (odd, so each position's contribution is a bijection). */
export const POSITION_FACTORS = [
  0x9e3779b1 | 0,
  0x85ebca77 | 0,
  0xc2b2ae3d | 0,
  0x27d4eb2f | 0,
  0x165667b1 | 0,
] as const;
const [P0, P1, P2, P3, P4] = POSITION_FACTORS;
export const FNV_PRIME = 0x01000193;
const M1 = 0x7feb352d;
const M2 = 0x846ca68b | 0;
/** The two multipliers of mix32. */
export const MIX_FACTORS = [M1, M2] as const;

/** The 32-bit finaliser ("lowbias32", C. Wellons): every input bit reaches every output bit. Signed. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, M1);
  x ^= x >>> 15;
  x = Math.imul(x, M2);
  return x ^ (x >>> 16);
}

/**
 * Whether a code unit is part of a word: ASCII letters and digits, and any non-ASCII unit outside the
 * common punctuation and space blocks (letters of every script, marks, surrogate halves of astral
 * letters).
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

/** The lower case of a code unit when it is one unit (toLowerCase of the unit alone), else the unit. */
function lowerUnit(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

export interface FoldTables {
  /** Per code unit: 0 if not a word unit, else the unit lower-cased. */
  word: Uint16Array;
  /**
   * Per code unit, as the character n-grams read it: white space (controls, U+00A0, U+3000) is a
   * space, letters are lower-cased, every ASCII digit reads as "0".
   */
  char: Uint16Array;
}

let tables: FoldTables | undefined;

/** Built on first use (~15 ms: a toLowerCase per code unit). */
export function foldTables(): FoldTables {
  if (tables) return tables;
  const word = new Uint16Array(65536);
  const char = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    const lower = lowerUnit(c);
    word[c] = isWordUnit(c) ? lower : 0;
    char[c] = c <= 0x20 || c === 0xa0 || c === 0x3000 ? 0x20 : c >= 0x30 && c <= 0x39 ? 0x30 : lower;
  }
  tables = { word, char };
  return tables;
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
  const { maxWordLength } = limits;
  // Each word adds at most two features: never more than the accumulator has room for.
  const maxWords = Math.min(limits.maxWords, acc.free >> 1);
  if (maxWords <= 0) return 0;
  const { counts, touched, mask } = acc;
  const WORD_FOLD = foldTables().word;
  let n = acc.n;
  let words = 0;
  let prev = 0;
  let h = WORD_SEED;
  let len = 0;
  const end = text.length;
  for (let i = 0; i <= end; i++) {
    const u = i < end ? WORD_FOLD[text.charCodeAt(i)]! : 0;
    if (u !== 0 && len < maxWordLength) {
      h = Math.imul(h ^ u, FNV_PRIME);
      len++;
      continue;
    }
    if (len === 0) continue;
    const wh = mix32(h ^ len);
    let b = wh & mask;
    let old = counts[b]!;
    counts[b] = old + (1 | (wh >> 31));
    touched[n] = b;
    n += ((old | -old) >>> 31) ^ 1;
    if (words > 0) {
      const bh = mix32((Math.imul(prev, P0) ^ wh) + BIGRAM_SEED);
      b = bh & mask;
      old = counts[b]!;
      counts[b] = old + (1 | (bh >> 31));
      touched[n] = b;
      n += ((old | -old) >>> 31) ^ 1;
    }
    prev = wh;
    if (++words >= maxWords) break;
    // A unit that ends a word either is no word unit, or starts the next piece of an over-long word.
    h = u !== 0 ? Math.imul(WORD_SEED ^ u, FNV_PRIME) : WORD_SEED;
    len = u !== 0 ? 1 : 0;
  }
  acc.n = n;
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
 * white space count as one space, digits all read as "0", letters are lower-cased, and the text is padded
 * with a space on each side so word starts and ends make their own n-grams. Returns how many were added.
 *
 * The hottest loop of the featuriser: it updates the accumulator's arrays directly, and the only
 * branches that depend on the text are the rare ones (a run of spaces, the first few units).
 */
export function addCharFeatures(text: string, acc: HashAccumulator, limits: CharLimits): number {
  const { minN, maxN } = limits;
  if (minN < 1 || maxN > 5 || minN > maxN) throw new Error(`bad n-gram range ${minN}..${maxN}`);
  const perChar = maxN - minN + 1;
  // Never more n-grams than the accumulator has room for.
  const end = Math.min(text.length, limits.maxChars, Math.floor(acc.free / perChar) - 2);
  if (end < 0) return 0;
  const { counts, touched, mask } = acc;
  const CHAR_FOLD = foldTables().char;
  const [, s1, s2, s3, s4, s5] = CHAR_SEEDS;
  let n = acc.n;
  let added = 0;
  // The last five units read, newest first; the text starts after a (padding) space.
  let c0 = 0x20;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let seen = 1;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? CHAR_FOLD[text.charCodeAt(i)]! : 0x20;
    // Both spaces (every other folded unit is above 0x20): a run of white space reads as one space.
    if ((c | c0) === 0x20) continue;
    const c4 = c3;
    c3 = c2;
    c2 = c1;
    c1 = c0;
    c0 = c;
    seen++;
    // n-grams of every length from minN up to what has been read, at most maxN, all ending here.
    const avail = seen < maxN ? seen : maxN;
    if (avail < minN) continue;
    added += avail - minN + 1;
    let k = Math.imul(c0, P0);
    let x: number;
    let b: number;
    let old: number;
    if (minN <= 1) {
      x = mix32(k ^ s1);
      b = x & mask;
      old = counts[b]!;
      counts[b] = old + (1 | (x >> 31));
      touched[n] = b;
      n += ((old | -old) >>> 31) ^ 1;
    }
    if (avail < 2) continue;
    k = (k + Math.imul(c1, P1)) | 0;
    if (minN <= 2) {
      x = mix32(k ^ s2);
      b = x & mask;
      old = counts[b]!;
      counts[b] = old + (1 | (x >> 31));
      touched[n] = b;
      n += ((old | -old) >>> 31) ^ 1;
    }
    if (avail < 3) continue;
    k = (k + Math.imul(c2, P2)) | 0;
    if (minN <= 3) {
      x = mix32(k ^ s3);
      b = x & mask;
      old = counts[b]!;
      counts[b] = old + (1 | (x >> 31));
      touched[n] = b;
      n += ((old | -old) >>> 31) ^ 1;
    }
    if (avail < 4) continue;
    k = (k + Math.imul(c3, P3)) | 0;
    if (minN <= 4) {
      x = mix32(k ^ s4);
      b = x & mask;
      old = counts[b]!;
      counts[b] = old + (1 | (x >> 31));
      touched[n] = b;
      n += ((old | -old) >>> 31) ^ 1;
    }
    if (avail < 5) continue;
    x = mix32(((k + Math.imul(c4, P4)) | 0) ^ s5);
    b = x & mask;
    old = counts[b]!;
    counts[b] = old + (1 | (x >> 31));
    touched[n] = b;
    n += ((old | -old) >>> 31) ^ 1;
  }
  acc.n = n;
  return added;
}
