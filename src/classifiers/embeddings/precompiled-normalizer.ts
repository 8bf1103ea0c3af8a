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
import { codePointAt, graphemeEnd, mayJoin } from "./grapheme-clusters.js";

const MAX_CODE_POINT = 0x10ffff;

/** Anything but printable ASCII, or a double space: text without it is already normal. Linear. */
const NEEDS_WORK = /[^\x20-\x7e]| {2}/;

export const PATTERNS: readonly RegExp[] = [NEEDS_WORK];

function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export class PrecompiledNormalizer {
  /** Rules whose key is one code point: 1-based index into `values` per code point, 0 = none. */
  private readonly single = new Uint16Array(MAX_CODE_POINT + 1);
  private readonly values: string[] = [""];
  /** Rules whose key is several code points (only applied to whole short graphemes). */
  private readonly multi = new Map<string, string>();

  constructor(rules: Iterable<readonly [string, string]>) {
    for (const [key, value] of rules) {
      const cp = key.codePointAt(0);
      if (cp === undefined) continue;
      if (key.length === (cp > 0xffff ? 2 : 1)) {
        if (this.values.length > 0xffff) throw new Error("too many normalisation rules");
        this.single[cp] = this.values.length;
        this.values.push(value);
      } else {
        this.multi.set(key, value);
      }
    }
  }

  /** Normalises one added-token-free segment of text, as the teacher tokenizer does. */
  normalize(text: string): string {
    if (!NEEDS_WORK.test(text)) return text;
    const n = text.length;
    const { single, values } = this;
    let out = "";
    let runStart = 0;
    for (let i = 0; i < n;) {
      const c = text.charCodeAt(i);
      let end: number;
      let repl: string | undefined;
      // ASCII followed by ASCII is always a grapheme of its own, except CR LF.
      if (c < 0x80 && c !== 0x0d && (i + 1 === n || text.charCodeAt(i + 1) < 0x80)) {
        end = i + 1;
        const k = single[c]!;
        if (k !== 0) repl = values[k];
      } else {
        const cp = codePointAt(text, i);
        end = i + (cp > 0xffff ? 2 : 1);
        if (end < n && mayJoin(cp, codePointAt(text, end))) end = graphemeEnd(text, i);
        if (end - i === (cp > 0xffff ? 2 : 1)) {
          const k = single[cp]!;
          if (k !== 0) repl = values[k];
        } else {
          repl = this.grapheme(text, i, end);
        }
      }
      if (repl !== undefined) {
        if (runStart < i) out += text.slice(runStart, i);
        out += repl;
        runStart = end;
      }
      i = end;
    }
    return collapseSpaces(runStart === 0 ? text : out + text.slice(runStart));
  }

  /** Replacement of a multi-code-point grapheme text[from, to), or undefined if unchanged. */
  private grapheme(text: string, from: number, to: number): string | undefined {
    if (utf8Length(text, from, to) < 6) {
      // Shortest rule key that prefixes the grapheme, in whole code points.
      for (let i = from; i < to;) {
        const cp = codePointAt(text, i);
        i += cp > 0xffff ? 2 : 1;
        const k = i - from === (cp > 0xffff ? 2 : 1) ? this.single[cp]! : 0;
        if (k !== 0) return this.values[k];
        const hit = this.multi.get(text.slice(from, i));
        if (hit !== undefined) return hit;
      }
    }
    let out = "";
    let changed = false;
    for (let i = from; i < to;) {
      const cp = codePointAt(text, i);
      const next = i + (cp > 0xffff ? 2 : 1);
      const k = this.single[cp]!;
      if (k !== 0) {
        out += this.values[k];
        changed = true;
      } else out += text.slice(i, next);
      i = next;
    }
    return changed ? out : undefined;
  }
}

/** Replaces each run of two or more U+0020 spaces by one (the teacher's `Replace(" {2,}", " ")`). */
function collapseSpaces(s: string): string {
  let at = s.indexOf("  ");
  if (at < 0) return s;
  let out = "";
  let from = 0;
  while (at >= 0) {
    out += s.slice(from, at + 1);
    let end = at + 2;
    while (end < s.length && s.charCodeAt(end) === 0x20) end++;
    from = end;
    at = s.indexOf("  ", from);
  }
  return out + s.slice(from);
}
