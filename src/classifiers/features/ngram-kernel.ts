/**
 * The n-gram stage as WebAssembly: the same features as addWordFeatures / addCharFeatures and
 * HashAccumulator.flush (ngrams.ts, hash-accumulator.ts: the reference, and the fallback where
 * WebAssembly is missing), bit for bit, about 2.5x faster. The loops are integer hashing and table
 * lookups, where JavaScript pays a bounds check per typed-array access and WebAssembly does not.
 *
 * One module per feature config (its memory offsets and bucket mask are constants in the code):
 *
 *   memory: word state (h, len, prev, words) | word fold table u16[65536] | char fold table u16[65536]
 *           | log1p table f32[32769] | counts i16[2^bits] | touched i32[capacity]
 *           | out idx i32[2 capacity] | out val f32[2 capacity] | text u16[textUnits + 1]
 *
 *   chars(len) -> n                    n-grams of text[0, len) into counts/touched; n = touched entries
 *   words(len, n, final, maxWords, maxWordLength) -> n
 *                                      words of text[0, len), a chunk of a longer text: the state
 *                                      carries over, the closing virtual space only when final = 1
 *   flush(n, outAt, scale f64) -> end  touched buckets to out[outAt, end), log-scaled, L2-normalised
 *                                      times scale; counts reset to zero
 *
 * Each function computes what its JavaScript twin does (same names below; see those for the why), in
 * the same order (in chars(), the text's closing space is a separate step after the loop).
 */
import {
  F32,
  F64,
  I32,
  assemble,
  canRun,
  get,
  i32,
  instantiate,
  load16s,
  load16u,
  load32,
  loadF32,
  op,
  set,
  store16,
  store32,
  storeF32,
  tee,
  type Code,
  type WasmMemory,
} from "../wasm/builder.js";
import { LOG1P, featureBuffer, type FeatureBuffer } from "./hash-accumulator.js";
import {
  BIGRAM_SEED,
  CHAR_SEEDS,
  FNV_PRIME,
  MIX_FACTORS,
  POSITION_FACTORS,
  WORD_SEED,
  foldTables,
} from "./ngrams.js";

export interface KernelLayout {
  hashBits: number;
  /** Character n-gram lengths (within 1..5). */
  charMinN: number;
  charMaxN: number;
  /** Touched entries per block (the accumulator's capacity). */
  capacity: number;
  /** Text units one call reads at most. */
  textUnits: number;
}

interface Offsets {
  state: number;
  wordFold: number;
  charFold: number;
  log1p: number;
  counts: number;
  touched: number;
  outIdx: number;
  outVal: number;
  text: number;
  total: number;
}

const align = (n: number) => (n + 63) & ~63;

function offsets(l: KernelLayout): Offsets {
  const state = 0;
  const wordFold = 64;
  const charFold = wordFold + 2 * 65536;
  const log1p = charFold + 2 * 65536;
  const counts = align(log1p + 4 * LOG1P.length);
  const touched = align(counts + 2 * (1 << l.hashBits));
  const outIdx = align(touched + 4 * l.capacity);
  const outVal = align(outIdx + 8 * l.capacity);
  const text = align(outVal + 8 * l.capacity);
  const total = text + 2 * l.textUnits + 64;
  return { state, wordFold, charFold, log1p, counts, touched, outIdx, outVal, text, total };
}

// prettier-ignore
/** x := mix32(x) */
const mix = (x: number): Code => [
  ...get(x), ...get(x), ...i32(16), ...op.shrU, ...op.xor, ...i32(MIX_FACTORS[0]), ...op.mul, ...set(x),
  ...get(x), ...get(x), ...i32(15), ...op.shrU, ...op.xor, ...i32(MIX_FACTORS[1]), ...op.mul, ...set(x),
  ...get(x), ...get(x), ...i32(16), ...op.shrU, ...op.xor, ...set(x),
];

