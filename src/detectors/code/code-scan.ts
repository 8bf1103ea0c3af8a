/**
 * One view's text prepared for the code rules: every token pattern is run over the text at most
 * once (results cached), and rules combine tokens by position ("a downloader earlier on the same
 * line as a pipe into sh") with binary searches. Each pattern stays a short, local, linear regex;
 * the "A ... B" structure that would need an unbounded or wide gap in one regex lives here in code.
 */

export interface Token {
  start: number;
  end: number;
  /** The regex match, for its groups. */
  m: RegExpExecArray;
}

/**
 * Hits reported per label and view. One hit already decides the outcome; a text that repeats a
 * command thousands of times should not produce (and pay for) thousands of findings.
 */
export const MAX_HITS_PER_LABEL = 100;

const stickyClones = new WeakMap<RegExp, RegExp>();

/** The same pattern with the sticky flag, to match exactly at a given offset. */
function sticky(re: RegExp): RegExp {
  let s = stickyClones.get(re);
  if (!s) {
    s = re.sticky ? re : new RegExp(re.source, re.flags.replace("g", "") + "y");
    stickyClones.set(re, s);
  }
  return s;
}

export class CodeScan {
  readonly text: string;
  /** Offsets where each prefilter keyword occurs (from the keyword pass over the same text). */
  private readonly keywordHits: ReadonlyMap<string, readonly number[]>;
  // Created on first use: most texts that reach a scan run few rules, and three maps per view were most
  // of what the code detector allocated on ordinary text.
  private cache: Map<RegExp, Token[]> | undefined;
  private anchoredCache: Map<RegExp, Token[]> | undefined;
  private hitsByLabel: Map<string, number> | undefined;
  private newlines: Int32Array | undefined;

  constructor(text: string, keywordHits: ReadonlyMap<string, readonly number[]> = new Map()) {
    this.text = text;
    this.keywordHits = keywordHits;
  }

  /** Offsets of a prefilter keyword in the text (sorted). */
  at(keyword: string): readonly number[] {
    return this.keywordHits.get(keyword) ?? [];
  }

  /** The match of re starting exactly at pos, or null. */
  matchAt(re: RegExp, pos: number): RegExpExecArray | null {
    const s = sticky(re);
    s.lastIndex = pos;
    return s.exec(this.text);
  }

  /**
   * Matches of re that start where one of the keywords starts, in order: for patterns that begin
   * with their keyword, this runs the pattern only at the keyword hits instead of over the whole
   * text. Computed once per regex.
   */
  anchored(re: RegExp, keywords: readonly string[]): Token[] {
    let list = this.anchoredCache?.get(re);
    if (list) return list;
    const starts: number[] = [];
    for (const k of keywords) for (const p of this.at(k)) starts.push(p);
    starts.sort((a, b) => a - b);
    list = [];
    let last = -1;
    for (const p of starts) {
      // A match may cover later hits; matches of one pattern never overlap.
      if (p < last) continue;
      const m = this.matchAt(re, p);
      if (m && m[0].length > 0) {
        list.push({ start: p, end: p + m[0].length, m });
        last = p + m[0].length;
      }
    }
    (this.anchoredCache ??= new Map()).set(re, list);
    return list;
  }

  /** Counts a hit for label; false once the label has used its allowance. */
  allowHit(label: string): boolean {
    const n = this.hitsByLabel?.get(label) ?? 0;
    if (n >= MAX_HITS_PER_LABEL) return false;
    (this.hitsByLabel ??= new Map()).set(label, n + 1);
    return true;
  }

  /** Every match of a global regex, in order; computed once per regex. */
  tokens(re: RegExp): Token[] {
    let list = this.cache?.get(re);
    if (list) return list;
    list = [];
    const text = this.text;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex = m.index + 1;
        continue;
      }
      list.push({ start: m.index, end: m.index + m[0].length, m });
    }
    (this.cache ??= new Map()).set(re, list);
    return list;
  }

  /** The first token of the list (or of re's matches) that starts within [from, to), or undefined. */
  first(re: RegExp | Token[], from: number, to: number): Token | undefined {
    const list = Array.isArray(re) ? re : this.tokens(re);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as Token).start < from) lo = mid + 1;
      else hi = mid;
    }
    const t = list[lo];
    return t && t.start < to ? t : undefined;
  }

  /** The last token of the list (or of re's matches) that starts at or after from and ends by to, or undefined. */
  lastBefore(re: RegExp | Token[], from: number, to: number): Token | undefined {
    const list = Array.isArray(re) ? re : this.tokens(re);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as Token).start < to) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const t = list[i] as Token;
      if (t.start < from) return undefined;
      if (t.end <= to) return t;
    }
    return undefined;
  }

  private lines(): Int32Array {
    if (!this.newlines) {
      const idx: number[] = [];
      const text = this.text;
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) idx.push(i);
      this.newlines = Int32Array.from(idx);
    }
    return this.newlines;
  }

  /** [start, end) of the line holding offset pos. */
  line(pos: number): [number, number] {
    const nl = this.lines();
    let lo = 0;
    let hi = nl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((nl[mid] as number) < pos) lo = mid + 1;
      else hi = mid;
    }
    const start = lo > 0 ? (nl[lo - 1] as number) + 1 : 0;
    const end = lo < nl.length ? (nl[lo] as number) : this.text.length;
    return [start, end];
  }

  /** [from, to): up to `before` characters before pos and `after` after it, within pos's line. */
  window(pos: number, before: number, after: number, sameLine = true): [number, number] {
    if (!sameLine) return [Math.max(0, pos - before), Math.min(this.text.length, pos + after)];
    const [ls, le] = this.line(pos);
    return [Math.max(ls, pos - before), Math.min(le, pos + after)];
  }
}
