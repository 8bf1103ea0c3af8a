/**
 * How suspicious each kind of hidden-text flag is. The normaliser already leaves out ordinary uses (a
 * ZWJ inside an emoji sequence, ZWNJ in Persian, one variation selector after a symbol, emoji
 * subdivision flags); what reaches here is scored by how much is hidden and where.
 */
import type { Span, TextFlag } from "../../text/types.js";

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The code point ending just before i, or -1. */
function cpBefore(raw: string, i: number): number {
  if (i <= 0) return -1;
  const c = raw.charCodeAt(i - 1);
  if (isLow(c) && i >= 2 && isHigh(raw.charCodeAt(i - 2))) return raw.codePointAt(i - 2) as number;
  return c;
}

function cpAt(raw: string, i: number): number {
  return i < raw.length ? (raw.codePointAt(i) as number) : -1;
}

const WORDISH = /^[\p{L}\p{N}]$/u;

/** Every regular expression of this module (a single-character class test), for the ReDoS check. */
export const PATTERNS: readonly RegExp[] = [WORDISH];

function isWordish(cp: number): boolean {
  if (cp < 0) return false;
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a);
  return WORDISH.test(String.fromCodePoint(cp));
}

/** Whether the flagged span sits between two letters or digits: it splits a word. */
export function splitsWord(raw: string, span: Span): boolean {
  return isWordish(cpBefore(raw, span[0])) && isWordish(cpAt(raw, span[1]));
}

/** The code points inside a raw span (at most `max` of them). */
export function codePointsIn(raw: string, span: Span, max = 64): number[] {
  const out: number[] = [];
  for (let i = span[0]; i < span[1] && out.length < max;) {
    const cp = raw.codePointAt(i) as number;
    out.push(cp);
    i += cp >= 0x10000 ? 2 : 1;
  }
  return out;
}

/**
 * Score of invisible characters. Inside a word they break up what filters match ("pass\u200Bword"):
 * one is already likely deliberate, several are an attack. Between words they are mostly copy-paste and
 * machine-translation debris, and only many of them are suspicious. Soft hyphens alone stay low (they
 * are hyphenation hints).
 */
export function invisibleScore(total: number, splitsAWord: boolean, softHyphensOnly: boolean): number {
  let score: number;
  if (splitsAWord) score = total >= 10 ? 0.95 : total >= 4 ? 0.85 : total >= 2 ? 0.75 : 0.5;
  else score = total >= 20 ? 0.75 : total >= 8 ? 0.5 : 0.3;
  return softHyphensOnly ? Math.min(score, 0.25) : score;
}

const OVERRIDES = new Set([0x202d, 0x202e]);
const EMBEDS_AND_ISOLATES = new Set([0x202a, 0x202b, 0x2066, 0x2067, 0x2068]);

export const BIDI_NAMES: ReadonlyMap<number, string> = new Map([
  [0x061c, "ARABIC LETTER MARK"],
  [0x200e, "LEFT-TO-RIGHT MARK"],
  [0x200f, "RIGHT-TO-LEFT MARK"],
  [0x202a, "LEFT-TO-RIGHT EMBEDDING"],
  [0x202b, "RIGHT-TO-LEFT EMBEDDING"],
  [0x202c, "POP DIRECTIONAL FORMATTING"],
  [0x202d, "LEFT-TO-RIGHT OVERRIDE"],
  [0x202e, "RIGHT-TO-LEFT OVERRIDE"],
  [0x2066, "LEFT-TO-RIGHT ISOLATE"],
  [0x2067, "RIGHT-TO-LEFT ISOLATE"],
  [0x2068, "FIRST STRONG ISOLATE"],
  [0x2069, "POP DIRECTIONAL ISOLATE"],
]);

/**
 * Score of bidi controls, or null when they are ordinary: overrides reorder what the reader sees (Trojan
 * Source, "gpj.exe" tricks) and score high; embeddings and isolates are rarer in legitimate plain text;
 * directional marks (LRM, RLM, ALM) next to right-to-left writing are how such text is typed.
 */
export function bidiScore(codePoints: readonly number[], rtlNearby: boolean): number | null {
  if (codePoints.some((cp) => OVERRIDES.has(cp))) return 0.85;
  if (codePoints.some((cp) => EMBEDS_AND_ISOLATES.has(cp))) return rtlNearby ? 0.35 : 0.6;
  return rtlNearby ? null : 0.35;
}

/**
 * Mixed-script words. A word that reads as plain ASCII once its look-alikes are folded ("раураl" ->
 * "paypal") is a spoof: suspicious alone, a pattern when there are several. A word that keeps letters
 * with no Latin look-alike ("стандартаDVB", "μm", "cредние" with one stray Latin c) is a typo, a unit or
 * a missing space: reported, but low.
 */
export function mixedScriptScore(readsAsAscii: boolean, spoofWords: number): number {
  if (!readsAsAscii) return 0.3;
  return spoofWords >= 3 ? 0.8 : 0.65;
}

/** Whether the skeleton of a flagged word (the part of the flag detail after ": ") is all ASCII. */
export function skeletonIsAscii(detail: string | undefined): boolean {
  if (detail === undefined) return false;
  const at = detail.indexOf(": ");
  if (at < 0) return false;
  let word = detail.slice(at + 2);
  if (word.endsWith("…")) word = word.slice(0, -1);
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x80) return false;
  return true;
}

export const TAG_SCORE = 0.95;

/** Total `count` over flags of one kind. */
export function totalCount(flags: readonly TextFlag[], kind: TextFlag["kind"]): number {
  let n = 0;
  for (const f of flags) if (f.kind === kind) n += f.count;
  return n;
}