// prettier-ignore
/** Counts hash x: b := x & mask; old := counts[b]; counts[b] := old ± 1; touched[n] := b; n += old == 0 */
const emit = (o: Offsets, mask: number, x: number, b: number, old: number, n: number): Code => [
  ...get(x), ...i32(mask), ...op.and, ...set(b),
  ...get(b), ...i32(1), ...op.shl, ...load16s(o.counts), ...set(old),
  ...get(b), ...i32(1), ...op.shl,
  ...get(old), ...i32(1), ...get(x), ...i32(31), ...op.shrS, ...op.or, ...op.add, ...store16(o.counts),
  ...get(n), ...i32(2), ...op.shl, ...get(b), ...store32(o.touched),
  ...get(n), ...get(old), ...op.eqz, ...op.add, ...set(n),
];

/** chars(len) for n-gram lengths minN..maxN (constants of the module, within 1..5). */
function charsFunction(o: Offsets, mask: number, minN: number, maxN: number) {
  const { LEN, I, C, C0, SEEN, K, X, B, OLD, N } = indices(
    ...(["LEN", "I", "C", "C0", "C1", "C2", "C3", "C4", "SEEN", "K", "X", "B", "OLD", "N"] as const),
  );
  // The last five units read, newest first: C0 .. C0 + 4.
  const unit = (j: number) => C0 + j;
  const seed = (length: number): number => CHAR_SEEDS[length as 1 | 2 | 3 | 4 | 5];
  // prettier-ignore
  const count = (length: number): Code => [
    ...get(K), ...i32(seed(length)), ...op.xor, ...set(X), ...mix(X), ...emit(o, mask, X, B, OLD, N),
  ];
  // k := sum of unit(j) * factor(j) for j < minN, count it; then each longer length while read.
  // prettier-ignore
  const longer = (length: number): Code =>
    length > maxN
      ? []
      : [
          ...get(SEEN), ...i32(length), ...op.geU, ...op.if,
          ...get(K), ...get(unit(length - 1)), ...i32(POSITION_FACTORS[length - 1]!), ...op.mul, ...op.add,
          ...set(K),
          ...count(length),
          ...longer(length + 1),
          ...op.end,
        ];
  const first: Code = [];
  for (let j = 0; j < minN; j++) {
    first.push(...get(unit(j)), ...i32(POSITION_FACTORS[j]!), ...op.mul);
    if (j > 0) first.push(...op.add);
  }
  // One unit c: unless both c and the previous unit are spaces, shift it in and count the n-grams
  // ending here.
  // prettier-ignore
  const step: Code = [
    ...get(C), ...get(C0), ...op.or, ...i32(0x20), ...op.ne, ...op.if,
    ...get(unit(3)), ...set(unit(4)), ...get(unit(2)), ...set(unit(3)), ...get(unit(1)), ...set(unit(2)),
    ...get(unit(0)), ...set(unit(1)), ...get(C), ...set(unit(0)),
    ...get(SEEN), ...i32(1), ...op.add, ...tee(SEEN), ...i32(minN), ...op.geU, ...op.if,
    ...first, ...set(K),
    ...count(minN),
    ...longer(minN + 1),
    ...op.end,
    ...op.end,
  ];
  // prettier-ignore
  const body: Code = [
    ...i32(0x20), ...set(C0), ...i32(1), ...set(SEEN),
    ...op.block, ...op.loop,
    ...get(I), ...get(LEN), ...op.geU, ...op.brIf(1),
    ...get(I), ...i32(1), ...op.shl, ...load16u(o.text), ...i32(1), ...op.shl, ...load16u(o.charFold), ...set(C),
    ...step,
    ...get(I), ...i32(1), ...op.add, ...set(I),
    ...op.br(0),
    ...op.end, ...op.end,
    // the closing pad space
    ...i32(0x20), ...set(C),
    ...step,
    ...get(N),
  ];
  return {
    name: "chars",
    params: [I32],
    result: I32,
    locals: [[13, I32]] as [number, number][],
    body,
  };
}

