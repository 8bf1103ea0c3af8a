/**
 * A training-time transform of the embedding block, folded into the weights afterwards so inference
 * is unchanged: the dense features a head trains on are `scale * P d`, where P projects out a set of
 * orthonormal directions (the language subspace, see embeddings/language-subspace.ts). The score is
 * w·(scale P d) = (scale P w)·d, since P is symmetric, so the exported dense weights are `scale * P w`
 * and the committed runtime keeps reading the plain pooled embedding.
 *
 * Why at training time only: the features are shared by the five models (one featurisation per text),
 * so a per-model change of the embedding block cannot live in the featuriser; and a fold costs nothing
 * per call.
 */
import type { FeatureVector } from "../features/types.js";
import type { LinearHead } from "../model/linear-head.js";

export interface DenseTransform {
  /** Multiplies the dense block (a larger scale lets the embedding weigh more against the n-grams). */
  scale: number;
  /** Orthonormal directions projected out of the dense block. */
  directions: readonly Float32Array[];
  /** What the directions are, for the model card. */
  description: string;
}

/** d := scale * (d minus its components along the directions), in place. */
function apply(d: Float32Array, t: DenseTransform): void {
  for (const u of t.directions) {
    let dot = 0;
    for (let j = 0; j < d.length; j++) dot += d[j]! * u[j]!;
    for (let j = 0; j < d.length; j++) d[j]! -= dot * u[j]!;
  }
  if (t.scale !== 1) for (let j = 0; j < d.length; j++) d[j]! *= t.scale;
}

/** The features a head trains on: the same sparse part, a transformed copy of the dense block. */
export function transformFeatures(x: FeatureVector, t: DenseTransform | undefined): FeatureVector {
  if (!t || !x.dense) return x;
  const dense = Float32Array.from(x.dense);
  apply(dense, t);
  return { idx: x.idx, val: x.val, dense };
}

/** Folds the transform into a head trained on transformed features (in place; returns the head). */
export function foldDense(head: LinearHead, t: DenseTransform | undefined): LinearHead {
  if (t && head.dense) apply(head.dense, t);
  return head;
}
