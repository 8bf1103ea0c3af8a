/** Session state shared by the rails (turns, taint, conversation risk) and the per-turn check. */
export {
  beginTurn,
  createSession,
  describeTaint,
  isTainted,
  markTainted,
  MAX_UNTRUSTED_SOURCES,
  type SessionState,
  type UntrustedKind,
  type UntrustedSource,
} from "./state.js";
export {
  ConversationRisk,
  formatContributions,
  type CategoryRisk,
  type ConversationRiskState,
  type RiskAssessment,
} from "./conversation-risk.js";
export { applySessionRisk, checkTurn, conversationRiskFor, type TurnDecision } from "./check-turn.js";
