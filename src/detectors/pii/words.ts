/**
 * Word tokens for the heuristic recognizers (names, places, organisations): runs of letters, with
 * inner apostrophes and hyphens ("O'Brien", "Mayo-Walters"). One linear pass by character codes;
 * only non-ASCII characters go through a Unicode property test.
 */
export interface Word {
  readonly start: number;
  readonly end: number;
  /** The word's text (sliced on first use: most words are never looked at). */
  readonly text: string;
  /** First letter upper-case. */
  readonly cap: boolean;
  /** Every letter upper-case and more than one letter (an acronym or a shouted word). */
  readonly allCaps: boolean;
  /** Lower-case text, computed on first use by lowerOf(). */
  lower?: string;
}

class LazyWord implements Word {
  private sliced: string | undefined;
  lower?: string;
  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    readonly cap: boolean,
    readonly allCaps: boolean,
  ) {}
  get text(): string {
    this.sliced ??= this.source.slice(this.start, this.end);
    return this.sliced;
  }
}

/** A word's lower-case text, cached on the word (several recognizers ask for it). */
export function lowerOf(w: Word): string {
  w.lower ??= w.text.toLowerCase();
  return w.lower;
}

const LETTER = /[\p{L}\p{M}]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /[\p{Ll}\p{Lo}]/u;
export const PATTERNS: readonly RegExp[] = [LETTER, UPPER, LOWER];

/** 0: not a letter, 1: lower-case (or caseless), 2: upper-case. */
function letterClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 97 && c <= 122) return 1;
  if (c >= 65 && c <= 90) return 2;
  if (c < 192) return 0;
  // Surrogate pairs (astral letters) are rare in names; treat them as non-letters.
  if (c >= 0xd800 && c <= 0xdfff) return 0;
  const ch = text[i]!;
  if (!LETTER.test(ch)) return 0;
  return UPPER.test(ch) ? 2 : 1;
}

export function scanWords(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const first = letterClass(text, i);
    if (first === 0) {
      i++;
      continue;
    }
    const start = i;
    let allUpper = first === 2;
    let letters = 1;
    i++;
    for (;;) {
      let k: number;
      while (i < n && (k = letterClass(text, i)) !== 0) {
        if (k === 1) allUpper = false;
        letters++;
        i++;
      }
      const c = text.charCodeAt(i);
      // an apostrophe or hyphen joins two letter runs
      if ((c === 39 || c === 0x2019 || c === 45) && i + 1 < n && letterClass(text, i + 1) !== 0) {
        i++;
        continue;
      }
      break;
    }
    out.push(new LazyWord(text, start, i, first === 2, allUpper && letters > 1));
  }
  return out;
}

/** Index of the first word whose start is ≥ pos (binary search). */
export function wordAt(words: readonly Word[], pos: number): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cue phrases indexed by their last word, so a recognizer checks only the cues that can end right
 * before a word instead of every cue at every word. Each cue is lower case and ends in a space.
 */
export class CueIndex {
  private readonly byLast = new Map<string, string[]>();
  constructor(cues: readonly string[]) {
    for (const c of cues) {
      const trimmed = c.trimEnd();
      // the last word without trailing punctuation ("name:" → "name")
      let e = trimmed.length;
      while (e > 0 && ":?,.".includes(trimmed[e - 1]!)) e--;
      const last = trimmed.slice(trimmed.lastIndexOf(" ", e - 1) + 1, e);
      const list = this.byLast.get(last) ?? [];
      list.push(trimmed);
      this.byLast.set(last, list);
    }
  }

  /** The cue that ends right before words[i] (spaces allowed in between), if any. */
  match(lower: string, words: readonly Word[], i: number): string | undefined {
    if (i === 0) return undefined;
    const w = words[i]!;
    let e = w.start;
    if (lower.charCodeAt(e - 1) !== 32) return undefined;
    // "Name:    Nayla": any run of spaces before the word
    while (e > 0 && lower.charCodeAt(e - 1) === 32) e--;
    const list = this.byLast.get(lowerOf(words[i - 1]!));
    if (!list) return undefined;
    for (const c of list) if (lower.endsWith(c, e)) return c;
    return undefined;
  }
}
