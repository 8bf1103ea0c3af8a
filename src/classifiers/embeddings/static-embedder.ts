/**
 * Sentence embedding from the distilled static table: tokenise with the teacher's tokenizer,
 * look each token's vector up, average, L2-normalise (Model2Vec's pooling).
 *
 * A token's vector is weight[t] * scale[row] * int8 values of its row: frequent tokens have a
 * row of their own, rare ones share a k-means centroid's row but keep their own weight (the
 * SIF-weighted norm of their distilled vector). See training/distill/README.md.
 *
 * Pooling sums each row's factors first (texts repeat tokens, rare tokens share rows), then the rows
 * in float32 with the SIMD kernel of row-pooler.ts. embedInto() allocates nothing per text once warm.
 */
import { createRowPooler, type RowPooler, type RowPoolerOptions } from "./row-pooler.js";
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
  /**
   * Per token id t, side by side so that one cache line serves both: at 2t its row (-1 for tokens
   * that are never pooled), at 2t + 1 weight[t] * scale[row[t]], the factor applied to the row's
   * int8 values. Two views of one buffer.
   */
  private readonly rowOf: Int32Array;
  private readonly factor: Float32Array;
  /** Scratch: per-row summed factor, kept all-zero between calls. */
  private readonly coef: Float64Array;
  private readonly pooler: RowPooler;

  constructor(
    private readonly tokenizer: UnigramTokenizer,
    vectors: VectorsFile,
    options: RowPoolerOptions = {},
  ) {
    if (vectors.vocabSize !== tokenizer.vocabSize) {
      throw new Error(`vectors.bin has ${vectors.vocabSize} tokens, the tokenizer ${tokenizer.vocabSize}`);
    }
    this.dims = vectors.dims;
    this.coef = new Float64Array(vectors.rows);
    const table = new ArrayBuffer(8 * vectors.vocabSize);
    this.rowOf = new Int32Array(table);
    this.factor = new Float32Array(table);
    for (let t = 0; t < vectors.vocabSize; t++) {
      const row = vectors.tokenRows[t]!;
      const pooled = !(row === NO_ROW || t === tokenizer.unkId || tokenizer.isSpecial(t));
      this.rowOf[2 * t] = pooled ? row : -1;
      if (pooled) this.factor[2 * t + 1] = vectors.tokenWeights[t]! * vectors.scales[row]!;
    }
    this.pooler = createRowPooler(vectors.values, vectors.dims, vectors.rows, options);
  }

  /** Which pooling kernel runs: "simd" (WebAssembly) or "scalar". */
  get kernel(): "simd" | "scalar" {
    return this.pooler.kernel;
  }

  /** The token ids that `embed` pools: those with a vector, in order, at most maxTokens. */
  tokenize(text: string, options: EmbedOptions = {}): number[] {
    const max = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    const ids = this.tokenizer.encodeIds(text, max);
    const out: number[] = [];
    for (let i = 0; i < ids.length && out.length < max; i++) {
      const id = ids[i]!;
      if ((this.rowOf[2 * id] ?? -1) >= 0) out.push(id);
    }
    return out;
  }

  /** L2-normalised mean of the token vectors; all zeros when the text has no content token. */
  embed(text: string, options: EmbedOptions = {}): Float32Array {
    const out = new Float32Array(this.dims);
    this.embedInto(text, text.length, options.maxTokens ?? DEFAULT_MAX_TOKENS, out);
    return out;
  }

  /** embed() of text[0, end) into `out` (dims floats). */
  embedInto(text: string, end: number, maxTokens: number, out: Float32Array): void {
    this.poolInto(this.tokenizer.encodeIds(text, maxTokens, end), maxTokens, out);
  }

  /** Pools token ids (ids without a vector are skipped). */
  embedIds(ids: ArrayLike<number>): Float32Array {
    const out = new Float32Array(this.dims);
    this.poolInto(ids, Infinity, out);
    return out;
  }

  /** Pools the first `max` ids that have a vector into `out`, L2-normalised. */
  private poolInto(ids: ArrayLike<number>, max: number, out: Float32Array): void {
    if (out.length !== this.dims) throw new Error(`output has ${out.length} floats, want ${this.dims}`);
    const { rowOf, factor, coef, pooler } = this;
    const rows = pooler.rows;
    let nt = 0;
    let pooled = 0;
    for (let i = 0; i < ids.length && pooled < max; i++) {
      const id = ids[i]!;
      const row = rowOf[2 * id] ?? -1;
      if (row < 0) continue;
      pooled++;
      const f = factor[2 * id + 1]!;
      // A zero-weight token adds nothing (and must not list its row twice).
      if (f === 0) continue;
      if (coef[row] === 0) rows[nt++] = row;
      coef[row]! += f;
    }
    const coefs = pooler.coefs;
    for (let k = 0; k < nt; k++) {
      const row = rows[k]!;
      coefs[k] = coef[row]!;
      coef[row] = 0;
    }
    pooler.pool(nt);
    const acc = pooler.out;
    let norm = 0;
    for (let d = 0; d < acc.length; d++) norm += acc[d]! * acc[d]!;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < acc.length; d++) out[d] = acc[d]! * inv;
  }
}
