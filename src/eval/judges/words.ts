/**
 * Word handling for the lexical judges (groundedness, truthfulness): Unicode words, lower-cased, with
 * English function words dropped and a light suffix strip so "reported" supports "reports".
 */

/** One letter, mark or digit of any script (tested per character outside ASCII). */
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

export const PATTERNS: readonly RegExp[] = [WORD_CHAR];

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || isAsciiDigit(c) || (c >= 0x41 && c <= 0x5a);
  return (
    WORD_CHAR.test(text[i]!) ||
    (c >= 0xd800 && c <= 0xdfff && WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i) ?? c)))
  );
}

/**
 * The words of a text in order: runs of letters, marks and digits; a number keeps its inner separators
 * ("1,000", "3.5"). A single scan with no per-match objects (texts may be long).
 */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      if (isWordChar(text, i)) i++;
      else {
        const c = text.charCodeAt(i);
        // "1,000" / "3.5": a separator between digits stays inside the word.
        if (
          (c === 0x2c || c === 0x2e) &&
          i > start &&
          isAsciiDigit(text.charCodeAt(i - 1)) &&
          isAsciiDigit(text.charCodeAt(i + 1))
        )
          i++;
        else break;
      }
    }
    out.push(text.slice(start, i));
  }
  return out;
}

const STOP = new Set(
  (
    "a an and are as at be been being but by can could did do does doing for from had has have having he her " +
    "here hers him his how i if in into is it its itself just me more most my no nor not of off on once only or " +
    "other our ours out over own same she should so some such than that the their theirs them then there these " +
    "they this those through to too under until up very was we were what when where which while who whom why " +
    "will with would you your yours also about above after again against all am any because before below " +
    "between both during each few further s t don now yes per may might must shall"
  ).split(" "),
);

export function isNumber(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 0x30 && c <= 0x39;
}

/** "1,000" and "1000" compare equal; "3.50" and "3.5" too. */
export function canonicalNumber(word: string): string {
  const plain = word.replaceAll(",", "");
  const n = Number(plain);
  return Number.isFinite(n) ? String(n) : plain;
}

/** Light English suffix strip (plural, past, gerund); other scripts pass through. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ied")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("es")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export interface ContentWords {
  words: string[];
  numbers: string[];
}

/** Content words (stemmed, stop words dropped) and numbers (canonical) of a text, in order. */
export function contentWords(text: string): ContentWords {
  const words: string[] = [];
  const numbers: string[] = [];
  for (const w of splitWords(text.toLowerCase())) {
    if (isNumber(w)) numbers.push(canonicalNumber(w));
    else if (!STOP.has(w) && w.length > 1) words.push(stem(w));
  }
  return { words, numbers };
}

/** Token F1 between two texts' content words and numbers (0 when either has none). */
export function tokenF1(a: string, b: string): number {
  const ca = contentWords(a);
  const cb = contentWords(b);
  const ta = [...ca.words, ...ca.numbers];
  const tb = [...cb.words, ...cb.numbers];
  if (ta.length === 0 || tb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of tb) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of ta) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const p = common / ta.length;
  const r = common / tb.length;
  return (2 * p * r) / (p + r);
}
