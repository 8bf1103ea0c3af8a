/**
 * The teacher tokenizer's normaliser: SentencePiece's `nmt_nfkc` rules as Hugging Face
 * `tokenizers` applies its "Precompiled" normaliser, followed by collapsing runs of spaces.
 *
 * HF walks the text grapheme by grapheme. A grapheme shorter than 6 UTF-8 bytes is looked up
 * whole: if any rule key is a prefix of it, the value of the SHORTEST such key replaces the
 * whole grapheme (bytes past the key are dropped: odd, but it is what the teacher saw in
 * training). Otherwise each code point is looked up on its own. The rule table shipped with
 * the weights holds only keys that can ever be that shortest match (see training/distill).
 */

/**
 * Code points that can join the previous code point into one grapheme (a superset of the
 * UAX #29 Extend, ZWJ, SpacingMark, Prepend, Regional_Indicator and Hangul L/V/T classes).
 * A text without any of these (and without CR) has one grapheme per code point, so the
 * costly Intl.Segmenter runs only on text that has them. Single character classes: linear.
 */
const MAY_JOIN =
  /[\r\p{Grapheme_Extend}\p{Mc}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\u0e33\u0eb3\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u{110bd}\u{110cd}\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]/u;

export const PATTERNS: readonly RegExp[] = [MAY_JOIN];

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export class PrecompiledNormalizer {
  private readonly rules: Map<string, string>;
  /** Replacement for each ASCII code unit, or undefined when it maps to itself. */
  private readonly ascii: (string | undefined)[] = new Array<string | undefined>(128);
  private segmenter: Intl.Segmenter | undefined;

  constructor(rules: Iterable<readonly [string, string]>) {
    this.rules = new Map(rules);
    for (let c = 0; c < 128; c++) this.ascii[c] = this.rules.get(String.fromCharCode(c));
  }

  /** Normalises one added-token-free segment of text, as the teacher tokenizer does. */
  normalize(text: string): string {
    const mapped = MAY_JOIN.test(text) ? this.mapGraphemes(text) : this.mapCodePoints(text);
    return collapseSpaces(mapped);
  }

  /** The rule for a single code point (or the shortest-prefix rule for a grapheme). */
  private transform(chunk: string): string | undefined {
    // Shortest key that prefixes the chunk, in whole code points.
    for (let end = 1; end <= chunk.length; end++) {
      const c = chunk.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff && end < chunk.length) continue;
      const hit = this.rules.get(chunk.slice(0, end));
      if (hit !== undefined) return hit;
    }
    return undefined;
  }

  /** Fast path: every code point is its own grapheme. */
  private mapCodePoints(text: string): string {
    let out = "";
    let runStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let repl: string | undefined;
      let width = 1;
      if (c < 0x80) {
        repl = this.ascii[c];
      } else {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
          const d = text.charCodeAt(i + 1);
          if (d >= 0xdc00 && d <= 0xdfff) width = 2;
        }
        repl = this.rules.get(width === 1 ? text[i]! : text.slice(i, i + 2));
      }
      if (repl !== undefined) {
        if (runStart < i) out += text.slice(runStart, i);
        out += repl;
        runStart = i + width;
      }
      i += width - 1;
    }
    return runStart === 0 ? text : out + text.slice(runStart);
  }

  /** Grapheme-aware path, exactly as HF: whole grapheme first, then code point by code point. */
  private mapGraphemes(text: string): string {
    this.segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
    let out = "";
    for (const { segment } of this.segmenter.segment(text)) {
      if (segment.length > 1 && utf8Length(segment) < 6) {
        const whole = this.transform(segment);
        if (whole !== undefined) {
          out += whole;
          continue;
        }
      }
      out += segment.length === 1 ? (this.transform(segment) ?? segment) : this.mapCodePoints(segment);
    }
    return out;
  }
}

/** Replaces each run of two or more U+0020 spaces by one (the teacher's `Replace(" {2,}", " ")`). */
function collapseSpaces(s: string): string {
  const first = s.indexOf("  ");
  if (first < 0) return s;
  let out = s.slice(0, first + 1);
  let prevSpace = true;
  for (let i = first + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (prevSpace) continue;
      prevSpace = true;
    } else prevSpace = false;
    out += s[i];
  }
  return out;
}
