/**
 * Words of a text as pairs of 32-bit hashes (case-folded letters and digits; everything else
 * separates words), with their offsets, and rolling hashes of every run of k consecutive words
 * (shingles). The shingle key is 30 bits, so it stays a small integer (fast Map keys, no boxing);
 * a key hit is then confirmed word by word on both 32-bit hashes, so a key collision cannot
 * report an echo that is not there.
 */
import { foldUnit, isWordUnit } from "../common/char-class.js";

export interface Words {
  count: number;
  h1: Int32Array;
  h2: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

/** ASCII letters and digits folded to lower case; 0 for every other ASCII character. */
export const ASCII_FOLD = new Uint16Array(128);
for (let c = 48; c <= 57; c++) ASCII_FOLD[c] = c;
for (let c = 97; c <= 122; c++) ASCII_FOLD[c] = c;
for (let c = 65; c <= 90; c++) ASCII_FOLD[c] = c + 32;

/** The folded word character for a UTF-16 unit, or 0 when it separates words. */
export function wordUnit(c: number): number {
  if (c < 128) return ASCII_FOLD[c] as number;
  return isWordUnit(c) ? foldUnit(c) : 0;
}

// Scratch buffers reused across calls (detection is synchronous): no 100 KB allocation per check.
let scratch: Words = {
  count: 0,
  h1: new Int32Array(0),
  h2: new Int32Array(0),
  start: new Int32Array(0),
  end: new Int32Array(0),
};

/**
 * The words of a text. The result lives in shared scratch buffers: it is valid until the next
 * call, so callers that keep it must copy what they need.
 */
export function words(text: string): Words {
  // At most one word per two characters (a character and a separator).
  const cap = (text.length >> 1) + 1;
  if (scratch.h1.length < cap) {
    const size = Math.max(cap, scratch.h1.length * 2);
    scratch = {
      count: 0,
      h1: new Int32Array(size),
      h2: new Int32Array(size),
      start: new Int32Array(size),
      end: new Int32Array(size),
    };
  }
  const { h1, h2, start, end } = scratch;
  let n = 0;
  let inWord = false;
  let a = 0;
  let b = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const u = text.charCodeAt(i);
    // One table read classifies and folds ASCII; the rest goes through the memoised tables.
    const c = u < 128 ? (ASCII_FOLD[u] as number) : wordUnit(u);
    if (c !== 0) {
      if (!inWord) {
        inWord = true;
        a = 0x811c9dc5 | 0;
        b = 0x1b873593;
        start[n] = i;
      }
      // Two FNV-style hashes with different primes and seeds.
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    } else if (inWord) {
      inWord = false;
      h1[n] = a;
      h2[n] = b;
      end[n] = i;
      n++;
    }
  }
  if (inWord) {
    h1[n] = a;
    h2[n] = b;
    end[n] = len;
    n++;
  }
  scratch.count = n;
  return scratch;
}

const B = 0x9e3779b1 | 0;

function power(base: number, e: number): number {
  let p = 1;
  for (let i = 0; i < e; i++) p = Math.imul(p, base);
  return p;
}

/** Calls fn(i, key) for every shingle of k words starting at word i, in order; key is a 30-bit integer. */
export function forEachShingle(w: Words, k: number, fn: (i: number, key: number) => void): void {
  if (k <= 0 || w.count < k) return;
  const p = power(B, k - 1);
  const h = w.h1;
  let s = 0;
  for (let j = 0; j < k; j++) s = (Math.imul(s, B) + (h[j] as number)) | 0;
  for (let i = 0; ; i++) {
    fn(i, (s ^ (s >>> 30)) & 0x3fffffff);
    if (i + k >= w.count) break;
    s = (Math.imul(s - Math.imul(h[i] as number, p), B) + (h[i + k] as number)) | 0;
  }
}

/** Whether words a[i..i+k) and b[j..j+k) are the same words (both hashes equal). */
export function sameWords(a: Words, i: number, b: Words, j: number, k: number): boolean {
  for (let t = 0; t < k; t++) {
    if (a.h1[i + t] !== b.h1[j + t] || a.h2[i + t] !== b.h2[j + t]) return false;
  }
  return true;
}
