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
import { WORD_HASH_SEED, WordIdCache, hashRangeFnv, hashUnit } from "./word-id-cache.js";

const METASPACE = "\u2581";
/** SentencePiece's penalty below the lowest piece score for an unknown character. */
const UNK_PENALTY = 10;
/** Words longer than this (in UTF-16 units) are segmented but not cached. */
const MAX_CACHED_WORD = 48;
const WORD_CACHE_LIMIT = 90_000;
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

export interface TokenizerOptions {
  /**
   * Segment printable-ASCII text directly, without the normaliser (default true). It gives the same
   * ids; false keeps every text on the general path (tests compare the two).
   */
  asciiFastPath?: boolean;
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
  /** Segmentations of "▁" + piece, by piece. */
  private readonly spacedWordCache = new WordIdCache(WORD_CACHE_LIMIT);
  // Viterbi work arrays, grown on demand and reused across calls.
  private best = new Float64Array(64);
  private from = new Int32Array(64);
  private via = new Int32Array(64);
  private readonly sink: TokenSink;

  private readonly asciiFastPath: boolean;

  constructor(
    vocab: UnigramVocabulary,
    private readonly normalizer: PrecompiledNormalizer,
    options: TokenizerOptions = {},
  ) {
    this.asciiFastPath = options.asciiFastPath ?? true;
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
    this.sink = new TokenSink(this.notContent, this.unkId);
  }

  isSpecial(id: number): boolean {
    return this.notContent[id] === 1;
  }

  /** Token ids of `text`, without the <s> ... </s> the model adds around a sequence. */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const ids = this.encodeIds(text, options.maxContentTokens ?? Infinity);
    const out: number[] = [];
    for (let i = 0; i < ids.length; i++) out.push(ids[i]!);
    return out;
  }

  /**
   * Like encode() of text[0, end), into a buffer the tokenizer reuses: the returned array is valid
   * until the next call (the embedder's hot path, which allocates nothing per text once warm).
   */
  encodeIds(text: string, maxContentTokens = Infinity, end = text.length): Int32Array {
    const sink = this.sink;
    sink.reset(maxContentTokens);
    let segStart = 0;
    if (this.specials.length > 0) {
      for (let i = text.indexOf("<"); i >= 0 && i < end && !sink.full; i = text.indexOf("<", i)) {
        const special = this.specials.find(
          (t) => i + t.content.length <= end && text.startsWith(t.content, i),
        );
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
    if (!sink.full) this.encodeSegment(text, segStart, end, sink);
    return sink.ids.subarray(0, sink.length);
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
    let pos = this.asciiFastPath ? this.encodeClean(text, start, end, sink) : start;
    let first = pos === start;
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

  /**
   * The fast path: segments text[start, end) directly while it is printable ASCII without a double
   * space (which the normaliser returns unchanged), hashing each space-separated piece while scanning
   * for its end. Returns where the normaliser must take over: `end` when done (or the sink is full),
   * else a space at or after `start` that ends a clean prefix; the pieces after it are taken back.
   *
   * Cutting at a space is safe when the unit after it is clean: no grapheme cluster spans it and no
   * run of spaces is split, so normalising the rest alone gives the same text (CHUNK relies on it too).
   */
  private encodeClean(text: string, start: number, end: number, sink: TokenSink): number {
    const len0 = sink.length;
    const content0 = sink.contentCount;
    let pieceStart = start;
    let h = WORD_HASH_SEED;
    // The last two spaces that ended a pushed piece, and the sink's state right after each push.
    let space1 = -1;
    let len1 = 0;
    let content1 = 0;
    let space2 = -1;
    let len2 = 0;
    let content2 = 0;
    for (let i = start; i <= end; i++) {
      const c = i < end ? text.charCodeAt(i) : 0x20;
      if (c > 0x20 && c < 0x7f) {
        h = hashUnit(h, c);
        continue;
      }
      if (c !== 0x20 || (i < end && i > start && i === pieceStart)) {
        // Not clean here (or a second space in a row): cut at the last space whose next unit is
        // clean, and take back the pieces pushed after it.
        if (space1 >= 0 && space1 + 1 < i) {
          sink.restore(len1, content1);
          return space1;
        }
        if (space2 >= 0) {
          sink.restore(len2, content2);
          return space2;
        }
        sink.restore(len0, content0);
        return start;
      }
      // A space (or the end) closes text[pieceStart, i): pushed unless it is an empty first piece.
      if (i > pieceStart || pieceStart > start) this.pushSpacedRange(text, pieceStart, i, h, sink);
      if (sink.full || i === end) return end;
      space2 = space1;
      len2 = len1;
      content2 = content1;
      space1 = i;
      len1 = sink.length;
      content1 = sink.contentCount;
      pieceStart = i + 1;
      h = WORD_HASH_SEED;
    }
    return end;
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

  /** A word that is "▁" + `piece`. */
  private pushSpacedWord(piece: string, sink: TokenSink): void {
    this.pushSpacedRange(piece, 0, piece.length, hashRangeFnv(piece, 0, piece.length), sink);
  }

  /** The word "▁" + text[from, to), whose hashRangeFnv is `h`; cached by the piece. */
  private pushSpacedRange(text: string, from: number, to: number, h: number, sink: TokenSink): void {
    const cache = this.spacedWordCache;
    let e = to - from < MAX_CACHED_WORD ? cache.find(text, from, to, h) : -1;
    if (e < 0) {
      const ids = this.segmentWord(METASPACE + text.slice(from, to));
      if (to - from >= MAX_CACHED_WORD) {
        for (let i = 0; i < ids.length && !sink.full; i++) sink.push(ids[i]!);
        return;
      }
      e = cache.add(text, from, to, h, ids);
    }
    const pool = cache.pool;
    const end = cache.idsStart(e) + cache.idsLength(e);
    for (let i = cache.idsStart(e); i < end && !sink.full; i++) sink.push(pool[i]!);
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

/** Collects ids (in a buffer reused across calls) and counts the ones that count towards the limit. */
class TokenSink {
  ids = new Int32Array(1024);
  length = 0;
  full = false;
  /** Ids pushed that count towards the limit. */
  contentCount = 0;
  private limit = Infinity;

  constructor(
    private readonly notContent: Uint8Array,
    private readonly unkId: number,
  ) {}

  reset(limit: number): void {
    this.limit = limit;
    this.restore(0, 0);
  }

  /** Takes back the ids past `length` (the state after an earlier push, when the sink was not full). */
  restore(length: number, contentCount: number): void {
    this.length = length;
    this.contentCount = contentCount;
    this.full = contentCount >= this.limit;
  }

  push(id: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
    if (id !== this.unkId && this.notContent[id] !== 1 && ++this.contentCount >= this.limit) this.full = true;
  }
}
