/** The shapes `compareRuns` returns. */
import type { Interval } from "../stats/interval.js";
import type { RunStats, StatsOptions } from "../stats/types.js";
import type { PairedTable } from "./paired-difference.js";

/** The metrics compared; both count a bad event, so higher is worse. */
export type Metric = "asr" | "over-refusal";

export const METRICS: readonly Metric[] = ["asr", "over-refusal"];

export type Verdict = "regression" | "improvement" | "no significant change";

export interface MetricComparison {
  metric: Metric;
  /** "all" for the whole run, else the category. */
  scope: string;
  table: PairedTable;
  /** Pairs in the table (both runs have a non-error result with this expectation). */
  n: number;
  rateA: number;
  rateB: number;
  /** rateB - rateA: positive is worse. */
  difference: number;
  interval: Interval;
  /** Exact McNemar, two-sided. */
  pValue: number;
  /** Holm-adjusted over the categories of this metric (equal to pValue for "all" or without adjustment). */
  pAdjusted: number;
  verdict: Verdict;
}

/** Results that could not be paired, or paired but were not compared. */
export interface PairingCounts {
  /** Keys (suite, case, strategy) present in one run only. */
  onlyInA: number;
  onlyInB: number;
  /** Repeated keys within one run; the first result is used. */
  duplicatesInA: number;
  duplicatesInB: number;
  /** Pairs whose expected behaviour, or whether the case is an attack, differs between runs (left out). */
  expectationMismatch: number;
  /** Pairs where either run errored (left out of every table). */
  errored: number;
}

export interface RunSide {
  runId: string;
  target: string;
}

export interface RunComparison {
  baseline: RunSide;
  candidate: RunSide;
  suiteIds: string[];
  alpha: number;
  confidence: number;
  adjustment: "holm" | "none";
  /** Keys present in both runs. */
  paired: number;
  pairing: PairingCounts;
  overall: MetricComparison[];
  byCategory: MetricComparison[];
  /** Every comparison (overall and per category) whose verdict is a regression. */
  regressions: MetricComparison[];
  improvements: MetricComparison[];
  baselineStats: RunStats;
  candidateStats: RunStats;
}

export interface CompareOptions {
  /** Significance level of the verdicts; 0.05 by default. */
  alpha?: number;
  /** Confidence level of the difference intervals; 1 - alpha by default. */
  confidence?: number;
  /** Multiple-comparison adjustment over categories; "holm" by default. */
  adjustment?: "holm" | "none";
  /** Options for the per-run statistics included in the comparison. */
  stats?: StatsOptions;
}

/** Two runs cannot be compared: the message says why and what to do. */
export class IncomparableRunsError extends Error {
  override readonly name = "IncomparableRunsError";
}
