/**
 * The skeleton view: the normalized text lower-cased, with look-alike letters folded to their ASCII
 * prototypes (Cyrillic "р" -> "p"), Latin diacritics removed ("é" -> "e"), and combining marks stacked on
 * Latin, Greek or Cyrillic letters dropped ("Zalgo" text). The same pass looks at each word's scripts and
 * flags words that mix scripts ("mixed-script") and words where a deceptive look-alike was folded inside
 * a Latin or mixed word ("confusables"). A word written entirely in Cyrillic or Greek is folded but not
 * flagged: it is ordinary Russian or Greek.
 */
import { CONFUSABLES, LATIN_VARIANTS } from "./confusables-table.js";
import { isMark, isWordChar, LATIN, LOOKALIKE_SCRIPTS, scriptNames, scriptOf } from "./char-class.js";
import { MAX_FLAGS_PER_KIND, type FlagCollector } from "./flags.js";
import { MapBuilder, type OffsetMap } from "./offset-map.js";
import type { TextFlagKind } from "./types.js";

export interface SkeletonResult {
  text: string;
  map: OffsetMap;
}

// Packed facts about a non-ASCII code point, computed once and cached:
const KIND = 0x03; //   how its skeleton was made:
const PLAIN = 0; //       only lower-cased (or unchanged)
const CONFUSABLE = 1; //  a deceptive look-alike was folded
const VARIANT = 2; //     an ordinary variant (diacritic, ß, curly quote) was folded
const SAME = 0x04; //   its skeleton is itself
const MARK_BIT = 0x08; // a combining mark
const WORD_BIT = 0x10; // a letter, mark or digit
const KNOWN = 0x20; //  the entry is filled
const SCRIPT_SHIFT = 8; // bits 8..15: its script (char-class.ts)

const bmpOut: (string | undefined)[] = new Array<string | undefined>(0x10000);
const bmpInfo = new Uint16Array(0x10000);
const astralOut = new Map<number, string>();
const astralInfo = new Map<number, number>();

function stripMarks(s: string): string {
  let out = "";
  for (const ch of s) if (!isMark(ch.codePointAt(0) as number)) out += ch;
  return out;
}

function isAsciiText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

const single = (s: string) => s.length > 0 && s.length === ((s.codePointAt(0) as number) >= 0x10000 ? 2 : 1);

function skeletonOf(cp: number): { out: string; kind: number } {
  const confusable = CONFUSABLES.get(cp);
  if (confusable !== undefined) return { out: confusable, kind: CONFUSABLE };
  const variant = LATIN_VARIANTS.get(cp);
  if (variant !== undefined) return { out: variant, kind: VARIANT };
  const src = String.fromCodePoint(cp);
  const lower = src.toLowerCase();
  if (lower !== src && single(lower)) {
    const lowerVariant = LATIN_VARIANTS.get(lower.codePointAt(0) as number);
    if (lowerVariant !== undefined) return { out: lowerVariant, kind: VARIANT };
  }
  if (scriptOf(cp) === LATIN) {
    const base = stripMarks(lower.normalize("NFD"));
    if (base !== lower && base.length > 0) {
      if (isAsciiText(base)) return { out: base, kind: VARIANT };
      const v = single(base) ? LATIN_VARIANTS.get(base.codePointAt(0) as number) : undefined;
      if (v !== undefined) return { out: v, kind: VARIANT };
    }
  }
  return { out: lower, kind: PLAIN };
}

function compute(cp: number): { out: string; info: number } {
  const { out, kind } = skeletonOf(cp);
  const mark = isMark(cp);
  let info = kind | KNOWN | (scriptOf(cp) << SCRIPT_SHIFT);
  if (out === String.fromCodePoint(cp)) info |= SAME;
  if (mark) info |= MARK_BIT;
  if (mark || isWordChar(cp)) info |= WORD_BIT;
  return { out, info };
}

