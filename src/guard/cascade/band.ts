/**
 * Which fast-path evidence is in the uncertain band: findings the policy recorded under their rule's
 * threshold, and band-probe scores under the classifier's operating threshold, limited to categories
 * the judge can assess and whose rule at this stage would act (a rule that allows needs no judge).
 */
import { resolveRule } from "../../policy/rules.js";
import type { Policy, ResolvedRule } from "../../policy/schema.js";
import type { Stage } from "../../policy/stages.js";
import type { Decision } from "../types.js";
import type { ProbeRecord } from "./probe-slot.js";
import type { BandHit } from "./types.js";

export interface BandLimits {
  low: number;
  high: number;
  categories: ReadonlySet<string>;
}

export function bandHits(
  policy: Policy,
  stage: Stage,
  decision: Decision,
  records: readonly ProbeRecord[],
  limits: BandLimits,
): BandHit[] {
  const rules = new Map<string, ResolvedRule>();
  const ruleFor = (category: string): ResolvedRule => {
    let r = rules.get(category);
    if (!r) rules.set(category, (r = resolveRule(policy, category, stage)));
    return r;
  };
  const hits: BandHit[] = [];
  const seen = new Set<string>();
  const consider = (
    detector: string,
    category: string,
    score: number,
    floorThreshold: number,
    via: BandHit["via"],
  ) => {
    if (!limits.categories.has(category)) return;
    const rule = ruleFor(category);
    if (rule.action === "allow") return;
    const threshold = Math.max(rule.threshold, floorThreshold);
    if (!(score >= limits.low * threshold && score < limits.high * threshold)) return;
    const key = `${detector}\u0000${category}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push({ detector, category, score, threshold, via });
  };
  for (const r of records) consider(r.source, r.finding.category, r.finding.score, r.threshold, "probe");
  for (const f of decision.findings) consider(f.detector, f.category, f.score, 0, "finding");
  return hits;
}
