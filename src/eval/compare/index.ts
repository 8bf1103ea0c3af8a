export { compareRuns } from "./compare-runs.js";
export { gate, type GateViolation } from "./gate.js";
export {
  GATE_METRICS,
  GateRuleError,
  parseGateRule,
  parseGateRules,
  type GateDimension,
  type GateMetric,
  type GateOperator,
  type GateRule,
} from "./gate-rules.js";
export { holmAdjust } from "./holm.js";
export { binomialHalfCdf, mcnemarExact } from "./mcnemar.js";
export { pairedDifferenceInterval, pairedTotal, type PairedTable } from "./paired-difference.js";
export { assertSameSuites, pairKey, pairResults, type ResultPair } from "./pair-results.js";
export {
  IncomparableRunsError,
  METRICS,
  type CompareOptions,
  type Metric,
  type MetricComparison,
  type PairingCounts,
  type RunComparison,
  type RunSide,
  type Verdict,
} from "./types.js";
