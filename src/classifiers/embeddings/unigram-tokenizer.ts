/**
 * The teacher's tokenizer (XLM-RoBERTa SentencePiece unigram, as Hugging Face `tokenizers`
 * runs it for intfloat/multilingual-e5-small), reimplemented so that it yields the same ids:
 *
 * 1. special tokens written literally in the text (`<s>`, `</s>`, ...) are split out first
 *    (leftmost-longest), and each remaining segment is processed on its own;
 * 2. the segment is normalised (precompiled nmt_nfkc rules, runs of spaces collapsed);
 * 3. Metaspace: spaces become U+2581 "▁", one is prepended unless already there, and the text
 *    splits before every "▁" into words;
 * 4. each word is segmented by the unigram Viterbi (best sum of piece log-probabilities; on a
 *    tie the first path found wins; a character no piece covers is <unk>, consecutive <unk>
 *    fuse into one).
 *
 * Word segmentations are cached, so running text costs a Map lookup per word once warm.
 */
import type { PrecompiledNormalizer } from "./precompiled-normalizer.js";
import { PieceTrie } from "./piece-trie.js";

const METASPACE = "\u2581";
/** SentencePiece's penalty below the lowest piece score for an unknown character. */
const UNK_PENALTY = 10;
/** Words longer than this (in UTF-16 units) are segmented but not cached. */
const MAX_CACHED_WORD = 48;
const WORD_CACHE_LIMIT = 100_000;
/** Long segments are cut at "alnum space alnum" points, which leave every step above unchanged. */
const CHUNK = 4096;
const EMPTY: Int32Array = new Int32Array(0);

export interface UnigramVocabulary {
  /** Piece strings, indexed by id. */
  pieces: readonly string[];
  /** Log-probability of each piece (the tokenizer's float64 scores). */
  scores: Float64Array;
  unkId: number;
  /** Tokens matched in the raw text before normalisation, with their ids. */
  specialTokens: readonly { content: string; id: number }[];
}

export interface EncodeOptions {
  /** Stop once this many tokens that are neither special nor <unk> have been produced. */
  maxContentTokens?: number;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export class UnigramTokenizer {
  readonly vocabSize: number;
  readonly unkId: number;
  private readonly trie: PieceTrie;
  private readonly scores: Float64Array;
  private readonly unkScore: number;
  private readonly specials: readonly { content: string; id: number }[];
  /** 1 for the ids of special (added) tokens, which do not count as content. */
  private readonly notContent: Uint8Array;
  private readonly wordCache = new Map<string, Int32Array>();
  private readonly spacedWordCache = new Map<string, Int32Array>();
  // Viterbi work arrays, grown on demand and reused across calls.
  private best = new Float64Array(64);
  private from = new Int32Array(64);
  private via = new Int32Array(64);

  constructor(
    vocab: UnigramVocabulary,
    private readonly normalizer: PrecompiledNormalizer,
  ) {
    if (vocab.pieces.length !== vocab.scores.length) throw new Error("pieces and scores differ in length");
    this.vocabSize = vocab.pieces.length;
    this.unkId = vocab.unkId;
    this.scores = vocab.scores;
    this.trie = new PieceTrie(vocab.pieces);
    let min = Infinity;
    for (const s of vocab.scores) if (s < min) min = s;
    this.unkScore = min - UNK_PENALTY;
    // Longest first, so that a scan picks the longest special token at a position.
    this.specials = [...vocab.specialTokens].sort((a, b) => b.content.length - a.content.length);
    this.notContent = new Uint8Array(this.vocabSize);
    for (const t of vocab.specialTokens) if (t.id >= 0 && t.id < this.vocabSize) this.notContent[t.id] = 1;
  }

  isSpecial(id: number): boolean {
    return this.notContent[id] === 1;
  }

  /** Token ids of `text`, without the <s> ... </s> the model adds around a sequence. */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const out: number[] = [];
    const sink = new TokenSink(out, options.maxContentTokens ?? Infinity, this.notContent, this.unkId);
    let segStart = 0;
    if (this.specials.length > 0 && text.includes("<")) {
      for (let i = text.indexOf("<"); i >= 0 && !sink.full; i = text.indexOf("<", i)) {
        const special = this.specials.find((t) => text.startsWith(t.content, i));
        if (special === undefined) {
          i++;
          continue;
        }
        this.encodeSegment(text, segStart, i, sink);
        if (!sink.full) sink.push(special.id);
        i += special.content.length;
        segStart = i;
      }
    }
    if (!sink.full) this.encodeSegment(text, segStart, text.length, sink);
    return out;
  }

