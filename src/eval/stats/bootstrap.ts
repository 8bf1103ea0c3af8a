import { EMPTY_INTERVAL, type Interval } from "./interval.js";
import { seededRandom } from "./rng.js";

/** Hits and trials of one cluster (one behaviour and all its attack variants). */
export interface ClusterCount {
  hits: number;
  trials: number;
}

export interface BootstrapOptions {
  /** Number of resamples; 2,000 by default. */
  resamples?: number;
  /** Seed of the resampling PRNG; the same seed gives the same interval. */
  seed?: number;
  confidence?: number;
}

/**
 * A percentile bootstrap interval for a proportion when observations come in clusters: variants of one
 * behaviour succeed or fail together, so they are not independent trials. Clusters are resampled with
 * replacement and the pooled rate (sum of hits / sum of trials) is recomputed each time.
 */
export function clusteredBootstrapInterval(
  clusters: readonly ClusterCount[],
  options: BootstrapOptions = {},
): Interval {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const k = clusters.length;
  if (k === 0 || clusters.every((c) => c.trials === 0)) return EMPTY_INTERVAL;
  const hits = Float64Array.from(clusters, (c) => c.hits);
  const trials = Float64Array.from(clusters, (c) => c.trials);
  const random = seededRandom(options.seed ?? 1);
  const stats = new Float64Array(resamples);
  let filled = 0;
  for (let r = 0; r < resamples; r++) {
    let h = 0;
    let t = 0;
    for (let i = 0; i < k; i++) {
      const j = Math.floor(random() * k);
      h += hits[j]!;
      t += trials[j]!;
    }
    // A resample of only empty clusters has no rate; it is skipped rather than counted as 0.
    if (t > 0) stats[filled++] = h / t;
  }
  const sorted = stats.subarray(0, filled).sort();
  const alpha = 1 - confidence;
  return { low: quantile(sorted, alpha / 2), high: quantile(sorted, 1 - alpha / 2) };
}

/** Linear-interpolated quantile (type 7) of an ascending array. */
function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
