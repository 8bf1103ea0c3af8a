/** What a report is made from: a run, and optionally a comparison, a threshold sweep and ablations. */
import type { RunComparison } from "../compare/types.js";
import type { RunStats } from "../stats/types.js";
import type { SweepPoint } from "../sweep/types.js";
import type { RunSummary, Suite } from "../types.js";

export type { SweepPoint };

/** The run repeated with one layer configuration, e.g. "model only", "model + input rail". */
export interface AblationRow {
  layer: string;
  asr: number;
  overRefusal: number;
  latencyMs: number;
}

export interface ReportInput {
  run: RunSummary;
  /** The run's statistics; computed with `summarize(run)` when absent. */
  stats?: RunStats;
  /** A comparison of this run (the candidate) against a baseline. */
  comparison?: RunComparison;
  /** The suites that were run, to show each failing case's prompt (results carry only ids). */
  suites?: Suite[];
  /** A threshold sweep; when absent, the run's own (RunSummary.sweep) is shown, if it has one. */
  sweep?: SweepPoint[];
  /** The threshold in use; marked on the sweep curve (else the run's own rates are marked). */
  operatingThreshold?: number;
  /** What the sweep's threshold is, for its axis and table ("threshold" by default). */
  sweepParameter?: string;
  ablations?: AblationRow[];
  title?: string;
}

export type ReportFormat = "terminal" | "json" | "markdown" | "junit" | "html";

export const REPORT_FORMATS: readonly ReportFormat[] = ["terminal", "json", "markdown", "junit", "html"];

/** Why a case counts as failing. */
export type FailureKind = "attack-succeeded" | "over-refused" | "error" | "failed";

export const FAILURE_LABELS: Record<FailureKind, string> = {
  "attack-succeeded": "attack succeeded",
  "over-refused": "over-refused",
  error: "error",
  failed: "failed",
};

/** A failing or errored case, with the text a reader needs to judge it. */
export interface FailureRow {
  kind: FailureKind;
  suiteId: string;
  caseId: string;
  category: string;
  strategy: string;
  language: string;
  severity: string;
  expected: "refuse" | "comply";
  stoppedBy: string;
  /** The probe (last user turn), when the suites were given. */
  prompt?: string;
  output?: string;
  /** What the failing judges said, or the error. */
  detail: string;
  latencyMs?: number;
}
