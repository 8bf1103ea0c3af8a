/**
 * The sparse part of one text's features: the word block, then the character block, each
 * log-scaled, L2-normalised and weighted, in one new buffer with room for the embedding after it.
 * Runs the WebAssembly kernel (ngram-kernel.ts) where it can, else the JavaScript reference
 * (ngrams.ts and hash-accumulator.ts): the same features, bit for bit.
 */
import { HashAccumulator, SparseBuilder, type FeatureBuffer } from "./hash-accumulator.js";
import { NgramKernel } from "./ngram-kernel.js";
import { addCharFeatures, addWordFeatures } from "./ngrams.js";
import type { FeatureConfig } from "./types.js";

/** The entries, and `extraFloats` floats after them in the same buffer (uninitialised). */
export type SparseBlocks = FeatureBuffer;

export interface NgramBlockWriter {
  readonly kernel: "wasm" | "js";
  write(words: string, chars: string, extraFloats: number): SparseBlocks;
}

/** Adds one block may receive: every character n-gram of maxChars units, or two per word. */
export function accumulatorCapacity(c: FeatureConfig): number {
  const charAdds = (c.maxChars + 2) * (c.charMaxN - c.charMinN + 1);
  // Int16 counts bound a block's adds; addCharFeatures stops early rather than overflow.
  return Math.min(32767, Math.max(charAdds, 2 * c.maxWords) + 16);
}

function charEnd(c: FeatureConfig, text: string, free: number): number {
  return Math.min(text.length, c.maxChars, Math.floor(free / (c.charMaxN - c.charMinN + 1)) - 2);
}

class JsWriter implements NgramBlockWriter {
  readonly kernel = "js";
  private readonly acc: HashAccumulator;
  private readonly out = new SparseBuilder(8192);

  constructor(private readonly c: FeatureConfig) {
    this.acc = new HashAccumulator(c.hashBits, accumulatorCapacity(c));
  }

  write(words: string, chars: string, extraFloats: number): SparseBlocks {
    const c = this.c;
    addWordFeatures(words, this.acc, c);
    this.acc.flush(this.out, c.wordWeight);
    addCharFeatures(chars, this.acc, { minN: c.charMinN, maxN: c.charMaxN, maxChars: c.maxChars });
    this.acc.flush(this.out, c.charWeight);
    return this.out.take(extraFloats);
  }
}

class WasmWriter implements NgramBlockWriter {
  readonly kernel = "wasm";

  constructor(
    private readonly c: FeatureConfig,
    private readonly k: NgramKernel,
  ) {}

  write(words: string, chars: string, extraFloats: number): SparseBlocks {
    const c = this.c;
    const capacity = this.k.layout.capacity;
    let n = this.k.addWords(words, 0, Math.min(c.maxWords, capacity >> 1), c.maxWordLength);
    const outLen = this.k.flush(n, 0, c.wordWeight);
    n = this.k.addChars(chars, charEnd(c, chars, capacity));
    return this.k.take(this.k.flush(n, outLen, c.charWeight), extraFloats);
  }
}

export function createNgramWriter(
  config: FeatureConfig,
  options: { kernel?: "wasm" | "js" } = {},
): NgramBlockWriter {
  if (options.kernel !== "js") {
    const kernel = NgramKernel.create({
      hashBits: config.hashBits,
      charMinN: config.charMinN,
      charMaxN: config.charMaxN,
      capacity: accumulatorCapacity(config),
      textUnits: Math.max(4096, config.maxChars),
    });
    if (kernel) return new WasmWriter(config, kernel);
    if (options.kernel === "wasm") throw new Error("WebAssembly is not available here");
  }
  return new JsWriter(config);
}
