/**
 * Maps findings to one decision by the policy. Precedence: block > escalate > redact > allow.
 * The decision keeps every finding that led there, so evaluation can attribute it.
 */
import type { Detector, Finding } from "../detectors/types.js";
import { resolveRule } from "../policy/rules.js";
import type { Policy, ResolvedRule, RuleAction } from "../policy/schema.js";
import type { Stage } from "../policy/stages.js";
import type { TransformationRequest } from "./transformations.js";
import type { DecisionAction, DetectorFailure, TransformationExemption } from "./types.js";

export interface Verdict {
  action: DecisionAction;
  reasons: Finding[];
  /** Reasons whose rule is "redact", to be applied to the text. */
  redactions: Finding[];
  safeReply?: string;
  exemptions: TransformationExemption[];
  failures: DetectorFailure[];
  ruleActions: Record<string, RuleAction>;
}

const RANK: Record<RuleAction, number> = { allow: 0, redact: 1, escalate: 2, block: 3 };

function within(inner: [number, number], outer: [number, number]): boolean {
  return inner[0] >= outer[0] && inner[1] <= outer[1];
}

export function decide(
  policy: Policy,
  stage: Stage,
  findings: readonly Finding[],
  failed: ReadonlyArray<{ detector: Detector; kind: "error" | "timeout"; message: string }>,
  transformation: TransformationRequest | undefined,
): Verdict {
  const rules = new Map<string, ResolvedRule>();
  const ruleFor = (category: string): ResolvedRule => {
    let r = rules.get(category);
    if (!r) {
      r = resolveRule(policy, category, stage);
      rules.set(category, r);
    }
    return r;
  };

  let top = "allow" as RuleAction;
  let topRule: ResolvedRule | undefined;
  let topScore = -1;
  const reasons: Finding[] = [];
  const redactions: Finding[] = [];
  const exemptions: TransformationExemption[] = [];
  const ruleActions: Record<string, RuleAction> = {};

  const consider = (finding: Finding, rule: ResolvedRule) => {
    reasons.push(finding);
    ruleActions[finding.category] = rule.action;
    if (rule.action === "redact") redactions.push(finding);
    const rank = RANK[rule.action];
    if (rank > RANK[top] || (rank === RANK[top] && finding.score > topScore)) {
      top = rule.action;
      topRule = rule;
      topScore = finding.score;
    }
  };

  for (const finding of findings) {
    const rule = ruleFor(finding.category);
    if (rule.action === "allow" || finding.score < rule.threshold) continue;
    if (
      transformation &&
      finding.span &&
      rule.allowTransformations.includes(transformation.transformation) &&
      within(finding.span, transformation.payload)
    ) {
      exemptions.push({ finding, transformation: transformation.transformation });
      continue;
    }
    consider(finding, rule);
  }

  // A redaction needs a span; a redact rule whose finding has none cannot be honoured, so it blocks.
  for (const f of redactions) {
    if (!f.span)
      consider(
        { ...f, evidence: `${f.evidence ?? f.category} (no span to redact)` },
        { ...ruleFor(f.category), action: "block" },
      );
  }

  // Fail closed: a failed detector that feeds a blocking or escalating rule at this stage blocks.
  const failures: DetectorFailure[] = failed.map(({ detector, kind, message }) => {
    const feedsBlocking = detector.categories.some((c) => RANK[ruleFor(c).action] >= RANK.escalate);
    const failedClosed = policy.detectors.onError === "closed" && feedsBlocking;
    if (failedClosed) {
      const synthetic: Finding = {
        detector: detector.name,
        category: detector.categories[0] ?? "detector-failure",
        score: 1,
        label: `detector-${kind}`,
        evidence: `${detector.name} ${kind === "timeout" ? "timed out" : "failed"}: ${message} (fail closed)`,
      };
      consider(synthetic, { ...ruleFor(synthetic.category), action: "block" });
    }
    return { detector: detector.name, kind, message, failedClosed };
  });

  const action: DecisionAction = top === "redact" ? "modify" : top;
  const verdict: Verdict = { action, reasons, redactions, exemptions, failures, ruleActions };
  const finalRule: ResolvedRule | undefined = topRule;
  if ((action === "block" || action === "escalate") && finalRule) verdict.safeReply = finalRule.safeReply;
  return verdict;
}
