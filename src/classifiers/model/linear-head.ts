/**
 * A linear scorer over hashed sparse features plus a dense block: logit = bias + w·x + wd·d.
 * A head may use fewer hash bits than the features (its index is the feature index masked down), which
 * keeps the per-category heads small.
 */
import type { FeatureVector } from "../features/types.js";

export interface LinearHead {
  /** log2 of the sparse weight count; feature indices are masked to it. */
  bits: number;
  weights: Float32Array;
  /** Dense (embedding) weights, or null when the head ignores the dense block. */
  dense: Float32Array | null;
  bias: number;
}

export function emptyHead(bits: number, denseDims: number | null): LinearHead {
  return {
    bits,
    weights: new Float32Array(1 << bits),
    dense: denseDims === null ? null : new Float32Array(denseDims),
    bias: 0,
  };
}

export function headLogit(head: LinearHead, x: FeatureVector): number {
  const { weights, dense } = head;
  const mask = weights.length - 1;
  const { idx, val } = x;
  let z = head.bias;
  for (let k = 0; k < idx.length; k++) z += val[k]! * weights[idx[k]! & mask]!;
  if (dense && x.dense) {
    const d = x.dense;
    const n = Math.min(d.length, dense.length);
    for (let j = 0; j < n; j++) z += d[j]! * dense[j]!;
  }
  return z;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
