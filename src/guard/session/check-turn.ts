/**
 * One user turn through the guard with the conversation in view: begin the turn (clearing its taint),
 * run the input stage, add the findings to the conversation risk, and raise the decision to
 * `session.action` when the accumulated risk crosses `session.riskThreshold`.
 */
import type { Finding } from "../../detectors/types.js";
import { resolveRule } from "../../policy/rules.js";
import type { Policy } from "../../policy/schema.js";
import type { Guard } from "../create-guard.js";
import type { CheckContext, Decision, DecisionAction } from "../types.js";
import { ConversationRisk, formatContributions, type RiskAssessment } from "./conversation-risk.js";
import { beginTurn, type SessionState } from "./state.js";

export interface TurnDecision extends Decision {
  sessionRisk: RiskAssessment;
}

const RANK: Record<DecisionAction, number> = { allow: 0, modify: 1, escalate: 2, block: 3 };

const byPolicy = new WeakMap<Policy, ConversationRisk>();

/** The guard's conversation-risk rule (one per policy, reused across sessions). */
export function conversationRiskFor(guard: Guard): ConversationRisk {
  let risk = byPolicy.get(guard.policy);
  if (!risk) {
    risk = new ConversationRisk(guard.policy);
    byPolicy.set(guard.policy, risk);
  }
  return risk;
}

/** The decision with the session rule applied: unchanged unless it fired and asks for more. */
export function applySessionRisk(
  policy: Policy,
  decision: Decision,
  assessment: RiskAssessment,
): TurnDecision {
  const action = assessment.action;
  const top = assessment.categories.find((c) => c.category === assessment.category);
  if (!assessment.triggered || !top || RANK[decision.action] >= RANK[action]) {
    return { ...decision, sessionRisk: assessment };
  }
  const turns = top.contributions.filter((x) => x > 0).length;
  const reason: Finding = {
    detector: "conversation-risk",
    category: top.category,
    score: 1,
    label: "session-risk",
    evidence:
      `conversation risk for ${top.category} reached ${top.risk.toFixed(2)} (session.riskThreshold ` +
      `${assessment.threshold}) over ${turns} turn${turns === 1 ? "" : "s"}; each turn's strongest ` +
      `finding as a fraction of the rule's threshold: ${formatContributions(top)} (decay ${policy.session.decay})`,
  };
  const raised: TurnDecision = {
    ...decision,
    action,
    layer: "session-rail",
    reasons: [...decision.reasons, reason],
    ruleActions: { ...decision.ruleActions, [top.category]: action },
    safeReply: resolveRule(policy, top.category, "input").safeReply,
    sessionRisk: assessment,
  };
  delete raised.text;
  delete raised.vault;
  return raised;
}

/**
 * Checks one user message as the next turn of `session`. Mutates the session (turn count, taint,
 * risk history); store it back if it lives in a shared store.
 */
export async function checkTurn(
  guard: Guard,
  text: string,
  session: SessionState,
  ctx: CheckContext = {},
): Promise<TurnDecision> {
  beginTurn(session, guard.policy.session.taint);
  const decision = await guard.checkInput(text, { ...ctx, sessionId: ctx.sessionId ?? session.id });
  const assessment = conversationRiskFor(guard).observe(session.risk, decision.findings);
  return applySessionRisk(guard.policy, decision, assessment);
}