  /** Viterbi segmentation of one word (a string that may start with "▁"), as ids. */
  private segmentWord(word: string): Int32Array {
    const n = word.length;
    if (n === 0) return EMPTY;
    if (this.best.length <= n) {
      const size = Math.max(n + 1, this.best.length * 2);
      this.best = new Float64Array(size);
      this.from = new Int32Array(size);
      this.via = new Int32Array(size);
    }
    const { best, from, via, scores, trie } = this;
    // from[] === -1 marks a position no path has reached yet.
    from.fill(-1, 0, n + 1);
    best[0] = 0;
    from[0] = 0;
    for (let start = 0; start < n;) {
      const c0 = word.charCodeAt(start);
      const width =
        c0 >= 0xd800 && c0 <= 0xdbff && start + 1 < n && (word.charCodeAt(start + 1) & 0xfc00) === 0xdc00
          ? 2
          : 1;
      const base = best[start]!;
      let hasSingle = false;
      let node = 0;
      for (let j = start; j < n; j++) {
        node = trie.child(node, word.charCodeAt(j));
        if (node < 0) break;
        const id = trie.pieceAt(node);
        if (id < 0) continue;
        const end = j + 1;
        const score = base + scores[id]!;
        if (from[end] === -1 || score > best[end]!) {
          best[end] = score;
          from[end] = start;
          via[end] = id;
        }
        if (end - start === width) hasSingle = true;
      }
      const next = start + width;
      if (!hasSingle) {
        const score = base + this.unkScore;
        if (from[next] === -1 || score > best[next]!) {
          best[next] = score;
          from[next] = start;
          via[next] = this.unkId;
        }
      }
      start = next;
    }
    let count = 0;
    for (let end = n, prevUnk = false; end > 0; end = from[end]!) {
      const isUnk = via[end] === this.unkId;
      if (!(isUnk && prevUnk)) count++;
      prevUnk = isUnk;
    }
    const ids = new Int32Array(count);
    let k = count;
    for (let end = n, prevUnk = false; end > 0; end = from[end]!) {
      const isUnk = via[end] === this.unkId;
      if (!(isUnk && prevUnk)) ids[--k] = via[end]!;
      prevUnk = isUnk;
    }
    return ids;
  }

  /** Normalise, Metaspace-split and segment text[start, end), chunk by chunk. */
  private encodeSegment(text: string, start: number, end: number, sink: TokenSink): void {
    let pos = start;
    let first = true;
    while (pos < end && !sink.full) {
      let cut = end;
      if (end - pos > CHUNK) {
        cut = end;
        for (let i = pos + CHUNK; i < end - 1; i++) {
          if (
            text.charCodeAt(i) === 0x20 &&
            isAlnum(text.charCodeAt(i - 1)) &&
            isAlnum(text.charCodeAt(i + 1))
          ) {
            cut = i;
            break;
          }
        }
      }
      this.encodeNormalized(this.normalizer.normalize(text.slice(pos, cut)), first, sink);
      first = false;
      pos = cut;
    }
  }

  private encodeNormalized(normalized: string, first: boolean, sink: TokenSink): void {
    if (normalized.length === 0) return;
    if (normalized.indexOf(METASPACE) < 0) {
      // Common case: words are the space-separated pieces, each read as "▁" + piece (the
      // first one too: it is prepended, or empty when the text starts with a space).
      for (let from = 0; from <= normalized.length && !sink.full;) {
        let to = normalized.indexOf(" ", from);
        if (to < 0) to = normalized.length;
        if (to > from || from > 0) this.pushSpacedWord(normalized.slice(from, to), sink);
        from = to + 1;
      }
      return;
    }
    // Later chunks start with a space by construction, so no "▁" is prepended to them.
    let s = normalized.replaceAll(" ", METASPACE);
    if (first && !s.startsWith(METASPACE)) s = METASPACE + s;
    let wordStart = 0;
    while (wordStart < s.length && !sink.full) {
      let next = s.indexOf(METASPACE, wordStart + 1);
      if (next < 0) next = s.length;
      this.pushWord(s.slice(wordStart, next), sink);
      wordStart = next;
    }
  }

  /** A word that is "▁" + `piece`, cached by `piece`. */
  private pushSpacedWord(piece: string, sink: TokenSink): void {
    let ids = this.spacedWordCache.get(piece);
    if (ids === undefined) {
      ids = this.segmentWord(METASPACE + piece);
      if (piece.length < MAX_CACHED_WORD) {
        if (this.spacedWordCache.size >= WORD_CACHE_LIMIT) this.spacedWordCache.clear();
        this.spacedWordCache.set(piece, ids);
      }
    }
    for (let i = 0; i < ids.length && !sink.full; i++) sink.push(ids[i]!);
  }

  private pushWord(word: string, sink: TokenSink): void {
    let ids = this.wordCache.get(word);
    if (ids === undefined) {
      ids = this.segmentWord(word);
      if (word.length <= MAX_CACHED_WORD) {
        if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
        this.wordCache.set(word, ids);
      }
    }
    for (let i = 0; i < ids.length && !sink.full; i++) sink.push(ids[i]!);
  }
}

/** Collects ids and counts the ones that count towards the content-token limit. */
class TokenSink {
  private content = 0;
  full = false;

  constructor(
    private readonly out: number[],
    private readonly limit: number,
    private readonly notContent: Uint8Array,
    private readonly unkId: number,
  ) {
    if (limit <= 0) this.full = true;
  }

  push(id: number): void {
    this.out.push(id);
    if (id !== this.unkId && this.notContent[id] !== 1 && ++this.content >= this.limit) this.full = true;
  }
}
