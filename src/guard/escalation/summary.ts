/**
 * The part of a guard decision an escalation keeps: why it was escalated and by which layer and policy.
 * The decision's text, vault and full findings stay out, so the queue holds nothing unredacted.
 */
import type { Decision } from "../types.js";
import type { DecisionSummary } from "./types.js";

export function summarizeDecision(d: Decision): DecisionSummary {
  return {
    action: d.action,
    layer: d.layer,
    policy: { name: d.policy.name, version: d.policy.version },
    reasons: d.reasons.map((f) => ({
      detector: f.detector,
      category: f.category,
      score: f.score,
      ...(f.label !== undefined ? { label: f.label } : {}),
      ...(f.evidence !== undefined ? { evidence: f.evidence } : {}),
    })),
    ruleActions: { ...d.ruleActions },
  };
}
