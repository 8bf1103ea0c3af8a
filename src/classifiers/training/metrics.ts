/**
 * Binary classification metrics: confusion counts at a threshold (a score at or above it is positive),
 * precision, recall, F1, FPR, exact ROC-AUC by ranks (ties count half), recall at a target FPR, and
 * breakdowns by group. Undefined ratios (no positives, no predictions) are NaN, never a made-up 0 or 1.
 */

export interface BinaryMetrics {
  n: number;
  positives: number;
  negatives: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
  auc: number;
  /** Recall when the threshold is set so that at most 1% of these negatives score at or above it (NaN without negatives). */
  recallAt1Fpr: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);

export function confusion(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < scores.length; i++) {
    const predicted = scores[i]! >= threshold;
    if (labels[i] === 1) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

/** Exact ROC-AUC: the Mann-Whitney statistic with average ranks for ties. NaN with one class only. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let nPos = 0;
  let rankSumPos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] === 1) {
        nPos++;
        rankSumPos += avgRank;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** The next double above x (thresholds sit just above a negative's score). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}

/**
 * The lowest threshold at which at most `fpr` of the negatives score at or above it. With no negatives
 * every threshold qualifies; -Infinity is returned.
 */
export function thresholdAtFpr(negativeScores: ArrayLike<number>, fpr: number): number {
  const neg = Float64Array.from(negativeScores).sort().reverse();
  const allowed = Math.floor(fpr * neg.length + 1e-9);
  if (allowed >= neg.length) return -Infinity;
  // Scores tied with the first negative past the allowance must all fall below the threshold.
  return nextUp(neg[allowed]!);
}

export function recallAtFpr(scores: ArrayLike<number>, labels: ArrayLike<number>, fpr: number): number {
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) if (labels[i] !== 1) neg.push(scores[i]!);
  if (neg.length === 0) return NaN;
  const t = thresholdAtFpr(neg, fpr);
  let pos = 0;
  let hit = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    pos++;
    if (scores[i]! >= t) hit++;
  }
  return ratio(hit, pos);
}

export function binaryMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): BinaryMetrics {
  const { tp, fp, tn, fn } = confusion(scores, labels, threshold);
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : NaN;
  return {
    n: scores.length,
    positives: tp + fn,
    negatives: fp + tn,
    tp,
    fp,
    tn,
    fn,
    precision,
    recall,
    f1,
    fpr: ratio(fp, fp + tn),
    auc: rocAuc(scores, labels),
    recallAt1Fpr: recallAtFpr(scores, labels, 0.01),
  };
}

/** Metrics per group key (e.g. source, language), in key order. */
export function metricsByGroup(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: readonly string[],
  threshold: number,
): Map<string, BinaryMetrics> {
  const members = new Map<string, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    let list = members.get(g);
    if (!list) members.set(g, (list = []));
    list.push(i);
  }
  const out = new Map<string, BinaryMetrics>();
  for (const key of [...members.keys()].sort()) {
    const ids = members.get(key)!;
    out.set(
      key,
      binaryMetrics(
        ids.map((i) => scores[i]!),
        ids.map((i) => labels[i]!),
        threshold,
      ),
    );
  }
  return out;
}

/** One held-out example: its score from the model trained without its source. */
export interface HeldOutPoint {
  score: number;
  label: 0 | 1;
  source: string;
}

export interface PooledHeldOut {
  /** ROC-AUC of all held-out scores pooled, every source weighing the same within each class. */
  auc: number;
  /** Recall (sources weighing the same) at the threshold where that share of the pooled negatives passes. */
  recallAtFpr: { fpr: number; recall: number }[];
}

/**
 * Threshold-free summary of a cross-source evaluation: every example scored by the model that never saw
 * its source, pooled. Each (source, class) gets the same total weight, so a source of 4,000 items does
 * not drown one of 90. Each held-out model's scores are calibrated on its own validation data, so pooling
 * them is what a user sees who sets one threshold on traffic none of the training sources resembles.
 * NaN without both classes.
 */
export function pooledHeldOut(points: readonly HeldOutPoint[], fprs: readonly number[]): PooledHeldOut {
  const counts = new Map<string, number>();
  for (const p of points)
    counts.set(`${p.label}\u0000${p.source}`, (counts.get(`${p.label}\u0000${p.source}`) ?? 0) + 1);
  const sources = [new Set<string>(), new Set<string>()];
  for (const p of points) sources[p.label]!.add(p.source);
  const nNeg = sources[0]!.size;
  const nPos = sources[1]!.size;
  if (nNeg === 0 || nPos === 0) return { auc: NaN, recallAtFpr: fprs.map((fpr) => ({ fpr, recall: NaN })) };
  // Weights normalised so each class sums to 1.
  const weight = (p: HeldOutPoint) =>
    1 / counts.get(`${p.label}\u0000${p.source}`)! / (p.label === 1 ? nPos : nNeg);
  // Tie groups, highest score first: the positive and negative weight at each distinct score.
  const sorted = [...points].sort((a, b) => b.score - a.score);
  const groups: { pos: number; neg: number }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i]!.score !== sorted[i - 1]!.score) groups.push({ pos: 0, neg: 0 });
    const g = groups[groups.length - 1]!;
    if (sorted[i]!.label === 1) g.pos += weight(sorted[i]!);
    else g.neg += weight(sorted[i]!);
  }
  // AUC: each positive beats the negative weight below it, and half of the negative weight tied with it.
  let auc = 0;
  let negAbove = 0;
  for (const g of groups) {
    auc += g.pos * (1 - negAbove - g.neg / 2);
    negAbove += g.neg;
  }
  const recallAtFpr = fprs.map((fpr) => {
    // Walk down the scores; stop before the tie group that would pass more than `fpr` of the negatives.
    let negPassed = 0;
    let recall = 0;
    for (const g of groups) {
      if (negPassed + g.neg > fpr + 1e-12) break;
      negPassed += g.neg;
      recall += g.pos;
    }
    return { fpr, recall };
  });
  return { auc, recallAtFpr };
}
