import { clusteredBootstrapInterval, type ClusterCount } from "./bootstrap.js";
import { deriveSeed } from "./rng.js";
import type { Rate, StatsOptions } from "./types.js";
import { wilsonInterval } from "./wilson.js";

/** One observation of an event: did it happen, and which behaviour (cluster) it belongs to. */
export interface Observation {
  cluster: string;
  hit: boolean;
}

/**
 * A rate with its interval. Wilson when observations are (near) independent; when behaviours have many
 * variants, the behaviour-clustered bootstrap. The reported interval is then the hull of the bootstrap
 * and Wilson intervals: clustering can only add uncertainty, and a percentile bootstrap collapses to a
 * point at rates of 0 or 1, where Wilson still says how far the truth could be.
 */
export function measureRate(
  observations: readonly Observation[],
  label: string,
  options: StatsOptions = {},
): Rate {
  const confidence = options.confidence ?? 0.95;
  const clusters = new Map<string, ClusterCount>();
  let count = 0;
  for (const o of observations) {
    if (o.hit) count++;
    const c = clusters.get(o.cluster);
    if (c) {
      c.trials++;
      if (o.hit) c.hits++;
    } else clusters.set(o.cluster, { hits: o.hit ? 1 : 0, trials: 1 });
  }
  const total = observations.length;
  const wilson = wilsonInterval(count, total, confidence);
  const base = { count, total, rate: total > 0 ? count / total : NaN, behaviours: clusters.size, wilson };
  const clustered =
    clusters.size >= (options.minBehaviours ?? 5) &&
    total / clusters.size >= (options.minVariantsPerBehaviour ?? 2);
  if (!clustered) return { ...base, interval: wilson, method: "wilson" };
  const boot = clusteredBootstrapInterval([...clusters.values()], {
    resamples: options.resamples ?? 2000,
    seed: deriveSeed(options.seed ?? 1, label),
    confidence,
  });
  return {
    ...base,
    interval: { low: Math.min(boot.low, wilson.low), high: Math.max(boot.high, wilson.high) },
    method: "cluster-bootstrap",
  };
}
