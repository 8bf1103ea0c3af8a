/**
 * The checkable facts in a text: numbers (with units), dates, capitalised names and quoted spans,
 * each with its span. The same extraction runs on the answer (to list its claims) and on the context
 * (to know what it supports), so both sides are read the same way.
 */
import { canonical, isScaleWord, numberWordValue, parseDigitToken, readNumberWords } from "./numbers.js";
import { STOPWORDS, type Token } from "./tokens.js";

export interface NumberFact {
  /** Canonical value ("1000" for "1,000", "one thousand" and "1 thousand"). */
  value: string;
  start: number;
  end: number;
}

export interface DateFact {
  /** Keys from the most specific ("ymd:1991-3-2") to the least ("y:1991"). */
  keys: string[];
  start: number;
  end: number;
}

export interface NameFact {
  /** Stemmed words of the name, connectors left out. */
  norms: string[];
  start: number;
  end: number;
}

export interface QuoteFact {
  /** Stemmed words inside the quotes, in order. */
  norms: string[];
  start: number;
  end: number;
}

export interface Facts {
  numbers: NumberFact[];
  dates: DateFact[];
  names: NameFact[];
  quotes: QuoteFact[];
}

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Lower-case words that may join the capitalised words of one name ("Bank of America", "van Houten"). */
const NAME_CONNECTORS: ReadonlySet<string> = new Set([
  "of",
  "the",
  "for",
  "de",
  "del",
  "della",
  "di",
  "da",
  "du",
  "van",
  "von",
  "der",
  "den",
  "la",
  "le",
  "al",
  "bin",
  "y",
]);

const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(["st", "nd", "rd", "th"]);

/** The text between two tokens has nothing but spaces (and at most one comma when `comma`). */
function gapIs(text: string, from: number, to: number, allowed: string): boolean {
  if (to - from > 3) return false;
  for (let i = from; i < to; i++) if (!allowed.includes(text.charAt(i))) return false;
  return true;
}

function sentenceStart(text: string, tokens: readonly Token[], i: number): boolean {
  if (i === 0) return true;
  const prev = tokens[i - 1] as Token;
  for (let j = prev.end; j < (tokens[i] as Token).start; j++) {
    const c = text.charAt(j);
    if (c === "." || c === "!" || c === "?" || c === "\n" || c === ":" || c === "•") return true;
  }
  return false;
}

interface DayOrYear {
  value: number;
  kind: "day" | "year";
}

function dayOrYear(t: Token | undefined): DayOrYear | undefined {
  if (!t?.isNumber) return undefined;
  const d = parseDigitToken(t.text);
  if (!d || !Number.isInteger(d.value) || !d.plain) return undefined;
  if (d.suffix === "" && t.text.length === 4 && d.value >= 1000 && d.value <= 2100)
    return { value: d.value, kind: "year" };
  if (
    (d.suffix === "" || ORDINAL_SUFFIXES.has(d.suffix)) &&
    d.value >= 1 &&
    d.value <= 31 &&
    t.text.length <= 4
  )
    return { value: d.value, kind: "day" };
  return undefined;
}

function monthOf(t: Token | undefined): number | undefined {
  return t && t.capitalised ? MONTHS[t.folded] : undefined;
}

function dateKeys(y: number | undefined, m: number | undefined, d: number | undefined): string[] {
  const keys: string[] = [];
  if (y !== undefined && m !== undefined && d !== undefined) keys.push(`ymd:${y}-${m}-${d}`);
  if (y !== undefined && m !== undefined) keys.push(`ym:${y}-${m}`);
  if (m !== undefined && d !== undefined) keys.push(`md:${m}-${d}`);
  if (y !== undefined) keys.push(`y:${y}`);
  return keys;
}

/** Reads a date starting at token i; returns it and the number of tokens used. */
function readDate(
  text: string,
  tokens: readonly Token[],
  i: number,
): { fact: DateFact; used: number } | undefined {
  const t0 = tokens[i] as Token;
  const t1 = tokens[i + 1];
  const t2 = tokens[i + 2];
  const gap = (a: Token, b: Token, allowed = " ,") => gapIs(text, a.end, b.start, allowed);
  const month0 = monthOf(t0);
  if (month0 !== undefined && t1 && gap(t0, t1)) {
    const a = dayOrYear(t1);
    if (a?.kind === "day") {
      const y = t2 && gap(t1, t2) ? dayOrYear(t2) : undefined;
      if (y?.kind === "year")
        return { fact: { keys: dateKeys(y.value, month0, a.value), start: t0.start, end: t2!.end }, used: 3 };
      return { fact: { keys: dateKeys(undefined, month0, a.value), start: t0.start, end: t1.end }, used: 2 };
    }
    if (a?.kind === "year")
      return { fact: { keys: dateKeys(a.value, month0, undefined), start: t0.start, end: t1.end }, used: 2 };
  }
  const first = dayOrYear(t0);
  if (first?.kind === "day" && t1 && gap(t0, t1, " ")) {
    const m = monthOf(t1);
    if (m !== undefined) {
      const y = t2 && gap(t1, t2) ? dayOrYear(t2) : undefined;
      if (y?.kind === "year")
        return { fact: { keys: dateKeys(y.value, m, first.value), start: t0.start, end: t2!.end }, used: 3 };
      return { fact: { keys: dateKeys(undefined, m, first.value), start: t0.start, end: t1.end }, used: 2 };
    }
  }
  if (first?.kind === "year") {
    // ISO 2020-05-01 or 2020/05/01.
    if (t1 && t2 && t1.isNumber && t2.isNumber && t1.text.length <= 2 && t2.text.length <= 2) {
      const sep = text.slice(t0.end, t1.start);
      if ((sep === "-" || sep === "/") && text.slice(t1.end, t2.start) === sep) {
        const m = Number(t1.text);
        const d = Number(t2.text);
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31)
          return { fact: { keys: dateKeys(first.value, m, d), start: t0.start, end: t2.end }, used: 3 };
      }
    }
    return {
      fact: { keys: dateKeys(first.value, undefined, undefined), start: t0.start, end: t0.end },
      used: 1,
    };
  }
  return undefined;
}

