/**
 * What a context supports, indexed once per context: its words, number values, date keys, adjacent
 * word pairs (for quotes and multi-word names), and its sentences with a word → sentence index for
 * finding the passage that best matches a claim. Indexes are cached: the same context array (a
 * stream re-checking its window, a RAG turn checking several answers) is read once.
 */
import { extractFacts } from "./facts.js";
import { sentenceSpans } from "./sentences.js";
import { isContent, NEGATIONS, tokenize, type Token } from "./tokens.js";

/** A context sentence: where it is (its text is sliced only when it becomes evidence). */
export interface ContextSentence {
  passage: number;
  start: number;
  end: number;
  negated: boolean;
}

export interface ContextIndex {
  /** Every stemmed word and canonical number value in the context. */
  words: Set<string>;
  numbers: Set<string>;
  dateKeys: Set<string>;
  /** Adjacent word pairs ("a b") within each passage: a quote or name is checked pair by pair. */
  bigrams: Set<string>;
  sentences: ContextSentence[];
  /** The passages themselves. */
  texts: readonly string[];
  /** Content word (stemmed; numbers as canonical values) → ids of the sentences holding it, ascending. */
  postings: Map<string, number[]>;
  /** Passages and their total length, to notice an array changed in place. */
  passages: number;
  chars: number;
}

/** The stemmed form of each token, with numbers replaced by the values the facts read from them. */
export function tokenKeys(
  tokens: readonly Token[],
  numbers: ReadonlyArray<{ value: string; start: number; end: number }>,
) {
  const keys = tokens.map((t) => t.norm);
  let k = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    while (k < numbers.length && (numbers[k] as { end: number }).end <= t.start) k++;
    const n = numbers[k];
    if (t.isNumber && n && n.start <= t.start && t.end <= n.end) keys[i] = n.value;
  }
  return keys;
}

export function buildContextIndex(passages: readonly string[]): ContextIndex {
  const index: ContextIndex = {
    words: new Set(),
    numbers: new Set(),
    dateKeys: new Set(),
    bigrams: new Set(),
    sentences: [],
    texts: [...passages],
    postings: new Map(),
    passages: passages.length,
    chars: 0,
  };
  passages.forEach((passage, p) => {
    index.chars += passage.length;
    const tokens = tokenize(passage);
    const facts = extractFacts(passage, tokens);
    for (const n of facts.numbers) {
      index.numbers.add(n.value);
      // "2000 people" and "in 2000": a year written as a plain number supports a year claim too.
      const v = Number(n.value);
      if (Number.isInteger(v) && v >= 1000 && v <= 2100) index.dateKeys.add(`y:${v}`);
    }
    for (const d of facts.dates) {
      for (const k of d.keys) index.dateKeys.add(k);
      const y = d.keys.find((k) => k.startsWith("y:"));
      if (y) index.numbers.add(y.slice(2));
    }
    const keys = tokenKeys(tokens, facts.numbers);
    for (let i = 0; i < keys.length; i++) {
      index.words.add(keys[i] as string);
      if (i > 0) index.bigrams.add(`${keys[i - 1]} ${keys[i]}`);
    }

    let t = 0;
    for (const [s, e] of sentenceSpans(passage)) {
      const id = index.sentences.length;
      let negated = false;
      while (t < tokens.length && (tokens[t] as Token).end <= s) t++;
      for (; t < tokens.length && (tokens[t] as Token).start < e; t++) {
        const tok = tokens[t] as Token;
        if (NEGATIONS.has(tok.folded)) negated = true;
        if (!isContent(tok)) continue;
        const w = keys[t] as string;
        const list = index.postings.get(w);
        if (!list) index.postings.set(w, [id]);
        else if (list[list.length - 1] !== id) list.push(id);
      }
      index.sentences.push({ passage: p, start: s, end: e, negated });
    }
  });
  return index;
}

const byArray = new WeakMap<readonly string[], ContextIndex>();
const byText = new Map<string, ContextIndex>();
const TEXT_CACHE_SIZE = 32;

/** The index of a context, from the cache when the same array or the same text was indexed lately. */
/** The text of context sentence `id`. */
export function sentenceText(index: ContextIndex, id: number): string {
  const s = index.sentences[id];
  return s ? (index.texts[s.passage] as string).slice(s.start, s.end) : "";
}

export function contextIndex(passages: readonly string[]): ContextIndex {
  const cached = byArray.get(passages);
  if (cached && cached.passages === passages.length) {
    let chars = 0;
    for (const p of passages) chars += p.length;
    if (chars === cached.chars) return cached;
  }
  const key = passages.join("\u0000");
  let index = byText.get(key);
  if (index) {
    byText.delete(key); // move to the most recent end
  } else {
    index = buildContextIndex(passages);
    if (byText.size >= TEXT_CACHE_SIZE) byText.delete(byText.keys().next().value as string);
  }
  byText.set(key, index);
  byArray.set(passages, index);
  return index;
}
