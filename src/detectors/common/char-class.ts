/**
 * Per-code-unit character facts used by the matchers: a simple lower-case fold that keeps offsets
 * (one UTF-16 unit in, one out) and whether a character is part of a word. Both are memoised in
 * 64 K tables filled lazily, so the hot loops do one array read per character.
 */

const foldTable = new Uint16Array(65536);
const foldKnown = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  foldTable[c] = c >= 65 && c <= 90 ? c + 32 : c;
  foldKnown[c] = 1;
}

/** Lower-cases one UTF-16 code unit when its lower case is a single code unit; else returns it. */
export function foldUnit(c: number): number {
  if (foldKnown[c] === 1) return foldTable[c] as number;
  let f = c;
  // Surrogates are halves of astral characters: left as they are.
  if (c < 0xd800 || c > 0xdfff) {
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1) f = lower.charCodeAt(0);
  }
  foldTable[c] = f;
  foldKnown[c] = 1;
  return f;
}

let folding: Uint16Array | undefined;

/** Every code unit whose fold differs from itself (upper-case letters and the like); computed once. */
export function foldingUnits(): Uint16Array {
  if (!folding) {
    const list: number[] = [];
    for (let c = 0; c < 65536; c++) if (foldUnit(c) !== c) list.push(c);
    folding = Uint16Array.from(list);
  }
  return folding;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Folds a whole string unit by unit (same length as the input, so offsets carry over). */
export function foldString(s: string): string {
  // For ASCII the native lower-casing is the same fold, and much faster.
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  const units = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) units[i] = String.fromCharCode(foldUnit(s.charCodeAt(i)));
  return units.join("");
}

/** Word classes: not a letter or digit, a letter/digit of a spaced script, or of a script written without spaces. */
export const WordClass = { Other: 1, Word: 2, Unspaced: 3 } as const;
export type WordClass = (typeof WordClass)[keyof typeof WordClass];

const WORD = /^[\p{L}\p{N}\p{M}]$/u;
// Scripts written without spaces between words: a term is a plain substring there.
const UNSPACED =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;

const classTable = new Uint8Array(65536);

function classify(ch: string): WordClass {
  if (!WORD.test(ch)) return WordClass.Other;
  return UNSPACED.test(ch) ? WordClass.Unspaced : WordClass.Word;
}

/** The word class of the code point that starts at (or, for a low surrogate, ends at) this code unit. */
export function classOfCodePoint(cp: number): WordClass {
  if (cp < 65536) {
    let k = classTable[cp] as number;
    if (k === 0) {
      // Lone surrogates are not characters of any script.
      k = cp >= 0xd800 && cp <= 0xdfff ? WordClass.Other : classify(String.fromCharCode(cp));
      classTable[cp] = k;
    }
    return k as WordClass;
  }
  return classify(String.fromCodePoint(cp));
}

/** Class of the character just before offset i (handles surrogate pairs); Other at the start. */
export function classBefore(s: string, i: number): WordClass {
  if (i <= 0) return WordClass.Other;
  const lo = s.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff)
      return classOfCodePoint(((hi - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
  }
  return classOfCodePoint(lo);
}

/** Class of the character starting at offset i (handles surrogate pairs); Other at the end. */
export function classAt(s: string, i: number): WordClass {
  if (i >= s.length) return WordClass.Other;
  const cp = s.codePointAt(i) as number;
  return classOfCodePoint(cp);
}

/** ASCII-only fast word test, falling back to the table for other characters. */
export function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // A surrogate half counts as a word character so astral letters are not split.
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return classOfCodePoint(c) !== WordClass.Other;
}

export const PATTERNS: readonly RegExp[] = [NON_ASCII, WORD, UNSPACED];
