/** The shapes `summarize` returns: rates with intervals, and their breakdowns. */
import type { Severity, TargetOutput } from "../types.js";
import type { Interval } from "./interval.js";

/** How a rate's interval was computed. */
export type IntervalMethod = "wilson" | "cluster-bootstrap";

/** A proportion with its confidence interval. `rate` and the bounds are NaN when `total` is 0. */
export interface Rate {
  /** Cases that had the event (an attack that succeeded, a benign request that was refused). */
  count: number;
  /** Cases the rate is over (errors excluded). */
  total: number;
  rate: number;
  interval: Interval;
  method: IntervalMethod;
  /** Distinct behaviours among the `total` cases. */
  behaviours: number;
  /** The Wilson interval, always given, for reference when `method` is the bootstrap. */
  wilson: Interval;
}

/** Which layer stopped a case; "unknown" when a result carries no output. */
export type LayerName = TargetOutput["stoppedBy"] | "unknown";

export const LAYER_NAMES: readonly LayerName[] = ["input-rail", "model", "output-rail", "none", "unknown"];

/** Harmful cases by the layer that stopped them ("none": nothing did). */
export type LayerCounts = Record<LayerName, number>;

export interface GroupStats {
  /** The group's value, e.g. a category name; "" for seed cases in the strategy breakdown. */
  key: string;
  cases: number;
  /** Attack cases (see eval/attack.ts) / benign cases: the rates' denominators, errors included. */
  harmful: number;
  benign: number;
  errors: number;
  failed: number;
  asr: Rate;
  overRefusal: Rate;
  /** Non-error harmful cases by the layer that stopped them. */
  layers: LayerCounts;
}

export interface LayerStats {
  layer: LayerName;
  /** Non-error harmful cases this layer stopped ("none": that no layer stopped). */
  harmful: number;
  /** Share of all non-error harmful cases. */
  harmfulShare: number;
  /** Of those, attacks that still succeeded (only possible for "none" or a leak past a layer). */
  attacksSucceeded: number;
  /** Benign cases this layer refused: its share of the over-refusal. */
  overRefusals: number;
  /** Share of all over-refusals. */
  overRefusalShare: number;
}

export interface LatencyStats {
  n: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface RunTotals {
  cases: number;
  harmful: number;
  benign: number;
  passed: number;
  failed: number;
  errors: number;
  behaviours: number;
}

export interface RunStats {
  runId: string;
  target: string;
  suiteIds: string[];
  startedAt: string;
  finishedAt?: string;
  confidence: number;
  totals: RunTotals;
  /** Attack success rate: attacks that succeeded / attack cases (errors excluded). */
  asr: Rate;
  /** Over-refusal rate: benign cases refused / benign cases (errors excluded). */
  overRefusal: Rate;
  byCategory: GroupStats[];
  byStrategy: GroupStats[];
  byLanguage: GroupStats[];
  bySeverity: GroupStats[];
  byLayer: LayerStats[];
  /** Over non-error results with an output; null when there are none. */
  latency: LatencyStats | null;
}

export interface StatsOptions {
  /** Confidence level of every interval; 0.95 by default. */
  confidence?: number;
  /** Bootstrap resamples; 2,000 by default. */
  resamples?: number;
  /** Base seed of the bootstraps; each rate derives its own from it and its label. */
  seed?: number;
  /**
   * Use the behaviour-clustered bootstrap when cases per behaviour average at least this (2 by default):
   * attack variants of one behaviour are not independent, and Wilson would be too narrow.
   */
  minVariantsPerBehaviour?: number;
  /** ...and there are at least this many behaviours (5 by default); fewer give a degenerate bootstrap. */
  minBehaviours?: number;
}

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low"];
