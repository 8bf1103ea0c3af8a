import type { GroupStats, RunStats } from "../stats/types.js";
import { type GateOperator, type GateRule, GateRuleError, parseGateRules } from "./gate-rules.js";
import type { RunComparison } from "./types.js";

export interface GateViolation {
  rule: string;
  /** What was measured and why it violates the rule. */
  message: string;
  /** The measured value, when there was one. */
  value?: number;
}

const GROUPS = {
  category: "byCategory",
  strategy: "byStrategy",
  language: "byLanguage",
  severity: "bySeverity",
} as const;

function holds(value: number, op: GateOperator, threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function isComparison(x: RunStats | RunComparison): x is RunComparison {
  return "candidateStats" in x;
}

function checkThreshold(
  stats: RunStats,
  rule: Extract<GateRule, { kind: "threshold" }>,
): GateViolation | null {
  let where = "the run";
  let scope: Pick<GroupStats, "asr" | "overRefusal" | "errors" | "cases">;
  if (rule.group) {
    const groups = stats[GROUPS[rule.group.dimension]];
    const found = groups.find((g) => g.key === rule.group!.value);
    where = `${rule.group.dimension} "${rule.group.value}"`;
    if (!found) {
      // Fail closed: a misspelt category must not pass the gate silently.
      const known = groups.map((g) => g.key || "(none)").join(", ");
      return { rule: rule.source, message: `${where} is not in the run (it has: ${known || "nothing"})` };
    }
    scope = found;
  } else
    scope = {
      asr: stats.asr,
      overRefusal: stats.overRefusal,
      errors: stats.totals.errors,
      cases: stats.totals.cases,
    };

  let value: number;
  let count: string;
  if (rule.metric === "error-rate") {
    value = scope.cases > 0 ? scope.errors / scope.cases : NaN;
    count = `${scope.errors}/${scope.cases}`;
  } else {
    const rate = rule.metric === "asr" ? scope.asr : scope.overRefusal;
    value = rate.rate;
    count = `${rate.count}/${rate.total}`;
  }
  if (Number.isNaN(value)) {
    const kind =
      rule.metric === "asr" ? "harmful cases" : rule.metric === "over-refusal" ? "benign cases" : "cases";
    return {
      rule: rule.source,
      message: `${rule.metric} of ${where} cannot be measured: no ${kind} without errors`,
    };
  }
  if (!holds(value, rule.operator, rule.threshold)) return null;
  return {
    rule: rule.source,
    value,
    message: `${rule.metric} of ${where} is ${pct(value)} (${count}), ${rule.operator} ${pct(rule.threshold)}`,
  };
}

function checkRegression(c: RunComparison, rule: Extract<GateRule, { kind: "regression" }>): GateViolation[] {
  return c.regressions
    .filter((r) => !rule.metric || r.metric === rule.metric)
    .map((r) => ({
      rule: rule.source,
      value: r.difference,
      message:
        `${r.metric}${r.scope === "all" ? "" : ` in ${r.scope}`} regressed from ${pct(r.rateA)} to ${pct(r.rateB)} ` +
        `(${r.table.onlyB} newly bad, ${r.table.onlyA} fixed; exact McNemar p=${r.pAdjusted.toPrecision(3)})`,
    }));
}

/**
 * Checks `--fail-on` rules against a run's statistics or a comparison (threshold rules then apply to the
 * candidate). Returns the violations, empty when the gate passes. Bad rules throw GateRuleError; a
 * regression rule without a comparison throws too, since it cannot be checked.
 */
export function gate(target: RunStats | RunComparison, rules: readonly string[]): GateViolation[] {
  const parsed = parseGateRules(rules);
  const comparison = isComparison(target) ? target : null;
  const stats = comparison ? comparison.candidateStats : (target as RunStats);
  const violations: GateViolation[] = [];
  for (const rule of parsed) {
    if (rule.kind === "regression") {
      if (!comparison)
        throw new GateRuleError(`gate rule "${rule.source}" needs a baseline run to compare against`);
      violations.push(...checkRegression(comparison, rule));
    } else {
      const v = checkThreshold(stats, rule);
      if (v) violations.push(v);
    }
  }
  return violations;
}