/** Reads a number starting at token i (digits with scale words, or number words). */
function readNumber(tokens: readonly Token[], words: readonly string[], i: number) {
  const t = tokens[i] as Token;
  if (t.isNumber) {
    const d = parseDigitToken(t.text);
    if (!d) return undefined;
    if (d.suffix === "s" && d.plain) return undefined; // "1990s": a decade, not a count
    const scaled = readNumberWords(words, i + 1, d.value);
    const used = 1 + (scaled?.used ?? 0);
    return {
      fact: { value: canonical(scaled?.value ?? d.value), start: t.start, end: tokens[i + used - 1]!.end },
      used,
    };
  }
  if (numberWordValue(t.folded) === undefined) return undefined;
  const r = readNumberWords(words, i);
  // A lone "one" is mostly a pronoun ("one of the ..."): not a claim.
  if (!r || (r.used === 1 && (t.folded === "one" || t.folded === "zero"))) return undefined;
  return {
    fact: { value: canonical(r.value), start: t.start, end: tokens[i + r.used - 1]!.end },
    used: r.used,
  };
}

/** Reads a capitalised name starting at token i. */
function readName(
  text: string,
  tokens: readonly Token[],
  i: number,
): { fact: NameFact; used: number } | undefined {
  const t = tokens[i] as Token;
  if (!t.capitalised) return undefined;
  // A capitalised word opening a sentence is usually just the sentence's first word: a name only when
  // more capitalised words follow it directly ("Yesterday the Bank of America": the name is the bank).
  const atStart = sentenceStart(text, tokens, i);
  let j = i + 1;
  let end = i;
  while (j < tokens.length) {
    const n = tokens[j] as Token;
    const prev = tokens[j - 1] as Token;
    if (!gapIs(text, prev.end, n.start, " -")) break;
    // A month followed by a number starts a date, not more name ("Born March 2, 1991").
    if (monthOf(n) !== undefined && dayOrYear(tokens[j + 1]) !== undefined) break;
    if (n.capitalised && !isScaleWord(n.folded)) {
      end = j;
      j++;
      continue;
    }
    const after = tokens[j + 1];
    const joins = NAME_CONNECTORS.has(n.folded) && !n.capitalised && !(atStart && j === i + 1);
    if (joins && after?.capitalised && gapIs(text, n.end, after.start, " ")) {
      j++;
      continue;
    }
    break;
  }
  const used = end - i + 1;
  if (atStart && (used === 1 || STOPWORDS.has(t.folded))) return undefined;
  const norms: string[] = [];
  for (let k = i; k <= end; k++) {
    const w = tokens[k] as Token;
    if (!NAME_CONNECTORS.has(w.folded) && !STOPWORDS.has(w.folded)) norms.push(w.norm);
  }
  if (norms.length === 0) return undefined;
  return { fact: { norms, start: t.start, end: (tokens[end] as Token).end }, used };
}

/** Spans inside straight double quotes (paired in order) and curly ones. */
function quoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  let curlyOpen = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      if (open < 0) open = i;
      else {
        spans.push([open + 1, i]);
        open = -1;
      }
    } else if (c === 0x201c) curlyOpen = i;
    else if (c === 0x201d && curlyOpen >= 0) {
      spans.push([curlyOpen + 1, i]);
      curlyOpen = -1;
    }
  }
  return spans.filter(([s, e]) => e > s && e - s <= 300);
}

export function extractFacts(text: string, tokens: readonly Token[]): Facts {
  const facts: Facts = { numbers: [], dates: [], names: [], quotes: [] };
  const words = tokens.map((t) => t.folded);
  for (let i = 0; i < tokens.length;) {
    const date = readDate(text, tokens, i);
    if (date) {
      facts.dates.push(date.fact);
      i += date.used;
      continue;
    }
    const num = readNumber(tokens, words, i);
    if (num) {
      facts.numbers.push(num.fact);
      i += num.used;
      continue;
    }
    const name = readName(text, tokens, i);
    if (name) {
      facts.names.push(name.fact);
      i += name.used;
      continue;
    }
    i++;
  }
  if (text.includes('"') || text.includes("\u201c")) {
    let k = 0;
    for (const [s, e] of quoteSpans(text)) {
      while (k < tokens.length && (tokens[k] as Token).start < s) k++;
      const norms: string[] = [];
      for (let j = k; j < tokens.length && (tokens[j] as Token).end <= e; j++)
        norms.push((tokens[j] as Token).norm);
      if (norms.length > 0) facts.quotes.push({ norms, start: s, end: e });
    }
  }
  return facts;
}
