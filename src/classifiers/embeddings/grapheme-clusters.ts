/**
 * Extended grapheme cluster boundaries (Unicode UAX #29), fast enough for the tokenizer's
 * normaliser: Intl.Segmenter costs several microseconds per grapheme, this a table lookup
 * per code point once warm.
 *
 * Rules GB3–GB13 are implemented; GB9c (Indic conjuncts: consonant + virama + consonant) is
 * not. The normaliser only looks at clusters shorter than 6 UTF-8 bytes as a whole, and a
 * GB9c cluster has at least three 3-byte code points, so it makes no difference there except
 * for a conjunct followed by a 2-byte combining mark of another script.
 */

/** Grapheme_Cluster_Break classes (the low 6 bits of a property byte). */
const G_OTHER = 0;
const G_CR = 1;
const G_LF = 2;
const G_CONTROL = 3;
const G_EXTEND = 4;
const G_ZWJ = 5;
const G_REGIONAL = 6;
const G_PREPEND = 7;
const G_SPACING_MARK = 8;
const G_L = 9;
const G_V = 10;
const G_T = 11;
const G_LV = 12;
const G_LVT = 13;

const EXT_PICT = 0x40;
const KNOWN = 0x80;

const EXTEND = /^[\p{Grapheme_Extend}\p{Emoji_Modifier}]$/u;
const REGIONAL = /^\p{Regional_Indicator}$/u;
const CONTROL = /^[\p{Cc}\p{Zl}\p{Zp}\p{Cf}]$/u;
const UNASSIGNED = /^\p{Cn}$/u;
const DEFAULT_IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const SPACING = /^\p{Mc}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

export const PATTERNS: readonly RegExp[] = [
  EXTEND,
  REGIONAL,
  CONTROL,
  UNASSIGNED,
  DEFAULT_IGNORABLE,
  SPACING,
  PICTOGRAPHIC,
];

/** Prepended concatenation marks and other Prepend code points (UAX #29 table 2). */
const PREPEND: readonly (readonly [number, number])[] = [
  [0x0600, 0x0605],
  [0x06dd, 0x06dd],
  [0x070f, 0x070f],
  [0x0890, 0x0891],
  [0x08e2, 0x08e2],
  [0x0d4e, 0x0d4e],
  [0x110bd, 0x110bd],
  [0x110cd, 0x110cd],
  [0x111c2, 0x111c3],
  [0x1193f, 0x1193f],
  [0x11941, 0x11941],
  [0x11a3a, 0x11a3a],
  [0x11a84, 0x11a89],
  [0x11d46, 0x11d46],
  [0x11f02, 0x11f02],
];

/** Spacing marks that UAX #29 excludes from SpacingMark. */
const NOT_SPACING = new Set([
  0x102b, 0x102c, 0x1038, 0x1062, 0x1063, 0x1064, 0x1067, 0x1068, 0x1069, 0x106a, 0x106b, 0x106c, 0x106d,
  0x1083, 0x1087, 0x1088, 0x1089, 0x108a, 0x108b, 0x108c, 0x108f, 0x109a, 0x109b, 0x109c, 0x1a61, 0x1a63,
  0x1a64, 0xaa7b, 0xaa7d, 0x11720, 0x11721,
]);

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const pict = PICTOGRAPHIC.test(ch) ? EXT_PICT : 0;
  let gcb: number;
  if (cp === 0x0d) gcb = G_CR;
  else if (cp === 0x0a) gcb = G_LF;
  else if (cp === 0x200d) gcb = G_ZWJ;
  else if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c)) gcb = G_L;
  else if ((cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6)) gcb = G_V;
  else if ((cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb)) gcb = G_T;
  else if (cp >= 0xac00 && cp <= 0xd7a3) gcb = (cp - 0xac00) % 28 === 0 ? G_LV : G_LVT;
  else if (inRanges(cp, PREPEND)) gcb = G_PREPEND;
  else if (EXTEND.test(ch)) gcb = G_EXTEND;
  else if (REGIONAL.test(ch)) gcb = G_REGIONAL;
  else if (CONTROL.test(ch) || (UNASSIGNED.test(ch) && DEFAULT_IGNORABLE.test(ch))) gcb = G_CONTROL;
  else if (cp === 0x0e33 || cp === 0x0eb3 || (SPACING.test(ch) && !NOT_SPACING.has(cp))) gcb = G_SPACING_MARK;
  else gcb = G_OTHER;
  return KNOWN | pict | gcb;
}

/** Property byte per code point, filled on first sight (0 = not yet classified). */
let table: Uint8Array | undefined;

function props(cp: number): number {
  table ??= new Uint8Array(0x110000);
  let p = table[cp]!;
  if (p === 0) {
    p = classify(cp);
    table[cp] = p;
  }
  return p;
}

/** Classes that can join the code point before them / after them into one cluster. */
const JOINS_PREVIOUS =
  (1 << G_EXTEND) |
  (1 << G_ZWJ) |
  (1 << G_SPACING_MARK) |
  (1 << G_LF) |
  (1 << G_L) |
  (1 << G_V) |
  (1 << G_T) |
  (1 << G_LV) |
  (1 << G_LVT) |
  (1 << G_REGIONAL);
const JOINS_NEXT = (1 << G_CR) | (1 << G_PREPEND);

/**
 * False when a cluster starting with `cp` certainly ends before `next` (the common case);
 * true when graphemeEnd must decide. A cheap pre-check: two table lookups.
 */
export function mayJoin(cp: number, next: number): boolean {
  return (
    ((1 << (props(next) & 0x3f)) & JOINS_PREVIOUS) !== 0 || ((1 << (props(cp) & 0x3f)) & JOINS_NEXT) !== 0
  );
}

/** The code point at i, treating a lone surrogate as itself. */
export function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** End (exclusive, in UTF-16 units) of the grapheme cluster that starts at `start`. */
export function graphemeEnd(text: string, start: number): number {
  const n = text.length;
  let cp = codePointAt(text, start);
  let i = start + (cp > 0xffff ? 2 : 1);
  let prev = props(cp);
  let regional = (prev & 0x3f) === G_REGIONAL ? 1 : 0;
  // 1: after Extended_Pictographic Extend*; 2: and then a ZWJ (GB11).
  let emoji = prev & EXT_PICT ? 1 : 0;
  while (i < n) {
    cp = codePointAt(text, i);
    const next = props(cp);
    const p = prev & 0x3f;
    const q = next & 0x3f;
    let join: boolean;
    if (p === G_CR) join = q === G_LF;
    else if (p === G_LF || p === G_CONTROL) join = false;
    else if (q === G_CONTROL || q === G_CR || q === G_LF) join = false;
    else if (p === G_L) join = q === G_L || q === G_V || q === G_LV || q === G_LVT || isExtending(q);
    else if ((p === G_LV || p === G_V) && (q === G_V || q === G_T)) join = true;
    else if ((p === G_LVT || p === G_T) && q === G_T) join = true;
    else if (isExtending(q) || p === G_PREPEND) join = true;
    else if (emoji === 2 && next & EXT_PICT) join = true;
    else join = p === G_REGIONAL && q === G_REGIONAL && regional % 2 === 1;
    if (!join) break;
    if (q === G_REGIONAL) regional++;
    if (next & EXT_PICT) emoji = 1;
    else if (emoji === 1 && q === G_ZWJ) emoji = 2;
    else if (!(emoji === 1 && q === G_EXTEND)) emoji = 0;
    prev = next;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

function isExtending(q: number): boolean {
  return q === G_EXTEND || q === G_ZWJ || q === G_SPACING_MARK;
}
