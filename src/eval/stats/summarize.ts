import { isAttackResult } from "../attack.js";
import type { CaseResult, RunSummary } from "../types.js";
import { countLayers, layerStats } from "./layers.js";
import { latencyStats } from "./latency.js";
import { measureRate, type Observation } from "./rate.js";
import { type GroupStats, type Rate, type RunStats, SEVERITY_ORDER, type StatsOptions } from "./types.js";

type Dimension = "category" | "strategy" | "language" | "severity";

/** The cases a rate is over: attacks for ASR, benign cases (not attacks, expected comply) for over-refusal. */
export type RateKind = "asr" | "over-refusal";

/** True when a result is in the denominator of the rate (errors aside). */
export function inRate(r: CaseResult, kind: RateKind): boolean {
  const attack = isAttackResult(r);
  return kind === "asr" ? attack : !attack && r.expected === "comply";
}

/** Attack success rate over the non-error attack results (see eval/attack.ts). */
export function asrOf(results: readonly CaseResult[], label: string, options: StatsOptions = {}): Rate {
  return measureRate(
    observe(results, "asr", (r) => r.attackSucceeded),
    `asr|${label}`,
    options,
  );
}

/** Over-refusal rate over the non-error benign results. */
export function overRefusalOf(
  results: readonly CaseResult[],
  label: string,
  options: StatsOptions = {},
): Rate {
  return measureRate(
    observe(results, "over-refusal", (r) => r.overRefused),
    `over-refusal|${label}`,
    options,
  );
}

function observe(
  results: readonly CaseResult[],
  kind: RateKind,
  hit: (r: CaseResult) => boolean,
): Observation[] {
  const out: Observation[] = [];
  for (const r of results)
    if (r.outcome !== "error" && inRate(r, kind)) out.push({ cluster: r.behaviour || r.caseId, hit: hit(r) });
  return out;
}

function groupStats(
  key: string,
  results: readonly CaseResult[],
  label: string,
  options: StatsOptions,
): GroupStats {
  let harmful = 0;
  let benign = 0;
  let errors = 0;
  let failed = 0;
  for (const r of results) {
    if (inRate(r, "asr")) harmful++;
    else if (inRate(r, "over-refusal")) benign++;
    if (r.outcome === "error") errors++;
    else if (r.outcome === "fail") failed++;
  }
  return {
    key,
    cases: results.length,
    harmful,
    benign,
    errors,
    failed,
    asr: asrOf(results, label, options),
    overRefusal: overRefusalOf(results, label, options),
    layers: countLayers(results),
  };
}

/** Results split by one dimension, in a stable order (severity by rank, the rest by name). */
export function breakdown(
  results: readonly CaseResult[],
  dimension: Dimension,
  options: StatsOptions = {},
): GroupStats[] {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    const key = r[dimension] ?? "";
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const keys = [...groups.keys()];
  if (dimension === "severity") {
    const rank = (k: string) => {
      const i = SEVERITY_ORDER.indexOf(k as (typeof SEVERITY_ORDER)[number]);
      return i < 0 ? SEVERITY_ORDER.length : i;
    };
    keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  } else keys.sort((a, b) => a.localeCompare(b));
  return keys.map((k) => groupStats(k, groups.get(k)!, `${dimension}=${k}`, options));
}

/**
 * Everything a report shows about one run: ASR and over-refusal with intervals (Wilson, or the
 * behaviour-clustered bootstrap when behaviours have many variants), breakdowns by category, strategy,
 * language and severity, layer attribution and latency. Errors are counted, never scored as pass or fail.
 */
export function summarize(run: RunSummary, options: StatsOptions = {}): RunStats {
  const results = run.results;
  const behaviours = new Set(results.map((r) => r.behaviour || r.caseId));
  let harmful = 0;
  let benign = 0;
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const r of results) {
    if (inRate(r, "asr")) harmful++;
    else if (inRate(r, "over-refusal")) benign++;
    if (r.outcome === "pass") passed++;
    else if (r.outcome === "fail") failed++;
    else errors++;
  }
  return {
    runId: run.runId,
    target: run.target,
    suiteIds: [...run.suiteIds],
    startedAt: run.startedAt,
    ...(run.finishedAt !== undefined ? { finishedAt: run.finishedAt } : {}),
    confidence: options.confidence ?? 0.95,
    totals: {
      cases: results.length,
      harmful,
      benign,
      passed,
      failed,
      errors,
      behaviours: behaviours.size,
    },
    asr: asrOf(results, "all", options),
    overRefusal: overRefusalOf(results, "all", options),
    byCategory: breakdown(results, "category", options),
    byStrategy: breakdown(results, "strategy", options),
    byLanguage: breakdown(results, "language", options),
    bySeverity: breakdown(results, "severity", options),
    byLayer: layerStats(results),
    latency: latencyStats(results),
  };
}