/** Packed facts about a non-ASCII code point (see the bits above). */
function charInfo(cp: number): number {
  if (cp < 0x10000) {
    const info = bmpInfo[cp] as number;
    if (info !== 0) return info;
    const r = compute(cp);
    bmpOut[cp] = r.out;
    bmpInfo[cp] = r.info;
    return r.info;
  }
  const info = astralInfo.get(cp);
  if (info !== undefined) return info;
  const r = compute(cp);
  if (astralInfo.size < 16_384) {
    astralOut.set(cp, r.out);
    astralInfo.set(cp, r.info);
  }
  return r.info;
}

/** The skeleton of a non-ASCII code point (after charInfo). */
function skelOut(cp: number): string {
  return cp < 0x10000 ? (bmpOut[cp] as string) : (astralOut.get(cp) ?? skeletonOf(cp).out);
}

const isAsciiWord = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const cpLen = (cp: number) => (cp >= 0x10000 ? 2 : 1);

/** Units of the word character at i (0 if it is not one). */
function wordCharAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return isAsciiWord(c) ? 1 : 0;
  const cp = s.codePointAt(i) as number;
  return (charInfo(cp) & WORD_BIT) !== 0 ? cpLen(cp) : 0;
}

/** Start of the word containing i (scanning left over word characters, not below floor). */
function wordStartBefore(s: string, i: number, floor: number): number {
  let j = i;
  while (j > floor) {
    let k = j - 1;
    const c = s.charCodeAt(k);
    if (c >= 0xdc00 && c <= 0xdfff && k > floor) {
      const h = s.charCodeAt(k - 1);
      if (h >= 0xd800 && h <= 0xdbff) k--;
    }
    if (wordCharAt(s, k) === 0) break;
    j = k;
  }
  return j;
}

/** Script bits, deceptive folds and ASCII letters of the word s[ws, we). */
function analyseWord(s: string, ws: number, we: number): { scripts: number; folds: number; ascii: number } {
  let scripts = 0;
  let folds = 0;
  let ascii = 0;
  for (let i = ws; i < we;) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c > 0x39) {
        scripts |= LATIN;
        ascii++;
      }
      i++;
      continue;
    }
    const cp = s.codePointAt(i) as number;
    i += cpLen(cp);
    const info = charInfo(cp);
    scripts |= info >> SCRIPT_SHIFT;
    if ((info & KIND) === CONFUSABLE) folds++;
  }
  return { scripts, folds, ascii };
}

const WORD_DETAIL_MAX = 64;

/** The skeleton of the word s[ws, we), for flag details. */
function skeletonOfWord(s: string, ws: number, we: number): string {
  let out = "";
  let base = 0;
  for (let i = ws; i < we && out.length <= WORD_DETAIL_MAX;) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 32 : c);
      base = c > 0x39 ? LATIN : 0;
      i++;
      continue;
    }
    const cp = s.codePointAt(i) as number;
    i += cpLen(cp);
    const info = charInfo(cp);
    if ((info & MARK_BIT) !== 0) {
      if ((base & LOOKALIKE_SCRIPTS) === 0) out += String.fromCodePoint(cp);
      continue;
    }
    out += skelOut(cp);
    base = info >> SCRIPT_SHIFT;
  }
  return out.length > WORD_DETAIL_MAX ? out.slice(0, WORD_DETAIL_MAX) + "…" : out;
}

const NON_LATIN_LOOKALIKE = LOOKALIKE_SCRIPTS & ~LATIN;

/**
 * Builds the skeleton of the normalized text (`map` maps it to raw). `ascii` says the text is pure ASCII,
 * where the skeleton is just the lower-cased text with the same map. Otherwise the text is lower-cased
 * natively and only non-ASCII characters are looked at one by one. A word is analysed for flags only
 * when it holds a letter of a look-alike script other than Latin, or a deceptive Latin look-alike: no
 * other word can mix scripts or hide a confusable.
 */