function wordsFunction(o: Offsets, mask: number) {
  const { LEN, N, FINAL, MAX_WORDS, MAX_LEN, I, U, H, WLEN, PREV, WORDS, WH, X, B, OLD, LIMIT } = indices(
    ...([
      "LEN",
      "N",
      "FINAL",
      "MAX_WORDS",
      "MAX_LEN",
      "I",
      "U",
      "H",
      "WLEN",
      "PREV",
      "WORDS",
      "WH",
      "X",
      "B",
      "OLD",
      "LIMIT",
    ] as const),
  );
  // (A branch-free version of the word/non-word test measured slower: the select lengthens the chain
  // through h, which costs more than the mispredicted branch at each word edge.)
  // prettier-ignore
  const body: Code = [
    ...i32(0), ...load32(o.state), ...set(H),
    ...i32(0), ...load32(o.state + 4), ...set(WLEN),
    ...i32(0), ...load32(o.state + 8), ...set(PREV),
    ...i32(0), ...load32(o.state + 12), ...set(WORDS),
    ...get(LEN), ...get(FINAL), ...op.add, ...set(LIMIT),
    ...op.block, // $exit
    ...get(WORDS), ...get(MAX_WORDS), ...op.geU, ...op.brIf(0),
    ...op.loop, // $scan
    ...get(I), ...get(LIMIT), ...op.geU, ...op.brIf(1),
    ...op.block, // $next
    // u := i < len ? wordFold[text[i]] : 0 (the closing space of a final chunk; text[len] is in the buffer)
    ...get(I), ...i32(1), ...op.shl, ...load16u(o.text), ...i32(1), ...op.shl, ...load16u(o.wordFold),
    ...i32(0), ...get(I), ...get(LEN), ...op.ltU, ...op.select, ...tee(U),
    // a word unit with room in the piece: h := (h ^ u) * FNV; len++; next unit
    ...i32(0), ...op.ne, ...get(WLEN), ...get(MAX_LEN), ...op.ltU, ...op.and, ...op.if,
    ...get(H), ...get(U), ...op.xor, ...i32(FNV_PRIME), ...op.mul, ...set(H),
    ...get(WLEN), ...i32(1), ...op.add, ...set(WLEN),
    ...op.br(1),
    ...op.end,
    ...get(WLEN), ...op.eqz, ...op.brIf(0),
    // a word ends: its unigram, and its bigram with the previous word
    ...get(H), ...get(WLEN), ...op.xor, ...set(X), ...mix(X), ...get(X), ...set(WH),
    ...emit(o, mask, X, B, OLD, N),
    ...get(WORDS), ...i32(0), ...op.ne, ...op.if,
    ...get(PREV), ...i32(POSITION_FACTORS[0]), ...op.mul, ...get(WH), ...op.xor, ...i32(BIGRAM_SEED), ...op.add,
    ...set(X), ...mix(X), ...emit(o, mask, X, B, OLD, N),
    ...op.end,
    ...get(WH), ...set(PREV),
    ...get(WORDS), ...i32(1), ...op.add, ...tee(WORDS), ...get(MAX_WORDS), ...op.geU, ...op.brIf(2),
    // the unit that ended the word starts the next piece when it is a word unit (an over-long word)
    ...i32(WORD_SEED), ...get(U), ...op.xor, ...i32(FNV_PRIME), ...op.mul, ...i32(WORD_SEED),
    ...get(U), ...i32(0), ...op.ne, ...op.select, ...set(H),
    ...get(U), ...i32(0), ...op.ne, ...set(WLEN),
    ...op.end, // $next
    ...get(I), ...i32(1), ...op.add, ...set(I),
    ...op.br(0),
    ...op.end, // $scan
    ...op.end, // $exit
    ...i32(0), ...get(H), ...store32(o.state),
    ...i32(0), ...get(WLEN), ...store32(o.state + 4),
    ...i32(0), ...get(PREV), ...store32(o.state + 8),
    ...i32(0), ...get(WORDS), ...store32(o.state + 12),
    ...get(N),
  ];
  return {
    name: "words",
    params: [I32, I32, I32, I32, I32],
    result: I32,
    locals: [[11, I32]] as [number, number][],
    body,
  };
}

