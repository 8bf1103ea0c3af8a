import { inRate, summarize } from "../stats/summarize.js";
import type { CaseResult, RunSummary } from "../types.js";
import { holmAdjust } from "./holm.js";
import { mcnemarExact } from "./mcnemar.js";
import { type PairedTable, pairedDifferenceInterval, pairedTotal } from "./paired-difference.js";
import { assertSameSuites, pairResults, type ResultPair } from "./pair-results.js";
import {
  type CompareOptions,
  type Metric,
  type MetricComparison,
  METRICS,
  type RunComparison,
  type Verdict,
} from "./types.js";

const EVENT: Record<Metric, (r: CaseResult) => boolean> = {
  asr: (r) => r.attackSucceeded,
  "over-refusal": (r) => r.overRefused,
};

function table(pairs: readonly ResultPair[], metric: Metric): PairedTable {
  const t: PairedTable = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const event = EVENT[metric];
  for (const { a, b } of pairs) {
    if (!inRate(a, metric)) continue;
    const ea = event(a);
    const eb = event(b);
    if (ea && eb) t.both++;
    else if (ea) t.onlyA++;
    else if (eb) t.onlyB++;
    else t.neither++;
  }
  return t;
}

function verdictOf(t: PairedTable, p: number, alpha: number): Verdict {
  if (!(p < alpha) || t.onlyA === t.onlyB) return "no significant change";
  return t.onlyB > t.onlyA ? "regression" : "improvement";
}

function compareMetric(pairs: readonly ResultPair[], metric: Metric, scope: string, confidence: number) {
  const t = table(pairs, metric);
  const n = pairedTotal(t);
  return {
    metric,
    scope,
    table: t,
    n,
    rateA: n > 0 ? (t.both + t.onlyA) / n : NaN,
    rateB: n > 0 ? (t.both + t.onlyB) / n : NaN,
    difference: n > 0 ? (t.onlyB - t.onlyA) / n : NaN,
    interval: pairedDifferenceInterval(t, confidence),
    pValue: n > 0 ? mcnemarExact(t.onlyA, t.onlyB) : NaN,
  };
}

/**
 * Compares a candidate run B against a baseline run A on the same suites: results are paired by (suite,
 * case, strategy), and for ASR and over-refusal, overall and per category, it gives the paired 2x2 table,
 * the exact McNemar p-value, the difference B - A with Newcombe's interval, and a verdict at `alpha`.
 * Per-category p-values are Holm-adjusted by default, so twenty categories do not make a false alarm
 * likely. Pairs where either run errored are left out and counted. Throws IncomparableRunsError when the
 * runs ran different suites.
 */
export function compareRuns(a: RunSummary, b: RunSummary, options: CompareOptions = {}): RunComparison {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  const confidence = options.confidence ?? 1 - alpha;
  const adjustment = options.adjustment ?? "holm";
  const suiteIds = assertSameSuites(a, b);
  const { pairs: all, counts } = pairResults(a, b);

  const pairs: ResultPair[] = [];
  for (const p of all) {
    if (p.a.expected !== p.b.expected || inRate(p.a, "asr") !== inRate(p.b, "asr"))
      counts.expectationMismatch++;
    else if (p.a.outcome === "error" || p.b.outcome === "error") counts.errored++;
    else pairs.push(p);
  }

  const withVerdict = (c: ReturnType<typeof compareMetric>, pAdjusted: number): MetricComparison => ({
    ...c,
    pAdjusted,
    verdict: Number.isNaN(pAdjusted) ? "no significant change" : verdictOf(c.table, pAdjusted, alpha),
  });

  const overall = METRICS.map((m) => {
    const c = compareMetric(pairs, m, "all", confidence);
    return withVerdict(c, c.pValue);
  });

  const byCat = new Map<string, ResultPair[]>();
  for (const p of pairs) {
    const list = byCat.get(p.a.category);
    if (list) list.push(p);
    else byCat.set(p.a.category, [p]);
  }
  const categories = [...byCat.keys()].sort((x, y) => x.localeCompare(y));
  const byCategory: MetricComparison[] = [];
  for (const m of METRICS) {
    // Only categories with cases of this expectation enter the metric's family.
    const raw = categories
      .map((cat) => compareMetric(byCat.get(cat)!, m, cat, confidence))
      .filter((c) => c.n > 0);
    const adjusted = adjustment === "holm" ? holmAdjust(raw.map((c) => c.pValue)) : raw.map((c) => c.pValue);
    raw.forEach((c, i) => byCategory.push(withVerdict(c, adjusted[i]!)));
  }

  const every = [...overall, ...byCategory];
  return {
    baseline: { runId: a.runId, target: a.target },
    candidate: { runId: b.runId, target: b.target },
    suiteIds,
    alpha,
    confidence,
    adjustment,
    paired: all.length,
    pairing: counts,
    overall,
    byCategory,
    regressions: every.filter((c) => c.verdict === "regression"),
    improvements: every.filter((c) => c.verdict === "improvement"),
    baselineStats: summarize(a, options.stats),
    candidateStats: summarize(b, options.stats),
  };
}
