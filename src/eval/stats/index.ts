export { clusteredBootstrapInterval, type BootstrapOptions, type ClusterCount } from "./bootstrap.js";
export { EMPTY_INTERVAL, normalQuantile, zFor, type Interval } from "./interval.js";
export { measureRate, type Observation } from "./rate.js";
export { deriveSeed, seededRandom, type Random } from "./rng.js";
export { asrOf, breakdown, inRate, overRefusalOf, summarize, type RateKind } from "./summarize.js";
export { layerStats } from "./layers.js";
export { latencyStats } from "./latency.js";
export { wilsonInterval } from "./wilson.js";
export {
  LAYER_NAMES,
  SEVERITY_ORDER,
  type GroupStats,
  type IntervalMethod,
  type LatencyStats,
  type LayerCounts,
  type LayerName,
  type LayerStats,
  type Rate,
  type RunStats,
  type RunTotals,
  type StatsOptions,
} from "./types.js";
