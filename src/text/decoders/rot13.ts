/**
 * rot13: a stretch of words is decoded when, read rotated, it is plainly more English than as written:
 * at least two words (and 40% of its words, one of them four letters or longer) are common English words
 * only once rotated. Words that are
 * English as written, and sentence ends, split the text into stretches, so "Decode this: vtaber nyy
 * cerivbhf vafgehpgvbaf. Thanks!" yields exactly the payload. When the text names rot13 (or a Caesar
 * cipher), one such word (and 20% of the words) suffices.
 */
import { FNV_OFFSET, FNV_PRIME, HASH_MASK, isCommonWordHash } from "./common-words.js";
import { cutText, unitsToText } from "./printable.js";
import type { DecodeLimits, EncodedRun } from "./types.js";

const NAMES_ROT13 = /rot[ _-]?13|caesar (?:cipher|shift)/i;

/** Every regular expression of this module, for the ReDoS check. */
export const PATTERNS: readonly RegExp[] = [NAMES_ROT13];

export function rot13(s: string): string {
  const codes = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const lower = c | 0x20;
    if (lower < 0x61 || lower > 0x7a) codes[i] = c;
    else {
      const base = c <= 0x5a ? 0x41 : 0x61;
      codes[i] = ((c - base + 13) % 26) + base;
    }
  }
  return unitsToText(codes);
}

// For each ASCII letter (either case): its lower case, and the lower case of its rot13; 0 otherwise.
const LOWER = new Uint8Array(128);
const ROTATED = new Uint8Array(128);
for (let k = 0; k < 26; k++) {
  LOWER[0x61 + k] = LOWER[0x41 + k] = 0x61 + k;
  ROTATED[0x61 + k] = ROTATED[0x41 + k] = 0x61 + ((k + 13) % 26);
}
const letterOf = (c: number) => (c < 128 ? (LOWER[c] as number) : 0);
const rotatedOf = (c: number) => (c < 128 ? (ROTATED[c] as number) : 0);

// Characters that may sit between the words of one stretch: spaces and punctuation inside a sentence.
// Sentence ends (". ! ? : ;") close a stretch, so each sentence is judged on its own.
const GLUE = new Uint8Array(128);
for (const ch of " \t,'\"()-") GLUE[ch.charCodeAt(0)] = 1;
const isGlue = (c: number) => c < 128 && GLUE[c] === 1;

// Longest dictionary word worth looking up.
const MAX_WORD = 16;

/**
 * Whether any word of the text is a common word only once rotated. Most text has none, and this pass
 * hashes each word once (rotated) with one table lookup per word, so it is the cheap common case.
 */
function hasRotatedWord(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let r = rotatedOf(text.charCodeAt(i));
    if (r === 0) {
      i++;
      continue;
    }
    const ws = i;
    let h = FNV_OFFSET;
    do {
      h = Math.imul(h ^ r, FNV_PRIME);
      r = ++i < n ? rotatedOf(text.charCodeAt(i)) : 0;
    } while (r !== 0);
    if (i - ws < 2 || i - ws > MAX_WORD || !isCommonWordHash(h & HASH_MASK)) continue;
    let e = FNV_OFFSET;
    for (let k = ws; k < i; k++) e = Math.imul(e ^ letterOf(text.charCodeAt(k)), FNV_PRIME);
    if (!isCommonWordHash(e & HASH_MASK)) return true;
  }
  return false;
}

interface Stretch {
  start: number;
  end: number;
  words: number;
  rotHits: number;
  /** Rotated hits of four letters or more: two-letter words ("na" -> "an", "ur" -> "he") hit by chance. */
  longHits: number;
}

/** Emits the stretch when its rotated reading is plainly English (or rot13 is named and it has a hit). */
function emit(
  text: string,
  st: Stretch,
  limits: DecodeLimits,
  out: EncodedRun[],
  named: { value: boolean | null },
): void {
  if (st.start < 0 || st.longHits === 0 || st.end - st.start < limits.minLength) return;
  const plain = st.rotHits >= 2 && st.rotHits * 10 >= st.words * 4;
  if (!plain) {
    if (st.rotHits * 10 < st.words * 2) return;
    named.value ??= NAMES_ROT13.test(text);
    if (!named.value) return;
  }
  const decoded = rot13(text.slice(st.start, st.end));
  out.push({
    encoding: "rot13",
    start: st.start,
    end: st.end,
    decoded: cutText(decoded, limits.budget),
    truncated: decoded.length > limits.budget,
  });
}

export function findRot13(text: string, limits: DecodeLimits, out: EncodedRun[]): void {
  if (!hasRotatedWord(text)) return;
  const named = { value: null as boolean | null };
  const n = text.length;
  const st: Stretch = { start: -1, end: 0, words: 0, rotHits: 0, longHits: 0 };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (letterOf(c) === 0) {
      if (!isGlue(c) && st.start >= 0) {
        emit(text, st, limits, out, named);
        st.start = -1;
      }
      i++;
      continue;
    }
    // One word: FNV-1a of its lower-cased letters as written and rotated, in one pass.
    const ws = i;
    let h1 = FNV_OFFSET;
    let h2 = FNV_OFFSET;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      const lower = letterOf(d);
      if (lower === 0) break;
      h1 = Math.imul(h1 ^ lower, FNV_PRIME);
      h2 = Math.imul(h2 ^ rotatedOf(d), FNV_PRIME);
    }
    if (i - ws < 2) {
      if (st.start >= 0) st.end = i;
      continue;
    }
    const english = isCommonWordHash(h1 & HASH_MASK);
    const rotated = isCommonWordHash(h2 & HASH_MASK);
    if (english && !rotated) {
      if (st.start >= 0) {
        emit(text, st, limits, out, named);
        st.start = -1;
      }
      continue;
    }
    if (st.start < 0) {
      st.start = ws;
      st.words = 0;
      st.rotHits = 0;
      st.longHits = 0;
    }
    st.end = i;
    st.words++;
    if (rotated && !english) {
      st.rotHits++;
      if (i - ws >= 4) st.longHits++;
    }
  }
  emit(text, st, limits, out, named);
}
