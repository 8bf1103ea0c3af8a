/**
 * Binary logistic regression on sparse hashed + dense features: AdaGrad SGD over seeded shuffles, L2
 * applied to the coordinates an example touches, per-example weights (class and source balancing).
 * Deterministic: the same examples, weights and seed give bit-identical heads.
 */
import type { FeatureVector } from "../features/types.js";
import { emptyHead, sigmoid, type LinearHead } from "../model/linear-head.js";
import { mulberry32, shuffleInPlace } from "./rng.js";

export interface TrainOptions {
  /** log2 of the head's sparse weights (feature indices are masked to it). */
  bits: number;
  /** Learn dense weights (the embedding block); false ignores it. */
  useDense: boolean;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /**
   * Reweight so that within each class the languages weigh as they do in the other (see
   * balancedWeights): a language seen mostly among negatives does not become a sign of benign text.
   */
  balanceLanguages?: boolean;
  /** Extra weight per source (default 1), applied before each class is normalised: e.g. a contrast set. */
  sourceWeights?: Readonly<Record<string, number>>;
}

export const DEFAULT_TRAIN_OPTIONS: Readonly<TrainOptions> = Object.freeze({
  bits: 18,
  useDense: true,
  epochs: 6,
  learningRate: 0.2,
  l2: 1e-5,
  seed: 20240611,
});

const EPS = 1e-8;

export function trainLogistic(
  xs: readonly FeatureVector[],
  ys: ArrayLike<number>,
  sampleWeights: ArrayLike<number>,
  options: TrainOptions,
): LinearHead {
  if (xs.length !== ys.length || xs.length !== sampleWeights.length)
    throw new Error("xs, ys and weights differ in length");
  const denseDims = options.useDense ? (xs.find((x) => x.dense)?.dense?.length ?? null) : null;
  const head = emptyHead(options.bits, denseDims);
  const { weights: w } = head;
  const wd = head.dense;
  const mask = w.length - 1;
  const g2 = new Float32Array(w.length);
  const g2d = wd ? new Float64Array(wd.length) : null;
  let g2b = 0;
  let bias = 0;
  const { learningRate: lr, l2 } = options;
  const order = new Int32Array(xs.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const rand = mulberry32(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (let o = 0; o < order.length; o++) {
      const n = order[o]!;
      const x = xs[n]!;
      const sw = sampleWeights[n]!;
      if (sw === 0) continue;
      const { idx, val } = x;
      let z = bias;
      for (let k = 0; k < idx.length; k++) z += val[k]! * w[idx[k]! & mask]!;
      const d = wd && x.dense ? x.dense : null;
      if (d && wd) for (let j = 0; j < wd.length; j++) z += d[j]! * wd[j]!;
      const g = (sigmoid(z) - ys[n]!) * sw;
      if (g === 0) continue;
      for (let k = 0; k < idx.length; k++) {
        const i = idx[k]! & mask;
        const grad = g * val[k]! + l2 * w[i]!;
        g2[i]! += grad * grad;
        w[i]! -= (lr * grad) / (Math.sqrt(g2[i]!) + EPS);
      }
      if (d && wd && g2d) {
        for (let j = 0; j < wd.length; j++) {
          const grad = g * d[j]! + l2 * wd[j]!;
          g2d[j]! += grad * grad;
          wd[j]! -= (lr * grad) / (Math.sqrt(g2d[j]!) + EPS);
        }
      }
      g2b += g * g;
      bias -= (lr * g) / (Math.sqrt(g2b) + EPS);
    }
  }
  head.bias = bias;
  return head;
}

/**
 * Per-example weights: each class gets half the total weight, and within a class each source's weight
 * grows with the square root of its size (so one large source does not drown the small ones).
 *
 * With `langs`, the languages are then de-confounded from the label: for each language present in both
 * classes, its share of the positive weight and its share of the negative weight are both moved to
 * their geometric mean (and the classes renormalised). Without it, a language whose training text is
 * mostly benign (translated questions, say) teaches the model that the language itself means "benign",
 * and harmful requests in it are missed.
 */
export function balancedWeights(
  labels: ArrayLike<number>,
  sources: readonly string[],
  langs?: readonly (string | undefined)[],
  sourceWeights?: Readonly<Record<string, number>>,
): Float64Array {
  const n = labels.length;
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${labels[i]}\u0000${sources[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++)
    raw[i] = (sourceWeights?.[sources[i]!] ?? 1) / Math.sqrt(counts.get(`${labels[i]}\u0000${sources[i]}`)!);
  if (langs) balanceLanguageShares(raw, labels, langs);
  const classTotal = [0, 0];
  for (let i = 0; i < n; i++) classTotal[labels[i]!]! += raw[i]!;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const total = classTotal[labels[i]!]!;
    out[i] = total > 0 ? (raw[i]! * (n / 2)) / total : 0;
  }
  return out;
}

/** Moves each shared language's share of each class's weight to the geometric mean of the two (in place). */
function balanceLanguageShares(
  w: Float64Array,
  labels: ArrayLike<number>,
  langs: readonly (string | undefined)[],
): void {
  const byClass = [new Map<string, number>(), new Map<string, number>()] as const;
  const totals = [0, 0];
  for (let i = 0; i < w.length; i++) {
    const c = labels[i]!;
    const l = langs[i] ?? "unknown";
    byClass[c]!.set(l, (byClass[c]!.get(l) ?? 0) + w[i]!);
    totals[c]! += w[i]!;
  }
  if (totals[0] === 0 || totals[1] === 0) return;
  const factor = [new Map<string, number>(), new Map<string, number>()] as const;
  for (const [l, neg] of byClass[0]) {
    const pos = byClass[1].get(l);
    if (pos === undefined) continue;
    const pNeg = neg / totals[0]!;
    const pPos = pos / totals[1]!;
    const target = Math.sqrt(pNeg * pPos);
    factor[0].set(l, target / pNeg);
    factor[1].set(l, target / pPos);
  }
  for (let i = 0; i < w.length; i++) w[i]! *= factor[labels[i]!]!.get(langs[i] ?? "unknown") ?? 1;
}