export function buildSkeleton(
  text: string,
  map: OffsetMap,
  ascii: boolean,
  flags: FlagCollector,
): SkeletonResult {
  const lowered = text.toLowerCase();
  if (ascii) return { text: lowered, map };
  const n = text.length;
  // Lower-casing keeps lengths except for a few characters (U+0130); then ASCII is handled per character.
  const aligned = lowered.length === n;
  const base = aligned ? lowered : text;
  const builder = new MapBuilder(map, n + 16);
  const parts: string[] = [];
  let pending = 0; // start of the stretch of `base` not yet copied
  let analysedUntil = 0;
  let markRunEnd = -1;
  let markBase = 0;
  let flagged = 0;
  const perKind = new Map<TextFlagKind, number>();

  const splice = (i: number, len: number, out: string) => {
    if (i > pending) {
      parts.push(base.slice(pending, i));
      builder.copy(pending, i - pending);
    }
    if (out.length > 0) parts.push(out);
    builder.span(i, i + len, out.length);
    pending = i + len;
  };

  const flagWord = (ws: number, we: number) => {
    const { scripts, folds, ascii } = analyseWord(text, ws, we);
    const mixed = (scripts & LOOKALIKE_SCRIPTS & ((scripts & LOOKALIKE_SCRIPTS) - 1)) !== 0;
    // A look-alike hides inside a word: one that mixes scripts, or an otherwise ASCII Latin word
    // (a lone "ɑ" quoted in a text about the alphabet hides nothing).
    const deceptive = folds > 0 && (mixed || ((scripts & LATIN) !== 0 && ascii > 0));
    if (!mixed && !deceptive) return;
    const span = map.toRaw([ws, we]);
    const word = flagged++ < 2 * MAX_FLAGS_PER_KIND ? skeletonOfWord(text, ws, we) : "";
    const add = (kind: TextFlagKind, count: number, detail: string) => {
      const k = perKind.get(kind) ?? 0;
      perKind.set(kind, k + 1);
      flags.add(kind, span, count, k < MAX_FLAGS_PER_KIND ? detail : undefined);
    };
    if (mixed) add("mixed-script", 1, `${scriptNames(scripts & LOOKALIKE_SCRIPTS)}: ${word}`);
    if (deceptive) add("confusables", folds, `${folds} look-alike${folds === 1 ? "" : "s"}: ${word}`);
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!aligned && c >= 0x41 && c <= 0x5a) splice(i, 1, String.fromCharCode(c + 32));
      i++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    const len = cpLen(cp);
    const info = charInfo(cp);
    const script = info >> SCRIPT_SHIFT;
    if (i >= analysedUntil && ((script & NON_LATIN_LOOKALIKE) !== 0 || (info & KIND) === CONFUSABLE)) {
      const ws = wordStartBefore(text, i, analysedUntil);
      let we = i;
      while (we < n) {
        const step = wordCharAt(text, we);
        if (step === 0) break;
        we += step;
      }
      if (we > ws) flagWord(ws, we);
      analysedUntil = Math.max(we, i + len);
    }
    if ((info & MARK_BIT) !== 0) {
      // Marks stacked on a Latin, Greek or Cyrillic letter are dropped ("Zalgo" text).
      const prevBase = i === markRunEnd ? markBase : scriptBefore(text, i);
      markRunEnd = i + len;
      markBase = prevBase;
      if ((prevBase & LOOKALIKE_SCRIPTS) !== 0) splice(i, len, "");
      else if (!aligned) splice(i, len, text.slice(i, i + len));
    } else if ((info & KIND) !== PLAIN || (!aligned && (info & SAME) === 0)) splice(i, len, skelOut(cp));
    i += len;
  }
  if (pending === 0) return { text: base, map };
  if (n > pending) {
    parts.push(base.slice(pending, n));
    builder.copy(pending, n - pending);
  }
  return { text: parts.join(""), map: builder.finish() };
}

/** Script of the code point just before i (0 at the start or for a non-letter). */
function scriptBefore(s: string, i: number): number {
  if (i === 0) return 0;
  let k = i - 1;
  const c = s.charCodeAt(k);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? LATIN : 0;
  if (c >= 0xdc00 && c <= 0xdfff && k > 0) {
    const h = s.charCodeAt(k - 1);
    if (h >= 0xd800 && h <= 0xdbff) k--;
  }
  return charInfo(s.codePointAt(k) as number) >> SCRIPT_SHIFT;
}