function flushFunction(o: Offsets) {
  const { N, OUT_AT, SCALE, K, B, C, S, END, L, SUMSQ, F } = indices(
    ...(["N", "OUT_AT", "SCALE", "K", "B", "C", "S", "END", "L", "SUMSQ", "F"] as const),
  );
  // prettier-ignore
  const body: Code = [
    ...get(OUT_AT), ...set(END),
    ...op.block, ...op.loop,
    ...get(K), ...get(N), ...op.geU, ...op.brIf(1),
    ...get(K), ...i32(2), ...op.shl, ...load32(o.touched), ...set(B),
    ...get(B), ...i32(1), ...op.shl, ...load16s(o.counts), ...set(C),
    ...get(B), ...i32(1), ...op.shl, ...i32(0), ...store16(o.counts),
    // l := log1p(|c|); idx[end] := b; val[end] := l * sign(c); sumsq += l * l; end += c != 0
    ...get(C), ...i32(31), ...op.shrS, ...set(S),
    ...get(C), ...get(S), ...op.xor, ...get(S), ...op.sub, ...i32(2), ...op.shl, ...loadF32(o.log1p), ...set(L),
    ...get(END), ...i32(2), ...op.shl, ...get(B), ...store32(o.outIdx),
    ...get(END), ...i32(2), ...op.shl, ...get(L), ...get(S), ...i32(1), ...op.or, ...op.f32ConvertI32S, ...op.f32Mul,
    ...storeF32(o.outVal),
    ...get(SUMSQ), ...get(L), ...op.f64PromoteF32, ...get(L), ...op.f64PromoteF32, ...op.f64Mul, ...op.f64Add,
    ...set(SUMSQ),
    ...get(END), ...get(C), ...i32(0), ...op.ne, ...op.add, ...set(END),
    ...get(K), ...i32(1), ...op.add, ...set(K),
    ...op.br(0),
    ...op.end, ...op.end,
    // f := sumsq > 0 ? scale / sqrt(sumsq) : 0; val[outAt, end) *= f
    ...get(SCALE), ...get(SUMSQ), ...op.f64Sqrt, ...op.f64Div, ...op.f64Const0,
    ...get(SUMSQ), ...op.f64Const0, ...op.f64Gt, ...op.select, ...set(F),
    ...get(OUT_AT), ...set(K),
    ...op.block, ...op.loop,
    ...get(K), ...get(END), ...op.geU, ...op.brIf(1),
    ...get(K), ...i32(2), ...op.shl,
    ...get(K), ...i32(2), ...op.shl, ...loadF32(o.outVal), ...op.f64PromoteF32, ...get(F), ...op.f64Mul,
    ...op.f32DemoteF64, ...storeF32(o.outVal),
    ...get(K), ...i32(1), ...op.add, ...set(K),
    ...op.br(0),
    ...op.end, ...op.end,
    ...get(END),
  ];
  return {
    name: "flush",
    params: [I32, I32, F64],
    result: I32,
    locals: [
      [5, I32],
      [1, F32],
      [2, F64],
    ] as [number, number][],
    body,
  };
}

/** Local indices by name, in order: the parameters first, then the declared locals. */
function indices<const T extends readonly string[]>(...names: T): { [K in T[number]]: number } {
  return Object.fromEntries(names.map((name, i) => [name, i])) as { [K in T[number]]: number };
}

/** The module for one layout. */
export function ngramModule(layout: KernelLayout): Uint8Array {
  const o = offsets(layout);
  const mask = (1 << layout.hashBits) - 1;
  if (layout.charMinN < 1 || layout.charMaxN > 5 || layout.charMinN > layout.charMaxN)
    throw new Error(`bad n-gram range ${layout.charMinN}..${layout.charMaxN}`);
  return assemble([
    charsFunction(o, mask, layout.charMinN, layout.charMaxN),
    wordsFunction(o, mask),
    flushFunction(o),
  ]);
}

/** The n-gram stage of one feature config in WebAssembly; null where WebAssembly cannot run. */
export class NgramKernel {
  private readonly o: Offsets;
  private readonly memory: WasmMemory;
  private readonly charsFn: (len: number) => number;
  private readonly wordsFn: (
    len: number,
    n: number,
    final: number,
    maxWords: number,
    maxLen: number,
  ) => number;
  private readonly flushFn: (n: number, outAt: number, scale: number) => number;
  private readonly state: Int32Array;
  private readonly textBytes: Buffer;

