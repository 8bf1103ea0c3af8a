/**
 * Adds a judge's findings to a fast decision by the policy, the way the engine maps findings: a finding
 * at or over its rule's threshold with a block or escalate rule raises the action (block > escalate),
 * a redact rule cannot be honoured without a span and blocks, an allow rule only records the finding.
 * The judge only adds: a decision it does not raise keeps its action, text and redactions.
 */
import type { Finding } from "../../detectors/types.js";
import { resolveRule } from "../../policy/rules.js";
import type { Policy, ResolvedRule, RuleAction } from "../../policy/schema.js";
import type { Stage } from "../../policy/stages.js";
import type { Decision, DecisionAction } from "../types.js";

const RANK: Record<DecisionAction, number> = { allow: 0, modify: 1, escalate: 2, block: 3 };

export interface Merged {
  decision: Decision;
  raised: boolean;
}

export function mergeJudgeFindings(
  policy: Policy,
  stage: Stage,
  fast: Decision,
  findings: readonly Finding[],
): Merged {
  let top: { action: "block" | "escalate"; rule: ResolvedRule; finding: Finding } | undefined;
  const reasons: Finding[] = [];
  const ruleActions: Record<string, RuleAction> = {};
  for (const f of findings) {
    const rule = resolveRule(policy, f.category, stage);
    if (rule.action === "allow" || f.score < rule.threshold) continue;
    const action = rule.action === "escalate" ? "escalate" : "block";
    const reason =
      rule.action === "redact" ? { ...f, evidence: `${f.evidence ?? f.category} (no span to redact)` } : f;
    reasons.push(reason);
    ruleActions[f.category] = action;
    if (!top || RANK[action] > RANK[top.action] || (action === top.action && f.score > top.finding.score))
      top = { action, rule, finding: reason };
  }
  const all = { ...fast, findings: [...fast.findings, ...findings] };
  if (!top || RANK[top.action] <= RANK[fast.action]) return { decision: all, raised: false };

  const decision: Decision = {
    ...all,
    action: top.action,
    layer: `${stage}-cascade`,
    reasons: [...fast.reasons, ...reasons],
    ruleActions: { ...fast.ruleActions, ...ruleActions },
    safeReply: top.rule.safeReply,
  };
  delete decision.text;
  delete decision.vault;
  return { decision, raised: true };
}
