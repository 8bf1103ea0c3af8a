/**
 * Sentence embedding from the distilled static table: tokenise with the teacher's tokenizer,
 * look each token's vector up, average, L2-normalise (Model2Vec's pooling).
 *
 * A token's vector is weight[t] * scale[row] * int8 values of its row: frequent tokens have a
 * row of their own, rare ones share a k-means centroid's row but keep their own weight (the
 * SIF-weighted norm of their distilled vector). See training/distill/README.md.
 */
import type { UnigramTokenizer } from "./unigram-tokenizer.js";
import { NO_ROW, type VectorsFile } from "./weights-format.js";

/** Model2Vec's default cap: tokens past the first 512 content tokens are ignored. */
export const DEFAULT_MAX_TOKENS = 512;

export interface EmbedOptions {
  /** Content tokens (with a vector: not special, not <unk>) to pool at most. */
  maxTokens?: number;
}

export class StaticEmbedder {
  readonly dims: number;
  /** Per token id: its row, or -1 for tokens that are never pooled. */
  private readonly rowOf: Int32Array;
  /** Per token id: weight[t] * scale[row[t]], the factor applied to the row's int8 values. */
  private readonly factor: Float32Array;
  private readonly values: Int8Array;

  constructor(
    private readonly tokenizer: UnigramTokenizer,
    vectors: VectorsFile,
  ) {
    if (vectors.vocabSize !== tokenizer.vocabSize) {
      throw new Error(`vectors.bin has ${vectors.vocabSize} tokens, the tokenizer ${tokenizer.vocabSize}`);
    }
    this.dims = vectors.dims;
    this.values = vectors.values;
    this.rowOf = new Int32Array(vectors.vocabSize).fill(-1);
    this.factor = new Float32Array(vectors.vocabSize);
    for (let t = 0; t < vectors.vocabSize; t++) {
      const row = vectors.tokenRows[t]!;
      if (row === NO_ROW || t === tokenizer.unkId || tokenizer.isSpecial(t)) continue;
      this.rowOf[t] = row;
      this.factor[t] = vectors.tokenWeights[t]! * vectors.scales[row]!;
    }
  }

  /** The token ids that `embed` pools: those with a vector, in order, at most maxTokens. */
  tokenize(text: string, options: EmbedOptions = {}): number[] {
    const max = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    const ids = this.tokenizer.encode(text, { maxContentTokens: max });
    return ids.filter((id) => this.rowOf[id]! >= 0).slice(0, max);
  }

  /** L2-normalised mean of the token vectors; all zeros when the text has no content token. */
  embed(text: string, options: EmbedOptions = {}): Float32Array {
    return this.embedIds(this.tokenize(text, options));
  }

  /** Pools token ids (ids without a vector are skipped). */
  embedIds(ids: readonly number[]): Float32Array {
    const dims = this.dims;
    const acc = new Float32Array(dims);
    const { rowOf, factor, values } = this;
    for (const id of ids) {
      const row = rowOf[id] ?? -1;
      if (row < 0) continue;
      const f = factor[id]!;
      const off = row * dims;
      for (let d = 0; d < dims; d++) acc[d]! += f * values[off + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += acc[d]! * acc[d]!;
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let d = 0; d < dims; d++) acc[d]! *= inv;
    }
    return acc;
  }
}
