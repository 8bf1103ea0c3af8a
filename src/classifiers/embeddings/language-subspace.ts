/**
 * The language subspace of the static embedding, and an embedder with it projected out.
 *
 * Each language's texts sit around a mean of their own: the pooled embedding carries "which language"
 * as well as "what it says". A head trained on data where some languages are almost only benign learns
 * the language direction as a sign of benign text, and misses harmful requests in those languages.
 * Projecting out the directions between the language means (measured on parallel text, so that the
 * content is the same in every language and only the language differs) leaves what the text says. The
 * harm model does so while training, folded into its weights (training/dense-transform.ts).
 */
import type { TextEmbedder } from "../features/featurizer.js";

/**
 * Orthonormal directions spanning the differences between the languages' mean embeddings, strongest
 * first (Gram-Schmidt in order of the remaining norm); directions weaker than `minNorm` (relative to
 * the strongest) are dropped. `means` are the per-language mean embeddings.
 */
export function languageDirections(means: readonly Float32Array[], minNorm = 0.05): Float32Array[] {
  if (means.length < 2) return [];
  const dims = means[0]!.length;
  const centre = new Float64Array(dims);
  for (const m of means) for (let d = 0; d < dims; d++) centre[d]! += m[d]! / means.length;
  const residual = means.map((m) => Float64Array.from(m, (x, d) => x - centre[d]!));
  const basis: Float32Array[] = [];
  let first = 0;
  for (;;) {
    let best = -1;
    let bestNorm = 0;
    residual.forEach((r, i) => {
      const n = Math.hypot(...r);
      if (n > bestNorm) {
        bestNorm = n;
        best = i;
      }
    });
    if (best < 0) break;
    if (basis.length === 0) first = bestNorm;
    if (bestNorm < minNorm * first || bestNorm === 0) break;
    const u = Float32Array.from(residual[best]!, (x) => x / bestNorm);
    basis.push(u);
    for (const r of residual) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += r[d]! * u[d]!;
      for (let d = 0; d < dims; d++) r[d]! -= dot * u[d]!;
    }
  }
  return basis;
}

/** Mean unit embedding of each group of texts (each text's first `maxChars` characters, `maxTokens` tokens). */
export function meanEmbeddings(
  embedder: TextEmbedder,
  groups: readonly (readonly string[])[],
  maxChars: number,
  maxTokens: number,
): Float32Array[] {
  const v = new Float32Array(embedder.dims);
  return groups.map((texts) => {
    const sum = new Float32Array(embedder.dims);
    for (const t of texts) {
      embedder.embedInto(t, Math.min(t.length, maxChars), maxTokens, v);
      for (let d = 0; d < v.length; d++) sum[d]! += v[d]! / texts.length;
    }
    return sum;
  });
}