  private constructor(
    readonly layout: KernelLayout,
    bytes: Uint8Array,
  ) {
    this.o = offsets(layout);
    const { exports, memory } = instantiate(bytes, this.o.total);
    this.memory = memory;
    this.charsFn = exports.chars as NgramKernel["charsFn"];
    this.wordsFn = exports.words as NgramKernel["wordsFn"];
    this.flushFn = exports.flush as NgramKernel["flushFn"];
    const { word, char } = foldTables();
    new Uint16Array(memory.buffer, this.o.wordFold, 65536).set(word);
    new Uint16Array(memory.buffer, this.o.charFold, 65536).set(char);
    new Float32Array(memory.buffer, this.o.log1p, LOG1P.length).set(LOG1P);
    this.state = new Int32Array(memory.buffer, this.o.state, 4);
    this.textBytes = Buffer.from(memory.buffer, this.o.text, 2 * layout.textUnits);
  }

  static create(layout: KernelLayout): NgramKernel | null {
    const bytes = ngramModule(layout);
    return canRun(bytes) ? new NgramKernel(layout, bytes) : null;
  }

  /** The text whose prefix [0, loadedLength) is in the text buffer, if any. */
  private loadedText: string | null = null;
  private loadedLength = 0;

  /** Copies text[from, from + len) into the kernel's text buffer (len <= textUnits). */
  private load(text: string, from: number, len: number): void {
    // Buffer.write copies UTF-16 units as they are, lone surrogates included.
    this.textBytes.write(from === 0 ? text : text.slice(from, from + len), 0, 2 * len, "utf16le");
    this.loadedText = from === 0 ? text : null;
    this.loadedLength = len;
  }

  /** Starts a word block. */
  resetWords(): void {
    this.state[0] = WORD_SEED;
    this.state[1] = 0;
    this.state[2] = 0;
    this.state[3] = 0;
  }

  /**
   * Word n-grams of `text` (as addWordFeatures) into the kernel's accumulator, which holds n entries;
   * returns the new n.
   */
  addWords(text: string, n: number, maxWords: number, maxWordLength: number): number {
    this.resetWords();
    if (maxWords <= 0) return n;
    const units = this.layout.textUnits;
    for (let pos = 0; ;) {
      const len = Math.min(units, text.length - pos);
      this.load(text, pos, len);
      const final = pos + len >= text.length ? 1 : 0;
      n = this.wordsFn(len, n, final, maxWords, maxWordLength);
      pos += len;
      if (final === 1 || this.state[3]! >= maxWords) return n;
    }
  }

  /** Words counted by the last addWords. */
  get words(): number {
    return this.state[3]!;
  }

  /**
   * Character n-grams of text[0, end) (as addCharFeatures; end <= textUnits) into an empty
   * accumulator; returns its entries. Reuses the text buffer when addWords left that prefix there.
   */
  addChars(text: string, end: number): number {
    if (end < 0) return 0;
    if (end > this.layout.textUnits)
      throw new Error(`${end} units exceed the kernel's ${this.layout.textUnits}`);
    // Different but equal strings compare by content: a memcmp, cheaper than the copy.
    if (!(this.loadedLength >= end && this.loadedText === text)) this.load(text, 0, end);
    return this.charsFn(end);
  }

  /** Flushes n accumulator entries to the output at outAt (as HashAccumulator.flush); returns the end. */
  flush(n: number, outAt: number, scale: number): number {
    return this.flushFn(n, outAt, scale);
  }

  /** Output entries [0, n) as one new buffer: idx, val, then `extraFloats` uninitialised floats. */
  take(n: number, extraFloats: number): FeatureBuffer {
    const out = featureBuffer(n, extraFloats);
    out.idx.set(new Int32Array(this.memory.buffer, this.o.outIdx, n));
    out.val.set(new Float32Array(this.memory.buffer, this.o.outVal, n));
    return out;
  }
}
